"""Import a period's plan from the Excel template: preview every row, then create all or none.

The reader (`tracker.imports.plan`) checks the file against a lookup built here from the
database; `import_plan` creates the tasks through `create_task`, so permissions, history,
notifications and document links are those of a task assigned by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, has_app_context
from sqlalchemy import select

from tracker.common.exceptions import NotAllowed, ServiceError, ValidationFailed
from tracker.common.uploads import UploadStore
from tracker.domain.legal_refs import parse_ref
from tracker.domain.periods import Period
from tracker.domain.report import section_tree
from tracker.domain.timeliness import Status
from tracker.domain.trees import tree_order
from tracker.exports.plan_template import plan_template_bytes
from tracker.extensions import db
from tracker.imports.plan import COLUMNS, PlanImportError, PlanLookup, PlanRow, RowError
from tracker.imports.plan import read_plan as read_plan_rows
from tracker.imports.workbook import MAX_BYTES
from tracker.models import Document, Section, Task, Unit
from tracker.permissions import Action, Principal, can
from tracker.reports.build import section_nodes
from tracker.tasks.history import FIELD_LABELS
from tracker.tasks.operations import create_task
from tracker.tasks.queries import planned_for_clause

LABELS = {column.key: column.label for column in COLUMNS}


class PlanRejected(ValidationFailed):
    """The plan was refused as a whole; `errors` names every row and column at fault."""

    def __init__(self, errors: list[RowError]) -> None:
        first = errors[0].message if errors else "Kế hoạch không hợp lệ."
        more = f" (và {len(errors) - 1} lỗi khác)" if len(errors) > 1 else ""
        super().__init__(first + more, field="file")
        self.errors = list(errors)


@dataclass
class PlanPreview:
    """What an import would create, or why it would create nothing."""

    period: Period
    rows: list[PlanRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    unit_names: dict[int, str] = field(default_factory=dict)
    section_names: dict[int, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    @property
    def new_documents(self) -> bool:
        """Whether importing would register documents not yet in the registry."""
        return any(known is None for row in self.rows for known in row.document_ids)

    def support_names(self, row: PlanRow) -> list[str]:
        return [self.unit_names.get(i, "") for i in row.support_unit_ids]

    def documents_of(self, row: PlanRow) -> list[tuple[str, int | None]]:
        """Each reference as written, with the registered document's id (None: new)."""
        return list(zip(row.document_refs, row.document_ids, strict=False))


def plan_lookup(period: Period) -> PlanLookup:
    """What plan rows are checked against: active units and sections, the period's tasks."""
    units = db.session.execute(select(Unit.id, Unit.code, Unit.name).where(Unit.active)).all()
    sections = db.session.execute(
        select(Section.id, Section.code, Section.title).where(Section.active)
    ).all()
    # Every task of the period counts, whoever may see it: a duplicate is a duplicate.
    titles = db.session.scalars(
        select(Task.title).where(planned_for_clause(period), Task.status != Status.CANCELLED)
    )
    documents = db.session.execute(select(Document.id, Document.symbol)).all()
    return PlanLookup.from_records(units, sections, titles, documents)


def plan_template_file(period: Period | None) -> bytes:
    """The Excel template with the active units and sections, in tree order, as dropdowns."""
    units = db.session.execute(
        select(Unit.id, Unit.parent_id, Unit.code, Unit.name)
        .where(Unit.active)
        .order_by(Unit.sort_order, Unit.name)
    ).all()
    # A unit under an inactive one is listed as a root: tree_order keeps such orphans.
    ordered = [(unit.code, unit.name) for unit, _ in tree_order(units)]
    sections = [
        (node.code, node.title) for tree in section_tree(section_nodes()) for _, node in tree.walk()
    ]
    return plan_template_bytes(ordered, sections, period.code if period else None)


def _max_bytes() -> int:
    if has_app_context():
        return int(current_app.config.get("IMPORT_MAX_BYTES", MAX_BYTES))
    return MAX_BYTES


def _row_error(row: int, key: str, detail: str) -> RowError:
    return RowError(row, LABELS[key], f"Dòng {row}, cột “{LABELS[key]}”: {detail}")


