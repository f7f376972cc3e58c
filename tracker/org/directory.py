"""What the admin reads about people: the filtered list, the log of logins, the summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from tracker.common.exceptions import ValidationFailed
from tracker.common.lookup import as_id
from tracker.common.pagination import Page
from tracker.domain.text import fold
from tracker.extensions import db
from tracker.models import ROLES, ApiToken, LoginEvent, RoleGrant, Section, Unit, User
from tracker.models._base import utcnow
from tracker.org.trees import descendant_ids

ACTIVE_STATES = {"1": "Hoạt động", "0": "Đã khoá", "all": "Tất cả"}
OUTCOMES = {"": "Tất cả", "ok": "Thành công", "failed": "Thất bại"}
REASONS = {"wrong": "Sai tên đăng nhập hoặc mật khẩu", "inactive": "Tài khoản đã bị khoá"}


@dataclass
class UserFilter:
    """The admin's filters on the list of people."""

    q: str = ""
    unit_id: int | None = None
    role: str = ""
    active: str = "1"

    @property
    def narrowed(self) -> bool:
        return bool(self.q or self.unit_id or self.role or self.active != "1")


def user_filter_from_args(args: MultiDict) -> UserFilter:
    """A UserFilter from query arguments; ValidationFailed naming a bad one."""
    f = UserFilter(q=(args.get("q") or "").strip()[:100])
    if args.get("unit"):
        f.unit_id = as_id(args["unit"])
        if f.unit_id is None or db.session.get(Unit, f.unit_id) is None:
            raise ValidationFailed(f"Không có đơn vị “{args['unit'][:40]}”.", field="unit")
    f.role = args.get("role") or ""
    if f.role and f.role not in ROLES:
        raise ValidationFailed(f"Vai trò “{f.role[:40]}” không hợp lệ.", field="role")
    f.active = args.get("active") or "1"
    if f.active not in ACTIVE_STATES:
        raise ValidationFailed("Trạng thái tài khoản không hợp lệ.", field="active")
    return f


def user_page(f: UserFilter, page: int = 1, per_page: int = 50) -> Page:
    """One page of people matching the filter, sorted as Vietnamese names are (by given name).

    The name search ignores accents, so it runs over the (small) folded list in Python; the
    page's people are then loaded with their grants in one more query.
    """
    stmt = select(User.id, User.username, User.full_name, User.email, User.job_title)
    if f.active != "all":
        stmt = stmt.where(User.active == (f.active == "1"))
    if f.unit_id is not None or f.role:
        grants = select(RoleGrant.user_id)
        if f.unit_id is not None:
            grants = grants.where(RoleGrant.unit_id.in_(descendant_ids(Unit, f.unit_id)))
        if f.role:
            grants = grants.where(RoleGrant.role == f.role)
        stmt = stmt.where(User.id.in_(grants))
    words = fold(f.q).split()
    rows = [
        row
        for row in db.session.execute(stmt)
        if all(w in fold(" ".join(filter(None, row[1:]))) for w in words)
    ]
    rows.sort(key=lambda r: (fold(r.full_name.split()[-1] if r.full_name else ""), fold(r[2])))
    start = (page - 1) * per_page
    ids = [r.id for r in rows[start : start + per_page]]
    people = select(User).where(User.id.in_(ids)).options(selectinload(User.grants))
    loaded = {u.id: u for u in db.session.scalars(people)}
    return Page([loaded[i] for i in ids], len(rows), page, per_page)


@dataclass
class LoginFilter:
    """The admin's filters on the log of logins."""

    username: str = ""
    outcome: str = ""

    @property
    def narrowed(self) -> bool:
        return bool(self.username or self.outcome)


def login_filter_from_args(args: MultiDict) -> LoginFilter:
    """A LoginFilter from query arguments; ValidationFailed naming a bad one."""
    f = LoginFilter(username=(args.get("username") or "").strip().lower()[:80])
    f.outcome = args.get("outcome") or ""
    if f.outcome not in OUTCOMES:
        raise ValidationFailed(
            "Kết quả đăng nhập phải là thành công hoặc thất bại.", field="outcome"
        )
    return f


