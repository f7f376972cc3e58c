"""The report's headings (lĩnh vực): list, add, edit (move), reorder, retire, use again."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.common.access import current_principal
from tracker.org.section_codes import suggest_code
from tracker.org.sections import (
    create_section,
    deactivate_section,
    get_section,
    move_section,
    parent_choices,
    reactivate_section,
    section_rows,
    update_section,
)
from tracker.org.views.blueprint import bp
from tracker.org.views.forms import SectionForm, choices
from tracker.web.form_errors import flash_and_show, form_again, form_status, on_refusal

TOP_CHOICE = ("", "— Mục cấp cao nhất (I, II, III …) —")


@bp.get("/sections")
def sections():
    rows = section_rows()
    return render_template(
        "admin/sections.html", rows=rows, retired=sum(1 for r in rows if not r.section.active)
    )


@bp.route("/sections/new", methods=["GET", "POST"])
def section_new():
    form = SectionForm()
    form.parent_id.choices = choices([TOP_CHOICE], parent_choices())
    if request.method == "GET":
        parent = get_section(request.args["parent"]) if request.args.get("parent") else None
        form.parent_id.data = str(parent.id) if parent else ""
        form.code.data = suggest_code(parent)
    if form.validate_on_submit():
        on_refusal(form_again(form, lambda: _form_page(form, None)))
        section = create_section(current_user, current_principal(), form.service_data())
        flash(f"Đã thêm lĩnh vực {section.code}. {section.title}.", "success")
        return redirect(url_for("admin.sections", _anchor=f"section-{section.id}"), 303)
    return _form_page(form, None), form_status(form)


@bp.route("/sections/<int:section_id>", methods=["GET", "POST"])
def section_edit(section_id: int):
    section = get_section(section_id)
    form = SectionForm(obj=section if request.method == "GET" else None)
    form.parent_id.choices = choices([TOP_CHOICE], parent_choices(section))
    if section.parent_id is not None and not section.parent.active:
        form.parent_id.choices += choices([(section.parent_id, f"{section.parent.code} (ngừng)")])
    if request.method == "GET":
        form.parent_id.data = str(section.parent_id or "")
    if form.validate_on_submit():
        old_code = section.code
        on_refusal(form_again(form, lambda: _form_page(form, section)))
        update_section(current_user, current_principal(), section, form.service_data())
        renamed = f" (mã cũ {old_code})" if section.code != old_code else ""
        flash(f"Đã lưu lĩnh vực {section.code}. {section.title}{renamed}.", "success")
        return redirect(url_for("admin.sections", _anchor=f"section-{section.id}"), 303)
    return _form_page(form, section), form_status(form)


@bp.post("/sections/<int:section_id>/move")
def section_move(section_id: int):
    section = get_section(section_id)
    move_section(current_user, current_principal(), section, request.form.get("direction", ""))
    return redirect(url_for("admin.sections", _anchor=f"section-{section.id}"), 303)


@bp.post("/sections/<int:section_id>/deactivate")
def section_deactivate(section_id: int):
    section = get_section(section_id)
    retired = deactivate_section(current_user, current_principal(), section)
    below = len(retired.sections) - 1
    message = f"Đã ngừng dùng lĩnh vực {section.code}"
    message += f" và {below} mục con." if below > 0 else "."
    if retired.tasks:
        message += (
            f" {retired.tasks} nhiệm vụ vẫn thuộc lĩnh vực này và báo cáo các kỳ đã qua giữ "
            "nguyên; lĩnh vực không còn hiện khi giao nhiệm vụ mới."
        )
    flash(message, "success")
    if retired.unfinished:
        flash(
            f"Còn {retired.unfinished} nhiệm vụ chưa kết thúc thuộc lĩnh vực này: nên chuyển "
            "chúng sang lĩnh vực đang dùng.",
            "warning",
        )
    return redirect(url_for("admin.section_edit", section_id=section.id), 303)


@bp.post("/sections/<int:section_id>/reactivate")
def section_reactivate(section_id: int):
    section = get_section(section_id)

    def stored_form() -> str:
        form = SectionForm(obj=section, formdata=None)
        form.parent_id.choices = choices([TOP_CHOICE], parent_choices(section))
        form.parent_id.choices += choices([(section.parent_id, f"{section.parent.code} (ngừng)")])
        form.parent_id.data = str(section.parent_id)
        return _form_page(form, section)

    on_refusal(flash_and_show(stored_form))
    reactivate_section(current_user, current_principal(), section)
    flash(f"Đã dùng lại lĩnh vực {section.code}. {section.title}.", "success")
    return redirect(url_for("admin.section_edit", section_id=section.id), 303)


def _form_page(form: SectionForm, section) -> str:
    row = None
    if section is not None:
        row = next((r for r in section_rows() if r.section.id == section.id), None)
    return render_template("admin/section_form.html", form=form, section=section, row=row)
