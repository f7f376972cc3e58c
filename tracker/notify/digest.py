"""The daily digest: each person's tasks due soon, overdue and awaiting their confirmation.

Sends are recorded per person and day: a digest is never sent twice for a day, and a send
that failed is retried by the next run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select

from tracker.common.access import principal_for
from tracker.common.mail import MailError, render_mail, send_mail
from tracker.domain.dates import format_day
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import DigestSend, Task, User
from tracker.models._base import utcnow
from tracker.permissions import Role
from tracker.tasks.queries import SORTS, visibility_clause
from tracker.tasks.timeliness_sql import timeliness_clause

MAX_PER_LIST = 50


@dataclass
class Digest:
    user: User
    as_of: date
    overdue: list[Task] = field(default_factory=list)
    due_soon: list[Task] = field(default_factory=list)
    awaiting: list[Task] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.awaiting)


@dataclass
class DigestRun:
    sent: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)
    nothing_to_send: list[str] = field(default_factory=list)


def digest_for(user: User, as_of: date, window: int) -> Digest:
    """What one person should hear about today."""
    principal = principal_for(user)
    digest = Digest(user, as_of)
    responsible = or_(
        Task.assignee_id == user.id,
        Task.lead_unit_id.in_(sorted(principal.units_for(Role.HEAD))),
    )
    base = select(Task).where(visibility_clause(principal), responsible)
    digest.overdue = list(
        db.session.scalars(
            base.where(timeliness_clause("overdue", as_of, window))
            .order_by(*SORTS["overdue"])
            .limit(MAX_PER_LIST)
        )
    )
    digest.due_soon = list(
        db.session.scalars(
            base.where(timeliness_clause("due_soon", as_of, window))
            .order_by(*SORTS["due"])
            .limit(MAX_PER_LIST)
        )
    )
    leads = sorted(principal.units_for(Role.DIRECTOR, Role.ADMIN))
    if leads:
        digest.awaiting = list(
            db.session.scalars(
                select(Task)
                .where(Task.status == Status.SUBMITTED, Task.lead_unit_id.in_(leads))
                .order_by(Task.completed_on, Task.id)
                .limit(MAX_PER_LIST)
            )
        )
    return digest


def recipients() -> list[User]:
    users = db.session.scalars(
        select(User).where(User.active, User.email.is_not(None)).order_by(User.id)
    )
    return [u for u in users if u.email and u.wants("digest")]


def _record(user: User, day: date, status: str, count: int, error: str | None) -> None:
    row = db.session.scalar(
        select(DigestSend).where(DigestSend.user_id == user.id, DigestSend.day == day)
    )
    if row is None:
        row = DigestSend(user_id=user.id, day=day, attempts=0)
        db.session.add(row)
    row.status, row.task_count, row.error = status, count, error
    row.attempts += 1
    row.updated_at = utcnow()


def send_digests(
    as_of: date,
    window: int,
    *,
    dry_run: bool = False,
    commit: Callable[[], None] | None = None,
    echo: Callable[[str], None] = lambda _line: None,
) -> DigestRun:
    """Send today's digests; `commit` is called after each person so no send goes unrecorded."""
    run = DigestRun()
    for user in recipients():
        previous = db.session.scalar(
            select(DigestSend.status).where(DigestSend.user_id == user.id, DigestSend.day == as_of)
        )
        if previous == "sent":
            run.already_sent.append(user.username)
            continue
        digest = digest_for(user, as_of, window)
        if digest.count == 0:
            run.nothing_to_send.append(user.username)
            continue
        summary = (
            f"{user.username} <{user.email}>: {len(digest.overdue)} quá hạn, "
            f"{len(digest.due_soon)} sắp đến hạn, {len(digest.awaiting)} chờ xác nhận"
        )
        if dry_run:
            echo("would send " + summary)
            run.sent.append(user.username)
            continue
        mail = render_mail(
            "digest",
            user,
            f"[Theo dõi nhiệm vụ] {digest.count} việc cần chú ý ngày {format_day(as_of)}",
            digest=digest,
            window=window,
        )
        try:
            send_mail(mail)
        except MailError as error:
            _record(user, as_of, "failed", digest.count, str(error)[:500])
            run.failed.append((user.username, str(error)))
            echo(f"FAILED {summary}: {error}")
        else:
            _record(user, as_of, "sent", digest.count, None)
            run.sent.append(user.username)
            echo("sent " + summary)
        if commit:
            commit()
    return run
