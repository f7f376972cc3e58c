"""The API's own errors: CONTRACT's JSON body for what errors.py cannot say on its own.

errors.py already renders ServiceError and HTTPException as `{"error": {...}}` under /api/;
this module adds errors with codes of their own (401 with a challenge, 415), the 409 that
carries the current task, and a 413 that names the API's smaller body limit.
"""

from __future__ import annotations

from flask import current_app, jsonify

from tracker.api.serializers import task_json
from tracker.common.exceptions import Conflict
from tracker.extensions import db
from tracker.models import Task

# A JSON body is a few kilobytes; anything near this is a mistake or an attack.
MAX_JSON_BYTES = 1024 * 1024


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


def api_error(error: ApiError):
    response, status = error_response(error.status, error.code, error.message, error.fields)
    response.headers.update(error.headers)
    return response, status


def conflict(error: Conflict):
    """A stale version: nothing changed, and the client gets the task as it is now."""
    current = error.current
    if isinstance(current, Task):
        current = db.session.get(Task, current.id)
    if current is None:
        return error_response(409, "conflict", error.message, error.fields or None)
    response, status = error_response(
        409, "conflict", error.message, error.fields or None, current=task_json(current)
    )
    response.headers["ETag"] = f'"{current.version}"'
    return response, status


def too_large(_error):
    limit = current_app.config.get("API_MAX_JSON_BYTES", MAX_JSON_BYTES)
    return error_response(
        413, "too_large", f"Dữ liệu gửi lên vượt quá giới hạn {limit // 1024} KB của API."
    )
