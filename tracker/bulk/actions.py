"""Thao tác hàng loạt: one action on several tasks of a list.

Each task goes through the use case that handles it alone (confirm_task, remind_task,
update_task), with the same permission checks and the same history entry, in a savepoint of
its own: a task that is refused is listed with its reason and undoes nothing of the others.
A preview runs the very same use cases and rolls them all back, so what it announces is what
the action will do, not a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.common import clock
from tracker.common.access import task_ref
from tracker.common.exceptions import ServiceError, ValidationFailed
from tracker.common.lookup import resolve_user
from tracker.common.savepoints import begin_writing
from tracker.domain.dates import format_day
from tracker.domain.text import clean_text
from tracker.domain.timeliness import FINISHED, STATUS_LABELS_VI, Status, days_overdue
from tracker.extensions import db
from tracker.models import Task, User
from tracker.notify.reminders import remind_task
from tracker.permissions import Action, Principal, can
from tracker.tasks.operations import update_task
from tracker.tasks.review import confirm_task

# One screen of a list, twice over: enough for a weekly meeting's decisions, small enough
# that the preview answers at once and its summary can be read before saying yes.
MAX_TASKS = 100
NOTE_MAX = 2000


@dataclass(frozen=True)
class Params:
    """What the action needs besides the tasks: a new deadline, a person, a note."""

    due_date: date | None = None
    assignee: User | None = None
    note: str | None = None


Run = Callable[[User, Principal, Task, object, Params], None]


@dataclass(frozen=True)
class BulkAction:
    name: str
    label: str  # in the list's menu
    done: str  # "Đã … N nhiệm vụ."
    offered_with: Action  # offered to whoever may take this action on some task
    run: Run
    asks: tuple[str, ...] = ()  # the parameters it asks for ("assignee", "due_date", "note")
    needs: tuple[str, ...] = ()  # those it cannot do without


@dataclass
class Item:
    """One task of the action: what changes, or why it cannot."""

    task_id: int
    title: str | None  # None: a task the person may not see (nothing of it is shown)
    version: int | None = None  # the version the action saw, handed from preview to apply
    change: str = ""
    refusal: str | None = None


@dataclass
class Outcome:
    action: BulkAction
    params: Params
    done: list[Item] = field(default_factory=list)
    refused: list[Item] = field(default_factory=list)


# -- the actions ------------------------------------------------------------------------------


def _confirm(user, principal, task, version, params: Params) -> None:
    confirm_task(user, principal, task, version)


def _remind(user, principal, task, version, params: Params) -> None:
    remind_task(user, principal, task, note=params.note)


def _still_open(task: Task) -> None:
    if task.status in FINISHED or task.status == Status.CANCELLED:
        raise ValidationFailed("Nhiệm vụ đã kết thúc (hoàn thành hoặc hủy): không cần đổi.")


def _reassign(user, principal, task, version, params: Params) -> None:
    _still_open(task)
    if task.assignee_id == params.assignee.id:
        raise ValidationFailed(f"Nhiệm vụ đã giao cho {params.assignee.full_name}.")
    update_task(user, principal, task, {"assignee": params.assignee.id}, version, params.note)


def _move_due_date(user, principal, task, version, params: Params) -> None:
    _still_open(task)
    if task.due_date == params.due_date:
        raise ValidationFailed(f"Nhiệm vụ đã có hạn {format_day(params.due_date)}.")
    data = {"due_date": params.due_date.isoformat()}
    update_task(user, principal, task, data, version, params.note)


ACTIONS: dict[str, BulkAction] = {
    a.name: a
    for a in (
        BulkAction(
            "confirm",
            "Xác nhận hoàn thành",
            "Đã xác nhận hoàn thành",
            Action.CONFIRM_TASK,
            _confirm,
        ),
        BulkAction(
            "remind",
            "Nhắc nhở (việc quá hạn)",
            "Đã gửi nhắc nhở",
            Action.REMIND,
            _remind,
            asks=("note",),
        ),
        BulkAction(
            "reassign",
            "Giao lại người thực hiện",
            "Đã giao lại",
            Action.EDIT_TASK,
            _reassign,
            asks=("assignee", "note"),
            needs=("assignee",),
        ),
        BulkAction(
            "move_due_date",
            "Dời hạn hoàn thành",
            "Đã dời hạn",
            Action.MOVE_DUE_DATE,
            _move_due_date,
            asks=("due_date", "note"),
            needs=("due_date", "note"),
        ),
    )
}


def offered(principal: Principal) -> list[BulkAction]:
    """The actions this person may take on some task of a list (none: no check boxes)."""
    return [a for a in ACTIONS.values() if can(principal, a.offered_with)]


# -- reading the request ------------------------------------------------------------------


def read_params(action: BulkAction, due_date, assignee, note) -> Params:
    """The action's parameters, checked as a whole before any task is touched."""
    note = clean_text(note or "").strip() or None
    if note and len(note) > NOTE_MAX:
        raise ValidationFailed(f"Ghi chú dài quá {NOTE_MAX} ký tự.", field="note")
    errors = {}
    if "due_date" in action.needs and due_date is None:
        errors["due_date"] = "Hãy chọn hạn mới."
    if "note" in action.needs and not note:
        errors["note"] = "Hãy nêu lý do dời hạn (ghi vào lịch sử từng nhiệm vụ)."
    person = None
    if "assignee" in action.needs:
        try:
            person = resolve_user(assignee)
        except ValidationFailed as error:
            errors["assignee"] = error.message
        else:
            if person is None:
                errors["assignee"] = "Hãy chọn người thực hiện."
    if errors:
        raise ValidationFailed(next(iter(errors.values())), fields=errors)
    return Params(due_date=due_date, assignee=person, note=note)


