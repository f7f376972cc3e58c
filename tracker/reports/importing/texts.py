"""The words and the header an imported report brings for its period: the director's texts
(number, introduction, assessment, signature, recipients ...) and the Decree 30 header (the
parent body, the organisation, the place and the date it was signed).

They are kept for the department's report of that period, so that the report written back
reads as the original did; what the director already wrote for the period stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from tracker.domain.dates import format_day
from tracker.domain.periods import Period
from tracker.domain.report.header import Organisation
from tracker.extensions import db
from tracker.imports.report_mapping import as_written
from tracker.imports.report_model import ParsedReport
from tracker.models import ReportText, Unit
from tracker.models._base import utcnow
from tracker.reports.importing.plan import TEXT_LABELS, TextPlan
from tracker.reports.texts import LIMITS, TEXT_FIELDS, default_texts

if TYPE_CHECKING:
    from tracker.reports.importing.plan import ImportPlan

HEADER_FIELDS = ("org_parent_body", "org_name", "org_place", "signed_on")
HEADER_LIMITS = {"org_parent_body": 255, "org_name": 255, "org_place": 120}


def text_plans(parsed: ParsedReport, period: Period, department_id: int | None) -> list[TextPlan]:
    """What the report would fill, and what the period's report already says ("keep")."""
    found = {
        "number": parsed.number or "",
        "introduction": parsed.introduction,
        "assessment": parsed.assessment,
        "difficulties": parsed.difficulties,
        "proposals": parsed.proposals,
        "signer_title": parsed.signer_title,
        "signer_name": parsed.signer_name,
        "recipients": "\n".join(parsed.recipients),
        "org_parent_body": parsed.parent_body or "",
        # the name as the report writes it; its capitals head the document when it had a header
        "org_name": written_name(parsed),
        "org_place": parsed.place or "",
        "signed_on": format_day(parsed.issued_on) if parsed.issued_on else "",
    }
    stored = None
    if department_id is not None:
        stored = db.session.scalar(
            select(ReportText).where(
                ReportText.period == period.code, ReportText.unit_id == department_id
            )
        )
    texts = []
    for name in (*TEXT_FIELDS, *HEADER_FIELDS):
        value = (found.get(name) or "").strip()
        if not value or name not in TEXT_LABELS:
            continue
        current = _shown(getattr(stored, name, None))
        action = "keep" if current.strip() else "set"
        texts.append(TextPlan(name, TEXT_LABELS[name], value, action, current))
    return texts


def has_header(parsed: ParsedReport) -> bool:
    """Whether the report opens with a Decree 30 header (number, place and date, bodies)."""
    return bool(parsed.parent_body or parsed.number or parsed.issued_on or parsed.place)


def written_name(parsed: ParsedReport) -> str:
    """The organisation's name as the report's sentences write it (its case kept); a name in
    capitals the sentences never repeat reads as the header's capitals read in prose."""
    name = " ".join((parsed.organisation or "").split())
    found = as_written(name, parsed.closing, parsed.introduction, parsed.plan_intro)
    if name.isupper() and found == name[:1] + name[1:].lower():  # not found in the text
        return Organisation(name=name).prose_name
    return found


def _shown(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else format_day(value)


def write_texts(user, plan: ImportPlan, department: Unit) -> list[str]:
    """Fill the department's report of the period with what the report has and it lacks;
    return the labels of what was filled."""
    wanted = [t for t in plan.texts if t.action == "set"]
    if not wanted:
        return []
    stored = db.session.scalar(
        select(ReportText).where(
            ReportText.period == plan.period.code, ReportText.unit_id == department.id
        )
    )
    fresh = stored is None
    if fresh:  # what the report lacks reads as a new period's report would
        defaults = default_texts(plan.period, department)
        stored = ReportText(period=plan.period.code, unit_id=department.id)
        for name in TEXT_FIELDS:
            setattr(stored, name, getattr(defaults, name))
        db.session.add(stored)
    filled = []
    for text in wanted:
        if not fresh and _shown(getattr(stored, text.name)).strip():
            continue  # written since the preview: the director's words stay
        if text.name == "signed_on":
            stored.signed_on = plan.report.issued_on
        elif text.name == "org_name":
            stored.org_written_name = text.value[: HEADER_LIMITS["org_name"]]
            if has_header(plan.report):  # a name read from the closing sentence heads nothing
                stored.org_name = text.value.upper()[: HEADER_LIMITS["org_name"]]
        else:
            limit = LIMITS.get(text.name) or HEADER_LIMITS.get(text.name, 20_000)
            setattr(stored, text.name, text.value[:limit])
        filled.append(text.label)
    stored.updated_by_id = user.id if user else None
    stored.updated_at = utcnow()
    return filled
