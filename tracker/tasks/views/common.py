"""Small helpers shared by the task views: loading a task, return addresses, status choices."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import request, url_for

from tracker.common.access import current_principal, require, task_ref, visible_task
from tracker.domain import workflow
from tracker.domain.timeliness import STATUS_LABELS_VI, Status
from tracker.models import Task
from tracker.models._base import utcnow
from tracker.permissions import Action, Principal, can, may_move
from tracker.web.fields import SelectChoice


def stamp() -> str:
    """Now (UTC), as the hidden `loaded_at` of a form."""
    return utcnow().isoformat()


def safe_next(default: str) -> str:
    """The `next` address of a form when it stays on this site, else `default`."""
    target = request.form.get("next") or request.args.get("next")
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/"):
            return target
    return default


def task_url(task) -> str:
    return url_for("tasks.show", task_id=task.id)


def load_task(task_id: int, action: Action | None = None) -> tuple[Task, Principal]:
    """The task the signed-in person may see (else 404) and may do `action` on (else 403)."""
    principal = current_principal()
    task = visible_task(task_id, principal)
    if action is not None:
        require(action, task, principal=principal)
    return task, principal


def status_choices(task, principal) -> list[SelectChoice]:
    """The statuses this actor may move the task to (its current one included), from the
    workflow table. A unit's "Hoàn thành" lands on submitted: it is labelled so."""
    ref = task_ref(task)
    offered = workflow.menu(task.status, lambda move: may_move(principal, ref, move))
    labels = dict(STATUS_LABELS_VI)
    if not can(principal, Action.CONFIRM_TASK, ref):
        labels[Status.DONE] = "Hoàn thành – gửi lãnh đạo xác nhận"
    return [SelectChoice(value=s.value, label=labels[s]) for s in offered]
