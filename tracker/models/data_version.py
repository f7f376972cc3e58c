"""The state of the data as one token, changed by every transaction that writes.

Answers computed from the database are cached under the token they were computed at
(`tracker/answer_cache.py`); a write changes the token, so no cached answer outlives the
data it came from, whichever process or server made the change.
"""

from __future__ import annotations

from sqlalchemy import DDL, String, event
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db


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
