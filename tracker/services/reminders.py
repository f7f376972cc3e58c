"""Nhắc nhở: a director reminds the people of an overdue task (in the app; e-mail later)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..domain.timeliness import days_overdue
from ..extensions import db
from ..models import TaskUpdate
from ..permissions import Action, Principal, can
from . import NotAllowed, NotFound, ValidationFailed, events
from .access import task_ref
from .history import record


def remind_task(user, principal: Principal, task, today: date | None = None, note=None):
    """Remind the assignee and the unit's heads of an overdue task; return the history entry."""
    today = today or date.today()
    ref = task_ref(task)
    if not can(principal, Action.VIEW_TASK, ref):
        raise NotFound("Không tìm thấy nhiệm vụ.")
    if not can(principal, Action.REMIND, ref):
        raise NotAllowed("Chỉ lãnh đạo Sở được nhắc nhở.")
    late = days_overdue(task.status, task.due_date, task.completed_on, today)
    if not late:
        raise ValidationFailed("Chỉ nhắc nhở nhiệm vụ đã quá hạn.", field="due_date")
    note = (note or "").strip() or None
    entry = record(task, user, "reminded", {}, note or f"Quá hạn {late} ngày.")
    db.session.flush()
    events.emit("reminded", task, user)
    return entry


def last_reminder(task) -> TaskUpdate | None:
    """The most recent reminder of a task, if any."""
    return db.session.scalar(
        select(TaskUpdate)
        .where(TaskUpdate.task_id == task.id, TaskUpdate.kind == "reminded")
        .order_by(TaskUpdate.created_at.desc(), TaskUpdate.id.desc())
        .limit(1)
    )
