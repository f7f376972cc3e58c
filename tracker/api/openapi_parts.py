"""Building blocks of the OpenAPI operations: responses, parameters and request bodies."""

from __future__ import annotations

from tracker.api.openapi_schemas import (
    BOOL,
    DAY,
    ID,
    NAMED,
    PERIOD_PATTERN,
    STATUSES,
    STR,
    TIMELINESS,
    nullable,
    obj,
    ref,
)
from tracker.tasks.filters import MAX_PAGE
from tracker.tasks.queries import SORTS

ERROR_MEANINGS = {
    "400": "Bad request: malformed JSON or a bad query argument.",
    "401": "Not signed in, or the token is invalid, expired or revoked.",
    "403": "Not allowed (or, for a session write, no valid X-CSRFToken header).",
    "404": "Not found, or not visible to the caller.",
    "409": "The version is stale: nothing changed; `current` holds the task as it is now.",
    "413": "The body is too large.",
    "415": "The body is not JSON (Content-Type: application/json).",
    "422": "A field is invalid; `error.fields` names it.",
    "429": "Too many attempts; wait a few minutes.",
}
JSON = "application/json"
ETAG = {"ETag": {"description": "The task's version, quoted.", "schema": STR}}
WRITE_ERRORS = ("400", "401", "403", "413", "415", "422")


def json_response(schema: dict, description: str = "OK", headers: dict | None = None) -> dict:
    response = {"description": description, "content": {JSON: {"schema": schema}}}
    if headers:
        response["headers"] = headers
    return response


def op(summary: str, tag: str, ok: dict, *errors: str, **extra) -> dict:
    """An operation: its success responses, the errors it may answer, and the rest."""
    responses = dict(ok)
    for status in errors:
        responses[status] = json_response(ref("Error"), ERROR_MEANINGS[status])
    responses["default"] = json_response(ref("Error"), "Any other error, in the same shape.")
    operation = {"summary": summary, "tags": [tag], "responses": responses}
    if extra.pop("public", False):
        operation["security"] = []
    if body := extra.pop("body", None):
        media = {"schema": body}
        if example := extra.pop("example", None):
            media["example"] = example
        operation["requestBody"] = {"required": True, "content": {JSON: media}}
    operation.update(extra)
    return operation


def query(name: str, schema: dict, description: str, **extra) -> dict:
    return {"name": name, "in": "query", "schema": schema, "description": description, **extra}


def path_id(name: str, what: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": ID, "description": what}


def body(properties: dict, required: list[str] | None = None) -> dict:
    return obj(properties, required or [], additionalProperties=False)


PAGING = [
    query(
        "page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        "Page number, from 1.",
    ),
    query(
        "per_page",
        {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
        "Items per page (at most 200).",
    ),
]
TREE_ARGS = [
    query("flat", BOOL, "A flat list, parents first, instead of a nested tree."),
    query("include_inactive", BOOL, "Include units or sections no longer in use."),
]
TASK_FILTERS = [
    query("unit", STR, "Lead unit by id or code; its subtree too unless subtree=0."),
    query("subtree", BOOL, "Include the unit's subtree (default true)."),
    query("support", BOOL, "Also tasks the unit supports (phối hợp)."),
    query("section", STR, "Section (lĩnh vực) by id or code."),
    query("period", {"type": "string", "pattern": PERIOD_PATTERN}, "Period, e.g. 2020-9M."),
    query(
        "status",
        {"type": "array", "items": {"type": "string", "enum": STATUSES}},
        "Statuses (repeat the argument, or separate with commas).",
        style="form",
        explode=True,
    ),
    query(
        "timeliness",
        {"type": "array", "items": {"type": "string", "enum": TIMELINESS}},
        "Timeliness categories as of `as_of` (repeat, or separate with commas).",
        style="form",
        explode=True,
    ),
    query("assignee", STR, "Assignee by id or username."),
    query("document", STR, "Document by id or symbol (e.g. 135/QĐ-TTg)."),
    query("q", STR, "Search in title, description, result and documents; ignores accents."),
    query("due_before", DAY, "Due on or before this day."),
    query("due_after", DAY, "Due on or after this day."),
    query("sort", {"type": "string", "enum": sorted(SORTS)}, "Order (default: due date)."),
    query("top", BOOL, "Only top-level tasks (no subtasks)."),
    query("as_of", DAY, "The day timeliness is judged on (default today)."),
]
TASK_FIELDS = {
    "title": {"type": "string", "minLength": 1, "maxLength": 500},
    "description": nullable({"type": "string", "maxLength": 20000}),
    "section": NAMED,
    "lead_unit": NAMED,
    "support_units": {"type": "array", "items": NAMED},
    "assignee": nullable(NAMED),
    "documents": {
        "type": "array",
        "items": NAMED,
        "description": "Ids, symbols, or references such as “Quyết định 135/QĐ-TTg”.",
    },
    "planned_period": nullable({"type": "string", "pattern": PERIOD_PATTERN}),
    "start_date": nullable(DAY),
    "due_date": nullable(DAY),
    "priority": {"type": "integer", "minimum": 1, "maximum": 4},
    "parent": nullable(ID),
}
VERSION = {"type": "integer", "minimum": 1, "description": "The version read (or If-Match)."}
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "schema": STR,
    "description": "The version read, as the ETag gave it (used when the body has none).",
}
TASK_PATCH = body(
    TASK_FIELDS
    | {
        "status": {"type": "string", "enum": STATUSES},
        "progress": {"type": "integer", "minimum": 0, "maximum": 100},
        "result": nullable({"type": "string", "maxLength": 20000}),
        "completed_on": nullable(DAY),
        "version": VERSION,
        "note": {"type": "string", "maxLength": 20000},
    }
)
TASK_ID = path_id("task_id", "The task's id.")
PERIOD = {
    "name": "period",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": PERIOD_PATTERN},
    "description": "2020, 2020-H1, 2020-Q3, 2020-9M or 2020-07.",
}


def download(kind: str, mimetype: str) -> dict:
    return op(
        f"The report of a period as {kind}",
        "reports",
        {
            "200": {
                "description": f"The {kind} file (attachment bao-cao-P.*).",
                "content": {mimetype: {"schema": {"type": "string", "format": "binary"}}},
            }
        },
        "400",
        "401",
        parameters=[PERIOD],
    )
