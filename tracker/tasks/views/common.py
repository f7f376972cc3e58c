"""Small helpers shared by the task views: return addresses, errors on fields, choices."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import request, url_for

from tracker.common.access import allowed
from tracker.common.exceptions import ServiceError
from tracker.domain.timeliness import STATUS_LABELS_VI, Status
from tracker.models._base import utcnow
from tracker.permissions import Action
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


def attach_errors(form, error: ServiceError, aliases: dict | None = None) -> list[str]:
    """Put a service's refusal on the fields it names; return what fits no field."""
    aliases = aliases or {}
    leftover: list[str] = []
    fields = error.fields or ({error.field: error.message} if error.field else {})
    for name, message in fields.items():
        field = getattr(form, aliases.get(name, name), None) if form is not None else None
        if field is not None and hasattr(field, "errors") and name not in ("version",):
            field.errors = [*list(field.errors or []), message]
        else:
            leftover.append(message)
    if not fields:
        leftover.append(error.message)
    return leftover


def may_cancel(task, principal) -> bool:
    """The director, or whoever assigned the task, may cancel or restore it."""
    creator = task.created_by_id is not None and task.created_by_id == principal.user_id
    return creator or allowed(Action.CONFIRM_TASK, task, principal=principal)


def status_choices(task, principal) -> list[SelectChoice]:
    """The statuses this actor may move the task to (its current one included).

    A unit's "Hoàn thành" is offered as done; the service turns it into submitted, which the
    director then confirms.
    """
    confirmer = allowed(Action.CONFIRM_TASK, task, principal=principal)
    wanted = [Status.NOT_STARTED, Status.IN_PROGRESS, Status.PAUSED]
    if task.status == Status.SUBMITTED:
        wanted.append(Status.SUBMITTED)
    if confirmer or task.status != Status.SUBMITTED:
        wanted.append(Status.DONE)
    if task.status == Status.CANCELLED or may_cancel(task, principal):
        wanted.append(Status.CANCELLED)
    labels = dict(STATUS_LABELS_VI)
    if not confirmer:
        labels[Status.DONE] = "Hoàn thành – gửi lãnh đạo xác nhận"
    return [SelectChoice(value=s.value, label=labels[s]) for s in wanted]
