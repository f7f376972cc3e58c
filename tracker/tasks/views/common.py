"""Small helpers shared by the task views: return addresses, errors on fields, choices."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import request, url_for

from tracker.common.access import task_ref
from tracker.common.exceptions import ServiceError
from tracker.domain import workflow
from tracker.domain.timeliness import STATUS_LABELS_VI, Status
from tracker.models._base import utcnow
from tracker.permissions import Action, can, may_move
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


def status_choices(task, principal) -> list[SelectChoice]:
    """The statuses this actor may move the task to (its current one included), from the
    workflow table. A unit's "Hoàn thành" lands on submitted: it is labelled so."""
    ref = task_ref(task)
    offered = workflow.menu(task.status, lambda move: may_move(principal, ref, move))
    labels = dict(STATUS_LABELS_VI)
    if not can(principal, Action.CONFIRM_TASK, ref):
        labels[Status.DONE] = "Hoàn thành – gửi lãnh đạo xác nhận"
    return [SelectChoice(value=s.value, label=labels[s]) for s in offered]
