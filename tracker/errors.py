"""Error pages and JSON errors that a civil servant (or a script) understands.

The one transaction rule lives in web/requests.py: a request that ends in an exception or an
error response rolls back, a successful one commits. Every error handler here (and the API's)
is `rolled_back`: it drops the request's changes before it answers. Views never catch a use
case's refusal to carry on: they say how to show it (`web.form_errors.on_refusal`) and let it
come here.
"""

from __future__ import annotations

import logging
import math
import time

from flask import Flask, jsonify, make_response, render_template, request
from markupsafe import escape
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from tracker.common.exceptions import ServiceError
from tracker.extensions import db, limiter
from tracker.web.form_errors import refusal_page
from tracker.web.i18n import format_size
from tracker.web.json_bodies import JsonRefused
from tracker.web.requests import AddressRefused, rolled_back

log = logging.getLogger("tracker.errors")

MESSAGES = {
    400: ("Yêu cầu không hợp lệ", "Dữ liệu gửi lên không đúng. Vui lòng thử lại."),
    401: ("Chưa đăng nhập", "Vui lòng đăng nhập để tiếp tục."),
    403: ("Không có quyền", "Bạn không có quyền thực hiện thao tác này."),
    404: ("Không tìm thấy", "Trang hoặc dữ liệu bạn tìm không tồn tại, hoặc bạn không được xem."),
    405: ("Không hỗ trợ", "Thao tác này không được hỗ trợ ở địa chỉ này."),
    409: ("Xung đột dữ liệu", "Dữ liệu vừa được người khác thay đổi."),
    413: ("Tệp quá lớn", "Tệp hoặc dữ liệu gửi lên vượt quá giới hạn cho phép."),
    422: ("Dữ liệu chưa hợp lệ", "Vui lòng kiểm tra lại các trường đã nhập."),
    429: ("Quá nhiều yêu cầu", "Bạn thao tác quá nhanh. Vui lòng chờ một lát rồi thử lại."),
    500: ("Lỗi hệ thống", "Đã có lỗi ngoài ý muốn. Bộ phận kỹ thuật đã được ghi nhận."),
}
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "too_many_requests",
    500: "server_error",
}


# The page shown when the error page itself cannot be drawn (base.html needs the signed-in
# user, so a database outage breaks it): plain, with no stack trace and no inline style.
_PLAIN_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · Theo dõi nhiệm vụ</title>
<link rel="stylesheet" href="{root}bootstrap/static/css/bootstrap.min.css">
<link rel="stylesheet" href="{root}static/css/app.css"></head>
<body class="bg-body-tertiary"><main class="container py-5 text-center">
<div class="display-4 text-secondary">{status}</div><h1 class="h3 mt-2">{title}</h1>
<p class="lead">{message}</p><a class="btn btn-primary" href="{root}">Về trang chủ</a>
</main></body></html>
"""


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.startswith("/calendar/")


def json_error(status: int, message: str | None = None, fields: dict | None = None):
    body = {"error": {"code": CODES.get(status, "error"), "message": message}}
    body["error"]["message"] = message or MESSAGES.get(status, MESSAGES[500])[1]
    if fields:
        body["error"]["fields"] = fields
    return jsonify(body), status


def render_error(status: int, message: str | None = None):
    if wants_json():
        return json_error(status, message)
    title, default = MESSAGES.get(status, MESSAGES[500])
    try:
        page = render_template(
            "errors/error.html", status=status, title=title, message=message or default
        )
    except Exception:  # noqa: BLE001 - whatever broke the request broke the page too
        db.session.rollback()
        log.exception("The error page could not be drawn; a plain one was sent")
        page = _PLAIN_PAGE.format(
            status=status,
            title=escape(title),
            message=escape(message or default),
            root=escape(request.script_root + "/"),
        )
    return page, status


def _too_large_text(limit: int) -> str:
    """Why a body was refused: too big in all, or one form field too long (Werkzeug's cap)."""
    size = request.content_length
    if size is not None and size <= limit and request.max_form_memory_size:
        field = format_size(request.max_form_memory_size)
        return (
            f"Biểu mẫu có một ô quá dài hoặc quá nhiều ô (mỗi ô tối đa {field}). "
            "Hãy rút gọn nội dung rồi gửi lại."
        )
    return f"Dữ liệu gửi lên vượt quá giới hạn {format_size(limit)}. Hãy gửi tệp nhỏ hơn."


def _wait_text() -> str:
    """How long until the breached rate limit lets the caller in again, in words."""
    try:
        current = limiter.current_limit
        seconds = current.reset_at - time.time() if current is not None else None
    except Exception:  # noqa: BLE001 - the limit's storage may be what failed
        seconds = None
    if seconds is None:
        return "vài phút"
    return f"khoảng {max(1, math.ceil(seconds / 60))} phút"


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    @rolled_back
    def http_error(error: HTTPException):
        status = error.code or 500
        message = None
        if status == 429:
            wait = _wait_text()
            message = f"Quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau {wait}."
        elif status == 413:
            message = _too_large_text(
                request.max_content_length or app.config["MAX_CONTENT_LENGTH"]
            )
        elif isinstance(error, (JsonRefused, AddressRefused)):  # they say why themselves
            message = error.description
        elif status == 400 and error.description and "CSRF" in str(error.description):
            message = (
                "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang."
            )
        response = make_response(render_error(status, message))
        # What HTTP asks the error to say besides its body: a 405's Allow, a 401's challenge.
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(ServiceError)
    @rolled_back
    def service_error(error: ServiceError):
        if wants_json():
            return json_error(error.status, error.message, error.fields or None)
        page = refusal_page()
        # What the form said was refused (422) or overtaken (409): the view's form again,
        # with the messages on its fields. A refused role (403) or a missing record (404)
        # gets the error page: there is nothing on the form to correct.
        if page is not None and error.status in (409, 422):
            return page(error)
        return render_error(error.status, error.message)

    @app.errorhandler(StaleDataError)
    @rolled_back
    def stale(error: StaleDataError):
        # A concurrent writer won a race the services did not see coming: still a 409.
        message = "Dữ liệu vừa được người khác cập nhật; hãy tải lại rồi thử lại."
        return json_error(409, message) if wants_json() else render_error(409, message)

    @app.errorhandler(Exception)
    @rolled_back
    def unexpected(error: Exception):
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(500)
