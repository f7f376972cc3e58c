"""The bell menu's notifications and the personal calendar feed."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select, update

from ..extensions import db, limiter
from ..filters import page_args
from ..models import Notification
from ..models._base import utcnow
from ..queries import paginate
from ..services.calendar_feed import calendar_for, user_for_token
from . import bp


@bp.get("/notifications")
@login_required
def index():
    page, per_page = page_args(request.args, 30, 100)
    stmt = (
        select(Notification)
        .where(Notification.user_id == current_user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return render_template("notifications/index.html", page=paginate(stmt, page, per_page))


@bp.post("/notifications/<int:notification_id>/read")
@login_required
def read(notification_id: int):
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    if notification.read_at is None:
        notification.read_at = utcnow()
    if notification.task_id and "tasks.show" in current_app.view_functions:
        return redirect(url_for("tasks.show", task_id=notification.task_id))
    return redirect(url_for("notifications.index"))


@bp.post("/notifications/read-all")
@login_required
def read_all():
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == current_user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    flash("Đã đánh dấu tất cả thông báo là đã đọc.", "success")
    return redirect(url_for("notifications.index"))


@bp.get("/calendar/<token>.ics")
@limiter.limit("60 per minute")
def calendar(token: str):
    """The feed needs no session: calendar programs fetch it with the secret token."""
    user = user_for_token(token)
    if user is None:
        abort(404)
    base_url = current_app.config["BASE_URL"]
    body = calendar_for(user, base_url, urlsplit(base_url).hostname or "tracker")
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": 'inline; filename="han-nhiem-vu.ics"',
            "Cache-Control": "private, max-age=300",
        },
    )
