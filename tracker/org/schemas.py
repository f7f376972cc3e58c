"""The unit tree and the section tree as the API writes them."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields

from tracker.api.schemas import ApiSchema, Parsed
from tracker.models import UNIT_KINDS


def _flag(value) -> bool:
    return str(value).lower() in ("1", "true", "yes", "on")


class TreeArgs(ApiSchema):
    class Meta:
        unknown = EXCLUDE

    flat = Parsed(_flag, {"type": "boolean", "description": "A flat list, parents first."})
    include_inactive = Parsed(
        _flag, {"type": "boolean", "description": "Include units or sections no longer in use."}
    )


class UnitNodeSchema(Schema):
    """A unit; `children` is absent from the flat list."""

    id = fields.Integer(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    short_name = fields.String(required=True, allow_none=True)
    kind = fields.String(required=True, metadata={"enum": list(UNIT_KINDS)})
    kind_label = fields.String()
    parent_id = fields.Integer(required=True, allow_none=True)
    depth = fields.Integer(required=True, metadata={"minimum": 0})
    active = fields.Boolean()
    sees_tasks = fields.Boolean(required=True)
    can_assign = fields.Boolean()
    children = fields.List(fields.Nested(lambda: UnitNodeSchema()))


class SectionNodeSchema(Schema):
    id = fields.Integer(required=True)
    code = fields.String(required=True)
    title = fields.String(required=True)
    parent_id = fields.Integer(required=True, allow_none=True)
    depth = fields.Integer(required=True, metadata={"minimum": 0})
    active = fields.Boolean()
    children = fields.List(fields.Nested(lambda: SectionNodeSchema()))


UnitTree = Schema.from_dict(
    {"items": fields.List(fields.Nested(UnitNodeSchema), required=True)}, name="UnitTree"
)
SectionTree = Schema.from_dict(
    {"items": fields.List(fields.Nested(SectionNodeSchema), required=True)}, name="SectionTree"
)
