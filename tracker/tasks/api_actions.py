"""The director's side of a task through the API: confirm, return, extensions.

These go beyond CONTRACT.md's table; they call the same use cases as the task page.
"""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from tracker.api.blueprint import bp
from tracker.api.common import check_id, expected_version, json_body
from tracker.api.schemas import load
from tracker.api.spec import WRITE_ERRORS, operation
from tracker.common import clock
from tracker.common.access import allowed, current_principal, require, visible_task
from tracker.common.exceptions import NotFound
from tracker.extensions import db
from tracker.models import Extension
from tracker.permissions import Action
from tracker.tasks.api import task_detail, with_etag
from tracker.tasks.review import confirm_task, decide_extension, request_extension, return_task
from tracker.tasks.schemas import (
    DecisionBody,
    ExtensionDecidedSchema,
    ExtensionRequest,
    ExtensionSchema,
    ReturnBody,
    TaskDetailSchema,
    VersionBody,
)

DECISION = (*WRITE_ERRORS, "404", "409")


@bp.post("/tasks/<int:task_id>/confirm")
@operation(
    summary="Confirm a submitted task (director, admin)",
    tag="workflow",
    response=TaskDetailSchema,
    errors=DECISION,
    body=VersionBody,
    body_required=False,
    etag=True,
)
def confirm_task_view(task_id: int):
    """Confirm a submitted task: it becomes done."""
    task = visible_task(check_id(task_id))
    body = json_body(allow_empty=True)
    version = expected_version(body, task.version)
    confirm_task(current_user, current_principal(), task, version)
    return with_etag(jsonify(task_detail(task)), task)


@bp.post("/tasks/<int:task_id>/return")
@operation(
    summary="Return a submitted task to its unit, with a reason (director, admin)",
    tag="workflow",
    response=TaskDetailSchema,
    errors=DECISION,
    body=ReturnBody,
    etag=True,
)
def return_task_view(task_id: int):
    """Return a submitted task to its unit with a reason."""
    task = visible_task(check_id(task_id))
    body = json_body()
    version = expected_version(body, task.version)
    reason = body.get("reason")
    # The role first: someone who may not return learns nothing from the body's errors.
    if allowed(Action.CONFIRM_TASK, task):
        reason = load(ReturnBody(partial=("reason",)), body).get("reason")
    return_task(current_user, current_principal(), task, version, reason)
    return with_etag(jsonify(task_detail(task)), task)


@bp.post("/tasks/<int:task_id>/extensions")
@operation(
    summary="Request a new deadline, with a reason (the unit's head or the assignee)",
    tag="workflow",
    status="201",
    response=ExtensionSchema,
    errors=(*WRITE_ERRORS, "404"),
    body=ExtensionRequest,
)
def request_extension_view(task_id: int):
    """Ask for a new deadline, with a reason (the lead unit's head or the assignee)."""
    task = visible_task(check_id(task_id))
    require(Action.REQUEST_EXTENSION, task)  # the role before the body's errors
    body = load(ExtensionRequest(partial=True), json_body())
    extension = request_extension(
        current_user,
        current_principal(),
        task,
        body.get("due_date"),
        body.get("reason"),
        today=clock.today(),
    )
    return jsonify(ExtensionSchema().dump(extension)), 201


@bp.post("/extensions/<int:extension_id>/decision")
@operation(
    summary="Approve or decline an extension request (director, admin)",
    tag="workflow",
    response=ExtensionDecidedSchema,
    errors=DECISION,
    body=DecisionBody,
    etag=True,
)
def decide_extension_view(extension_id: int):
    """Approve or decline an extension request (director, admin)."""
    extension = db.session.get(Extension, check_id(extension_id))
    # A request on a task the caller may not see answers as if it did not exist at all.
    if extension is None or not allowed(Action.VIEW_TASK, extension.task):
        raise NotFound("Không tìm thấy đề nghị gia hạn.")
    require(Action.DECIDE_EXTENSION, extension.task)  # the role before the body's errors
    body = load(DecisionBody(), json_body())
    decide_extension(
        current_user, current_principal(), extension, body["approve"], body.get("note")
    )
    task = visible_task(extension.task_id)
    decided = ExtensionSchema().dump(extension) | {"task": task_detail(task)}
    return with_etag(jsonify(decided), task)
