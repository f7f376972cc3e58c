"""Request plumbing: who is signed in, one transaction per request, headers, request ids.

The transaction rule, in one place: a request that ends in an exception or an error response
rolls back (every error handler is `rolled_back`, and `finish_request` rolls back any answer
of 400 or more), a successful one commits. Use cases only flush.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from flask import Flask, g, request
from flask_login import AnonymousUserMixin
from sqlalchemy import select
from werkzeug.exceptions import BadRequest
from werkzeug.middleware.proxy_fix import ProxyFix

from tracker.extensions import db, login_manager
from tracker.models import ApiToken, User
from tracker.models._base import utcnow

log = logging.getLogger("tracker.request")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# A caller's X-Request-Id is kept for tracing only when it is short and plain.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# How stale a token's "last used" may get: one write a minute, not one per API call.
_TOKEN_TOUCH = timedelta(minutes=1)


class SecureCookiesOverHttps:
    """Mark every cookie Secure when the request came over HTTPS.

    Placed inside ProxyFix, it sees the scheme the trusted proxy reported, so the session,
    the remember-me and any other cookie follow the scheme without TRACKER_SECURE_COOKIES
    (which still forces Secure when the proxy does not send X-Forwarded-Proto).
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        if environ.get("wsgi.url_scheme") != "https":
            return self.wsgi_app(environ, start_response)

        def secure_start_response(status, headers, exc_info=None):
            headers = [
                (name, value + "; Secure")
                if name.lower() == "set-cookie" and "; secure" not in value.lower()
                else (name, value)
                for name, value in headers
            ]
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, secure_start_response)


def rolled_back(handler: Callable) -> Callable:
    """An error handler that first drops what the failed request wrote."""

    @wraps(handler)
    def answer(error):
        db.session.rollback()
        return handler(error)

    return answer


class Anonymous(AnonymousUserMixin):
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
    # A password change ends the tokens issued before it, as it ends the sessions.
    if user.password_changed_at is not None and row.created_at < user.password_changed_at:
        return None
    if row.last_used_at is None or now - row.last_used_at > _TOKEN_TOUCH:
        row.last_used_at = now
    g.api_token_id = row.id
    return user


class AddressRefused(BadRequest):
    """A request refused for what its address holds; the description says why."""


def refuse_nul_characters() -> None:
    """A NUL in the address is refused (400) on every page and API call: no database stores
    NUL in text (PostgreSQL refuses it), so passing it on could only fail later, as a 500."""
    for name, value in request.args.items(multi=True):
        if "\x00" in name or "\x00" in value:
            shown = name.replace("\x00", "")[:40]
            raise AddressRefused(f"Tham số “{shown}” trong địa chỉ chứa ký tự không hợp lệ.")


def register(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Vui lòng đăng nhập để tiếp tục."
    login_manager.login_message_category = "warning"
    login_manager.anonymous_user = Anonymous
    login_manager.session_protection = "basic"

    @login_manager.request_loader
    def load_from_header(req) -> User | None:
        header = req.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            g.bearer = True
            return user_from_token(header[7:].strip())
        return None

    app.wsgi_app = SecureCookiesOverHttps(app.wsgi_app)
    if app.config.get("TRUST_PROXY"):
        # Outermost, so that everything inside sees the client's address and scheme.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    @app.before_request
    def start_request() -> None:
        # Per-request caches live on `g`; when an app context outlives one request (tests,
        # shells) they must not carry one request's user into the next.
        for key in (
            "_login_user",
            "principal",
            "unit_subtrees",
            "bearer",
            "api_token_id",
            "csrf_token",
        ):
            g.pop(key, None)
        given = request.headers.get("X-Request-Id", "")
        g.request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex[:16]
        g.started = time.perf_counter()
        refuse_nul_characters()

    @app.after_request
    def finish_request(response):
        user = g.get("_login_user")  # never load the user here: the database may be down
        # Read before the commit, which expires every loaded object (reading after it
        # would cost a query per request just to log who asked).
        signed_in = user is not None and user.is_authenticated
        user_id = getattr(user, "id", None) if signed_in else None
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
        if signed_in and request.endpoint != "static":
            # Signed-in pages hold the department's data: no shared or back-button cache.
            headers.setdefault("Cache-Control", "no-store")
        headers["X-Request-Id"] = g.get("request_id", "")
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            elapsed,
            extra={
                "request_id": g.get("request_id"),
                "status": response.status_code,
                "duration_ms": round(elapsed, 1),
                "user_id": user_id,  # who, never the name: logs travel
            },
        )
        return response
