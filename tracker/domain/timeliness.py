"""Task states and timeliness (đúng hạn / quá hạn ...), as of any date. Pure.

The rules of CONTRACT.md: a task counts as finished on the day it was completed (a
submitted task on the day it was submitted) and only if that day is not after the date we
look from; the deadline that counts is the current one.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

DEFAULT_DUE_SOON_DAYS = 7


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    DONE = "done"
    PAUSED = "paused"
    CANCELLED = "cancelled"


# Statuses in which the task's work is finished (submitted awaits only the confirmation).
FINISHED = frozenset({Status.SUBMITTED, Status.DONE})
OPEN = frozenset({Status.NOT_STARTED, Status.IN_PROGRESS, Status.PAUSED})


class Timeliness(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    DONE_NO_DEADLINE = "done_no_deadline"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TRACK = "on_track"
    NO_DEADLINE = "no_deadline"
    CANCELLED = "cancelled"


DONE_KINDS = frozenset({Timeliness.DONE_ON_TIME, Timeliness.DONE_LATE, Timeliness.DONE_NO_DEADLINE})
UNFINISHED_ON_TIME = frozenset({Timeliness.DUE_SOON, Timeliness.ON_TRACK, Timeliness.NO_DEADLINE})


def is_finished(status: str, completed_on: date | None, as_of: date) -> bool:
    """Whether the task's work was finished on or before `as_of`."""
    return status in FINISHED and completed_on is not None and completed_on <= as_of


def classify(
    status: str,
    due_date: date | None,
    completed_on: date | None,
    as_of: date,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> Timeliness:
    """The timeliness category of a task as of `as_of`."""
    if status == Status.CANCELLED:
        return Timeliness.CANCELLED
    if is_finished(status, completed_on, as_of):
        if due_date is None:
            return Timeliness.DONE_NO_DEADLINE
        return Timeliness.DONE_ON_TIME if completed_on <= due_date else Timeliness.DONE_LATE
    if due_date is None:
        return Timeliness.NO_DEADLINE
    if as_of > due_date:
        return Timeliness.OVERDUE
    if (due_date - as_of).days <= due_soon_days:
        return Timeliness.DUE_SOON
    return Timeliness.ON_TRACK


def days_overdue(status: str, due_date: date | None, completed_on: date | None, as_of: date) -> int:
    """Whole days past the deadline as of `as_of`; 0 when the task is not overdue."""
    if classify(status, due_date, completed_on, as_of) is not Timeliness.OVERDUE:
        return 0
    return (as_of - due_date).days


def days_late(due_date: date | None, completed_on: date | None) -> int:
    """How many days after the deadline a finished task was completed (0 if on time)."""
    if due_date is None or completed_on is None:
        return 0
    return max(0, (completed_on - due_date).days)


LABELS_VI = {
    Timeliness.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Timeliness.DONE_LATE: "Hoàn thành quá hạn",
    Timeliness.DONE_NO_DEADLINE: "Hoàn thành (không có hạn)",
    Timeliness.OVERDUE: "Quá hạn",
    Timeliness.DUE_SOON: "Sắp đến hạn",
    Timeliness.ON_TRACK: "Trong hạn",
    Timeliness.NO_DEADLINE: "Không có hạn",
    Timeliness.CANCELLED: "Đã hủy",
}

STATUS_LABELS_VI = {
    Status.NOT_STARTED: "Chưa thực hiện",
    Status.IN_PROGRESS: "Đang thực hiện",
    Status.SUBMITTED: "Chờ xác nhận",
    Status.DONE: "Hoàn thành",
    Status.PAUSED: "Tạm dừng",
    Status.CANCELLED: "Đã hủy",
}
