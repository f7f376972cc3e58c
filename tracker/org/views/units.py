"""The unit tree: list, add, edit (move), reorder, deactivate and reactivate units."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.common.access import current_principal
from tracker.models import UNIT_KINDS
from tracker.org.units import (
    create_unit,
    deactivate_unit,
    get_unit,
    move_unit,
    parent_choices,
    reactivate_unit,
    unfinished_in_subtree,
    unit_people,
    unit_rows,
    update_unit,
)
from tracker.org.views.blueprint import bp
from tracker.org.views.forms import UnitForm, choices
from tracker.web.form_errors import flash_and_show, form_again, form_status, on_refusal

ROOT_CHOICE = ("", "— Không có (đơn vị gốc) —")


@bp.get("/units")
def units():
    rows = unit_rows()
    return render_template(
        "admin/units.html",
        rows=rows,
        kinds=UNIT_KINDS,
        inactive=sum(1 for r in rows if not r.unit.active),
    )


@bp.route("/units/new", methods=["GET", "POST"])
def unit_new():
    form = UnitForm()
    form.parent_id.choices = choices([ROOT_CHOICE], parent_choices())
    if request.method == "GET" and request.args.get("parent"):
        form.parent_id.data = request.args["parent"]
    if form.validate_on_submit():
        on_refusal(form_again(form, lambda: _form_page(form, None)))
        unit = create_unit(current_user, current_principal(), form.service_data())
        flash(f"Đã thêm đơn vị “{unit.name}”.", "success")
        return redirect(url_for("admin.units", _anchor=f"unit-{unit.id}"), 303)
    return _form_page(form, None), form_status(form)


@bp.route("/units/<int:unit_id>", methods=["GET", "POST"])
def unit_edit(unit_id: int):
    unit = get_unit(unit_id)
    form = UnitForm(obj=unit if request.method == "GET" else None)
    form.parent_id.choices = choices([ROOT_CHOICE], parent_choices(unit))
    if unit.parent_id is not None and not unit.parent.active:
        form.parent_id.choices += choices([(unit.parent_id, f"{unit.parent.name} (ngừng)")])
    if request.method == "GET":
        form.parent_id.data = str(unit.parent_id or "")
    if form.validate_on_submit():
        on_refusal(form_again(form, lambda: _form_page(form, unit)))
        update_unit(current_user, current_principal(), unit, form.service_data())
        flash(f"Đã lưu đơn vị “{unit.name}”.", "success")
        return redirect(url_for("admin.units", _anchor=f"unit-{unit.id}"), 303)
    return _form_page(form, unit), form_status(form)


@bp.post("/units/<int:unit_id>/move")
def unit_move(unit_id: int):
    unit = get_unit(unit_id)
    move_unit(current_user, current_principal(), unit, request.form.get("direction", ""))
    return redirect(url_for("admin.units", _anchor=f"unit-{unit.id}"), 303)


@bp.post("/units/<int:unit_id>/deactivate")
def unit_deactivate(unit_id: int):
    unit = get_unit(unit_id)
    on_refusal(flash_and_show(lambda: _form_page(_filled_form(unit), unit)))
    changed = deactivate_unit(current_user, current_principal(), unit)
    below = len(changed) - 1
    extra = f" và {below} đơn vị cấp dưới" if below > 0 else ""
    flash(f"Đã ngừng hoạt động “{unit.name}”{extra}. Các nhiệm vụ cũ vẫn được giữ.", "success")
    return redirect(url_for("admin.unit_edit", unit_id=unit.id), 303)


@bp.post("/units/<int:unit_id>/reactivate")
def unit_reactivate(unit_id: int):
    unit = get_unit(unit_id)
    on_refusal(flash_and_show(lambda: _form_page(_filled_form(unit), unit)))
    reactivate_unit(current_user, current_principal(), unit)
    flash(f"Đã hoạt động trở lại: “{unit.name}”.", "success")
    return redirect(url_for("admin.unit_edit", unit_id=unit.id), 303)


def _filled_form(unit) -> UnitForm:
    form = UnitForm(obj=unit, formdata=None)
    form.parent_id.choices = choices([ROOT_CHOICE], parent_choices(unit))
    form.parent_id.data = str(unit.parent_id or "")
    return form


def _form_page(form: UnitForm, unit) -> str:
    """The add/edit page; for a unit, also who holds roles there and its unfinished tasks."""
    people = unit_people(unit) if unit is not None else []
    unfinished = unfinished_in_subtree(unit) if unit is not None else 0
    return render_template(
        "admin/unit_form.html", form=form, unit=unit, people=people, unfinished=unfinished
    )
