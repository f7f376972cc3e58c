"""Assign and update tasks: permissions per field, status rules, history, roll-up.

What a form or a JSON body may say about a task is read and checked in task_fields.py.
"""

from __future__ import annotations

from datetime import date

from tracker.common import clock, signals
from tracker.common.access import task_ref
from tracker.common.exceptions import NotAllowed, ValidationFailed
from tracker.documents.linking import link_cited_documents
from tracker.domain import workflow
from tracker.domain.text import fold_join
from tracker.domain.timeliness import FINISHED, Status
from tracker.domain.workflow import Completion
from tracker.extensions import db
from tracker.models import Task
from tracker.models._base import utcnow
from tracker.permissions import Action, Principal, can, may_move
from tracker.tasks.checks import check_assignee, check_completion, check_dates, check_units
from tracker.tasks.fields import EDIT_FIELDS, PROGRESS_FIELDS
from tracker.tasks.history import FIELD_LABELS, record
from tracker.tasks.rollup import (
    check_version,
    flush_or_conflict,
    roll_up_former_parent,
    roll_up_progress,
    set_parent,
)
from tracker.tasks.schemas import clean

RESULT_NEEDED = "Muốn báo cáo hoàn thành, hãy nhập kết quả đạt được."

# -- use cases -------------------------------------------------------------------------------


def create_task(user, principal: Principal, data: dict, today: date | None = None) -> Task:
    """Assign a new task (director, admin; a head within the own unit)."""
    today = today or clock.today()
    # The role first: someone who may not assign learns nothing from the body's errors.
    if not can(principal, Action.CREATE_TASK):
        raise NotAllowed("Bạn không có quyền giao nhiệm vụ.")
    values = clean({k: v for k, v in data.items() if k != "status"})
    for name in ("title", "section", "lead_unit"):
        if values.get(name) is None:
            label = FIELD_LABELS[name].lower()
            raise ValidationFailed(
                f"Chưa chọn {label}." if name != "title" else "Chưa nhập tên nhiệm vụ.", field=name
            )
    if not can(principal, Action.CREATE_TASK, unit_id=values["lead_unit"].id):
        raise NotAllowed("Bạn không được giao nhiệm vụ cho đơn vị này.", field="lead_unit")
    task = Task(
        title=values["title"],
        description=values.get("description"),
        section=values["section"],
        lead_unit=values["lead_unit"],
        planned_period=values.get("planned_period"),
        start_date=values.get("start_date"),
        due_date=values.get("due_date"),
        original_due_date=values.get("due_date"),
        priority=values.get("priority", 2),
        product=values.get("product"),
        report_wording=values.get("report_wording"),
        weight=values.get("weight", 1.0),
        status=Status.NOT_STARTED.value,
        progress=0,
        created_by_id=user.id if user else None,
    )
    task.support_units = [u for u in values.get("support_units", []) if u != task.lead_unit]
    task.documents = list(values.get("documents", []))
    check_dates(task, today)
    check_units(task, values.get("lead_unit"), task.support_units)
    db.session.add(task)
    if values.get("parent") is not None:
        set_parent(task, values["parent"], principal)
    db.session.flush()
    if values.get("assignee") is not None:
        check_assignee(values["assignee"], task)
        task.assignee = values["assignee"]
    link_cited_documents(task)
    refresh_search_text(task)
    db.session.flush()
    record(task, user, "created", {k: (None, v) for k, v in values.items()})
    roll_up_progress(task.parent, user)
    signals.task_assigned.send(task, actor=user)
    return task


def update_task(
    user,
    principal: Principal,
    task: Task,
    data: dict,
    expected_version,
    note: str | None = None,
    today: date | None = None,
) -> Task:
    """Change a task's fields within the caller's permissions; stale versions get Conflict."""
    today = today or clock.today()
    # The role first, from the names of the fields alone: someone who may not make this
    # change learns nothing from the task's version or from the body (a parent id, say).
    ref = task_ref(task)
    needed = set()
    if EDIT_FIELDS & set(data):
        needed.add(Action.EDIT_TASK)
    if PROGRESS_FIELDS & set(data):
        needed.add(Action.EDIT_OUTCOME)
    if note or not EDIT_FIELDS & set(data):
        needed.add(Action.UPDATE_PROGRESS)  # a note, an empty body, or only a due date
    for action in needed:
        if not can(principal, action, ref):
            raise NotAllowed("Bạn không có quyền sửa nhiệm vụ này.")
    check_version(task, expected_version)
    values = clean(data)
    if "due_date" in values and values["due_date"] != task.due_date:
        if not can(principal, Action.MOVE_DUE_DATE, ref):
            raise NotAllowed(
                "Chỉ lãnh đạo Sở đổi được hạn hoàn thành; hãy đề nghị gia hạn.", field="due_date"
            )
    if "lead_unit" in values and not can(
        principal, Action.CREATE_TASK, unit_id=values["lead_unit"].id
    ):
        raise NotAllowed("Bạn không được chuyển nhiệm vụ cho đơn vị này.", field="lead_unit")

    old_parent = task.parent
    # No flush before ours: the checks must name a bad field before the table's constraints
    # see it, and a concurrent writer's win must surface as a Conflict, here.
    with db.session.no_autoflush:
        changes, kind = _apply(task, values, principal, today)
        if not changes and not note:
            return task
        link_cited_documents(task)
        refresh_search_text(task)
        task.updated_at = utcnow()  # bumps the row, and with it the version, even for links
        record(task, user, kind, changes, note)
    flush_or_conflict(task)
    if "parent" in changes:
        roll_up_former_parent(old_parent, user)
    if {"progress", "status", "parent"} & set(changes):
        roll_up_progress(task.parent, user)
    if kind in ("submitted", "confirmed"):
        signals.BY_KIND[kind].send(task, actor=user)
    return task


