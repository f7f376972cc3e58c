"""Import a past report: plan what it would create, let people look, then write it at once.

`plan_import_of_report` reads the database but writes nothing: it matches the report's
headings to the section tree, guesses each item's lead unit, spots items already imported
and the documents already registered. `apply_report_import` writes the plan with the
director's choices (services/report_import_write.py); the caller commits once.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import PurePath

from sqlalchemy import func, select

from tracker.common.exceptions import ValidationFailed
from tracker.documents.linking import dedupe_key
from tracker.domain.legal_refs import find_refs, symbol_key
from tracker.domain.periods import Period
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.imports.report_mapping import (
    UnitMatcher,
    as_written,
    completion_date,
    normal,
    organisation_code,
    period_from_subject,
    short_title,
)
from tracker.imports.report_model import NotAReportError, ParsedReport
from tracker.imports.report_parser import parse_report
from tracker.models import Document, ReportText, Section, Task, Unit
from tracker.org.settings import get_settings
from tracker.reports.build import TEXT_FIELDS
from tracker.reports.importing.plan import (
    TEXT_LABELS,
    DocumentPlan,
    ImportPlan,
    ItemPlan,
    PlanTaskPlan,
    RootPlan,
    TextPlan,
    UnitChoice,
)
from tracker.reports.importing.sections import plan_sections
from tracker.reports.importing.upload import selections_from_form  # noqa: F401

_GENERIC = re.compile(r"^(?:linh vuc|cong tac|hoat dong|ve) ")
SUFFIXES = (".docx", ".txt")
MAX_UNZIPPED = 50 * 1024 * 1024  # a Word report is a few hundred kB once unzipped


def read_report(filename: str, data: bytes, max_bytes: int | None = None) -> ParsedReport:
    """Parse an uploaded report (.docx or .txt); ValidationFailed on the field "file" if not."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationFailed("Chỉ nhận tệp báo cáo .docx hoặc .txt.", field="file")
    if not data:
        raise ValidationFailed("Tệp trống.", field="file")
    if max_bytes is not None and len(data) > max_bytes:
        limit = max_bytes // (1024 * 1024)
        raise ValidationFailed(f"Tệp lớn hơn {limit} MB.", field="file")
    if suffix == ".docx" and zipfile.is_zipfile(BytesIO(data)):
        with zipfile.ZipFile(BytesIO(data)) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_UNZIPPED:
                raise ValidationFailed(
                    "Tệp Word giải nén ra quá lớn (nghi “bom nén”).", field="file"
                )
    try:
        return parse_report(filename, data)
    except NotAReportError as error:
        raise ValidationFailed(str(error), field="file") from None


def infer_period(report: ParsedReport) -> Period | None:
    """The period the report's subject names ("9 tháng đầu năm 2020" → 2020-9M), if any."""
    year = report.issued_on.year if report.issued_on else None
    return period_from_subject(report.subject or report.title, year)


def plan_import_of_report(parsed: ParsedReport, period: Period, filename: str = "") -> ImportPlan:
    """What importing the report as period `period` would create, match and link."""
    units = db.session.scalars(select(Unit).where(Unit.active)).all()
    department = _department(parsed, units)
    ancestors = _ancestors(department, units)
    matcher = UnitMatcher((u.id, u.name, u.short_name) for u in units if u.id not in ancestors)
    sections, warnings = plan_sections(parsed)
    plan = ImportPlan(
        period=period,
        filename=filename,
        report=parsed,
        sections=sections,
        items=_items(parsed, period, sections, matcher),
        plan_tasks=_plan_tasks(parsed, sections, matcher),
        documents=[],
        texts=_texts(parsed, period),
        units=_unit_choices(units),
        department_id=department.id if department else None,
        department_name=department.name if department else "",
        root=None if db.session.scalar(select(func.count()).select_from(Unit)) else _root(parsed),
        warnings=warnings,
    )
    if plan.root is not None:
        plan.department_name = plan.root.name
    matched = {s.existing_id for s in sections if s.existing_id is not None}
    plan.other_sections = [
        (s.id, f"{s.code}. {s.title}")
        for s in db.session.scalars(select(Section).order_by(Section.sort_order, Section.code))
        if s.id not in matched and s.active
    ]
    _mark_duplicates(plan)
    plan.documents = _documents(plan)
    plan.warnings += _warnings(plan)
    return plan


