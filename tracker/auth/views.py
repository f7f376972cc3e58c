"""Login, logout and the account page. Views are thin: parse, call a service, redirect."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, logout_user

from tracker.auth.forms import LoginForm, PasswordForm, PreferencesForm
from tracker.auth.passwords import set_password, verify_password
from tracker.auth.sessions import (
    device_of,
    end_every_session,
    end_session,
    is_current,
    live_sessions,
    start_session,
)
from tracker.auth.signin import TooManyAttempts, WrongCredentials, check_credentials
from tracker.common.exceptions import ValidationFailed
from tracker.common.site import site_url
from tracker.extensions import db
from tracker.notify.calendar import renew_calendar_token
from tracker.notify.mail import KINDS as MAIL_KINDS

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only follow a `next` that stays on this site."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/"):
            return target
    return url_for("main.home")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = check_credentials(form.username.data, form.password.data, request.remote_addr)
        except TooManyAttempts as refused:
            db.session.commit()  # the refused attempt stays on record
            flash(str(refused), "danger")
            target = request.args.get("next")
            response = redirect(
                url_for("auth.login", next=target) if target else url_for("auth.login"), 303
            )
            response.headers["Retry-After"] = str(max(1, int(refused.wait.total_seconds())))
            return response
        except WrongCredentials as refused:
            db.session.commit()  # the failed attempt is recorded even though we answer 200
            flash(str(refused), "danger")
        else:
            session.permanent = True
            start_session(user, remember=bool(form.remember.data))
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    end_session(current_user)
    logout_user()
    flash("Bạn đã đăng xuất.", "info")
    return redirect(url_for("auth.login"))


@bp.post("/account/sessions/end")
@login_required
def end_sessions():
    """Đăng xuất khỏi mọi thiết bị: every session of this person ends, this one too."""
    end_every_session(current_user)
    logout_user()
    flash("Đã đăng xuất khỏi mọi thiết bị. Vui lòng đăng nhập lại.", "info")
    return redirect(url_for("auth.login"), 303)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def profile():
    password_form = PasswordForm(prefix="pw")
    prefs_form = PreferencesForm(prefix="pref")
    if request.method == "POST" and "pw-new" in request.form and password_form.validate():
        if not verify_password(current_user, password_form.current.data):
            password_form.current.errors.append("Mật khẩu hiện tại không đúng.")
        else:
            try:
                set_password(current_user, password_form.new.data)
            except ValidationFailed as error:
                password_form.new.errors.append(error.message)
            else:
                # keep this device signed in; the others end (the user itself: a proxy here
                # recurses)
                start_session(current_user._get_current_object())
                flash("Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.", "success")
                return redirect(url_for("auth.profile"))
    elif request.method == "POST" and "pref-kind" in request.form and prefs_form.validate():
        current_user.notify_prefs = {
            kind: bool(request.form.get(f"notify-{kind}")) for kind in MAIL_KINDS
        }
        flash("Đã lưu tùy chọn.", "success")
        return redirect(url_for("auth.profile"))
    feed = None
    if current_user.calendar_token:
        feed = site_url() + url_for("notifications.calendar", token=current_user.calendar_token)
    return render_template(
        "auth/profile.html",
        password_form=password_form,
        prefs_form=prefs_form,
        mail_kinds=MAIL_KINDS,
        feed_url=feed,
        sessions=live_sessions(current_user),
        is_current=lambda row: is_current(row, current_user),
        describe=device_of,
    )


@bp.post("/account/calendar")
@login_required
def renew_calendar():
    renew_calendar_token(current_user)
    flash("Đã tạo địa chỉ lịch mới; địa chỉ cũ không còn dùng được.", "success")
    return redirect(url_for("auth.profile"))
