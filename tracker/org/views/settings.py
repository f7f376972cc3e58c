"""The organisation's header (used by the Word report) and the reminder window."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from tracker.common.access import current_principal
from tracker.org.settings import EDITABLE, get_settings, save_settings
from tracker.org.views.blueprint import bp
from tracker.org.views.forms import SettingsForm
from tracker.web.form_errors import form_again, form_status, on_refusal


@bp.route("/settings", methods=["GET", "POST"])
def settings():
    form = SettingsForm(data=get_settings())
    if form.validate_on_submit():
        on_refusal(form_again(form, lambda: render_template("admin/settings.html", form=form)))
        changed = save_settings(current_user, current_principal(), form.service_data())
        if changed:
            names = ", ".join(EDITABLE[key][0].lower() for key in changed)
            flash(f"Đã lưu cài đặt ({names}).", "success")
        else:
            flash("Không có thay đổi nào.", "info")
        return redirect(url_for("admin.settings"), 303)
    return render_template("admin/settings.html", form=form), form_status(form)
