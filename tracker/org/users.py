"""People: accounts, role grants, and ending a person's access (passwords: passwords.py).

Ending access is thorough: deactivating someone bumps their session version (every browser
session ends) and revokes their API tokens; an admin's password reset ends their sessions.
At least one active admin always remains, so the system can never be locked.
"""

from __future__ import annotations

import re
import secrets

from sqlalchemy import func, select

# verify_password is imported from here by auth/routes.py, which predates passwords.py.
from tracker.auth.passwords import (
    generate_password,
    hash_password,
    password_problem,
    set_password,
)
from tracker.common.exceptions import NotAllowed, NotFound, ValidationFailed
from tracker.common.lookup import as_id, get_or_404
from tracker.extensions import db
from tracker.models import ROLE_LABELS, ROLES, ApiToken, RoleGrant, Unit, User
from tracker.models._base import utcnow
from tracker.permissions import Action, Principal, Role, can

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
NO_PASSWORD = "Chưa nhập mật khẩu (hoặc chọn tạo mật khẩu tạm thời)."  # noqa: S105 (a message)


def create_user(
    username: str,
    password: str,
    role: str,
    unit: Unit,
    full_name: str | None = None,
    email: str | None = None,
    job_title: str | None = None,
    check_password: bool = True,
) -> User:
    """Create an account with one role on one unit."""
    username = (username or "").strip().lower()
    if not _USERNAME.match(username):
        raise ValidationFailed(
            "Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch (2–80 ký tự).",
            field="username",
        )
    if db.session.scalar(select(func.count()).where(User.username == username)):
        raise ValidationFailed(f"Tên đăng nhập “{username}” đã có.", field="username")
    if role not in ROLES:
        raise ValidationFailed(f"Vai trò “{role}” không hợp lệ.", field="role")
    if check_password and (problem := password_problem(password, username)):
        raise ValidationFailed(problem, field="password")
    user = User(
        username=username,
        full_name=(full_name or username).strip(),
        email=(email or "").strip() or None,
        job_title=job_title,
        password_hash=hash_password(password),
        calendar_token=secrets.token_urlsafe(24),
    )
    user.grants.append(RoleGrant(role=role, unit_id=unit.id))
    db.session.add(user)
    db.session.flush()
    return user


def grant_role(user: User, role: str, unit: Unit) -> RoleGrant:
    """Give a role on a unit (nothing changes if the person has it already)."""
    if role not in ROLES:
        raise ValidationFailed(f"Vai trò “{role}” không hợp lệ.", field="role")
    for grant in user.grants:
        if grant.role == role and grant.unit_id == unit.id:
            return grant
    grant = RoleGrant(role=role, unit_id=unit.id)
    user.grants.append(grant)
    db.session.flush()
    return grant


# -- administration -------------------------------------------------------------------------


def get_user(user_id) -> User:
    """An account by id, or NotFound."""
    return get_or_404(User, user_id, "Không tìm thấy người dùng.")


def add_user(actor, principal: Principal, data: dict) -> tuple[User, str | None]:
    """Create an account with one role on an active unit.

    With `generate`, a temporary password is made and returned, to be shown once;
    otherwise the given password must pass the policy.
    """
    _require_admin(principal)
    errors = _profile_errors(data)
    username = (data.get("username") or "").strip().lower()
    if problem := _username_problem(username, None):
        errors["username"] = problem
    role, unit = _role_and_unit(data, errors)
    password = data.get("password") or ""
    generated = None
    if data.get("generate"):
        generated = password = generate_password(username)
    elif not password:
        errors["password"] = NO_PASSWORD
    elif problem := password_problem(password, username):
        errors["password"] = problem
    if errors:
        raise ValidationFailed(next(iter(errors.values())), fields=errors)
    user = create_user(
        username,
        password,
        role,
        unit,
        full_name=_clean(data.get("full_name")),
        email=_clean(data.get("email")),
        job_title=_clean(data.get("job_title")) or None,
        check_password=False,
    )
    db.session.flush()
    return user, generated


def update_user(actor, principal: Principal, user: User, data: dict) -> User:
    """Change a person's login name, name, e-mail, job title and language."""
    _require_admin(principal)
    errors = _profile_errors(data)
    username = (data.get("username") or "").strip().lower()
    if problem := _username_problem(username, user):
        errors["username"] = problem
    if errors:
        raise ValidationFailed(next(iter(errors.values())), fields=errors)
    user.username = username
    user.full_name = _clean(data.get("full_name"))
    user.email = _clean(data.get("email")) or None
    user.job_title = _clean(data.get("job_title")) or None
    db.session.flush()
    return user


def add_grant(actor, principal: Principal, user: User, data: dict) -> RoleGrant:
    """Give a person a role on an active unit (and so on the unit's whole subtree)."""
    _require_admin(principal)
    errors: dict[str, str] = {}
    role, unit = _role_and_unit(data, errors)
    if errors:
        raise ValidationFailed(next(iter(errors.values())), fields=errors)
    if any(g.role == role and g.unit_id == unit.id for g in user.grants):
        raise ValidationFailed(
            f"{user.full_name} đã có vai trò {ROLE_LABELS[role]} tại {unit.name}.", field="role"
        )
    return grant_role(user, role, unit)