def check_count(task_ids: list[int]) -> None:
    if not task_ids:
        raise ValidationFailed("Hãy chọn ít nhất một nhiệm vụ trong danh sách.", field="task")
    if len(task_ids) > MAX_TASKS:
        raise ValidationFailed(
            f"Mỗi lần chỉ thao tác được tối đa {MAX_TASKS} nhiệm vụ; bạn đã chọn {len(task_ids)}.",
            field="task",
        )


# -- running ----------------------------------------------------------------------------------


def apply_bulk(
    user, principal: Principal, action: BulkAction, versions: dict[int, object], params: Params
) -> Outcome:
    """Take the action on each task at the version given for it; return what was done and
    what was refused (with the reason), in the order of `versions`."""
    check_count(list(versions))
    begin_writing()
    outcome = Outcome(action, params)
    tasks = _load(list(versions))
    for task_id, version in versions.items():
        task = tasks.get(task_id)
        if task is None or not can(principal, Action.VIEW_TASK, task_ref(task)):
            outcome.refused.append(Item(task_id, None, refusal="Không tìm thấy nhiệm vụ."))
            continue
        item = Item(task.id, task.title, version=task.version)
        before = _facts(task)
        try:
            with db.session.begin_nested():
                action.run(user, principal, task, version, params)
        except ServiceError as error:
            item.refusal = error.message
            outcome.refused.append(item)
        else:
            item.change = _described(action, before, _facts(task))
            outcome.done.append(item)
    return outcome


def preview_bulk(
    user, principal: Principal, action: BulkAction, task_ids: list[int], params: Params
) -> Outcome:
    """What the action would do to each task as it stands now; nothing of it stays."""
    check_count(task_ids)
    begin_writing()
    current = {task_id: task.version for task_id, task in _load(task_ids).items()}
    dry_run = db.session.begin_nested()
    try:
        return apply_bulk(user, principal, action, {i: current.get(i) for i in task_ids}, params)
    finally:
        dry_run.rollback()


def _load(task_ids: list[int]) -> dict[int, Task]:
    stmt = (
        select(Task)
        .where(Task.id.in_(task_ids))
        .options(selectinload(Task.support_units), selectinload(Task.assignee))
    )
    return {task.id: task for task in db.session.scalars(stmt)}


def _facts(task: Task) -> dict[str, str]:
    """What a bulk action may change, in words."""
    return {
        "Trạng thái": STATUS_LABELS_VI.get(task.status, task.status),
        "Hạn": format_day(task.due_date) if task.due_date else "không có hạn",
        "Người thực hiện": task.assignee.full_name if task.assignee else "chưa phân công",
        "_late": str(
            days_overdue(task.status, task.due_date, task.completed_on, clock.today()) or 0
        ),
    }


def _described(action: BulkAction, before: dict[str, str], after: dict[str, str]) -> str:
    if action.name == "remind":
        return f"Nhắc nhở: quá hạn {before['_late']} ngày."
    changed = [
        f"{name}: {before[name]} → {after[name]}"
        for name in before
        if not name.startswith("_") and before[name] != after[name]
    ]
    return "; ".join(changed)
