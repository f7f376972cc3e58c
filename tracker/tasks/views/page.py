"""The task page, built once for a plain view and for every form re-shown with its errors."""

from __future__ import annotations

from flask import current_app, render_template
from sqlalchemy import select

from tracker.common import clock
from tracker.common.access import allowed, current_principal
from tracker.extensions import db
from tracker.models import Attachment, Extension
from tracker.org.settings import due_soon_days
from tracker.permissions import Action
from tracker.tasks.review import pending_extension
from tracker.tasks.views.common import stamp, status_choices
from tracker.tasks.views.forms import (
    AttachmentForm,
    ConfirmForm,
    DecisionForm,
    ExtensionForm,
    QuickUpdateForm,
    RemindForm,
    ReturnForm,
)
from tracker.tasks.views.timeline import ICONS, describe, history
from tracker.web.templating import task_days_overdue, task_timeliness


def quick_form_for(task, principal, form: QuickUpdateForm | None = None) -> QuickUpdateForm:
    """The quick update form, filled from the task unless a posted one is given."""
    if form is None:
        form = QuickUpdateForm(
            formdata=None,
            data={
                "status": task.status,
                "progress": task.progress,
                "result": task.result or "",
                "completed_on": task.completed_on,
                "version": task.version,
                "loaded_at": stamp(),
            },
        )
    form.status.choices = status_choices(task, principal)
    return form


def task_page(task, status: int = 200, *, conflict=None, alerts=(), **forms):
    """Render the task page; `forms` replace the blank forms (quick, return_form ...)."""
    principal = current_principal()
    today = clock.today()
    soon = due_soon_days()
    # A confirmed task is closed to all but the leaders (permissions.py).
    updatable = allowed(Action.EDIT_OUTCOME, task, principal=principal)
    quick = quick_form_for(task, principal, forms.get("quick")) if updatable else None
    pending = pending_extension(task)
    stmt = select(Extension).where(Extension.task_id == task.id).order_by(Extension.id.desc())
    extensions = list(db.session.scalars(stmt))
    attachments = list(
        db.session.scalars(
            select(Attachment)
            .where(Attachment.task_id == task.id)
            .order_by(Attachment.uploaded_at.desc(), Attachment.id.desc())
        )
    )
    kind = task_timeliness(task, today, soon)
    context = {
        "task": task,
        "today": today,
        "kind": kind,
        "late_days": task_days_overdue(task, today),
        "quick": quick,
        "confirm_form": forms.get("confirm_form") or ConfirmForm(formdata=None),
        "return_form": forms.get("return_form") or ReturnForm(formdata=None),
        "extension_form": forms.get("extension_form") or ExtensionForm(formdata=None),
        "decision_form": forms.get("decision_form") or DecisionForm(formdata=None),
        "remind_form": forms.get("remind_form") or RemindForm(formdata=None),
        "upload_form": forms.get("upload_form") or AttachmentForm(formdata=None),
        "open_panel": forms.get("open_panel"),
        "pending": pending,
        "extensions": extensions,
        "attachments": attachments,
        "updates": history(task),
        "describe": describe,
        "icons": ICONS,
        "conflict": conflict,
        "alerts": list(alerts),
        "loaded_at": stamp(),
        "max_bytes": current_app.config["ATTACHMENT_MAX_BYTES"],
        "subtasks": list(task.subtasks),
        "due_soon_days": soon,
    }
    return render_template("tasks/show.html", **context), status
