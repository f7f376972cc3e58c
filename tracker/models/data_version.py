"""The state of the data as one token, changed by every transaction that writes; and the
runs of scheduled jobs (the two records the system keeps about itself).

Answers computed from the database are cached under the token they were computed at
(`tracker/answer_cache.py`); a write changes the token, so no cached answer outlives the
data it came from, whichever process or server made the change.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db
from tracker.models._base import BOOKKEEPING, utcnow


class DataVersion(db.Model):
    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True)  # always 1: a single row
    token: Mapped[str] = mapped_column(String(32))


# The row exists as soon as the table does (create_all in tests and the benchmark; the
# migration inserts it too), so that writers only ever UPDATE it and never race to INSERT.
event.listen(
    DataVersion.__table__,
    "after_create",
    DDL("INSERT INTO data_version (id, token) VALUES (1, 'initial')"),
)


JOB_STATES = ("running", "done", "failed")


class JobRun(db.Model):
    """The claim of a job's due time: the unique pair is what makes a job run only once.

    Whichever server or cron runs the job, only the run whose insert succeeds goes ahead; a
    failed run, or one still "running" long after it started (its server died), may be
    taken over by a later run.
    """

    __tablename__ = "job_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(40))
    due: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(10), default="running")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    runner: Mapped[str] = mapped_column(String(120), default="")
    detail: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("job", "due"), {"info": BOOKKEEPING})
