"""Sign-in sessions kept on the server (LoginSession), so that ending one really ends it.

The session cookie and the remember-me cookie carry only a random key made at sign-in
(Flask-Login's user id is that key); the database keeps its SHA-256. Every request looks
the key up: a logged-out, expired or superseded session opens nothing, whichever app
server the request reaches. A remember-me session lasts 30 days from sign-in
(REMEMBER_COOKIE_DURATION); any other
ends after PERMANENT_SESSION_LIFETIME without a request.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, request
from flask_login import login_user
from sqlalchemy import select, update

from tracker.extensions import db
from tracker.models import LoginSession, User
from tracker.models._base import utcnow

# last_seen_at is written at most this often per session: a page view is not a write.
_TOUCH = timedelta(minutes=5)
_KEY_PREFIX = "s."


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _idle_lifetime() -> timedelta:
    return current_app.config["PERMANENT_SESSION_LIFETIME"]


def _remembered_lifetime() -> timedelta:
    return current_app.config["REMEMBER_COOKIE_DURATION"]


def start_session(user: User, remember: bool = False) -> LoginSession:
    """Sign the user in on this device: a new session row and the cookies that name it."""
    key = _KEY_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    row = LoginSession(
        user_id=user.id,
        key_hash=_hash(key),
        session_version=user.session_version,
        remember=remember,
        created_at=now,
        last_seen_at=now,
        expires_at=now + (_remembered_lifetime() if remember else _idle_lifetime()),
        ip=(request.remote_addr or "")[:64] or None,
        user_agent=(request.user_agent.string or "")[:200] or None,
    )
    db.session.add(row)
    user.login_key = key
    login_user(user, remember=remember, duration=_remembered_lifetime())
    return row


def load_session_user(key: str) -> User | None:
    """The user of a live session key, or None (ended, expired, superseded or foreign)."""
    if not key.startswith(_KEY_PREFIX) or len(key) > 100:
        return None
    found = db.session.execute(
        select(LoginSession, User)
        .join(User, User.id == LoginSession.user_id)
        .where(LoginSession.key_hash == _hash(key))
    ).first()
    if found is None:
        return None
    row, user = found
    now = utcnow()
    live = row.ended_at is None and row.expires_at > now
    if not (live and user.active and row.session_version == user.session_version):
        return None
    if now - row.last_seen_at > _TOUCH:
        row.last_seen_at = now
        if not row.remember:  # an idle session slides; a remembered one keeps its 30 days
            row.expires_at = now + _idle_lifetime()
    user.login_key = key
    return user


def end_session(user: User) -> None:
    """End the session this request came with (logging out)."""
    key = getattr(user, "login_key", None)
    if key:
        db.session.execute(
            update(LoginSession)
            .where(LoginSession.key_hash == _hash(key), LoginSession.ended_at.is_(None))
            .values(ended_at=utcnow())
        )


def end_every_session(user: User) -> None:
    """End all of the user's sessions, on every device (this one too)."""
    db.session.execute(
        update(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    user.session_version = (user.session_version or 0) + 1


def live_sessions(user: User) -> list[LoginSession]:
    """The user's sessions that still open the site, newest first."""
    return list(
        db.session.scalars(
            select(LoginSession)
            .where(
                LoginSession.user_id == user.id,
                LoginSession.ended_at.is_(None),
                LoginSession.expires_at > utcnow(),
                LoginSession.session_version == user.session_version,
            )
            .order_by(LoginSession.last_seen_at.desc(), LoginSession.id.desc())
        )
    )


def is_current(row: LoginSession, user: User) -> bool:
    key = getattr(user, "login_key", None)
    return bool(key) and row.key_hash == _hash(key)


_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def device_of(user_agent: str | None) -> tuple[str, bool]:
    """A person's words for a device ("Chrome trên Android") and whether it is a phone."""
    agent = user_agent or ""
    browser = next((name for mark, name in _BROWSERS if mark in agent), None)
    system = next((name for mark, name in _SYSTEMS if mark in agent), None)
    phone = "Mobile" in agent or system in ("Android", "iPhone")
    if browser and system:
        return f"{browser} trên {system}", phone
    return (browser or system or "Thiết bị không rõ"), phone
