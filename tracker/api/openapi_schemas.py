"""The JSON Schemas of the OpenAPI description: what every body and response looks like."""

from __future__ import annotations

from tracker.domain.timeliness import Status, Timeliness
from tracker.models import EXTENSION_STATES, UNIT_KINDS, UPDATE_KINDS
from tracker.models.user import ROLES

STATUSES = [s.value for s in Status]
TIMELINESS = [t.value for t in Timeliness]
PERIOD_PATTERN = r"^\d{4}(-(H[12]|Q[1-4]|9M|\d{2}))?$"


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    """The schema or null (OpenAPI 3.1 / JSON Schema 2020-12)."""
    if "type" in schema and "$ref" not in schema:
        return schema | {"type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def obj(properties: dict, required: list[str] | None = None, **extra) -> dict:
    """An object with these properties, all required unless told otherwise."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        **extra,
    }


INT = {"type": "integer"}
STR = {"type": "string"}
BOOL = {"type": "boolean"}
DAY = {"type": "string", "format": "date"}
TIME = {"type": "string", "format": "date-time"}
ID = {"type": "integer", "minimum": 1}
# A unit, section, document or person named by id or by code / symbol / username.
NAMED = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "minLength": 1}]}

UNIT_REF = obj({"id": INT, "code": STR, "name": STR})
SECTION_REF = obj({"id": INT, "code": STR, "title": STR})
DOCUMENT_REF = obj({"id": INT, "symbol": STR, "title": nullable(STR), "type": STR})
USER_REF = obj({"id": INT, "username": STR, "full_name": STR})

TASK = obj(
    {
        "id": INT,
        "title": STR,
        "description": nullable(STR),
        "section": ref("SectionRef"),
        "lead_unit": ref("UnitRef"),
        "support_units": {"type": "array", "items": ref("UnitRef")},
        "assignee": nullable(ref("UserRef")),
        "documents": {"type": "array", "items": ref("DocumentRef")},
        "planned_period": nullable(STR),
        "start_date": nullable(DAY),
        "due_date": nullable(DAY),
        "original_due_date": nullable(DAY),
        "status": {"type": "string", "enum": STATUSES},
        "progress": {"type": "integer", "minimum": 0, "maximum": 100},
        "completed_on": nullable(DAY),
        "result": nullable(STR),
        "timeliness": {"type": "string", "enum": TIMELINESS},
        "days_overdue": {"type": "integer", "minimum": 0},
        "version": INT,
        "created_at": TIME,
        "updated_at": TIME,
        "parent_id": nullable(INT),
        "priority": {"type": "integer", "minimum": 1, "maximum": 4},
    },
    description="A task (CONTRACT.md); `parent_id` and `priority` are additions.",
)

TASK_UPDATE = obj(
    {
        "id": INT,
        "kind": {"type": "string", "enum": list(UPDATE_KINDS)},
        "kind_label": STR,
        "user": nullable(ref("UserRef")),
        "created_at": TIME,
        "changes": {
            "type": "object",
            "description": "{field: [old, new]} with JSON values (dates as ISO strings).",
            "additionalProperties": {"type": "array"},
        },
        "note": nullable(STR),
    }
)

EXTENSION = obj(
    {
        "id": INT,
        "task_id": INT,
        "status": {"type": "string", "enum": list(EXTENSION_STATES)},
        "requested_by": nullable(ref("UserRef")),
        "requested_at": TIME,
        "previous_due_date": nullable(DAY),
        "requested_due_date": DAY,
        "reason": STR,
        "decided_by": nullable(ref("UserRef")),
        "decided_at": nullable(TIME),
        "decision_note": nullable(STR),
    }
)

PERMISSIONS = obj(
    {
        name: BOOL
        for name in (
            "edit",
            "update_progress",
            "move_due_date",
            "confirm",
            "request_extension",
            "decide_extension",
        )
    },
    description="What the caller may do with the task.",
)

TASK_DETAIL = {
    "allOf": [
        ref("Task"),
        obj(
            {
                "history": {"type": "array", "items": ref("TaskUpdate")},
                "extensions": {"type": "array", "items": ref("Extension")},
                "permissions": ref("TaskPermissions"),
            }
        ),
    ]
}


def page_of(item: dict, **more) -> dict:
    return obj(
        {
            "items": {"type": "array", "items": item},
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": 200},
            "pages": {"type": "integer", "minimum": 1},
            **more,
        }
    )


UNIT_NODE = obj(
    {
        "id": INT,
        "code": STR,
        "name": STR,
        "short_name": nullable(STR),
        "kind": {"type": "string", "enum": list(UNIT_KINDS)},
        "kind_label": STR,
        "parent_id": nullable(INT),
        "depth": {"type": "integer", "minimum": 0},
        "active": BOOL,
        "sees_tasks": BOOL,
        "can_assign": BOOL,
        "children": {"type": "array", "items": ref("UnitNode")},
    },
    required=["id", "code", "name", "short_name", "kind", "parent_id", "depth", "sees_tasks"],
    description="A unit; `children` is absent from the flat list.",
)

SECTION_NODE = obj(
    {
        "id": INT,
        "code": STR,
        "title": STR,
        "parent_id": nullable(INT),
        "depth": {"type": "integer", "minimum": 0},
        "active": BOOL,
        "children": {"type": "array", "items": ref("SectionNode")},
    },
    required=["id", "code", "title", "parent_id", "depth"],
)

ERROR = obj(
    {
        "error": obj(
            {
                "code": STR,
                "message": STR,
                "fields": {
                    "type": "object",
                    "description": "The fields (or query arguments) at fault, with why.",
                    "additionalProperties": STR,
                },
            },
            required=["code", "message"],
        ),
        "current": ref("Task"),
    },
    required=["error"],
    description="An error; a 409 on a task also carries the task as it is now (`current`).",
)

TOKEN = obj(
    {
        "id": INT,
        "name": STR,
        "created_at": TIME,
        "expires_at": TIME,
        "last_used_at": nullable(TIME),
        "current": {"type": "boolean", "description": "Whether this request used it."},
    }
)

NEW_TOKEN = obj({"token": STR, "expires_at": TIME, "id": INT, "name": STR})

ME = obj(
    {
        "id": INT,
        "username": STR,
        "full_name": STR,
        "email": nullable(STR),
        "job_title": nullable(STR),
        "roles": {
            "type": "array",
            "items": obj(
                {
                    "role": {"type": "string", "enum": list(ROLES)},
                    "label": STR,
                    "unit": ref("UnitRef"),
                }
            ),
        },
    }
)

SCHEMAS = {
    "Error": ERROR,
    "UnitRef": UNIT_REF,
    "SectionRef": SECTION_REF,
    "DocumentRef": DOCUMENT_REF,
    "UserRef": USER_REF,
    "Task": TASK,
    "TaskDetail": TASK_DETAIL,
    "TaskUpdate": TASK_UPDATE,
    "TaskPermissions": PERMISSIONS,
    "Extension": EXTENSION,
    "TaskPage": page_of(ref("Task"), as_of=DAY),
    "UnitNode": UNIT_NODE,
    "SectionNode": SECTION_NODE,
    "DocumentPage": page_of(ref("Document")),
    "Token": TOKEN,
    "NewToken": NEW_TOKEN,
    "Me": ME,
}
