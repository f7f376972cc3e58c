"""The director's side of a task through the API: confirm, return, extensions.

These go beyond CONTRACT.md's table; they call the same services as the task page.
"""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from tracker.api.blueprint import bp
from tracker.api.common import check_id, expected_version, json_body, today
from tracker.api.serializers import extension_json
from tracker.common.access import allowed, current_principal, require, visible_task
from tracker.common.exceptions import NotFound, ValidationFailed
from tracker.extensions import db
from tracker.models import Extension
from tracker.permissions import Action
from tracker.tasks.api import task_detail, text_arg, with_etag
from tracker.tasks.review import confirm_task, decide_extension, request_extension, return_task


@bp.post("/tasks/<int:task_id>/confirm")
def confirm_task_view(task_id: int):
    """Confirm a submitted task: it becomes done."""
    task = visible_task(check_id(task_id))
    body = json_body(allow_empty=True)
    confirm_task(current_user, current_principal(), task, expected_version(body, task.version))
    return with_etag(jsonify(task_detail(task)), task)


@bp.post("/tasks/<int:task_id>/return")
def return_task_view(task_id: int):
    """Return a submitted task to its unit with a reason."""
    task = visible_task(check_id(task_id))
    body = json_body()
    version = expected_version(body, task.version)
    reason = text_arg(body, "reason")
    return_task(current_user, current_principal(), task, version, reason)
    return with_etag(jsonify(task_detail(task)), task)


@bp.post("/tasks/<int:task_id>/extensions")
def request_extension_view(task_id: int):
    """Ask for a new deadline, with a reason (the lead unit's head or the assignee)."""
    task = visible_task(check_id(task_id))
    body = json_body()
    reason = text_arg(body, "reason", limit=5_000)
    extension = request_extension(
        current_user, current_principal(), task, body.get("due_date"), reason, today=today()
    )
    return jsonify(extension_json(extension)), 201


@bp.post("/extensions/<int:extension_id>/decision")
def decide_extension_view(extension_id: int):
    """Approve or decline an extension request (director, admin)."""
    extension = db.session.get(Extension, check_id(extension_id))
    # A request on a task the caller may not see answers as if it did not exist at all.
    if extension is None or not allowed(Action.VIEW_TASK, extension.task):
        raise NotFound("Không tìm thấy đề nghị gia hạn.")
    require(Action.DECIDE_EXTENSION, extension.task)  # the role before the body's errors
    body = json_body()
    approve = body.get("approve")
    if not isinstance(approve, bool):
        raise ValidationFailed("“approve” phải là true hoặc false.", field="approve")
    note = text_arg(body, "note", limit=5_000)
    decide_extension(current_user, current_principal(), extension, approve, note)
    task = visible_task(extension.task_id)
    return with_etag(jsonify(extension_json(extension) | {"task": task_detail(task)}), task)
