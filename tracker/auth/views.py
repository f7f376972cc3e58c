"""Login, logout and the account page. Views are thin: parse, call a service, redirect."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from tracker.auth.forms import LoginForm, PasswordForm, PreferencesForm
from tracker.auth.passwords import set_password, verify_password
from tracker.common.exceptions import ValidationFailed
from tracker.extensions import db, limiter
from tracker.models import LoginEvent, User
from tracker.models._base import utcnow
from tracker.notify.calendar import renew_calendar_token
from tracker.notify.mail import KINDS as MAIL_KINDS

bp = Blueprint("auth", __name__)

WRONG_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng."


def _account_limit() -> str:
    return current_app.config["LOGIN_LIMITS"]


def _address_limit() -> str:
    return current_app.config.get("LOGIN_ADDRESS_LIMITS") or _account_limit()


def _account_key() -> str:
    return "login:" + (request.form.get("username") or "").strip().lower()


def _failed(_response) -> bool:
    # Only attempts that tried a password and failed count: a whole office signing in at
    # 7:30 from one address is no attack, a run of wrong passwords is.
    return bool(g.get("login_failed"))


def _safe_next(target: str | None) -> str:
    """Only follow a `next` that stays on this site."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/"):
            return target
    return url_for("main.home")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_address_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_account_limit, methods=["POST"], key_func=_account_key, deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        username = form.username.data.strip().lower()
        user = db.session.scalar(select(User).where(User.username == username))
        ok = verify_password(user, form.password.data) and user.active
        db.session.add(
            LoginEvent(
                username=username[:80],
                user_id=user.id if user else None,
                ip=request.remote_addr,
                success=bool(ok),
                reason=None if ok else ("inactive" if user and not user.active else "wrong"),
            )
        )
        if ok:
            user.last_login_at = utcnow()
            session.permanent = True
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")))
        db.session.commit()  # the failed attempt is recorded even though we answer 200
        g.login_failed = True
        flash(WRONG_LOGIN, "danger")
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash("Bạn đã đăng xuất.", "info")
    return redirect(url_for("auth.login"))


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
                # keep this session; the others end (the user itself: a proxy here recurses)
                login_user(current_user._get_current_object())
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
        feed = current_app.config["BASE_URL"].rstrip("/") + url_for(
            "notifications.calendar", token=current_user.calendar_token
        )
    return render_template(
        "auth/profile.html",
        password_form=password_form,
        prefs_form=prefs_form,
        mail_kinds=MAIL_KINDS,
        feed_url=feed,
    )


@bp.post("/account/calendar")
@login_required
def renew_calendar():
    renew_calendar_token(current_user)
    flash("Đã tạo địa chỉ lịch mới; địa chỉ cũ không còn dùng được.", "success")
    return redirect(url_for("auth.profile"))
