"""Versions, parents and roll-up: a stale version is a Conflict, a subtask is attached only
by someone who may edit the parent, and a parent's progress is its subtasks' mean."""

from __future__ import annotations

from sqlalchemy.orm.exc import StaleDataError

from tracker.common.access import task_ref
from tracker.common.exceptions import Conflict, NotAllowed, ValidationFailed
from tracker.domain.timeliness import FINISHED, Status
from tracker.extensions import db
from tracker.models import Task
from tracker.permissions import Action, Principal, can
from tracker.tasks.history import record


def check_version(task: Task, expected_version) -> None:
    """Refuse an update based on another version than the stored one."""
    if expected_version in (None, ""):
        raise ValidationFailed("Thiếu phiên bản (version) của nhiệm vụ.", field="version")
    try:
        expected = int(expected_version)
    except (TypeError, ValueError):
        raise ValidationFailed("Phiên bản (version) phải là số.", field="version") from None
    if expected != task.version:
        raise Conflict(
            "Nhiệm vụ vừa được người khác cập nhật; hãy xem thay đổi của họ rồi lưu lại.",
            current=task,
        )


def flush_or_conflict(task: Task) -> None:
    """Flush; a concurrent writer that got there first turns into a Conflict."""
    try:
        db.session.flush()
    except StaleDataError:
        # The request (or command) rolls back on the way out, like any refusal.
        raise Conflict(
            "Nhiệm vụ vừa được người khác cập nhật; hãy xem thay đổi của họ rồi lưu lại."
        ) from None


def roll_up_former_parent(parent: Task | None, user) -> None:
    """Re-compute a parent a subtask has left (it may have no subtasks left)."""
    if parent is None:
        return
    db.session.refresh(parent, ["subtasks"])
    roll_up_progress(parent, user)


def roll_up_progress(parent: Task | None, user) -> None:
    """Set a parent's progress to the mean of its subtasks', recording the change.

    A finished or cancelled parent is a record, not a sum: its progress is what was handed
    in or confirmed, and a subtask's change never rewrites it (nor anything above it).
    """
    while parent is not None:
        if parent.status in FINISHED or parent.status == Status.CANCELLED:
            return
        counted = [t for t in parent.subtasks if t.status != Status.CANCELLED]
        if not counted:
            return
        values = [100 if t.status in FINISHED else t.progress for t in counted]
        mean = round(sum(values) / len(values))
        if mean == parent.progress:
            return
        old = parent.progress
        parent.progress = mean
        record(parent, user, "updated", {"progress": (old, mean)}, "Tính từ tiến độ nhiệm vụ con.")
        flush_or_conflict(parent)
        parent = parent.parent


def set_parent(task: Task, parent: Task | None, principal: Principal) -> None:
    """Attach the task under `parent` (or detach it): a change to both parents' progress,
    so it needs the right to edit each of them, not only the subtask."""
    former = task.parent
    if former is not None and former is not parent:
        if not can(principal, Action.EDIT_TASK, task_ref(former)):
            raise NotAllowed(
                f"Bạn không có quyền sửa nhiệm vụ cha #{former.id}, nên không thể tách "
                "nhiệm vụ con khỏi nó."
            )
    if parent is not None:
        if not can(principal, Action.VIEW_TASK, task_ref(parent)):
            raise ValidationFailed("Không có nhiệm vụ cha này.", field="parent")
        if not can(principal, Action.EDIT_TASK, task_ref(parent)):
            raise NotAllowed(
                f"Bạn không có quyền sửa nhiệm vụ #{parent.id}, nên không thể gắn nhiệm vụ "
                "con vào nó."
            )
        ancestor = parent
        while ancestor is not None:
            if ancestor is task:
                raise ValidationFailed(
                    "Nhiệm vụ cha không được là chính nó hay nhiệm vụ con của nó.", field="parent"
                )
            ancestor = ancestor.parent
    task.parent = parent