def remove_grant(actor, principal: Principal, user: User, grant_id) -> RoleGrant:
    """Take a role away; the last active admin keeps theirs."""
    _require_admin(principal)
    grant = next((g for g in user.grants if str(g.id) == str(grant_id).strip()), None)
    if grant is None:
        raise NotFound("Không tìm thấy vai trò này của người dùng.")
    if grant.role == Role.ADMIN and user.active and not _other_admins(user, grant):
        raise ValidationFailed(
            "Không thể bỏ vai trò Quản trị: đây là quản trị viên cuối cùng đang hoạt động. "
            "Hãy cấp vai trò Quản trị cho người khác trước.",
            field="role",
        )
    user.grants.remove(grant)
    db.session.flush()
    return grant


def deactivate_user(actor, principal: Principal, user: User) -> int:
    """Lock an account: end every session and revoke every API token; return tokens revoked."""
    _require_admin(principal)
    if actor is not None and user.id == actor.id:
        raise ValidationFailed(
            "Bạn không thể tự khoá tài khoản của mình; hãy nhờ một quản trị viên khác.",
            field="active",
        )
    if user.active and user.roles & {Role.ADMIN.value} and not _other_admins(user):
        raise ValidationFailed(
            "Không thể khoá quản trị viên cuối cùng đang hoạt động.", field="active"
        )
    user.active = False
    user.session_version = (user.session_version or 0) + 1
    revoked = revoke_user_tokens(actor, principal, user)
    db.session.flush()
    return revoked


def reactivate_user(actor, principal: Principal, user: User) -> User:
    """Unlock an account; old sessions and tokens stay ended."""
    _require_admin(principal)
    user.active = True
    db.session.flush()
    return user


def reset_password(actor, principal: Principal, user: User, password: str | None = None):
    """Set a new password for someone (a given one, or a generated one that is returned).

    Their sessions end; their API tokens (used by scripts) are left for a separate revoke.
    """
    _require_admin(principal)
    generated = None
    if not password:
        generated = password = generate_password(user.username)
    set_password(user, password)
    db.session.flush()
    return generated


def revoke_user_tokens(actor, principal: Principal, user: User) -> int:
    """Revoke every API token of a person that still works; return how many."""
    _require_admin(principal)
    now = utcnow()
    tokens = db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    ).all()
    for token in tokens:
        token.revoked_at = now
    db.session.flush()
    return sum(1 for t in tokens if t.expires_at > now)


def _require_admin(principal: Principal) -> None:
    if not can(principal, Action.ADMINISTER):
        raise NotAllowed("Chỉ quản trị viên được quản lý tài khoản người dùng.")


def _clean(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _username_problem(username: str, user: User | None) -> str | None:
    if not _USERNAME.match(username):
        return "Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch (2–80 ký tự)."
    clash = db.session.scalar(select(User).where(User.username == username))
    if clash is not None and clash is not user:
        return f"Tên đăng nhập “{username}” đã có ({clash.full_name})."
    return None


def _profile_errors(data: dict) -> dict[str, str]:
    errors: dict[str, str] = {}
    full_name = _clean(data.get("full_name"))
    if not full_name:
        errors["full_name"] = "Chưa nhập họ và tên."
    elif len(full_name) > 160:
        errors["full_name"] = "Họ và tên dài quá 160 ký tự."
    email = _clean(data.get("email"))
    if email and (len(email) > 255 or not _EMAIL.match(email)):
        errors["email"] = f"Địa chỉ thư điện tử “{email[:60]}” không hợp lệ."
    if len(_clean(data.get("job_title"))) > 160:
        errors["job_title"] = "Chức vụ dài quá 160 ký tự."
    return errors


def _role_and_unit(data: dict, errors: dict[str, str]) -> tuple[str, Unit | None]:
    role = data.get("role") or ""
    if role not in ROLES:
        errors["role"] = "Chưa chọn vai trò." if not role else f"Vai trò “{role}” không hợp lệ."
    text = str(data.get("unit_id") or "").strip()
    unit = db.session.get(Unit, as_id(text)) if as_id(text) is not None else None
    if unit is None:
        errors["unit_id"] = "Chưa chọn đơn vị." if not text else "Đơn vị không tồn tại."
    elif not unit.active:
        errors["unit_id"] = f"Đơn vị “{unit.name}” đang ngừng hoạt động."
    return role, unit


def _other_admins(user: User, dropping: RoleGrant | None = None) -> int:
    """How many admin grants of active people remain besides `user`'s (or besides one)."""
    stmt = (
        select(func.count())
        .select_from(RoleGrant)
        .join(User, User.id == RoleGrant.user_id)
        .where(RoleGrant.role == Role.ADMIN.value, User.active)
    )
    if dropping is not None:
        stmt = stmt.where(RoleGrant.id != dropping.id)
    else:
        stmt = stmt.where(RoleGrant.user_id != user.id)
    return db.session.scalar(stmt) or 0
