"""Gia hạn: the unit asks for a new due date; the director approves or declines."""

from __future__ import annotations

from flask import abort
from flask_login import current_user, login_required

from tracker.common.access import require
from tracker.domain.dates import format_day
from tracker.extensions import db
from tracker.models import Extension
from tracker.permissions import Action
from tracker.tasks.review import decide_extension, request_extension
from tracker.tasks.views.blueprint import bp
from tracker.tasks.views.common import load_task
from tracker.tasks.views.forms import DecisionForm, ExtensionForm
from tracker.tasks.views.page import task_page
from tracker.tasks.views.task import done, show_refusals_on


@bp.post("/<int:task_id>/extension")
@login_required
def extension(task_id: int):
    task, principal = load_task(task_id, Action.REQUEST_EXTENSION)
    form = ExtensionForm()
    if not form.validate():
        return task_page(task, 422, extension_form=form, open_panel="extension_form")
    show_refusals_on(task_id, form, "extension_form")
    request_extension(current_user, principal, task, form.due_date.data, form.reason.data)
    return done("Đã gửi đề nghị gia hạn; lãnh đạo Sở sẽ xem xét.", task)


@bp.post("/<int:task_id>/extensions/<int:extension_id>", endpoint="decide_extension")
@login_required
def decide_extension_view(task_id: int, extension_id: int):
    task, principal = load_task(task_id)
    request_ = db.session.get(Extension, extension_id)
    if request_ is None or request_.task_id != task.id:
        abort(404)
    require(Action.DECIDE_EXTENSION, task, principal=principal)
    form = DecisionForm()
    if not form.validate():
        return task_page(task, 422, decision_form=form, open_panel="decision_form")
    approve = form.decision.data == "approve"
    show_refusals_on(task_id, form, "decision_form")
    decide_extension(current_user, principal, request_, approve, form.note.data)
    if approve:
        return done(f"Đã đồng ý gia hạn đến {format_day(task.due_date)}.", task)
    return done("Đã không đồng ý đề nghị gia hạn.", task)