# -- pieces of the plan ----------------------------------------------------------------------


def _department(parsed: ParsedReport, units) -> Unit | None:
    """The unit the report speaks for: named as its organisation, else the top of the tree."""
    if not units:
        return None
    wanted = normal(parsed.organisation or "")
    for unit in units:
        name = normal(unit.name)
        if wanted and (wanted == name or wanted.startswith(name + " ")):
            return unit
    roots = sorted((u for u in units if u.parent_id is None), key=lambda u: (u.sort_order, u.id))
    return roots[0] if roots else units[0]


def _ancestors(unit: Unit | None, units) -> set[int]:
    """The unit and those above it: naming them says nothing about who did the work."""
    parents = {u.id: u.parent_id for u in units}
    found: set[int] = set()
    current = unit.id if unit else None
    while current is not None and current not in found:
        found.add(current)
        current = parents.get(current)
    return found


def _unit_choices(units) -> list[UnitChoice]:
    children: dict[int | None, list[Unit]] = {}
    for unit in sorted(units, key=lambda u: (u.sort_order, u.name)):
        children.setdefault(unit.parent_id, []).append(unit)
    known = {u.id for u in units}
    tops = [u for u in units if u.parent_id is None or u.parent_id not in known]
    ordered: list[UnitChoice] = []
    stack = [(u, 0) for u in reversed(sorted(tops, key=lambda u: (u.sort_order, u.name)))]
    while stack:
        unit, depth = stack.pop()
        ordered.append(UnitChoice(unit.id, unit.name, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(unit.id, [])))
    return ordered


def _guess(matcher: UnitMatcher, text: str, *headings: str):
    """(unit id, mention, from a heading) for an item: its own words first, then headings."""
    if found := matcher.find(text):
        return found.unit_id, found.text, False
    for heading in headings:  # "Công tác thanh tra": the inspectorate's own heading
        if found := matcher.find(heading, proper_only=False):
            return found.unit_id, found.text, True
    return None, None, False


def _items(parsed, period, sections, matcher) -> list[ItemPlan]:
    titles = {s.key: s.title for s in sections}
    parents = {s.key: s.parent_key for s in sections}
    items: list[ItemPlan] = []
    for section in parsed.walk():
        chain, key = [], section.code
        while key is not None:
            chain.append(titles[key])
            key = parents[key]
        for entry in section.items:
            text = entry.full_text
            refs = find_refs(text)
            unit_id, mention, from_heading = _guess(matcher, text, *chain)
            items.append(
                ItemPlan(
                    key=f"item-{len(items) + 1}",
                    section_key=section.code,
                    text=text,
                    title=short_title(text),
                    completed_on=completion_date(text, period, refs),
                    refs=refs,
                    unit_id=unit_id,
                    unit_mention=mention,
                    guessed_from_heading=from_heading,
                )
            )
    return items


def _plan_tasks(parsed, sections, matcher) -> list[PlanTaskPlan]:
    default = sections[0].key if sections else ""
    phrases = []
    for section in sections:
        phrase = _GENERIC.sub("", normal(section.title))
        if phrase.count(" ") >= 1:
            phrases.append((len(phrase), section.key, re.compile(rf"\b{re.escape(phrase)}\b")))
    phrases.sort(key=lambda p: -p[0])
    tasks = []
    for n, text in enumerate(parsed.plan_items, start=1):
        folded = normal(text)
        section_key = next((key for _, key, rx in phrases if rx.search(folded)), default)
        unit_id, mention, _ = _guess(matcher, text)
        tasks.append(
            PlanTaskPlan(
                key=f"plan-{n}",
                text=text,
                title=short_title(text),
                section_ref=f"r:{section_key}",
                refs=find_refs(text),
                unit_id=unit_id,
                unit_mention=mention,
            )
        )
    return tasks


