"""Giao nhiệm vụ (new) and sửa nhiệm vụ (edit)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import select

from tracker.common import clock
from tracker.common.access import allowed, current_principal, require, visible_task
from tracker.common.exceptions import Conflict
from tracker.common.lookup import as_id
from tracker.domain.periods import Kind, period_containing
from tracker.extensions import db
from tracker.models import Document
from tracker.permissions import Action
from tracker.tasks.operations import create_task, update_task
from tracker.tasks.views.blueprint import bp
from tracker.tasks.views.choices import (
    assignee_choices,
    lead_unit_choices,
    period_choices,
    registry_documents,
    section_choices,
    unit_choices,
)
from tracker.tasks.views.common import load_task, stamp, task_url
from tracker.tasks.views.forms import TaskForm
from tracker.tasks.views.timeline import changes_since, describe, parse_stamp
from tracker.web.fields import SelectChoice
from tracker.web.form_errors import attach_errors, on_refusal

ALIASES = {"documents": "document_refs"}


def fill_choices(form: TaskForm, principal, task=None, extra_documents=()) -> None:
    """Give the form's selects what this actor may pick."""
    form.lead_unit.choices = lead_unit_choices(principal)
    if task is not None and str(task.lead_unit_id) not in {c.value for c in form.lead_unit.choices}:
        form.lead_unit.choices.append(SelectChoice(str(task.lead_unit_id), task.lead_unit.name))
    form.section.choices = section_choices(keep=task.section_id if task else None)
    form.support_units.choices = unit_choices()
    form.assignee.choices = assignee_choices(principal, task.assignee if task else None)
    form.planned_period.choices = period_choices(
        clock.today(), task.planned_period if task else None
    )
    documents = list(task.documents) if task else []
    documents += [d for d in extra_documents if d not in documents]
    posted = [i for v in request.form.getlist("documents") if (i := as_id(v)) is not None]
    for document in db.session.scalars(select(Document).where(Document.id.in_(posted))):
        if document not in documents:
            documents.append(document)
    form.documents.choices = [SelectChoice(str(d.id), d.label) for d in documents]


def render_form(form, task=None, status=200, conflict=None, alerts=(), parent=None):
    return render_template(
        "tasks/form.html",
        form=form,
        task=task,
        parent=parent,
        registry=registry_documents(),
        may_move_due=task is None or allowed(Action.MOVE_DUE_DATE, task),
        conflict=conflict,
        describe_changes=describe,
        alerts=list(alerts),
    ), status


def _arg_id(name: str) -> int | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    if (ident := as_id(value)) is None:
        abort(404)
    return ident


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    principal = current_principal()
    require(Action.CREATE_TASK, principal=principal)
    parent_id, document_id = _arg_id("parent"), _arg_id("document")
    parent = visible_task(parent_id, principal) if parent_id else None
    document = db.session.get(Document, document_id) if document_id else None
    if document_id and document is None:
        abort(404)
    if request.method == "GET":
        form = TaskForm(formdata=None, data=_defaults(principal, parent, document))
    else:
        form = TaskForm()
    fill_choices(form, principal, extra_documents=[document] if document else [])
    if request.method == "GET":
        return render_form(form, parent=parent)
    if not form.validate():
        return render_form(form, status=422, parent=parent)

    def refused(error):
        leftover = attach_errors(form, error, ALIASES)
        return render_form(form, status=error.status, alerts=leftover, parent=parent)

    on_refusal(refused)
    task = create_task(current_user, principal, form.task_data())
    flash(f"Đã giao nhiệm vụ “{task.title}” cho {task.lead_unit.name}.", "success")
    return redirect(task_url(task), 303)


def _defaults(principal, parent, document) -> dict:
    today = clock.today()
    units = [c.value for c in lead_unit_choices(principal) if c.value]
    data = {
        "priority": 2,
        "planned_period": period_containing(today, Kind.QUARTER).code,
        "lead_unit": int(units[0]) if len(units) == 1 else None,
        "documents": [document.id] if document else [],
    }
    if parent is not None:
        data.update(
            section=parent.section_id,
            lead_unit=parent.lead_unit_id,
            planned_period=parent.planned_period or data["planned_period"],
            parent=str(parent.id),
            due_date=parent.due_date,
            priority=parent.priority,
        )
    return data


@bp.route("/<int:task_id>/edit", methods=["GET", "POST"])
@login_required
def edit(task_id: int):
    task, principal = load_task(task_id, Action.EDIT_TASK)
    form = TaskForm(formdata=None, data=_current(task)) if request.method == "GET" else TaskForm()
    fill_choices(form, principal, task)
    if request.method == "GET":
        return render_form(form, task)
    if not form.validate():
        return render_form(form, task, status=422)
    data = form.task_data(include_due=allowed(Action.MOVE_DUE_DATE, task, principal=principal))

    def refused(error):
        current = visible_task(task_id, principal)  # as stored: the request's changes are gone
        if isinstance(error, Conflict):
            since = parse_stamp(form.loaded_at.data)
            form.version.data, form.loaded_at.data = current.version, stamp()
            fill_choices(form, principal, current)
            return render_form(form, current, 409, conflict=changes_since(current, since))
        leftover = attach_errors(form, error, ALIASES)
        return render_form(form, current, error.status, alerts=leftover)

    on_refusal(refused)
    update_task(current_user, principal, task, data, form.version.data)
    flash("Đã lưu thay đổi của nhiệm vụ.", "success")
    return redirect(task_url(task), 303)


def _current(task) -> dict:
    return {
        "title": task.title,
        "description": task.description or "",
        "section": task.section_id,
        "lead_unit": task.lead_unit_id,
        "support_units": [u.id for u in task.support_units],
        "assignee": task.assignee_id,
        "planned_period": task.planned_period or "",
        "start_date": task.start_date,
        "due_date": task.due_date,
        "priority": task.priority,
        "product": task.product or "",
        "report_wording": task.report_wording or "",
        "weight": f"{task.weight:g}".replace(".", ","),
        "parent": str(task.parent_id or ""),
        "documents": [d.id for d in task.documents],
        "version": task.version,
        "loaded_at": stamp(),
    }
