"""The director's side of a task: confirm or return a submission, decide on extensions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from tracker.common import clock, signals
from tracker.common.access import task_ref
from tracker.common.exceptions import Conflict, NotAllowed, ValidationFailed
from tracker.domain import workflow
from tracker.domain.dates import format_day
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import Extension, Task
from tracker.models._base import utcnow
from tracker.permissions import Action, Principal, can, may_move
from tracker.tasks.fields import parse_day
from tracker.tasks.history import record
from tracker.tasks.rollup import check_version, flush_or_conflict, roll_up_progress


def confirm_task(user, principal: Principal, task: Task, expected_version) -> Task:
    """Confirm a submitted task: it becomes done, completed on the day the unit gave, and
    confirmed today."""
    _review(principal, task, expected_version, workflow.BY_NAME["confirm"])
    task.status = Status.DONE.value
    task.confirmed_on = clock.today()
    task.updated_at = utcnow()
    record(task, user, "confirmed", {"status": (Status.SUBMITTED.value, Status.DONE.value)})
    flush_or_conflict(task)
    roll_up_progress(task.parent, user)
    signals.task_confirmed.send(task, actor=user)
    return task


def return_task(user, principal: Principal, task: Task, expected_version, reason: str) -> Task:
    """Return a submitted task to the unit with a reason: it is in progress again."""
    move = workflow.BY_NAME["return"]
    reason = (reason or "").strip()
    _review(principal, task, expected_version, move, reason)
    changes = {
        "status": (task.status, Status.IN_PROGRESS.value),
        "completed_on": (task.completed_on, None),
    }
    task.status = Status.IN_PROGRESS.value
    task.completed_on = task.submitted_on = task.confirmed_on = None
    task.updated_at = utcnow()
    record(task, user, move.kind, changes, reason)
    flush_or_conflict(task)
    roll_up_progress(task.parent, user)
    signals.task_returned.send(task, actor=user, reason=reason)
    return task


def _review(principal: Principal, task: Task, expected_version, move, reason: str = "") -> None:
    """Guard a director's decision on a submission: who, which version, from which status."""
    if not may_move(principal, task_ref(task), move):
        raise NotAllowed(move.refusal)
    check_version(task, expected_version)
    if move.needs_reason and not reason:
        raise ValidationFailed("Hãy nêu lý do trả lại.", field="reason")
    if task.status not in move.sources:
        raise Conflict("Nhiệm vụ không ở trạng thái chờ xác nhận.", current=task)


def pending_extension(task: Task) -> Extension | None:
    return db.session.scalar(
        select(Extension).where(Extension.task_id == task.id, Extension.status == "pending")
    )


def request_extension(
    user, principal: Principal, task: Task, new_date, reason: str, today: date | None = None
) -> Extension:
    """Ask for a new deadline (the lead unit's head or the assignee), with a reason."""
    today = today or clock.today()
    if not can(principal, Action.REQUEST_EXTENSION, task_ref(task)):
        raise NotAllowed("Bạn không đề nghị gia hạn được nhiệm vụ này.")
    if task.status in (Status.DONE, Status.CANCELLED):
        raise ValidationFailed("Nhiệm vụ đã kết thúc, không cần gia hạn.", field="due_date")
    requested = parse_day(new_date, "due_date")
    reason = (reason or "").strip()
    if requested is None:
        raise ValidationFailed("Hãy chọn hạn mới.", field="due_date")
    if requested < today or (task.due_date and requested <= task.due_date):
        raise ValidationFailed(
            "Hạn mới phải sau hạn hiện tại và không ở quá khứ.", field="due_date"
        )
    if not reason:
        raise ValidationFailed("Hãy nêu lý do đề nghị gia hạn.", field="reason")
    if pending_extension(task) is not None:
        raise ValidationFailed("Nhiệm vụ đang có một đề nghị gia hạn chờ duyệt.", field="due_date")
    extension = Extension(
        task_id=task.id,
        requested_by_id=user.id,
        previous_due_date=task.due_date,
        requested_due_date=requested,
        reason=reason,
    )
    db.session.add(extension)
    record(task, user, "extension_requested", {"due_date": (task.due_date, requested)}, reason)
    db.session.flush()
    signals.extension_requested.send(task, actor=user, date=format_day(requested))
    return extension


def decide_extension(
    user, principal: Principal, extension: Extension, approve: bool, note: str | None = None
) -> Extension:
    """Approve (the deadline moves, the original stays on record) or decline a request."""
    task = extension.task
    if not can(principal, Action.DECIDE_EXTENSION, task_ref(task)):
        raise NotAllowed("Chỉ lãnh đạo Sở duyệt đề nghị gia hạn.")
    note = (note or "").strip() or None
    if extension.status != "pending":  # (the claim below settles two at the same moment)
        raise Conflict("Đề nghị gia hạn này đã được xử lý.")
    if not approve and note is None:
        # A refusal without a word leaves the unit guessing how to finish on time.
        raise ValidationFailed(
            "Khi không đồng ý gia hạn, hãy ghi lý do để đơn vị biết và sắp xếp lại công việc.",
            field="note",
        )
    # Claim the request in one statement, so that two directors cannot both decide it.
    claimed = db.session.execute(
        update(Extension)
        .where(Extension.id == extension.id, Extension.status == "pending")
        .values(
            status="approved" if approve else "declined",
            decided_by_id=user.id,
            decided_at=utcnow(),
            decision_note=note,
        )
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise Conflict("Đề nghị gia hạn này đã được xử lý.")
    db.session.refresh(extension)
    if approve:
        if task.original_due_date is None:
            task.original_due_date = task.due_date
        old = task.due_date
        task.due_date = extension.requested_due_date
        task.updated_at = utcnow()
        record(task, user, "extension_approved", {"due_date": (old, task.due_date)}, note)
    else:
        record(task, user, "extension_declined", {}, note)
    flush_or_conflict(task)
    decision = "đồng ý" if approve else "không đồng ý"
    signals.extension_decided.send(
        task, actor=user, decision=decision, requester=extension.requested_by
    )
    return extension