def refresh_search_text(task: Task) -> None:
    task.search_text = fold_join(
        task.title, task.description, task.result, *sorted(d.label for d in task.documents)
    )


# -- internals -------------------------------------------------------------------------------


def _apply(task: Task, values: dict, principal: Principal, today: date) -> tuple[dict, str]:
    """Apply the values; return {field: (old, new)} of what really changed, and its kind."""
    changes: dict = {}
    progress_before = task.progress
    simple = (
        "title",
        "description",
        "section",
        "lead_unit",
        "planned_period",
        "start_date",
        "due_date",
        "priority",
        "result",
        "product",
        "report_wording",
        "weight",
    )
    for name in simple:
        if name in values and getattr(task, name) != values[name]:
            changes[name] = (getattr(task, name), values[name])
            setattr(task, name, values[name])
    if "due_date" in changes and task.original_due_date is None:
        task.original_due_date = changes["due_date"][0] or task.due_date
    for name in ("support_units", "documents"):
        if name in values and {x.id for x in getattr(task, name)} != {x.id for x in values[name]}:
            changes[name] = (list(getattr(task, name)), values[name])
            setattr(task, name, values[name])
    if "support_units" in changes:
        task.support_units = [u for u in task.support_units if u != task.lead_unit]
    if "assignee" in values and task.assignee != values["assignee"]:
        if values["assignee"] is not None:
            check_assignee(values["assignee"], task)
        changes["assignee"] = (task.assignee, values["assignee"])
        task.assignee = values["assignee"]
    if "parent" in values and task.parent != values["parent"]:
        changes["parent"] = (task.parent, values["parent"])
        set_parent(task, values["parent"], principal)
    if "progress" in values:
        task.progress = values["progress"]
    kind = _apply_status(task, values, principal, today, changes)
    if task.progress != progress_before:
        changes["progress"] = (progress_before, task.progress)
    check_dates(task, today)
    lead = changes.get("lead_unit", (None, None))[1]
    before = changes.get("support_units", (task.support_units, None))[0]
    check_units(task, lead, [u for u in task.support_units if u not in before])
    return changes, kind


def _apply_status(task: Task, values: dict, principal: Principal, today: date, changes) -> str:
    """Move the task through the workflow table (domain/workflow.py); return the history kind."""
    ref = task_ref(task)
    source = Status(task.status)
    target = Status(values.get("status", source))
    old_completed, given = task.completed_on, values.get("completed_on")
    move = workflow.transition(source, target)
    leader = can(principal, Action.CONFIRM_TASK, ref)
    if move is not None:
        if not may_move(principal, ref, move):
            raise NotAllowed(move.refusal, field="status")
        target = workflow.landing(move, target, leader)
        if move.needs_result and not task.result:
            raise ValidationFailed(RESULT_NEEDED, field="result")
        _date_the_move(task, move, target, given, today)
    elif "completed_on" in values and target in FINISHED:
        task.completed_on = given or task.completed_on
    if target not in FINISHED and given is not None:
        raise ValidationFailed(
            "Chỉ nhiệm vụ đã hoàn thành mới có ngày hoàn thành.", field="completed_on"
        )
    if target in FINISHED:
        if not task.result:
            raise ValidationFailed("Nhiệm vụ hoàn thành phải có kết quả.", field="result")
        task.progress = 100  # finished work is whole, whatever the slider said
    if target != source:
        changes["status"] = (source.value, target.value)
        task.status = target.value
    if task.completed_on != old_completed:
        changes["completed_on"] = (old_completed, task.completed_on)
        if task.completed_on is not None:
            check_completion(task, today, leader)
    return workflow.history_kind(move, target)


def _date_the_move(task: Task, move, landed: Status, given, today: date) -> None:
    """The three dates of finished work after a move: completed (as the unit says, today by
    default), handed in and confirmed (both the server's: today)."""
    if move.completion is Completion.SET:
        task.completed_on = given or today
        task.submitted_on = today
        task.confirmed_on = today if landed == Status.DONE else None
    elif move.completion is Completion.KEEP:
        task.completed_on = given or task.completed_on
        task.confirmed_on = today if landed == Status.DONE else None
    else:
        task.completed_on = task.submitted_on = task.confirmed_on = None
