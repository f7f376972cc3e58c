"""The task page and what is done on it: update, confirm, return, remind (one or a unit's)."""

from __future__ import annotations

from functools import partial

from flask import flash, redirect, request, url_for
from flask_login import current_user, login_required
from werkzeug.datastructures import CombinedMultiDict

from tracker.common.access import current_principal, visible_task
from tracker.common.exceptions import Conflict
from tracker.domain.timeliness import Status
from tracker.notify.reminders import remind_task, remind_unit_overdue
from tracker.permissions import Action
from tracker.tasks.attachments import add_attachment
from tracker.tasks.operations import update_task
from tracker.tasks.review import confirm_task, return_task
from tracker.tasks.views.blueprint import bp
from tracker.tasks.views.common import load_task, safe_next, stamp, status_choices, task_url
from tracker.tasks.views.forms import ConfirmForm, QuickUpdateForm, RemindForm, ReturnForm
from tracker.tasks.views.page import task_page
from tracker.tasks.views.timeline import changes_since, parse_stamp
from tracker.web.form_errors import attach_errors, on_refusal


@bp.get("/<int:task_id>")
@login_required
def show(task_id: int):
    return task_page(visible_task(task_id))


def refused(task_id: int, form, slot: str, error, aliases=None):
    """The task page again with the refused form (the request's changes are already gone).

    A stale version (409) also lists what others changed since the form was loaded, and
    brings the form up to date so that saving again applies what the user typed.
    """
    task = visible_task(task_id)
    if isinstance(error, Conflict) and hasattr(form, "loaded_at"):
        since = parse_stamp(form.loaded_at.data)
        form.version.data = task.version
        form.loaded_at.data = stamp()
        # The conflict box says what happened; a second alert would only repeat it.
        return task_page(task, 409, conflict=changes_since(task, since), **{slot: form})
    if isinstance(error, Conflict):  # e.g. a request another director decided meanwhile
        return task_page(task, 409, alerts=[error.message])
    leftover = attach_errors(form, error, aliases)
    return task_page(task, error.status, alerts=leftover, open_panel=slot, **{slot: form})


def show_refusals_on(task_id: int, form, slot: str) -> None:
    """A refusal of this request shows the task page again with `form` in `slot`."""
    on_refusal(partial(refused, task_id, form, slot))


def done(message: str, task):
    flash(message, "success")
    return redirect(safe_next(task_url(task)), 303)


@bp.post("/<int:task_id>/update")
@login_required
def update(task_id: int):
    task, principal = load_task(task_id, Action.UPDATE_PROGRESS)
    formdata = request.form.copy()
    if request.form.get("action") == "finish":
        # "Báo cáo hoàn thành" means done; a unit's done becomes submitted (the workflow).
        formdata["status"] = Status.DONE.value
    form = QuickUpdateForm(formdata=CombinedMultiDict((request.files, formdata)))
    form.status.choices = status_choices(task, principal)
    if not form.validate():
        alert = "Vui lòng kiểm tra lại các trường được đánh dấu."
        return task_page(task, 422, alerts=[alert], quick=form)
    show_refusals_on(task_id, form, "quick")
    before = (task.version, task.status)
    update_task(current_user, principal, task, form.task_data(), form.version.data, form.note.data)
    if form.file.data:
        add_attachment(current_user, principal, task, form.file.data)
    if task.status != before[1] and task.status == Status.SUBMITTED:
        return done("Đã báo cáo hoàn thành; nhiệm vụ chờ lãnh đạo xác nhận.", task)
    if task.status != before[1] and task.status == Status.DONE:
        return done("Nhiệm vụ đã hoàn thành.", task)
    if task.version == before[0] and not form.file.data:
        flash("Không có thay đổi nào để lưu.", "info")
        return redirect(safe_next(task_url(task)), 303)
    return done("Đã cập nhật nhiệm vụ.", task)


@bp.post("/<int:task_id>/confirm")
@login_required
def confirm(task_id: int):
    task, principal = load_task(task_id, Action.CONFIRM_TASK)
    form = ConfirmForm()
    show_refusals_on(task_id, form, "confirm_form")
    confirm_task(current_user, principal, task, form.version.data)
    return done("Đã xác nhận hoàn thành nhiệm vụ.", task)


@bp.post("/<int:task_id>/return")
@login_required
def return_(task_id: int):
    task, principal = load_task(task_id, Action.CONFIRM_TASK)
    form = ReturnForm()
    if not form.validate():
        return task_page(task, 422, return_form=form, open_panel="return_form")
    show_refusals_on(task_id, form, "return_form")
    return_task(current_user, principal, task, form.version.data, form.reason.data)
    return done("Đã trả lại nhiệm vụ cho đơn vị, kèm lý do.", task)


@bp.post("/<int:task_id>/remind")
@login_required
def remind(task_id: int):
    task, principal = load_task(task_id, Action.REMIND)
    form = RemindForm()
    if not form.validate():
        return task_page(task, 422, remind_form=form, open_panel="remind_form")
    show_refusals_on(task_id, form, "remind_form")
    remind_task(current_user, principal, task, note=form.note.data)
    return done("Đã gửi nhắc nhở đến người thực hiện và trưởng đơn vị.", task)


@bp.post("/unit/<int:unit_id>/remind")
@login_required
def remind_unit(unit_id: int):
    """“Nhắc nhở tất cả”: remind every overdue task of a unit (and its subtree)."""
    subtree = request.form.get("subtree", "1") != "0"
    unit, reminded = remind_unit_overdue(current_user, current_principal(), unit_id, subtree)
    args = {"unit": unit.id, "timeliness": "overdue"} | ({} if subtree else {"subtree": "0"})
    if reminded:
        message = f"Đã nhắc nhở {reminded} nhiệm vụ quá hạn của {unit.name}."
        flash(message, "success")
    else:
        flash(f"{unit.name} không có nhiệm vụ quá hạn nào để nhắc nhở.", "info")
    return redirect(safe_next(url_for("tasks.index", **args)), 303)
