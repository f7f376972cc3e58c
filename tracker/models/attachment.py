"""Uploaded files kept in the database: evidence attached to a task (minh chứng), and the
uploads an importer keeps between its preview and its confirmation.

The bytes sit in the row, written in the transaction that records it, so every app server
sees them and a backup carries them. The column is deferred: lists never load it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models._base import BOOKKEEPING, utcnow

if TYPE_CHECKING:
    from tracker.models.user import User


class Attachment(db.Model):
    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    # None only for a file that was already missing from the disk when files moved here.
    data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    uploaded_by: Mapped[User | None] = relationship()


class KeptUpload(db.Model):
    """An uploaded file kept for a day between an import's preview and its confirmation."""

    __tablename__ = "kept_upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    stored_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    facts: Mapped[dict] = mapped_column(JSON, default=dict)  # the importer's own (period ...)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)

    # A preview waiting for its confirmation is nothing any page lists: keep the data version.
    __table_args__ = ({"info": BOOKKEEPING},)
