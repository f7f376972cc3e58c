"""The API's own errors: CONTRACT's JSON body for what errors.py cannot say on its own.

errors.py already renders ServiceError and HTTPException as `{"error": {...}}` under /api/;
this module adds errors with codes of their own (401 with a challenge, 415) and a 413 that
names the API's smaller body limit. (A task's 409 carries the task: see tasks/api.py.)
"""

from __future__ import annotations

from flask import current_app, jsonify

# A JSON body is a few kilobytes; anything near this is a mistake or an attack. One limit,
# checked again by the app's JSON reader before it parses (web/json_bodies.py).
from tracker.web.json_bodies import MAX_BYTES as MAX_JSON_BYTES


class ApiError(Exception):
    """An error of the API itself, rendered as CONTRACT's JSON error."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        headers: dict | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = {field: message} if field else None
        self.headers = headers or {}


def error_response(status: int, code: str, message: str, fields: dict | None = None, **extra):
    """A CONTRACT error body (plus extra top-level members) with its status."""
    body: dict = {"error": {"code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    body.update(extra)
    return jsonify(body), status


def unauthorized(
    message: str = "Cần đăng nhập hoặc gửi token (Authorization: Bearer ...).",
) -> ApiError:
    """A 401 that tells clients how to authenticate."""
    return ApiError(
        401, "unauthorized", message, headers={"WWW-Authenticate": 'Bearer realm="api"'}
    )


def too_many_requests(message: str, wait) -> ApiError:
    """A 429 saying, in words and in Retry-After, how long to wait."""
    seconds = max(1, int(wait.total_seconds()))
    return ApiError(429, "too_many_requests", message, headers={"Retry-After": str(seconds)})


def api_error(error: ApiError):
    response, status = error_response(error.status, error.code, error.message, error.fields)
    response.headers.update(error.headers)
    return response, status


def too_large(_error):
    limit = current_app.config.get("API_MAX_JSON_BYTES", MAX_JSON_BYTES)
    return error_response(
        413, "too_large", f"Dữ liệu gửi lên vượt quá giới hạn {limit // 1024} KB của API."
    )
