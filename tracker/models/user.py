"""Người dùng and their role grants (a role on a unit reaches the unit's subtree)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models._base import BOOKKEEPING, utcnow

if TYPE_CHECKING:
    from tracker.models.unit import Unit

ROLES = ("admin", "director", "head", "staff", "viewer")
ROLE_LABELS = {
    "admin": "Quản trị",
    "director": "Lãnh đạo Sở",
    "head": "Trưởng phòng",
    "staff": "Chuyên viên",
    "viewer": "Theo dõi",
}


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(160))
    job_title: Mapped[str | None] = mapped_column(String(160))
    email: Mapped[str | None] = mapped_column(String(255))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped when the password changes or the account is deactivated: ends old sessions.
    session_version: Mapped[int] = mapped_column(default=1, info=BOOKKEEPING)
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    notify_prefs: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(info=BOOKKEEPING)
    password_changed_at: Mapped[datetime | None]

    # Loaded when read: a page shows many people (assignees, history) and needs the grants
    # of none of them; permissions come from the principal (common/access.py), and lists of
    # people that show roles load them with selectinload.
    grants: Mapped[list[RoleGrant]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    # The key of the sign-in session this object was loaded through (auth/sessions.py); not
    # a column: the cookies carry it, the database keeps only its hash.
    login_key = None

    def get_id(self) -> str:
        """What Flask-Login puts in the cookies: the session's key, never the user's id."""
        if not self.login_key:
            raise RuntimeError("sign users in through tracker.auth.sessions.start_session")
        return self.login_key

    # UserMixin compares users by get_id(): here that is the session key, so compare rows.
    def __eq__(self, other) -> bool:
        if not isinstance(other, User):
            return NotImplemented
        return self is other or (self.id is not None and self.id == other.id)

    def __ne__(self, other) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = object.__hash__

    @property
    def roles(self) -> set[str]:
        return {g.role for g in self.grants}

    def wants(self, kind: str) -> bool:
        """Whether the user accepts e-mails of this kind (all kinds on by default)."""
        return bool((self.notify_prefs or {}).get(kind, True))

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class RoleGrant(db.Model):
    __tablename__ = "role_grant"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)

    user: Mapped[User] = relationship(back_populates="grants")
    unit: Mapped[Unit] = relationship(lazy="joined")

    __table_args__ = (
        UniqueConstraint("user_id", "role", "unit_id"),
        CheckConstraint(f"role IN ({', '.join(repr(r) for r in ROLES)})", name="role_known"),
    )


class SavedFilter(db.Model):
    """Bộ lọc của tôi: a task list's filters a person saved under a name of their own."""

    __tablename__ = "saved_filter"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(80))
    query: Mapped[str] = mapped_column(String(2000))  # the list's arguments, URL-encoded
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # One person's preference, shown to them alone: nothing the kept answers hold.
    __table_args__ = (UniqueConstraint("user_id", "name"), {"info": BOOKKEEPING})