def _extra_errors(rows: list[PlanRow], principal: Principal | None, names) -> list[RowError]:
    """What the reader cannot know: references that are no document, units out of reach."""
    errors = []
    for row in rows:
        if principal is not None and not can(
            principal, Action.CREATE_TASK, unit_id=row.lead_unit_id
        ):
            name = names.get(row.lead_unit_id, "")
            detail = f"bạn không được giao nhiệm vụ cho {name}."
            errors.append(_row_error(row.row_number, "lead_unit", detail))
        for ref, known in zip(row.document_refs, row.document_ids, strict=False):
            if known is None and parse_ref(ref) is None:
                detail = f"“{ref}” không phải là số, ký hiệu văn bản (ví dụ: 135/QĐ-TTg)."
                errors.append(_row_error(row.row_number, "documents", detail))
    return errors


def preview_plan(data: bytes, period: Period, principal: Principal | None = None) -> PlanPreview:
    """Check a plan workbook for `period`: the rows it would create, or every error in it."""
    preview = PlanPreview(period)
    try:
        preview.rows = read_plan_rows(data, plan_lookup(period), max_bytes=_max_bytes())
    except PlanImportError as error:
        preview.errors = error.errors
        return preview
    units = db.session.execute(select(Unit.id, Unit.name))
    preview.unit_names = {id_: name for id_, name in units}
    preview.section_names = {
        id_: f"{code}. {title}"
        for id_, code, title in db.session.execute(select(Section.id, Section.code, Section.title))
    }
    preview.errors = _extra_errors(preview.rows, principal, preview.unit_names)
    if preview.errors:
        preview.rows = []
    return preview


def task_data(row: PlanRow, period: Period) -> dict:
    """The fields of `create_task` for one plan row."""
    description = row.description or ""
    if row.note:
        description = f"{description}\n\nGhi chú: {row.note}".strip()
    documents = [
        known if known is not None else ref
        for ref, known in zip(row.document_refs, row.document_ids, strict=False)
    ]
    return {
        "title": row.title,
        "description": description or None,
        "section": row.section_id,
        "lead_unit": row.lead_unit_id,
        "support_units": list(row.support_unit_ids),
        "product": row.product or None,
        "start_date": row.start_date,
        "due_date": row.due_date,
        "documents": documents,
        "planned_period": period.code,
    }


def _label(error: ServiceError) -> str:
    key = error.field or ""
    return LABELS.get(key) or FIELD_LABELS.get(key) or "Nhiệm vụ"


def import_plan(user, principal: Principal, rows: list[PlanRow], period: Period) -> list[Task]:
    """Create one task per row, planned for `period`; refuse them all if any one fails."""
    if not can(principal, Action.IMPORT):
        raise NotAllowed("Chỉ lãnh đạo Sở được nhập kế hoạch.")
    if not rows:
        raise ValidationFailed("Tệp kế hoạch không có nhiệm vụ nào để nhập.", field="file")
    created, errors = [], []
    for row in rows:
        try:
            created.append(create_task(user, principal, task_data(row, period)))
        except ServiceError as error:
            label = _label(error)
            message = f"Dòng {row.row_number}, cột “{label}”: {error.message}"
            errors.append(RowError(row.row_number, label, message))
    if errors:
        # The caller rolls back: what was flushed for the good rows goes with it.
        raise PlanRejected(errors)
    return created


# -- the uploaded file, kept between the preview and the confirmation -----------------------

UPLOADS = UploadStore("plan")
GONE = "Tệp đã tải lên không còn (đã nhập hoặc quá một ngày); vui lòng tải tệp lên lại."


def keep_upload(data: bytes, user, period: Period, filename: str = "") -> str:
    """Store an uploaded plan until it is confirmed; return the token that names it."""
    return UPLOADS.keep(data, user.id if user else None, period=period.code, filename=filename)


def kept_upload(token: str, user) -> tuple[bytes, dict]:
    """The bytes and facts of a kept upload of this user; ValidationFailed if there is none."""
    kept = UPLOADS.load(token, user.id if user else None)
    if kept is None:
        raise ValidationFailed(GONE, field="token")
    return kept


def discard_upload(token: str) -> None:
    """Delete a kept upload (after the import, or when it is no longer valid)."""
    UPLOADS.discard(token)
