"""API tokens (stored hashed) and the log of logins and failed logins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db
from tracker.models._base import BOOKKEEPING, utcnow


class ApiToken(db.Model):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    # SHA-256 of the token: a stolen database does not yield usable tokens.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None] = mapped_column(info=BOOKKEEPING)
    revoked_at: Mapped[datetime | None]


class LoginEvent(db.Model):
    __tablename__ = "login_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    ip: Mapped[str | None] = mapped_column(String(64))
    success: Mapped[bool]
    reason: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("ix_login_event_time", "created_at"),
        # The sign-in throttle counts recent failures per account, per address and per pair.
        Index("ix_login_event_user_time", "username", "created_at"),
        Index("ix_login_event_ip_time", "ip", "created_at"),
        {"info": BOOKKEEPING},
    )


class LoginSession(db.Model):
    """One sign-in on one device: the server's half of the session and remember-me cookies.

    The cookies carry a random key; only its SHA-256 is stored. Logging out ends the row,
    so a replayed cookie opens nothing; a password change or deactivation ends every row
    of the user (through `session_version`, copied here at sign-in).
    """

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    session_version: Mapped[int]
    remember: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = ({"info": BOOKKEEPING},)
