"""Thao tác hàng loạt from the task list: preview what will change, then do it.

The list posts the chosen tasks and the action here. The preview page asks for what the
action needs (a person, a new deadline and its reason), runs the action as a dry run and
lists what would change and what would be refused, and why. Saying yes posts the same tasks
with the versions the preview saw: a task someone changed meanwhile is refused, not
overwritten. The outcome comes back on the list, as messages.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from tracker.bulk.actions import (
    ACTIONS,
    MAX_TASKS,
    Outcome,
    apply_bulk,
    offered,
    preview_bulk,
    read_params,
)
from tracker.bulk.forms import BulkForm
from tracker.common.access import current_principal
from tracker.common.exceptions import ServiceError
from tracker.common.lookup import as_id
from tracker.extensions import db
from tracker.tasks.views.choices import assignee_choices
from tracker.tasks.views.common import safe_next
from tracker.web.fields import options
from tracker.web.form_errors import attach_errors, on_refusal

bp = Blueprint("bulk", __name__)

# How many refused tasks the list names one by one after the action (the rest are counted).
NAMED_REFUSALS = 10


@bp.post("/preview")
@login_required
def preview():
    principal = current_principal()
    form, action = _form_and_action(principal)
    task_ids = _task_ids()
    outcome, status = None, 200
    if action.asks and not form.asked.data:
        pass  # from the list: first ask for what the action needs
    elif not form.validate():
        status = 422
    else:
        try:
            params = read_params(action, form.due_date.data, form.assignee.data, form.note.data)
            outcome = preview_bulk(current_user, principal, action, task_ids, params)
        except ServiceError as error:
            status = _show(form, error)
        # Nothing of the dry run stays, and nothing else of this request is to be saved.
        db.session.rollback()
    return _page(form, action, outcome, status)


@bp.post("/apply")
@login_required
def apply():
    principal = current_principal()
    form, action = _form_and_action(principal)
    back = safe_next(url_for("tasks.index"))
    on_refusal(lambda error: _page(form, action, error=error))
    if not form.validate():
        return _page(form, action, status=422)
    versions = {task_id: request.form.get(f"version-{task_id}") for task_id in _task_ids()}
    params = read_params(action, form.due_date.data, form.assignee.data, form.note.data)
    outcome = apply_bulk(current_user, principal, action, versions, params)
    _tell(outcome)
    return redirect(back, 303)


def _page(form: BulkForm, action, outcome: Outcome | None = None, status=200, error=None):
    if error is not None:
        status = _show(form, error)
    return render_template(
        "bulk/preview.html",
        form=form,
        action=action,
        task_ids=_task_ids(),
        outcome=outcome,
        back=safe_next(url_for("tasks.index")),
        max_tasks=MAX_TASKS,
    ), status


def _show(form: BulkForm, error: ServiceError) -> int:
    """Put a refusal on the fields it names (the choice of tasks on the action's)."""
    for message in attach_errors(form, error, aliases={"task": "action"}, default="action"):
        form.action.errors = [*form.action.errors, message]
    return error.status


def _form_and_action(principal):
    """The posted form, and the action it names: 403 when it is not this person's to take."""
    actions = offered(principal)
    if not actions:
        abort(403)
    form = BulkForm()
    form.action.choices = options((a.name, a.label) for a in actions)
    action = ACTIONS.get(form.action.data or "")
    if action is None:
        abort(422)
    if action not in actions:
        abort(403)
    if "assignee" in action.needs:
        form.assignee.choices = assignee_choices(principal)
    return form, action


def _task_ids() -> list[int]:
    """The chosen tasks, in the order of the list, each once."""
    found: list[int] = []
    for value in request.form.getlist("task"):
        task_id = as_id(value)
        if task_id is not None and task_id not in found:
            found.append(task_id)
    return found


def _tell(outcome: Outcome) -> None:
    action = outcome.action
    if outcome.done:
        flash(f"{action.done} {len(outcome.done)} nhiệm vụ.", "success")
    for item in outcome.refused[:NAMED_REFUSALS]:
        name = f"“{item.title}”" if item.title else f"Nhiệm vụ số {item.task_id}"
        flash(f"Không thực hiện được với {name}: {item.refusal}", "warning")
    more = len(outcome.refused) - NAMED_REFUSALS
    if more > 0:
        flash(f"… và {more} nhiệm vụ khác không thực hiện được.", "warning")
