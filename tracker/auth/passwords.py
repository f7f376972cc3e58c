"""Passwords: hashing (argon2), the policy a new one must pass, temporary ones, changes."""

from __future__ import annotations

import re
import secrets

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

from tracker.common.exceptions import ValidationFailed
from tracker.models import User
from tracker.models._base import utcnow

MIN_PASSWORD_LENGTH = 10
# No 0/O, 1/l/I: a temporary password is read aloud or copied from a screen.
_TEMP_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_COMMON = {"1234567890", "0123456789", "password12", "matkhau123", "qwertyuiop", "abcdefghij"}


def _hasher() -> PasswordHasher:
    # Tests set ARGON2_FAST: the real parameters are slow on purpose, and tests hash a lot.
    if has_app_context() and current_app.config.get("ARGON2_FAST"):
        return PasswordHasher.from_parameters(profiles.CHEAPEST)
    return PasswordHasher()


def hash_password(password: str) -> str:
    """The argon2 hash of a password, as stored."""
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


def generate_password(username: str = "") -> str:
    """A strong temporary password that passes the policy, like "Kx7m-Pq4t-Zr9w"."""
    while True:
        groups = ["".join(secrets.choice(_TEMP_ALPHABET) for _ in range(4)) for _ in range(3)]
        password = "-".join(groups)
        if password_problem(password, username) is None:
            return password
