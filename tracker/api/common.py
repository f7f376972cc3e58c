"""Request plumbing of the API: who is calling, CSRF for session writes, JSON bodies.

Every endpoint needs a signed-in caller unless it is marked `@public`. A bearer token
(`Authorization: Bearer ...`) takes precedence over the browser session; a bad token is a
401 even when a session exists, so a script never acts as whoever is signed in. Writes made
with the session need the `X-CSRFToken` header; bearer writes need none (a browser never
attaches a bearer token by itself).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, g, request
from flask_login import current_user
from flask_wtf.csrf import ValidationError, validate_csrf

from tracker.api.errors import MAX_JSON_BYTES, ApiError, unauthorized
from tracker.common.exceptions import NotFound, ValidationFailed
from tracker.domain.text import clean_text
from tracker.web.requests import user_from_token

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Row ids are 32-bit on every database we run on; larger numbers name nothing.
MAX_ID = 2**31 - 1


def public(view: Callable) -> Callable:
    """Mark a view as reachable without signing in."""
    view.api_public = True  # type: ignore[attr-defined]
    return view


def bearer_token() -> str | None:
    """The token of an `Authorization: Bearer` header, if the request carries one."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or ""


def authenticate() -> None:
    """Sign the caller in for this request from the bearer token or the session."""
    token = bearer_token()
    if token is not None:
        user = user_from_token(token) if token else None
        if user is None:
            raise unauthorized("Token không hợp lệ, đã hết hạn hoặc đã bị thu hồi.")
        g._login_user = user  # Flask-Login's slot for the request's user
        g.api_bearer = True
        return
    if not current_user.is_authenticated:
        raise unauthorized()
    g.api_bearer = False


def check_csrf() -> None:
    """Refuse a session-authenticated write without a valid X-CSRFToken header."""
    if g.get("api_bearer") or not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    try:
        validate_csrf(request.headers.get("X-CSRFToken") or request.headers.get("X-CSRF-Token"))
    except ValidationError:
        raise ApiError(
            403,
            "csrf_failed",
            "Thiếu hoặc sai mã chống giả mạo (tiêu đề X-CSRFToken) cho phiên đăng nhập này.",
        ) from None


def guard() -> None:
    """Authenticate, bound the body size and check CSRF before any API view runs."""
    request.max_content_length = current_app.config.get("API_MAX_JSON_BYTES", MAX_JSON_BYTES)
    # An app context that outlives a request (tests, shells) keeps `g`: web.start_request
    # drops the shared per-request caches, this drops the API's own.
    g.pop("api_bearer", None)
    view = current_app.view_functions.get(request.endpoint or "")
    if view is not None and getattr(view, "api_public", False):
        return
    authenticate()
    if request.method in UNSAFE_METHODS:
        check_csrf()


def json_body(allow_empty: bool = False) -> dict:
    """The request's JSON object; 415 for another content type, 400 for bad JSON."""
    raw = request.get_data(cache=True)
    if allow_empty and not raw.strip():
        return {}
    if not request.is_json:
        raise ApiError(
            415,
            "unsupported_media_type",
            "Dữ liệu phải là JSON (Content-Type: application/json).",
        )
    if not raw.strip():
        raise ApiError(400, "bad_request", "Thiếu nội dung JSON.")
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request", "Nội dung phải là một đối tượng JSON hợp lệ ({...}).")
    return _cleaned(data)


def _cleaned(value):
    """Every string of a JSON value (names included) cleaned as a form's text is
    (domain/text.clean_text): no NUL, no control character, no lone surrogate."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(key): _cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    return value


def expected_version(body: dict, current: int):
    """The version the client read: `version` in the body, else the If-Match header.

    `If-Match: *` means "whatever is stored", as HTTP defines it.
    """
    if "version" in body:
        return body.pop("version")
    header = (request.headers.get("If-Match") or "").strip()
    if not header:
        return None
    if header == "*":
        return current
    if header.startswith("W/"):
        header = header[2:]
    return header.strip().strip('"')


def check_id(value: int) -> int:
    """An id from the URL, or a 404 when it cannot name a row."""
    if not 0 < value <= MAX_ID:
        raise NotFound("Không tìm thấy.")
    return value


def text_arg(body: dict, name: str, limit: int = 20_000) -> str | None:
    """An optional text member taken out of the body, refused (422) when it is not a string."""
    value = body.pop(name, None)
    if value is not None and not isinstance(value, str):
        raise ValidationFailed(f"“{name}” phải là chuỗi.", field=name)
    if value is not None and len(value) > limit:
        raise ValidationFailed(f"“{name}” dài quá {limit} ký tự.", field=name)
    return value
