"""Minh chứng: uploading evidence to a task and downloading it."""

from __future__ import annotations

from flask_login import current_user, login_required

from tracker.permissions import Action
from tracker.tasks.attachments import add_attachment, attachment_bytes, task_attachment
from tracker.tasks.views.blueprint import bp
from tracker.tasks.views.common import load_task
from tracker.tasks.views.forms import AttachmentForm
from tracker.tasks.views.task import done, show_refusals_on
from tracker.web import downloads


@bp.post("/<int:task_id>/attachments")
@login_required
def attachment_upload(task_id: int):
    task, principal = load_task(task_id, Action.UPDATE_PROGRESS)
    form = AttachmentForm()
    show_refusals_on(task_id, form, "upload_form")
    attachment = add_attachment(current_user, principal, task, form.file.data)
    return done(f"Đã đính kèm “{attachment.filename}”.", task)


@bp.get("/<int:task_id>/attachments/<int:attachment_id>")
@login_required
def attachment(task_id: int, attachment_id: int):
    task, _ = load_task(task_id)
    record = task_attachment(task, attachment_id)
    data = attachment_bytes(record)
    return downloads.attachment(data, record.content_type, record.filename, etag=record.sha256)
