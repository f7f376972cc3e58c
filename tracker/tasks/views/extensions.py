"""Gia hạn: the unit asks for a new due date; the director approves or declines."""

from __future__ import annotations

from flask import abort
from flask_login import current_user, login_required

from tracker.common.access import current_principal, require, visible_task
from tracker.common.exceptions import Conflict, ValidationFailed
from tracker.extensions import db
from tracker.models import Extension
from tracker.permissions import Action
from tracker.tasks.review import decide_extension, request_extension
from tracker.tasks.views.blueprint import bp
from tracker.tasks.views.forms import DecisionForm, ExtensionForm
from tracker.tasks.views.page import task_page
from tracker.tasks.views.task import done, refused


@bp.post("/<int:task_id>/extension")
@login_required
def extension(task_id: int):
    principal = current_principal()
    task = visible_task(task_id, principal)
    require(Action.REQUEST_EXTENSION, task, principal=principal)
    form = ExtensionForm()
    if not form.validate():
        return task_page(task, 422, extension_form=form, open_panel="extension_form")
    try:
        request_extension(current_user, principal, task, form.due_date.data, form.reason.data)
    except (Conflict, ValidationFailed) as error:
        return refused(task_id, error, form, "extension_form")
    return done("Đã gửi đề nghị gia hạn; lãnh đạo Sở sẽ xem xét.", task)


@bp.post("/<int:task_id>/extensions/<int:extension_id>", endpoint="decide_extension")
@login_required
def decide_extension_view(task_id: int, extension_id: int):
    principal = current_principal()
    task = visible_task(task_id, principal)
    request_ = db.session.get(Extension, extension_id)
    if request_ is None or request_.task_id != task.id:
        abort(404)
    require(Action.DECIDE_EXTENSION, task, principal=principal)
    form = DecisionForm()
    if not form.validate():
        return task_page(task, 422, decision_form=form, open_panel="decision_form")
    approve = form.decision.data == "approve"
    try:
        decide_extension(current_user, principal, request_, approve, form.note.data)
    except (Conflict, ValidationFailed) as error:
        return refused(task_id, error, form, "decision_form")
    if approve:
        return done(f"Đã đồng ý gia hạn đến {task.due_date:%d/%m/%Y}.", task)
    return done("Đã không đồng ý đề nghị gia hạn.", task)
