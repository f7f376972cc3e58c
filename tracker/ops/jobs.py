"""Scheduled jobs run once per due time, whichever server or cron starts them.

A run first claims its (job, due) pair by inserting a JobRun row and committing: the
database's unique constraint lets exactly one insert through, on SQLite and PostgreSQL
alike, without any lock to leak. A run that failed may be retried by a later run; one left
"running" for longer than STALE (its server died mid-run) may be taken over.
"""

from __future__ import annotations

import os
import socket
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from tracker.extensions import db
from tracker.models import JobRun
from tracker.models._base import utcnow

STALE = timedelta(hours=1)


def _runner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def claim(job: str, due: str) -> JobRun | None:
    """This process's claim on the job's due time, committed; None if another run has it."""
    db.session.commit()  # the claim is a transaction of its own, visible to every server
    run = JobRun(job=job, due=due, status="running", started_at=utcnow(), runner=_runner())
    db.session.add(run)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
    else:
        return run
    now = utcnow()
    taken = db.session.execute(
        update(JobRun)
        .where(
            JobRun.job == job,
            JobRun.due == due,
            or_(
                JobRun.status == "failed",
                (JobRun.status == "running") & (JobRun.started_at < now - STALE),
            ),
        )
        .values(status="running", started_at=now, finished_at=None, runner=_runner())
    )
    db.session.commit()
    if taken.rowcount != 1:
        return None
    return db.session.scalar(select(JobRun).where(JobRun.job == job, JobRun.due == due))


def finish(run: JobRun, ok: bool, detail: str | None = None) -> None:
    """Record how the run ended; a failed run may be claimed again by a later one."""
    run.status = "done" if ok else "failed"
    run.finished_at = utcnow()
    run.detail = (detail or None) and detail[:2000]
    db.session.commit()
