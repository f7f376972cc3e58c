"""The history of a task as people read it: "Tiến độ (%): 40% → 60%", dates as dd/mm/yyyy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

from tracker.domain.dates import format_day
from tracker.domain.periods import PeriodError, parse_period
from tracker.domain.timeliness import STATUS_LABELS_VI
from tracker.extensions import db
from tracker.models import PRIORITIES, TaskUpdate
from tracker.tasks.history import FIELD_LABELS

DATE_FIELDS = frozenset({"start_date", "due_date", "completed_on"})
LONG_FIELDS = frozenset({"description", "result"})
# What a new task's entry shows: the assignment, not every empty field.
CREATED_FIELDS = ("lead_unit", "assignee", "support_units", "due_date", "planned_period")
ICONS = {
    "created": "plus-circle",
    "updated": "pencil",
    "submitted": "send-check",
    "confirmed": "patch-check",
    "returned": "arrow-return-left",
    "extension_requested": "calendar-plus",
    "extension_approved": "calendar-check",
    "extension_declined": "calendar-x",
    "reminded": "bell",
    "attachment": "paperclip",
    "note": "chat-left-text",
    "imported": "box-arrow-in-down",
}


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str
    long: bool = False


def show_value(field: str, value) -> str:
    """A stored history value as the timeline shows it."""
    if value in (None, "", [], ()):
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(show_value(field, v) for v in value)
    if field in DATE_FIELDS:
        try:
            day = value if isinstance(value, date) else datetime.fromisoformat(str(value)).date()
        except ValueError:
            return str(value)
        return format_day(day)
    if field == "status":
        return STATUS_LABELS_VI.get(value, str(value))
    if field == "progress":
        return f"{value}%"
    if field == "priority":
        return PRIORITIES.get(value, str(value))
    if field == "planned_period":
        try:
            return parse_period(str(value)).label
        except PeriodError:
            return str(value)
    return str(value)


def describe(entry: TaskUpdate) -> list[Change]:
    """The changes of one history entry, labelled and formatted."""
    changes = entry.changes or {}
    names = [n for n in CREATED_FIELDS if n in changes] if entry.kind == "created" else changes
    found = []
    for name in names:
        old, new = changes[name]
        label = FIELD_LABELS.get(name, name)
        if entry.kind == "extension_requested" and name == "due_date":
            label = "Hạn đề nghị"
        if entry.kind == "created" and new in (None, "", []):
            continue
        found.append(
            Change(label, show_value(name, old), show_value(name, new), name in LONG_FIELDS)
        )
    return found


def history(task) -> list[TaskUpdate]:
    """The task's history, newest first."""
    stmt = (
        select(TaskUpdate)
        .where(TaskUpdate.task_id == task.id)
        .order_by(TaskUpdate.created_at.desc(), TaskUpdate.id.desc())
    )
    return list(db.session.scalars(stmt).unique())


def changes_since(task, since: datetime | None) -> list[TaskUpdate]:
    """What happened to the task after `since` (UTC), oldest first."""
    if since is None:
        return []
    stmt = (
        select(TaskUpdate)
        .where(TaskUpdate.task_id == task.id, TaskUpdate.created_at > since)
        .order_by(TaskUpdate.created_at, TaskUpdate.id)
    )
    return list(db.session.scalars(stmt).unique())


def parse_stamp(text: str | None) -> datetime | None:
    """The hidden `loaded_at` of a form (ISO, UTC); None when missing or unreadable."""
    try:
        stamp = datetime.fromisoformat((text or "").strip())
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(UTC)  # "9999-12-31T23:00-05:00" overflows here
    except (ValueError, OverflowError):
        return None
    return stamp.replace(tzinfo=None)