def login_events(f: LoginFilter) -> Select:
    """Logins and failed logins matching the filter, newest first."""
    stmt = select(LoginEvent).order_by(LoginEvent.created_at.desc(), LoginEvent.id.desc())
    if f.username:
        pattern = "%" + f.username.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")
        stmt = stmt.where(LoginEvent.username.like(pattern + "%", escape="\\"))
    if f.outcome:
        stmt = stmt.where(LoginEvent.success == (f.outcome == "ok"))
    return stmt


def recent_logins(user: User, limit: int = 8) -> list[LoginEvent]:
    """A person's latest logins and failed attempts (by account or by the name typed)."""
    stmt = (
        select(LoginEvent)
        .where((LoginEvent.user_id == user.id) | (LoginEvent.username == user.username))
        .order_by(LoginEvent.created_at.desc(), LoginEvent.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def working_tokens(user: User) -> list[ApiToken]:
    """A person's API tokens that still work, newest first."""
    stmt = (
        select(ApiToken)
        .where(
            ApiToken.user_id == user.id,
            ApiToken.revoked_at.is_(None),
            ApiToken.expires_at > utcnow(),
        )
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(db.session.scalars(stmt))


@dataclass(frozen=True)
class FailedBurst:
    """Many failed logins for one name lately: someone guessing, or someone locked out."""

    username: str
    failures: int
    last_at: object


def admin_summary() -> dict:
    """The figures of the admin's dashboard."""
    now = utcnow()
    day_ago = now - timedelta(hours=24)

    def count(stmt) -> int:
        return db.session.scalar(stmt) or 0

    admins = select(RoleGrant.user_id).where(RoleGrant.role == "admin")
    with_role = select(RoleGrant.user_id)
    return {
        "units": count(select(func.count()).select_from(Unit).where(Unit.active)),
        "units_inactive": count(select(func.count()).select_from(Unit).where(~Unit.active)),
        "users": count(select(func.count()).select_from(User).where(User.active)),
        "users_locked": count(select(func.count()).select_from(User).where(~User.active)),
        "admins": count(
            select(func.count()).select_from(User).where(User.active, User.id.in_(admins))
        ),
        "without_role": count(
            select(func.count()).select_from(User).where(User.active, User.id.not_in(with_role))
        ),
        "never_logged_in": count(
            select(func.count()).select_from(User).where(User.active, User.last_login_at.is_(None))
        ),
        "sections": count(select(func.count()).select_from(Section).where(Section.active)),
        "sections_inactive": count(
            select(func.count()).select_from(Section).where(~Section.active)
        ),
        "failed_24h": count(
            select(func.count())
            .select_from(LoginEvent)
            .where(~LoginEvent.success, LoginEvent.created_at >= day_ago)
        ),
        "logins_24h": count(
            select(func.count())
            .select_from(LoginEvent)
            .where(LoginEvent.success, LoginEvent.created_at >= day_ago)
        ),
        "tokens": count(
            select(func.count())
            .select_from(ApiToken)
            .where(ApiToken.revoked_at.is_(None), ApiToken.expires_at > now)
        ),
    }


def failed_bursts(hours: int = 24, at_least: int = 3, limit: int = 5) -> list[FailedBurst]:
    """The names with the most failed logins lately."""
    since = utcnow() - timedelta(hours=hours)
    rows = db.session.execute(
        select(LoginEvent.username, func.count(), func.max(LoginEvent.created_at))
        .where(~LoginEvent.success, LoginEvent.created_at >= since)
        .group_by(LoginEvent.username)
        .having(func.count() >= at_least)
        .order_by(func.count().desc(), LoginEvent.username)
        .limit(limit)
    ).all()
    return [FailedBurst(*row) for row in rows]
