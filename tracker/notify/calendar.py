"""A person's deadlines as an iCalendar feed (RFC 5545), behind a revocable token."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import or_, select

from tracker.common import clock
from tracker.common.access import principal_for
from tracker.domain.timeliness import OPEN, STATUS_LABELS_VI
from tracker.extensions import db
from tracker.models import Task, User
from tracker.permissions import Role
from tracker.tasks.queries import visibility_clause

FEED_LIMIT = 1000


def user_for_token(token: str) -> User | None:
    if not token or len(token) > 64:
        return None
    user = db.session.scalar(select(User).where(User.calendar_token == token))
    return user if user is not None and user.active else None


def renew_calendar_token(user: User) -> str:
    """Issue a new feed address; the old one stops working at once."""
    user.calendar_token = secrets.token_urlsafe(24)
    return user.calendar_token


def deadline_tasks(user: User) -> list[Task]:
    """Open tasks with a deadline the person is responsible for (assignee or head)."""
    principal = principal_for(user)
    stmt = (
        select(Task)
        .where(
            visibility_clause(principal),
            Task.due_date.is_not(None),
            Task.status.in_([s.value for s in OPEN]),
            or_(
                Task.assignee_id == user.id,
                Task.lead_unit_id.in_(sorted(principal.units_for(Role.HEAD))),
            ),
        )
        .order_by(Task.due_date, Task.id)
        .limit(FEED_LIMIT)
    )
    return list(db.session.scalars(stmt))


def calendar_for(user: User, base_url: str, domain: str = "tracker") -> bytes:
    """The feed's bytes: one all-day event on each deadline."""
    calendar = Calendar()
    calendar.add("prodid", "-//Tracker//Theo doi nhiem vu//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Hạn nhiệm vụ – {user.full_name}")
    stamp = datetime.now(UTC).replace(microsecond=0)
    for task in deadline_tasks(user):
        event = Event()
        event.add("uid", f"task-{task.id}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", task.due_date)
        if task.due_date < date.max:  # a deadline stored before dates were bounded
            event.add("dtend", task.due_date + timedelta(days=1))  # else one day (RFC 5545)
        event.add("summary", f"Hạn: {task.title}")
        url = f"{base_url.rstrip('/')}/tasks/{task.id}"
        description = (
            f"Đơn vị chủ trì: {task.lead_unit.name}\n"
            f"Trạng thái: {STATUS_LABELS_VI.get(task.status, task.status)}, "
            f"tiến độ {task.progress}%\n{url}"
        )
        event.add("description", description)
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        if task.due_date < clock.today():
            event.add("categories", ["Quá hạn"])
        calendar.add_component(event)
    return calendar.to_ical()
