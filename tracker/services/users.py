"""People: create accounts, grant roles, check and change passwords (argon2)."""

from __future__ import annotations

import re
import secrets

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context
from sqlalchemy import func, select

from ..extensions import db
from ..models import ROLES, RoleGrant, Unit, User
from ..models._base import utcnow
from . import ValidationFailed

MIN_PASSWORD_LENGTH = 10
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")
_COMMON = {"1234567890", "0123456789", "password12", "matkhau123", "qwertyuiop", "abcdefghij"}


def _hasher() -> PasswordHasher:
    if has_app_context() and current_app.config.get("ARGON2_FAST"):
        return PasswordHasher.from_parameters(profiles.CHEAPEST)
    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(user: User | None, password: str) -> bool:
    """Check a password; without a user, still spend the time so timing does not tell."""
    hasher = _hasher()
    if user is None:
        hasher.hash(password or "x")
        return False
    try:
        hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    return True


def password_problem(password: str, username: str = "") -> str | None:
    """Why a password is too weak (in Vietnamese), or None when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự."
    if password.lower() in _COMMON or len(set(password)) < 4:
        return "Mật khẩu quá dễ đoán."
    if username and username.lower() in password.lower():
        return "Mật khẩu không được chứa tên đăng nhập."
    if not (re.search(r"[A-Za-zÀ-ỹ]", password) and re.search(r"\d", password)):
        return "Mật khẩu phải có cả chữ và số."
    return None


def set_password(user: User, password: str, check: bool = True) -> None:
    """Change the password and end the user's other sessions and tokens."""
    if check and (problem := password_problem(password, user.username)):
        raise ValidationFailed(problem, field="password")
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.session_version = (user.session_version or 0) + 1


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
    if role not in ROLES:
        raise ValidationFailed(f"Vai trò “{role}” không hợp lệ.", field="role")
    for grant in user.grants:
        if grant.role == role and grant.unit_id == unit.id:
            return grant
    grant = RoleGrant(role=role, unit_id=unit.id)
    user.grants.append(grant)
    db.session.flush()
    return grant
