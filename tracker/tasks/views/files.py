"""Minh chứng: uploading evidence to a task and downloading it."""

from __future__ import annotations

from flask import abort, send_file
from flask_login import current_user, login_required

from tracker.common.access import current_principal, require, visible_task
from tracker.common.exceptions import ValidationFailed
from tracker.permissions import Action
from tracker.tasks.attachments import add_attachment, attachment_path, task_attachment
from tracker.tasks.views.blueprint import bp
from tracker.tasks.views.forms import AttachmentForm
from tracker.tasks.views.task import done, refused


@bp.post("/<int:task_id>/attachments")
@login_required
def attachment_upload(task_id: int):
    principal = current_principal()
    task = visible_task(task_id, principal)
    require(Action.UPDATE_PROGRESS, task, principal=principal)
    form = AttachmentForm()
    try:
        attachment = add_attachment(current_user, principal, task, form.file.data)
    except ValidationFailed as error:
        return refused(task_id, error, form, "upload_form")
    return done(f"Đã đính kèm “{attachment.filename}”.", task)


@bp.get("/<int:task_id>/attachments/<int:attachment_id>")
@login_required
def attachment(task_id: int, attachment_id: int):
    task = visible_task(task_id, current_principal())
    record = task_attachment(task, attachment_id)
    path = attachment_path(record)
    if not path.is_file():
        abort(404)
    return send_file(
        path,
        mimetype=record.content_type,
        as_attachment=True,
        download_name=record.filename,
        max_age=0,
    )
