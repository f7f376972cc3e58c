"""Tokens for scripts: issue one for a username and password, list and revoke them."""

from __future__ import annotations

from flask import current_app, g, jsonify, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from tracker.api.blueprint import bp
from tracker.api.common import check_id, json_body, public
from tracker.api.errors import ApiError, too_many_requests, unauthorized
from tracker.api.schemas import Extended, load
from tracker.api.spec import operation
from tracker.auth.schemas import CsrfToken, MeSchema, NewTokenSchema, TokenList, TokenRequest
from tracker.auth.signin import TooManyAttempts, WrongCredentials
from tracker.auth.tokens import active_tokens, issue_token, revoke_token
from tracker.extensions import db


@bp.post("/auth/token")
@operation(
    summary="Exchange a username and password for a bearer token",
    tag="auth",
    status="201",
    response=NewTokenSchema,
    errors=("400", "401", "415", "422", "429"),
    body=TokenRequest,
    public=True,
)
@public
def issue_api_token():
    """Exchange a username and password for a bearer token."""
    body = load(TokenRequest(), json_body())
    try:
        record, token = issue_token(
            body["username"],
            body["password"],
            request.remote_addr,
            current_app.config["API_TOKEN_LIFETIME"],
            name=body.get("name"),
        )
    except WrongCredentials as refused:
        db.session.commit()  # the failed attempt stays on record although we answer 401
        raise unauthorized(str(refused)) from None
    except TooManyAttempts as refused:
        db.session.commit()
        raise too_many_requests(str(refused), refused.wait) from None
    response = jsonify(NewTokenSchema().dump(Extended(record, token=token)))
    response.headers["Cache-Control"] = "no-store"
    return response, 201


@bp.delete("/auth/token")
@operation(
    summary="Revoke the token of this request", tag="auth", status="204", errors=("400", "401")
)
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
@operation(summary="The caller's valid tokens (never the secrets)", tag="auth", response=TokenList)
def list_api_tokens():
    """The caller's tokens that still work (never the tokens themselves)."""
    current_id = g.get("api_token_id")
    items = [Extended(t, current=t.id == current_id) for t in active_tokens(current_user)]
    return jsonify(TokenList().dump({"items": items}))


@bp.delete("/auth/tokens/<int:token_id>")
@operation(
    summary="Revoke one of the caller's tokens",
    tag="auth",
    status="204",
    errors=("401", "403", "404"),
)
def revoke_api_token(token_id: int):
    """Revoke one of the caller's tokens."""
    revoke_token(current_user, check_id(token_id))
    return "", 204


@bp.get("/auth/csrf")
@operation(
    summary="A CSRF token for session writes (send it as X-CSRFToken)",
    tag="auth",
    response=CsrfToken,
)
def csrf_token():
    """A CSRF token for writes made with the browser session (header X-CSRFToken)."""
    return jsonify(CsrfToken().dump({"csrf_token": generate_csrf()}))


@bp.get("/me")
@operation(summary="The caller and their roles", tag="auth", response=MeSchema)
def me():
    """The caller: name, roles and the units they are granted on."""
    return jsonify(MeSchema().dump(current_user))
