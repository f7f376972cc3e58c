"""People: the list, a new account, and one person's page (details, roles, access)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.auth.sessions import start_session
from tracker.common.access import current_principal
from tracker.models import ROLE_LABELS
from tracker.org.directory import (
    ACTIVE_STATES,
    UserFilter,
    recent_logins,
    user_filter_from_args,
    user_page,
    working_tokens,
)
from tracker.org.units import parent_choices as unit_choices
from tracker.org.users import (
    add_grant,
    add_user,
    deactivate_user,
    get_user,
    reactivate_user,
    remove_grant,
    reset_password,
    revoke_user_tokens,
    update_user,
)
from tracker.org.views.blueprint import bp
from tracker.org.views.forms import GrantForm, NewUserForm, ProfileForm, ResetPasswordForm, choices
from tracker.tasks.filters import list_request
from tracker.web.form_errors import flash_and_show, form_again, form_status, on_refusal

UNIT_BLANK = ("", "— Chọn đơn vị —")


@bp.get("/users")
def users():
    asked = list_request(
        request.args, user_filter_from_args, UserFilter(), current_app.config["PER_PAGE"]
    )
    f = asked.filter
    page = asked.empty_page() if asked.error else user_page(f, asked.page, asked.per_page)
    html = render_template(
        "admin/users.html",
        page=page,
        f=f,
        error=asked.error,
        units=unit_choices(),
        roles=ROLE_LABELS,
        states=ACTIVE_STATES,
    )
    return html, asked.status


@bp.route("/users/new", methods=["GET", "POST"])
def user_new():
    form = NewUserForm()
    form.unit_id.choices = choices([UNIT_BLANK], unit_choices())
    if request.method == "GET" and request.args.get("unit"):
        form.unit_id.data = request.args["unit"]
    if form.validate_on_submit():
        data = form.service_data()
        data["generate"] = form.generate.data and not form.password.data
        on_refusal(form_again(form, lambda: render_template("admin/user_new.html", form=form)))
        user, temporary = add_user(current_user, current_principal(), data)
        flash(f"Đã tạo tài khoản “{user.username}” cho {user.full_name}.", "success")
        if temporary:
            return _user_page(user, temporary=temporary)
        return redirect(url_for("admin.user_edit", user_id=user.id), 303)
    return render_template("admin/user_new.html", form=form), form_status(form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user_edit(user_id: int):
    user = get_user(user_id)
    form = ProfileForm(obj=user if request.method == "GET" else None, prefix="profile")
    if form.validate_on_submit():
        on_refusal(form_again(form, lambda: _user_html(user, profile=form)))
        update_user(current_user, current_principal(), user, form.service_data())
        flash(f"Đã lưu thông tin của {user.full_name}.", "success")
        return redirect(url_for("admin.user_edit", user_id=user.id), 303)
    return _user_page(user, profile=form, status=form_status(form))


@bp.post("/users/<int:user_id>/grants")
def user_grant_add(user_id: int):
    user = get_user(user_id)
    form = _grant_form(prefix="grant")
    if form.validate_on_submit():
        on_refusal(form_again(form, lambda: _user_html(user, grant=form)))
        grant = add_grant(current_user, current_principal(), user, form.data)
        label = ROLE_LABELS[grant.role]
        flash(f"Đã cấp vai trò {label} tại {grant.unit.name} cho {user.full_name}.", "success")
        return redirect(url_for("admin.user_edit", user_id=user.id, _anchor="roles"), 303)
    return _user_page(user, grant=form, status=form_status(form))


@bp.post("/users/<int:user_id>/grants/<int:grant_id>/remove")
def user_grant_remove(user_id: int, grant_id: int):
    user = get_user(user_id)
    on_refusal(flash_and_show(lambda: _user_html(user)))
    grant = remove_grant(current_user, current_principal(), user, grant_id)
    flash(f"Đã bỏ vai trò {ROLE_LABELS[grant.role]} tại {grant.unit.name}.", "success")
    return redirect(url_for("admin.user_edit", user_id=user.id, _anchor="roles"), 303)


@bp.post("/users/<int:user_id>/deactivate")
def user_deactivate(user_id: int):
    user = get_user(user_id)
    on_refusal(flash_and_show(lambda: _user_html(user)))
    revoked = deactivate_user(current_user, current_principal(), user)
    tokens = f" và thu hồi {revoked} token API" if revoked else ""
    flash(f"Đã khoá tài khoản {user.username}: mọi phiên đăng nhập đã kết thúc{tokens}.", "success")
    return redirect(url_for("admin.user_edit", user_id=user.id), 303)


@bp.post("/users/<int:user_id>/reactivate")
def user_reactivate(user_id: int):
    user = get_user(user_id)
    reactivate_user(current_user, current_principal(), user)
    flash(f"Đã mở khoá tài khoản {user.username}.", "success")
    return redirect(url_for("admin.user_edit", user_id=user.id), 303)


@bp.post("/users/<int:user_id>/password")
def user_password(user_id: int):
    user = get_user(user_id)
    form = ResetPasswordForm(prefix="reset")
    if not form.validate_on_submit():
        return _user_page(user, reset=form, status=form_status(form))
    on_refusal(form_again(form, lambda: _user_html(user, reset=form)))
    temporary = reset_password(current_user, current_principal(), user, form.password.data)
    if user.id == current_user.id:
        start_session(user)  # keep the admin's own device signed in; the others end
    flash(
        f"Đã đặt lại mật khẩu của {user.username}; các phiên đăng nhập cũ đã kết thúc.", "success"
    )
    if temporary:
        return _user_page(user, temporary=temporary)
    return redirect(url_for("admin.user_edit", user_id=user.id), 303)


@bp.post("/users/<int:user_id>/tokens/revoke")
def user_tokens_revoke(user_id: int):
    user = get_user(user_id)
    revoked = revoke_user_tokens(current_user, current_principal(), user)
    flash(f"Đã thu hồi {revoked} token API của {user.username}.", "success")
    return redirect(url_for("admin.user_edit", user_id=user.id, _anchor="access"), 303)


def _grant_form(**kw) -> GrantForm:
    form = GrantForm(**kw)
    form.unit_id.choices = choices([UNIT_BLANK], unit_choices())
    return form


def _user_page(user, profile=None, grant=None, reset=None, temporary=None, status=200):
    """One person's page; a password shown once is never cached."""
    html = _user_html(user, profile, grant, reset, temporary)
    headers = {"Cache-Control": "no-store"} if temporary else {}
    return html, status, headers


def _user_html(user, profile=None, grant=None, reset=None, temporary=None) -> str:
    return render_template(
        "admin/user_edit.html",
        user=user,
        profile=profile or ProfileForm(obj=user, prefix="profile", formdata=None),
        grant=grant or _grant_form(prefix="grant", formdata=None),
        reset=reset or ResetPasswordForm(prefix="reset", formdata=None),
        temporary=temporary,
        tokens=working_tokens(user),
        logins=recent_logins(user),
        is_self=user.id == current_user.id,
    )
