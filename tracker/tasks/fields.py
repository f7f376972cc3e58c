"""Readers of a task's fields as a form or a JSON body gives them: parsed, checked, resolved.

Every refusal is a ValidationFailed naming the field, in Vietnamese. tasks/schemas.py puts
them together as the one schema of a task's writable fields (`clean`).
"""

from __future__ import annotations

from datetime import date

from tracker.common.exceptions import ValidationFailed
from tracker.common.lookup import as_id, find_document
from tracker.documents.linking import document_from_text
from tracker.domain.dates import read_day
from tracker.domain.periods import PeriodError, parse_period
from tracker.domain.text import clean_text, whole_number
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import Task
from tracker.tasks.history import FIELD_LABELS

EDIT_FIELDS = frozenset(
    {
        "title",
        "description",
        "section",
        "lead_unit",
        "support_units",
        "assignee",
        "documents",
        "planned_period",
        "start_date",
        "priority",
        "parent",
        "product",
        "weight",
        "report_wording",
    }
)
PROGRESS_FIELDS = frozenset({"status", "progress", "result", "completed_on"})
WRITABLE = EDIT_FIELDS | PROGRESS_FIELDS | {"due_date"}


# -- parsing and validating values ---------------------------------------------------------


def parse_day(value, field: str, label: str | None = None) -> date | None:
    """A date from a date, an ISO string or dd/mm/yyyy; ValidationFailed otherwise.

    The message names the field by `label`, else by its label in FIELD_LABELS.
    """
    if value in (None, ""):
        return None
    label = label or FIELD_LABELS[field]
    if not isinstance(value, str | date):
        raise ValidationFailed(f"{label}: “{value}” không phải là ngày hợp lệ.", field=field)
    try:
        return read_day(value, label)
    except ValueError as refused:
        raise ValidationFailed(str(refused), field=field) from None


def text(
    value, field: str, required: bool = False, limit: int | None = None, single_line=False
) -> str | None:
    """Cleaned text (domain/text.clean_text: a title keeps no line break); None when blank."""
    if value is not None and not isinstance(value, str):
        raise ValidationFailed(f"{FIELD_LABELS[field]} phải là văn bản.", field=field)
    text = clean_text(value or "", multiline=not single_line).strip()
    if required and not text:
        raise ValidationFailed(f"Chưa nhập {FIELD_LABELS[field].lower()}.", field=field)
    if limit and len(text) > limit:
        raise ValidationFailed(f"{FIELD_LABELS[field]} dài quá {limit} ký tự.", field=field)
    return text or None


def int_in(value, field: str, low: int, high: int) -> int:
    try:
        number = int(value)
        if isinstance(value, bool) or float(value) != number:
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        raise ValidationFailed(f"{FIELD_LABELS[field]} phải là số nguyên.", field=field) from None
    if not low <= number <= high:
        raise ValidationFailed(
            f"{FIELD_LABELS[field]} phải trong khoảng {low}–{high}.", field=field
        )
    return number


def weight(value) -> float:
    """Hệ số quy đổi: a number in (0, 10], with a decimal comma or point."""
    text = str(value).strip().replace(",", ".") if value is not None else ""
    try:
        if isinstance(value, bool):
            raise ValueError
        number = float(text)
    except ValueError:
        raise ValidationFailed(
            "Hệ số quy đổi phải là một số (ví dụ 1 hoặc 1,5).", field="weight"
        ) from None
    if not 0 < number <= 10:
        raise ValidationFailed("Hệ số quy đổi phải lớn hơn 0 và không quá 10.", field="weight")
    return round(number, 2)


def documents(values) -> list:
    if values is None:
        return []
    if not isinstance(values, list | tuple):
        raise ValidationFailed("Văn bản liên quan phải là một danh sách.", field="documents")
    found = []
    for value in values:
        document = find_document(value)
        if document is None and isinstance(value, str):
            document = document_from_text(value)
        if document is None:
            raise ValidationFailed(f"Không có văn bản “{value}”.", field="documents")
        if document not in found:
            found.append(document)
    return found


def period_code(value) -> str | None:
    if value in (None, ""):
        return None
    try:
        return parse_period(str(value)).code
    except PeriodError as error:
        raise ValidationFailed(str(error), field="planned_period") from None


def status(value) -> str:
    try:
        return Status(value).value
    except ValueError:
        allowed = ", ".join(s.value for s in Status)
        raise ValidationFailed(
            f"Trạng thái “{value}” không hợp lệ; dùng: {allowed}.", field="status"
        ) from None


def parent(value) -> Task:
    text = "" if isinstance(value, bool) else str(value).strip().lstrip("#")
    if whole_number(text, 12) is None:
        shown = str(value)[:20]
        raise ValidationFailed(f"Nhiệm vụ cha “{shown}” phải là mã số nhiệm vụ.", field="parent")
    ident = as_id(text)  # None past the ids' range: no overflow
    task = db.session.get(Task, ident) if ident is not None else None
    if task is None:
        raise ValidationFailed("Không có nhiệm vụ cha này.", field="parent")
    return task
