"""Import a past report: plan what it would create, let people look, then write it at once.

`plan_import_of_report` reads the database but writes nothing: it matches the report's
headings to the section tree, guesses each item's lead unit, spots items already imported
and the documents already registered. `apply_report_import` writes the plan with the
director's choices (write.py); the caller commits once. The pieces: items.py (the items and
their units), texts.py (the texts and the header), matching.py (what is already there).
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import PurePath

from sqlalchemy import func, select

from tracker.common.exceptions import ValidationFailed
from tracker.domain.periods import Period
from tracker.domain.report.window import report_window
from tracker.extensions import db
from tracker.imports.report_mapping import (
    UnitMatcher,
    as_written,
    normal,
    organisation_code,
    period_from_subject,
)
from tracker.imports.report_model import NotAReportError, ParsedReport
from tracker.imports.report_parser import parse_report
from tracker.models import Section, Unit
from tracker.org.settings import get_settings, window_rule
from tracker.reports.importing.items import item_plans, plan_task_plans
from tracker.reports.importing.matching import document_plans, mark_duplicates
from tracker.reports.importing.plan import ImportPlan, RootPlan, UnitChoice
from tracker.reports.importing.sections import plan_sections
from tracker.reports.importing.texts import text_plans

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
    # the report's data window (Decree 09's, when the setting says so): items are dated in it
    window = report_window(period, window_rule())
    sections, warnings = plan_sections(parsed)
    plan = ImportPlan(
        period=period,
        filename=filename,
        report=parsed,
        sections=sections,
        items=item_plans(parsed, window, sections, matcher),
        plan_tasks=plan_task_plans(parsed, sections, matcher),
        documents=[],
        texts=text_plans(parsed, period, department.id if department else None),
        units=_unit_choices(units),
        department_id=department.id if department else None,
        department_name=department.name if department else "",
        root=None if db.session.scalar(select(func.count()).select_from(Unit)) else _root(parsed),
        window=window,
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
    mark_duplicates(plan)
    plan.documents = document_plans(plan)
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
