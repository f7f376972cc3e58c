"""The bell menu: a person's notifications (services/events.py writes them), read and unread."""

from __future__ import annotations

from sqlalchemy import Select, func, select, update

from tracker.common.exceptions import NotFound
from tracker.extensions import db
from tracker.models import Notification
from tracker.models._base import utcnow


def notifications_of(user) -> Select:
    """A person's notifications, newest first, for paging."""
    return (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


def unread_count(user) -> int:
    """How many of a person's notifications are unread (the bell's badge)."""
    stmt = select(func.count()).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    return db.session.scalar(stmt) or 0


def mark_read(user, notification_id: int) -> Notification:
    """Mark one of the person's notifications read; NotFound for anyone else's."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        raise NotFound("Không tìm thấy thông báo.")
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()
    return notification


def mark_all_read(user) -> None:
    """Mark every unread notification of the person read."""
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
