"""Signing in for scripts (API tokens) and the caller's own account, as the API says them."""

from __future__ import annotations

from marshmallow import Schema, fields

from tracker.api.schemas import ApiSchema, Moment, Text, UnitRef
from tracker.models.user import ROLE_LABELS, ROLES


class TokenRequest(ApiSchema):
    username = Text(150, blank=False, required=True)
    # Never trimmed: a password may begin or end with a space.
    password = Text(1_000, required=True, allow_none=False)
    name = Text(100)


class TokenSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    created_at = Moment(required=True)
    expires_at = Moment(required=True)
    last_used_at = Moment(required=True, allow_none=True)
    current = fields.Boolean(
        required=True, metadata={"description": "Whether this request used it."}
    )


class NewTokenSchema(Schema):
    """The token itself, shown only once."""

    token = fields.String(required=True)
    expires_at = Moment(required=True)
    id = fields.Integer(required=True)
    name = fields.String(required=True)


TokenList = Schema.from_dict(
    {"items": fields.List(fields.Nested(TokenSchema), required=True)}, name="TokenList"
)
CsrfToken = Schema.from_dict({"csrf_token": fields.String(required=True)}, name="CsrfToken")


class GrantSchema(Schema):
    role = fields.String(required=True, metadata={"enum": list(ROLES)})
    label = fields.Function(lambda grant: ROLE_LABELS[grant.role], required=True)
    unit = fields.Nested(UnitRef, required=True)


class MeSchema(Schema):
    """The caller and the roles they hold, each on its unit."""

    id = fields.Integer(required=True)
    username = fields.String(required=True)
    full_name = fields.String(required=True)
    email = fields.String(required=True, allow_none=True)
    job_title = fields.String(required=True, allow_none=True)
    roles = fields.List(fields.Nested(GrantSchema), required=True, attribute="grants")
