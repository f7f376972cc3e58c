"""Write an import plan with the director's choices: sections, tasks, documents, texts.

Everything is added to the session and flushed; the request (or the command) commits once,
so an import is all or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tracker.common.access import require
from tracker.common.exceptions import Conflict, ValidationFailed
from tracker.common.lookup import as_id
from tracker.documents.linking import link_cited_documents
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import Document, Section, Task, Unit
from tracker.org.settings import set_setting
from tracker.permissions import Action, Principal
from tracker.reports.importing.summary import ImportSummary
from tracker.reports.importing.texts import write_texts
from tracker.tasks.history import record
from tracker.tasks.operations import refresh_search_text

if TYPE_CHECKING:
    from tracker.reports.importing.plan import ImportPlan


@dataclass(frozen=True)
class Selections:
    """What the director chose in the preview (the command line takes the defaults)."""

    excluded: frozenset[str] = frozenset()  # keys of the items not to import
    units: Mapping[str, int] = field(default_factory=dict)  # key → lead unit id
    sections: Mapping[str, str] = field(default_factory=dict)  # plan key → "r:I.4" / "s:12"
    require_units: bool = False  # the web: every item needs a unit; the CLI: the department


def apply_report_import(
    user, plan: ImportPlan, selections: Selections, *, principal: Principal | None
) -> ImportSummary:
    """Write the plan; `principal` None means the command line, run by the organisation."""
    if principal is not None:
        require(Action.IMPORT, principal=principal)
    chosen = _chosen_units(plan, selections)
    try:
        return _write(user, plan, selections, chosen)
    except IntegrityError:
        # Someone imported (or added the same sections) between the preview and now.
        raise Conflict(
            "Dữ liệu vừa được người khác thay đổi (lĩnh vực hoặc đơn vị trùng mã); "
            "hãy tải tệp lên và xem trước lại."
        ) from None


def _write(user, plan: ImportPlan, selections: Selections, chosen) -> ImportSummary:
    summary = ImportSummary(plan.period.code, plan.period.label, plan.next_period.label)
    documents_before = db.session.scalar(select(func.count()).select_from(Document))
    department = _department(plan, summary)
    summary.department = department.name
    sections = _sections(plan, summary)
    units = {u.id: u for u in db.session.scalars(select(Unit))}
    note = f"Nhập từ báo cáo {plan.report.number or plan.filename or ''} ({plan.period.label})"
    created: list[Task] = []
    for item in plan.items:
        if item.key in selections.excluded:
            summary.skipped += 1
            continue
        if item.duplicate:
            summary.duplicates += 1
            continue
        unit = units.get(chosen.get(item.key)) or department
        _count_unit(summary, unit, item.unit_id, department)
        created.append(
            Task(
                title=item.title,
                result=item.text,
                section=sections[item.section_key],
                lead_unit=unit,
                status=Status.DONE.value,
                progress=100,
                completed_on=item.completed_on,
                # Imported work was confirmed when the report was signed: its own dates.
                submitted_on=item.completed_on,
                confirmed_on=item.completed_on,
                planned_period=plan.period.code,
                report_order=item.order,
                created_by_id=user.id if user else None,
                documents=[],  # loaded (empty), so linking does not query for each task
            )
        )
    summary.achievements = len(created)
    for task_plan in plan.plan_tasks:
        if task_plan.key in selections.excluded or task_plan.duplicate:
            summary.skipped += task_plan.key in selections.excluded
            summary.plan_duplicates += task_plan.key not in selections.excluded
            continue
        unit = units.get(chosen.get(task_plan.key)) or department
        ref = selections.sections.get(task_plan.key) or task_plan.section_ref
        created.append(
            Task(
                title=task_plan.title,
                description=task_plan.text,
                report_wording=task_plan.text,  # what the report writes back, whole
                plan_order=task_plan.order,
                section=_section_for(ref, sections, task_plan.key),
                lead_unit=unit,
                status=Status.NOT_STARTED.value,
                progress=0,
                planned_period=plan.next_period.code,
                created_by_id=user.id if user else None,
                documents=[],
            )
        )
        summary.planned += 1
    db.session.add_all(created)
    db.session.flush()
    linked: set[int] = set()
    with db.session.no_autoflush:  # one flush at the end, not one per document looked up
        for task in created:
            added = link_cited_documents(task)
            summary.links += len(added)
            linked.update(d.id for d in added)
            refresh_search_text(task)
            changes = {
                "status": (None, task.status),
                "section": (None, task.section),
                "lead_unit": (None, task.lead_unit),
            }
            if task.completed_on:
                changes["completed_on"] = (None, task.completed_on)
            record(task, user, "imported", changes, note)
    summary.documents_linked = len(linked)
    summary.texts = write_texts(user, plan, department)
    db.session.flush()
    documents_after = db.session.scalar(select(func.count()).select_from(Document))
    summary.documents_created = documents_after - documents_before
    return summary


def _count_unit(summary: ImportSummary, unit: Unit, guess: int | None, department: Unit) -> None:
    if guess is not None and unit.id == guess:
        summary.units_guessed += 1
    elif unit.id == department.id:
        summary.units_default += 1


def _chosen_units(plan: ImportPlan, selections: Selections) -> dict[str, int | None]:
    """The lead unit of every item to import; refuse unknown units and missing choices."""
    active = set(db.session.scalars(select(Unit.id).where(Unit.active)))
    chosen: dict[str, int | None] = {}
    missing: dict[str, str] = {}
    for entry in [*plan.items, *plan.plan_tasks]:
        if entry.key in selections.excluded or entry.duplicate:
            continue
        unit_id = selections.units.get(entry.key)
        if unit_id is not None and unit_id not in active:
            raise ValidationFailed(
                f"Đơn vị đã chọn cho mục “{entry.title}” không tồn tại.", field=f"unit-{entry.key}"
            )
        if unit_id is None and not selections.require_units:
            unit_id = entry.unit_id
        if unit_id is None and selections.require_units:
            missing[f"unit-{entry.key}"] = "Chọn đơn vị chủ trì."
        chosen[entry.key] = unit_id
    if missing:
        raise ValidationFailed(
            f"Còn {len(missing)} mục chưa chọn đơn vị chủ trì: chọn cho từng mục, hoặc chọn "
            "một đơn vị chung cho các mục còn trống.",
            field=next(iter(missing)),
            fields=missing,
        )
    return chosen


def _department(plan: ImportPlan, summary: ImportSummary) -> Unit:
    """The unit that takes the items nobody chose for: the root created now, or the one known."""
    if plan.root is None:
        department = db.session.get(Unit, plan.department_id) if plan.department_id else None
        if department is None:
            raise Conflict("Đơn vị của báo cáo vừa bị xóa; hãy tải tệp lên và xem trước lại.")
        return department
    if db.session.scalar(select(func.count()).select_from(Unit)):
        raise Conflict("Cơ sở dữ liệu vừa có đơn vị; hãy xem trước lại trước khi nhập.")
    root = Unit(code=plan.root.code, name=plan.root.name, kind="department", sort_order=0)
    db.session.add(root)
    for key, value in plan.root.settings.items():
        set_setting(key, value)
    db.session.flush()
    summary.root = f"{root.name} ({root.code})"
    return root


def _sections(plan: ImportPlan, summary: ImportSummary) -> dict[str, Section]:
    sections: dict[str, Section] = {}
    for entry in plan.sections:
        if entry.existing_id is not None:
            section = db.session.get(Section, entry.existing_id)
            if section is None:
                raise Conflict(f"Lĩnh vực “{entry.existing_title}” vừa bị xóa; hãy xem trước lại.")
            section.active = True
            summary.sections_matched += 1
        else:
            section = Section(
                code=entry.code,
                title=entry.title,
                parent=sections.get(entry.parent_key) if entry.parent_key else None,
                sort_order=entry.sort_order,
            )
            db.session.add(section)
            summary.sections_created += 1
        sections[entry.key] = section
    db.session.flush()
    return sections


def _section_for(ref: str, sections: dict[str, Section], key: str) -> Section:
    kind, _, value = ref.partition(":")
    if kind == "r" and value in sections:
        return sections[value]
    section_id = as_id(value) if kind == "s" else None
    if section_id is not None and (section := db.session.get(Section, section_id)):
        return section
    raise ValidationFailed("Lĩnh vực đã chọn không tồn tại.", field=f"section-{key}")
