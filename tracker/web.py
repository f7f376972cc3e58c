"""Request plumbing: who is signed in, one commit per request, headers, request ids."""

from __future__ import annotations

import hashlib
import logging
import time
import uuid

from flask import Flask, g, request
from flask_login import AnonymousUserMixin
from sqlalchemy import select
from werkzeug.middleware.proxy_fix import ProxyFix

from .extensions import db, login_manager
from .models import ApiToken, User
from .models._base import utcnow

log = logging.getLogger("tracker.request")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class Anonymous(AnonymousUserMixin):
    locale = None
    full_name = ""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def user_from_token(token: str) -> User | None:
    """The active user a bearer token belongs to, if the token is valid and not revoked."""
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(token)))
    now = utcnow()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    user = db.session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    row.last_used_at = now
    g.api_token_id = row.id
    return user


def register(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Vui lòng đăng nhập để tiếp tục."
    login_manager.login_message_category = "warning"
    login_manager.anonymous_user = Anonymous
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        ident, _, version = user_id.partition(":")
        if not ident.isdigit():
            return None
        user = db.session.get(User, int(ident))
        # A changed password or a deactivation bumps the version and ends old sessions.
        if user is None or not user.active or str(user.session_version) != version:
            return None
        return user

    @login_manager.request_loader
    def load_from_header(req) -> User | None:
        header = req.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            g.bearer = True
            return user_from_token(header[7:].strip())
        return None

    if app.config.get("TRUST_PROXY"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    @app.before_request
    def start_request() -> None:
        g.request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex[:16]
        g.started = time.perf_counter()

    @app.after_request
    def finish_request(response):
        # One transaction per request: commit what the services flushed, or drop it.
        if response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        headers["X-Request-Id"] = g.get("request_id", "")
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            elapsed,
            extra={"request_id": g.get("request_id")},
        )
        return response
