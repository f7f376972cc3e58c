"""Checking a username and password, for the sign-in form and the API token alike.

Every attempt is recorded (LoginEvent), and the record is also the throttle's count
(domain/throttle.py): it lives in the database, so every worker of every app server shares
it, with or without Redis. A throttled attempt is recorded but never checked (no password
hashing for an attacker) and does not count, or hammering would lengthen the owner's wait.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from tracker.auth.passwords import verify_password
from tracker.domain.throttle import Attempts, ThrottleRules, wait_before_sign_in, wait_words
from tracker.extensions import db
from tracker.models import LoginEvent, User
from tracker.models._base import utcnow

WRONG_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng."
_COUNTED = ("wrong", "inactive")


class WrongCredentials(Exception):
    """The username and password do not match an active account (the same for both)."""


class TooManyAttempts(Exception):
    """Too many failed attempts: wait before trying again."""

    def __init__(self, wait: timedelta):
        self.wait = wait
        super().__init__(
            f"Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {wait_words(wait)}."
        )


def throttle_rules() -> ThrottleRules:
    config = current_app.config
    return ThrottleRules(
        window=timedelta(minutes=int(config.get("LOGIN_WINDOW_MINUTES", 15))),
        free_attempts=int(config.get("LOGIN_FREE_ATTEMPTS", 5)),
        first_wait=timedelta(seconds=int(config.get("LOGIN_FIRST_WAIT_SECONDS", 30))),
        account_ceiling=int(config.get("LOGIN_ACCOUNT_CEILING", 50)),
        address_ceiling=int(config.get("LOGIN_ADDRESS_CEILING", 30)),
    )


def _recent(*where, since: datetime, limit: int):
    return (
        select(LoginEvent.created_at, LoginEvent.success)
        .where(*where, LoginEvent.created_at >= since)
        .order_by(LoginEvent.created_at.desc(), LoginEvent.id.desc())
        .limit(limit)
    )


def recent_attempts(username: str, ip: str | None, now: datetime, rules) -> Attempts:
    since = now - rules.window
    counted = LoginEvent.success.is_(True) | LoginEvent.reason.in_(_COUNTED)
    failed = LoginEvent.success.is_(False) & LoginEvent.reason.in_(_COUNTED)
    pair = db.session.execute(
        _recent(
            LoginEvent.username == username,
            LoginEvent.ip == ip,
            counted,
            since=since,
            limit=rules.free_attempts + 16,
        )
    ).all()
    account = db.session.execute(
        _recent(LoginEvent.username == username, failed, since=since, limit=rules.account_ceiling)
    ).all()
    address = db.session.execute(
        _recent(LoginEvent.ip == ip, failed, since=since, limit=rules.address_ceiling)
    ).all()
    return Attempts(
        pair=[(when, success) for when, success in pair],
        account_failures=[when for when, _ in account],
        address_failures=[when for when, _ in address],
    )


def check_credentials(username: str, password: str, ip: str | None) -> User:
    """The active account these credentials open; WrongCredentials or TooManyAttempts."""
    username = username.strip().lower()[:80]
    ip = ip[:64] if ip else None
    now = utcnow()
    if current_app.config.get("LOGIN_THROTTLE_ENABLED", True):
        rules = throttle_rules()
        wait = wait_before_sign_in(recent_attempts(username, ip, now, rules), now, rules)
        if wait > timedelta(0):
            _record(username, None, ip, False, "throttled")
            raise TooManyAttempts(wait)
    user = db.session.scalar(select(User).where(User.username == username))
    ok = verify_password(user, password) and user.active
    reason = None if ok else ("inactive" if user and not user.active else "wrong")
    _record(username, user.id if user else None, ip, bool(ok), reason)
    if not ok:
        raise WrongCredentials(WRONG_LOGIN)
    user.last_login_at = now
    return user


def _record(username: str, user_id: int | None, ip, success: bool, reason: str | None) -> None:
    db.session.add(
        LoginEvent(username=username, user_id=user_id, ip=ip, success=success, reason=reason)
    )
