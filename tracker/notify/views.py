"""The bell menu's notifications and the personal calendar feed."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    has_request_context,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from tracker.common.pagination import paginate
from tracker.common.site import site_url
from tracker.extensions import limiter
from tracker.notify.bell import mark_all_read, mark_read, notifications_of, unread_count
from tracker.notify.calendar import calendar_for, user_for_token
from tracker.tasks.filters import page_args

bp = Blueprint("notifications", __name__)


@bp.app_context_processor
def bell() -> dict:
    """The count on the bell of every page's menu."""
    unread = 0
    # Mails rendered by CLI commands have no request, hence no signed-in user.
    if has_request_context() and current_user.is_authenticated:
        unread = unread_count(current_user)
    return {"unread_notifications": unread}


@bp.get("/notifications")
@login_required
def index():
    page, per_page = page_args(request.args, 30, 100)
    stmt = notifications_of(current_user)
    return render_template("notifications/index.html", page=paginate(stmt, page, per_page))


@bp.post("/notifications/<int:notification_id>/read")
@login_required
def read(notification_id: int):
    notification = mark_read(current_user, notification_id)
    if notification.task_id:
        return redirect(url_for("tasks.show", task_id=notification.task_id))
    return redirect(url_for("notifications.index"))


@bp.post("/notifications/read-all")
@login_required
def read_all():
    mark_all_read(current_user)
    flash("Đã đánh dấu tất cả thông báo là đã đọc.", "success")
    return redirect(url_for("notifications.index"))


@bp.get("/calendar/<token>.ics")
@limiter.limit("60 per minute")
def calendar(token: str):
    """The feed needs no session: calendar programs fetch it with the secret token."""
    user = user_for_token(token)
    if user is None:
        abort(404)
    base_url = site_url()
    body = calendar_for(user, base_url, urlsplit(base_url).hostname or "tracker")
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": 'inline; filename="han-nhiem-vu.ics"',
            "Cache-Control": "private, max-age=300",
        },
    )
