"""The checks a task's values pass whoever writes them (the web form, the API, an import):
dates in order, a completion date that domain/completion.py allows, an assignee who can see
the task, and no open work handed to a unit that no longer exists."""

from __future__ import annotations

from datetime import date

from tracker.common.access import principal_for
from tracker.common.exceptions import ValidationFailed
from tracker.domain.completion import completion_problem
from tracker.domain.timeliness import OPEN, Status
from tracker.models import Task, Unit
from tracker.models._base import utcnow
from tracker.org.settings import completion_backdate_days


def check_completion(task: Task, today: date, leader: bool) -> None:
    """Refuse a completion date outside what domain/completion.py allows (422 on the field)."""
    created = (task.created_at or utcnow()).date()
    problem = completion_problem(
        task.completed_on,
        today=today,
        start_date=task.start_date,
        created_on=created,
        handed_in=task.submitted_on or today,
        leader=leader,
        backdate_days=completion_backdate_days(),
    )
    if problem:
        raise ValidationFailed(problem, field="completed_on")


def check_dates(task: Task, today: date) -> None:
    if task.start_date and task.due_date and task.due_date < task.start_date:
        raise ValidationFailed("Hạn hoàn thành không được trước ngày bắt đầu.", field="due_date")


def check_assignee(user, task: Task) -> None:
    """The assignee must be someone who can see the task."""
    support = frozenset(u.id for u in task.support_units)
    visible = principal_for(user).visible_units
    if task.lead_unit_id not in visible and not (support & visible):
        raise ValidationFailed(
            f"{user.full_name} không thuộc đơn vị chủ trì hay phối hợp.", field="assignee"
        )


def check_units(task: Task, lead: Unit | None, added_support: list[Unit]) -> None:
    """Refuse a unit that has stopped working (closed, merged) as the new lead or supporting
    unit of open work: plan and report imports refuse it too."""
    if Status(task.status) not in OPEN:
        return
    if lead is not None and not lead.active:
        raise ValidationFailed(
            f"Đơn vị chủ trì “{lead.name}” đã ngừng hoạt động; hãy chọn đơn vị khác.",
            field="lead_unit",
        )
    for unit in added_support:
        if not unit.active:
            raise ValidationFailed(
                f"Đơn vị phối hợp “{unit.name}” đã ngừng hoạt động; hãy bỏ hoặc chọn đơn vị khác.",
                field="support_units",
            )
