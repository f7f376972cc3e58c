"""Nhắc nhở: a director reminds the people of an overdue task, or of a unit's overdue list."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tracker.common import clock, signals
from tracker.common.access import task_ref
from tracker.common.exceptions import NotAllowed, NotFound, ValidationFailed
from tracker.domain.timeliness import Timeliness, days_overdue
from tracker.extensions import db
from tracker.models import TaskUpdate, Unit
from tracker.permissions import Action, Principal, can
from tracker.tasks.history import record
from tracker.tasks.queries import TaskFilter, task_list


def remind_task(user, principal: Principal, task, today: date | None = None, note=None):
    """Remind the assignee and the unit's heads of an overdue task; return the history entry."""
    today = today or clock.today()
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
    signals.task_reminded.send(task, actor=user)
    return entry


def remind_unit_overdue(
    user, principal: Principal, unit_id: int, subtree: bool = True, today: date | None = None
) -> tuple[Unit, int]:
    """Remind every overdue task a unit leads (and its subtree's) that the principal may see.

    Each task is reminded by `remind_task`: its assignee and heads are notified and mailed,
    and its history records it. Returns the unit and how many tasks were reminded.
    """
    today = today or clock.today()
    if not can(principal, Action.REMIND):
        raise NotAllowed("Chỉ lãnh đạo Sở được nhắc nhở.")
    unit = db.session.get(Unit, unit_id)
    if unit is None or unit.id not in principal.visible_units:
        raise NotFound("Không tìm thấy đơn vị.")
    f = TaskFilter(
        unit_id=unit.id, subtree=subtree, timeliness=(Timeliness.OVERDUE.value,), as_of=today
    )
    reminded = 0
    for task in db.session.scalars(task_list(principal, f)).all():
        if can(principal, Action.REMIND, task_ref(task)):
            remind_task(user, principal, task, today)
            reminded += 1
    return unit, reminded


def last_reminder(task) -> TaskUpdate | None:
    """The most recent reminder of a task, if any."""
    return db.session.scalar(
        select(TaskUpdate)
        .where(TaskUpdate.task_id == task.id, TaskUpdate.kind == "reminded")
        .order_by(TaskUpdate.created_at.desc(), TaskUpdate.id.desc())
        .limit(1)
    )
