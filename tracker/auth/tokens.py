"""API tokens as use cases: issue one for a password, list and revoke a person's tokens.

Only the SHA-256 of a token is stored (web.token_hash), so a copy of the database yields
no usable token; the token itself is shown once, when it is issued.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import select

from tracker.auth.signin import check_credentials
from tracker.common.exceptions import NotFound, ValidationFailed
from tracker.extensions import db
from tracker.models import ApiToken
from tracker.models._base import utcnow
from tracker.web.requests import token_hash


def issue_token(
    username, password, ip: str | None, lifetime: timedelta, name: str | None = None
) -> tuple[ApiToken, str]:
    """Check the credentials and return a new token record and the token itself.

    Every attempt is recorded and throttled as a sign-in is (auth/signin.py); a refusal
    does not tell whether the account exists.
    """
    if not isinstance(username, str) or not isinstance(password, str):
        raise ValidationFailed(
            "Cần “username” và “password” dạng chuỗi.",
            fields={"username": "Bắt buộc.", "password": "Bắt buộc."},
        )
    if name is not None and not isinstance(name, str):
        raise ValidationFailed("Tên token phải là chuỗi.", field="name")
    user = check_credentials(username, password, ip)
    token = secrets.token_urlsafe(32)
    now = utcnow()
    record = ApiToken(
        user_id=user.id,
        token_hash=token_hash(token),
        name=(name or "").strip()[:120] or "API",
        created_at=now,
        expires_at=now + lifetime,
    )
    db.session.add(record)
    db.session.flush()
    return record, token


def active_tokens(user) -> list[ApiToken]:
    """The person's tokens that still work, newest first."""
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(
                ApiToken.user_id == user.id,
                ApiToken.revoked_at.is_(None),
                ApiToken.expires_at > utcnow(),
            )
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def revoke_token(user, token_id: int) -> ApiToken:
    """Revoke one of the person's own tokens (another's is "not found")."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.revoked_at is not None:
        raise NotFound("Không tìm thấy token.")
    token.revoked_at = utcnow()
    db.session.flush()
    return token
