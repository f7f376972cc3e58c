"""The words of a unit's report of a period: what the director writes, what is drafted from the
work until they do, and the header an imported report brought with it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import select

from tracker.common.clock import local_zone
from tracker.common.exceptions import NotAllowed, ValidationFailed
from tracker.domain.periods import Period
from tracker.domain.report import Organisation, ReportTexts
from tracker.domain.report.header import JSON_TEXTS
from tracker.domain.report.prose import lower_first
from tracker.domain.report.window import Window
from tracker.domain.text import same_name
from tracker.extensions import db
from tracker.models import ReportText, Task, TaskUpdate, Unit
from tracker.models._base import utcnow
from tracker.org.settings import get_settings, organisation
from tracker.permissions import Action, Principal, can

TEXT_FIELDS = ("number", *JSON_TEXTS, "plan_intro")
LIMITS = {"number": 60, "signer_title": 160, "signer_name": 160}
# The reasons people gave while the work ran late or came back: what held it up.
OBSTACLE_KINDS = ("extension_requested", "returned")
MAX_DRAFTED = 12


def department() -> Unit | None:
    """The department: the unit at the top of the tree (the first, if several)."""
    return db.session.scalar(select(Unit).where(Unit.parent_id.is_(None)).order_by(Unit.id))


def stored_texts(period: Period, unit: Unit | None) -> ReportText | None:
    if unit is None:
        return None
    return db.session.scalar(
        select(ReportText).where(ReportText.period == period.code, ReportText.unit_id == unit.id)
    )


class ReportWords(NamedTuple):
    """What a unit's report of a period says of itself: its texts and who issues it."""

    texts: ReportTexts
    organisation: Organisation
    written: bool  # the director wrote the texts (else they are the defaults)


def report_words(period: Period, unit: Unit | None = None, top: Unit | None = None) -> ReportWords:
    """The texts and the organisation of the department's report (or `unit`'s), read at once:
    the director's texts over the defaults, an imported header over the settings."""
    top = top or department()
    unit = unit or top
    stored = stored_texts(period, unit)
    org = _organisation(unit, top, stored)
    texts = _default_texts(period, org)
    if stored is not None:
        written = {name: getattr(stored, name) or "" for name in TEXT_FIELDS}
        texts = replace(texts, **{k: v for k, v in written.items() if v or k not in _FALLBACKS})
        texts = replace(texts, signed_on=stored.signed_on)
    return ReportWords(texts, org, stored is not None)


def report_texts(period: Period, unit: Unit | None = None) -> ReportTexts:
    """The texts of the report: the director's, else the defaults, field by field."""
    return report_words(period, unit).texts


def report_organisation(period: Period, unit: Unit | None = None) -> Organisation:
    """Who issues the report (see `report_words`)."""
    return report_words(period, unit).organisation


def default_texts(period: Period, unit: Unit | None = None) -> ReportTexts:
    """What a new period's report says until the director writes it."""
    return _default_texts(period, report_organisation(period, unit))


# Texts whose defaults stand in for an empty stored value (a blank signature is no choice).
_FALLBACKS = ("introduction", "signer_title", "signer_name", "recipients")


def _default_texts(period: Period, org: Organisation) -> ReportTexts:
    """The opening drafted from the period; signature and recipients from the settings."""
    settings = get_settings()
    name = org.prose_name or "Sở"
    return ReportTexts(
        introduction=(
            f"{name} báo cáo kết quả thực hiện nhiệm vụ {lower_first(period.label)} và phương "
            f"hướng, nhiệm vụ {lower_first(period.next().label)} như sau:"
        ),
        signer_title=settings["report_signer_title"],
        signer_name=settings["report_signer_name"],
        recipients=settings["report_recipients"],
    )


def _organisation(unit: Unit | None, top: Unit | None, stored: ReportText | None) -> Organisation:
    """The settings' organisation (or, for a division's own report, the division under the
    department), over which an imported report's header prevails. Prose names it as its
    unit is written, when the unit is the header's organisation."""
    org = organisation()
    if unit is not None and top is not None and unit.id != top.id:
        org = Organisation(org.name, unit.name.upper(), unit.code, org.place)
    if stored is not None:
        org = replace(
            org,
            parent_body=stored.org_parent_body or org.parent_body,
            name=stored.org_name or org.name,
            place=stored.org_place if stored.org_place is not None else org.place,
            written_name=stored.org_written_name or "",
        )
    if not org.written_name and unit is not None and same_name(unit.name, org.name):
        org = replace(org, written_name=unit.name)
    return org


def save_report_texts(
    user, principal: Principal, period: Period, data: dict, unit: Unit | None = None
) -> ReportText:
    """Save the director's texts of a unit's report of a period (director, admin)."""
    unit = unit or department()
    if not can(principal, Action.EDIT_REPORT) or unit is None:
        raise NotAllowed("Chỉ lãnh đạo Sở sửa được nội dung báo cáo.")
    stored = stored_texts(period, unit)
    if stored is None:
        stored = ReportText(period=period.code, unit_id=unit.id)
        db.session.add(stored)
    for name in TEXT_FIELDS:
        if name not in data:
            continue
        value = (data[name] or "").replace("\r\n", "\n").strip()
        if len(value) > LIMITS.get(name, 20_000):
            raise ValidationFailed(f"Nội dung “{name}” quá dài.", field=name)
        setattr(stored, name, value)
    stored.updated_by_id = user.id
    stored.updated_at = utcnow()
    db.session.flush()
    return stored


def drafted_difficulties(window: Window, task_ids: set[int] | None = None) -> str:
    """ "Khó khăn, vướng mắc" drafted from the work: the reasons given in the window's
    extension requests and returns, one line a task (the latest reason), for the director
    to edit. `task_ids` limits it to the report's tasks."""
    utc = (_utc_midnight(window.start), _utc_midnight(window.end + timedelta(days=1)))
    rows = db.session.execute(
        select(TaskUpdate.task_id, Task.title, TaskUpdate.kind, TaskUpdate.note)
        .join(Task, Task.id == TaskUpdate.task_id)
        .where(
            TaskUpdate.kind.in_(OBSTACLE_KINDS),
            TaskUpdate.note.is_not(None),
            TaskUpdate.created_at >= utc[0],
            TaskUpdate.created_at < utc[1],
        )
        .order_by(TaskUpdate.created_at.desc(), TaskUpdate.id.desc())
    ).all()
    lines, seen = [], set()
    for task_id, title, kind, note in rows:
        if task_id in seen or (task_ids is not None and task_id not in task_ids):
            continue
        seen.add(task_id)
        why = " ".join(note.split()).rstrip(".")
        what = "đề nghị gia hạn" if kind == "extension_requested" else "bị trả lại"
        lines.append(f"- {title}: {lower_first(why)} ({what}).")
    return "\n".join(lines[:MAX_DRAFTED])


def _utc_midnight(day) -> datetime:
    """The start of the department's `day`, as stored times are written (naive UTC)."""
    local = datetime.combine(day, time(0), tzinfo=local_zone())
    return local.astimezone(UTC).replace(tzinfo=None)
