"""Error pages and JSON errors that a civil servant (or a script) understands."""

from __future__ import annotations

import logging

from flask import Flask, flash, jsonify, redirect, render_template, request, url_for
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from .extensions import db
from .services import ServiceError

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
    return render_template(
        "errors/error.html", status=status, title=title, message=message or default
    ), status


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        if status == 429 and not wants_json() and request.endpoint == "auth.login":
            flash("Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau vài phút.", "danger")
            return redirect(url_for("auth.login")), 303
        message = None
        if status == 413:
            limit = app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
            message = f"Dữ liệu gửi lên vượt quá giới hạn {limit} MB."
        elif status == 400 and error.description and "CSRF" in str(error.description):
            message = (
                "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang."
            )
        return render_error(status, message)

    @app.errorhandler(ServiceError)
    def service_error(error: ServiceError):
        db.session.rollback()
        if wants_json():
            return json_error(error.status, error.message, error.fields or None)
        return render_error(error.status, error.message)

    @app.errorhandler(StaleDataError)
    def stale(error: StaleDataError):
        # A concurrent writer won a race the services did not see coming: still a 409.
        db.session.rollback()
        message = "Dữ liệu vừa được người khác cập nhật; hãy tải lại rồi thử lại."
        return json_error(409, message) if wants_json() else render_error(409, message)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        db.session.rollback()
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(500)
