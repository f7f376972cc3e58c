"""Tokens for scripts: issue one for a username and password, list and revoke them."""

from __future__ import annotations

from flask import current_app, g, jsonify, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from tracker.api.blueprint import bp
from tracker.api.common import check_id, json_body, public
from tracker.api.errors import ApiError, unauthorized
from tracker.api.serializers import iso_time, unit_ref
from tracker.auth.tokens import WrongCredentials, active_tokens, issue_token, revoke_token
from tracker.extensions import db, limiter
from tracker.models import ApiToken
from tracker.models.user import ROLE_LABELS


def _login_limit() -> str:
    return current_app.config["LOGIN_LIMITS"]


def _account_key() -> str:
    data = request.get_json(silent=True)
    name = data.get("username") if isinstance(data, dict) else None
    return "api-token:" + (name.strip().lower() if isinstance(name, str) else "")


def token_json(token: ApiToken, current_id: int | None = None) -> dict:
    return {
        "id": token.id,
        "name": token.name,
        "created_at": iso_time(token.created_at),
        "expires_at": iso_time(token.expires_at),
        "last_used_at": iso_time(token.last_used_at),
        "current": token.id == current_id,
    }


@bp.post("/auth/token")
@public
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_account_key)
def issue_api_token():
    """Exchange a username and password for a bearer token."""
    body = json_body()
    try:
        record, token = issue_token(
            body.get("username"),
            body.get("password"),
            request.remote_addr,
            current_app.config["API_TOKEN_LIFETIME"],
            name=body.get("name"),
        )
    except WrongCredentials as refused:
        db.session.commit()  # the failed attempt stays on record although we answer 401
        raise unauthorized(str(refused)) from None
    response = jsonify(
        {
            "token": token,
            "expires_at": iso_time(record.expires_at),
            "id": record.id,
            "name": record.name,
        }
    )
    response.headers["Cache-Control"] = "no-store"
    return response, 201


@bp.delete("/auth/token")
def revoke_current_token():
    """Revoke the token this request was made with."""
    token_id = g.get("api_token_id") if g.get("api_bearer") else None
    if token_id is None:
        raise ApiError(
            400, "bad_request", "Yêu cầu này không dùng token nào (Authorization: Bearer)."
        )
    revoke_token(current_user, token_id)
    return "", 204


@bp.get("/auth/tokens")
def list_api_tokens():
    """The caller's tokens that still work (never the tokens themselves)."""
    current_id = g.get("api_token_id")
    return jsonify({"items": [token_json(t, current_id) for t in active_tokens(current_user)]})


@bp.delete("/auth/tokens/<int:token_id>")
def revoke_api_token(token_id: int):
    """Revoke one of the caller's tokens."""
    revoke_token(current_user, check_id(token_id))
    return "", 204


@bp.get("/auth/csrf")
def csrf_token():
    """A CSRF token for writes made with the browser session (header X-CSRFToken)."""
    return jsonify({"csrf_token": generate_csrf()})


@bp.get("/me")
def me():
    """The caller: name, roles and the units they are granted on."""
    user = current_user
    return jsonify(
        {
            "id": user.id,
            "username": user.username,
            "full_name": user.full_name,
            "email": user.email,
            "job_title": user.job_title,
            "roles": [
                {"role": grant.role, "label": ROLE_LABELS[grant.role], "unit": unit_ref(grant.unit)}
                for grant in user.grants
            ],
        }
    )