def _texts(parsed: ParsedReport, period: Period) -> list[TextPlan]:
    found = {
        "number": parsed.number or "",
        "introduction": parsed.introduction,
        "assessment": parsed.assessment,
        "difficulties": parsed.difficulties,
        "proposals": parsed.proposals,
        "signer_title": parsed.signer_title,
        "signer_name": parsed.signer_name,
        "recipients": "\n".join(parsed.recipients),
    }
    stored = db.session.scalar(select(ReportText).where(ReportText.period == period.code))
    texts = []
    for name in TEXT_FIELDS:
        value = (found.get(name) or "").strip()
        if not value:
            continue
        current = (getattr(stored, name) if stored else "") or ""
        action = "keep" if current.strip() else "set"
        texts.append(TextPlan(name, TEXT_LABELS[name], value, action, current))
    return texts


def _root(parsed: ParsedReport) -> RootPlan:
    settings = get_settings()
    written = parsed.organisation or settings["org_name"]
    name = as_written(written, parsed.closing, parsed.introduction, parsed.plan_intro)
    code = organisation_code(name)
    values = {"org_name": written.upper(), "org_code": code}
    if parsed.parent_body:
        values["org_parent_body"] = parsed.parent_body.upper()
    if parsed.place:
        values["org_place"] = parsed.place
    return RootPlan(name=name[:255], code=code, settings=values)


def _space(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _mark_duplicates(plan: ImportPlan) -> None:
    """Items whose result (or plan text) is already a task of the same section (period)."""
    ids = {s.key: s.existing_id for s in plan.sections}
    section_ids = sorted({i for i in ids.values() if i is not None})
    done = set()
    if section_ids:
        rows = db.session.execute(
            select(Task.section_id, Task.result).where(
                Task.section_id.in_(section_ids),
                Task.status.in_([Status.DONE.value, Status.SUBMITTED.value]),
                Task.completed_on.between(plan.period.start, plan.period.end),
            )
        )
        done = {(sid, _space(result)) for sid, result in rows}
    for item in plan.items:
        item.duplicate = (ids.get(item.section_key), _space(item.text)) in done
    planned = {
        _space(text)
        for text in db.session.scalars(
            select(Task.description).where(Task.planned_period == plan.next_period.code)
        )
    }
    for task in plan.plan_tasks:
        task.duplicate = _space(task.text) in planned


def _documents(plan: ImportPlan) -> list[DocumentPlan]:
    """The distinct documents the references name, with the registered ones found."""
    found: dict[tuple[str, int | None], DocumentPlan] = {}
    for ref in [r for i in plan.items for r in i.refs] + [
        r for p in plan.plan_tasks for r in p.refs
    ]:
        if ref.key in found:
            found[ref.key].mentions += 1
        else:
            found[ref.key] = DocumentPlan(ref)
    keys = [dedupe_key(d.ref.symbol, d.ref.year) for d in found.values()]
    registered = {
        row.dedupe_key: row
        for row in db.session.scalars(select(Document).where(Document.dedupe_key.in_(keys)))
    }
    for entry in found.values():
        document = registered.get(dedupe_key(entry.ref.symbol, entry.ref.year))
        if document is None and entry.ref.year is None:
            prefix = symbol_key(entry.ref.symbol) + "|"
            matches = db.session.scalars(
                select(Document).where(Document.dedupe_key.startswith(prefix))
            ).all()
            document = matches[0] if len(matches) == 1 else None
        if document is not None:
            entry.existing_id, entry.title = document.id, document.title
    return list(found.values())


def _warnings(plan: ImportPlan) -> list[str]:
    notes = []
    named = infer_period(plan.report)
    if named is not None and named != plan.period:
        notes.append(
            f"Tiêu đề báo cáo nói về kỳ “{named.label}” nhưng kỳ được chọn là "
            f"“{plan.period.label}”: hãy kiểm tra lại kỳ báo cáo."
        )
    if not plan.report.plan_items:
        notes.append("Không tìm thấy phần “Phương hướng, nhiệm vụ” kỳ tới trong báo cáo.")
    return notes
