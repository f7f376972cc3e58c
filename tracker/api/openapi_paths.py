"""The operations of the OpenAPI description: every path, with what it takes and answers."""

from __future__ import annotations

from tracker.api.openapi_parts import (
    ETAG,
    IF_MATCH,
    JSON,
    PAGING,
    PERIOD,
    TASK_FIELDS,
    TASK_FILTERS,
    TASK_ID,
    TASK_PATCH,
    TREE_ARGS,
    VERSION,
    WRITE_ERRORS,
    body,
    download,
    json_response,
    op,
    path_id,
    query,
)
from tracker.api.openapi_schemas import BOOL, DAY, STR, obj, ref
from tracker.documents.queries import DOCUMENT_SORTS
from tracker.reports.export import MIMETYPES


def paths() -> dict:
    detail = json_response(ref("TaskDetail"), "The task with its history.", ETAG)
    return {
        "/openapi.json": {
            "get": op(
                "This description", "meta", {"200": json_response({"type": "object"})}, public=True
            )
        },
        "/auth/token": {
            "post": op(
                "Exchange a username and password for a bearer token",
                "auth",
                {"201": json_response(ref("NewToken"), "The token (shown only once).")},
                "400",
                "401",
                "415",
                "422",
                "429",
                public=True,
                body=body(
                    {"username": STR, "password": STR, "name": STR}, ["username", "password"]
                ),
            ),
            "delete": op(
                "Revoke the token of this request",
                "auth",
                {"204": {"description": "Revoked."}},
                "400",
                "401",
            ),
        },
        "/auth/tokens": {
            "get": op(
                "The caller's valid tokens (never the secrets)",
                "auth",
                {"200": json_response(obj({"items": {"type": "array", "items": ref("Token")}}))},
                "401",
            )
        },
        "/auth/tokens/{token_id}": {
            "delete": op(
                "Revoke one of the caller's tokens",
                "auth",
                {"204": {"description": "Revoked."}},
                "401",
                "403",
                "404",
                parameters=[path_id("token_id", "The token's id.")],
            )
        },
        "/auth/csrf": {
            "get": op(
                "A CSRF token for session writes (send it as X-CSRFToken)",
                "auth",
                {"200": json_response(obj({"csrf_token": STR}))},
                "401",
            )
        },
        "/me": {
            "get": op(
                "The caller and their roles", "auth", {"200": json_response(ref("Me"))}, "401"
            )
        },
        "/units": {
            "get": op(
                "The unit tree (nested; flat=1 for a list)",
                "reference",
                {"200": json_response(obj({"items": {"type": "array", "items": ref("UnitNode")}}))},
                "401",
                parameters=TREE_ARGS,
            )
        },
        "/sections": {
            "get": op(
                "The report's sections (lĩnh vực) as a tree",
                "reference",
                {
                    "200": json_response(
                        obj({"items": {"type": "array", "items": ref("SectionNode")}})
                    )
                },
                "401",
                parameters=TREE_ARGS,
            )
        },
        "/tasks": {
            "get": op(
                "The tasks the caller may see, filtered as the task pages are",
                "tasks",
                {"200": json_response(ref("TaskPage"))},
                "401",
                "422",
                parameters=TASK_FILTERS + PAGING,
            ),
            "post": op(
                "Assign a new task (director, admin; a head within their unit)",
                "tasks",
                {
                    "201": json_response(
                        ref("TaskDetail"),
                        "Created.",
                        ETAG | {"Location": {"description": "The task's URL.", "schema": STR}},
                    )
                },
                *WRITE_ERRORS,
                body=body(TASK_FIELDS, ["title", "section", "lead_unit"]),
                example={
                    "title": "Rà soát hạ tầng trạm BTS",
                    "section": "I.3",
                    "lead_unit": "BCVT",
                    "documents": ["Quyết định 135/QĐ-TTg"],
                    "due_date": "2030-12-31",
                },
            ),
        },
        "/tasks/{task_id}": {
            "parameters": [TASK_ID],
            "get": op("One task, with its history", "tasks", {"200": detail}, "401", "404"),
            "patch": op(
                "Update a task within the caller's permissions",
                "tasks",
                {"200": detail},
                *WRITE_ERRORS,
                "404",
                "409",
                parameters=[IF_MATCH],
                body=TASK_PATCH,
                example={"progress": 60, "note": "Đã khảo sát 3 xã", "version": 3},
                description=(
                    "Only a director or admin moves `due_date` (others request an extension);"
                    " `completed_on` is never in the future; a unit's `done` becomes"
                    " `submitted` until a director confirms it."
                ),
            ),
        },
        "/tasks/{task_id}/confirm": {
            "parameters": [TASK_ID],
            "post": op(
                "Confirm a submitted task (director, admin)",
                "workflow",
                {"200": detail},
                *WRITE_ERRORS,
                "404",
                "409",
                parameters=[IF_MATCH],
                requestBody={
                    "required": False,
                    "content": {JSON: {"schema": body({"version": VERSION})}},
                },
            ),
        },
        "/tasks/{task_id}/return": {
            "parameters": [TASK_ID],
            "post": op(
                "Return a submitted task to its unit, with a reason (director, admin)",
                "workflow",
                {"200": detail},
                *WRITE_ERRORS,
                "404",
                "409",
                parameters=[IF_MATCH],
                body=body({"reason": STR, "version": VERSION}, ["reason"]),
            ),
        },
        "/tasks/{task_id}/extensions": {
            "parameters": [TASK_ID],
            "post": op(
                "Request a new deadline, with a reason (the unit's head or the assignee)",
                "workflow",
                {
                    "201": json_response(
                        ref("Extension"), "Requested; awaits a director's decision."
                    )
                },
                *WRITE_ERRORS,
                "404",
                body=body({"due_date": DAY, "reason": STR}, ["due_date", "reason"]),
            ),
        },
        "/extensions/{extension_id}/decision": {
            "parameters": [path_id("extension_id", "The extension request's id.")],
            "post": op(
                "Approve or decline an extension request (director, admin)",
                "workflow",
                {
                    "200": json_response(
                        {"allOf": [ref("Extension"), obj({"task": ref("TaskDetail")})]},
                        "Decided; `task` shows the (possibly moved) deadline.",
                        ETAG,
                    )
                },
                *WRITE_ERRORS,
                "404",
                "409",
                body=body({"approve": BOOL, "note": STR}, ["approve"]),
            ),
        },
        "/documents": {
            "get": op(
                "Legal documents with the progress of the tasks implementing them",
                "documents",
                {"200": json_response(ref("DocumentPage"))},
                "401",
                "422",
                parameters=[
                    query("type", STR, "Document type in full, e.g. “Quyết định”."),
                    query("issuer", STR, "Issuer code, e.g. TTg, UBND."),
                    query("year", {"type": "integer", "minimum": 1900, "maximum": 2100}, "Year."),
                    query("q", STR, "Search in type, symbol, title, issuer; ignores accents."),
                    query("needs_title", BOOL, "Only documents still without a title."),
                    query("directives", BOOL, "Only directive types (Chỉ thị, Quyết định ...)."),
                    query("sort", {"type": "string", "enum": sorted(DOCUMENT_SORTS)}, "Order."),
                    *PAGING,
                ],
            )
        },
        "/documents/{document_id}": {
            "get": op(
                "One document, its visible tasks and the documents cited with it",
                "documents",
                {"200": json_response(ref("DocumentDetail"))},
                "401",
                "404",
                parameters=[path_id("document_id", "The document's id.")],
            )
        },
        "/reports/{period}": {
            "get": op(
                "The report of a period: achievements, unfinished, plan, units",
                "reports",
                {"200": json_response(ref("Report"))},
                "400",
                "401",
                parameters=[PERIOD],
            )
        },
        "/reports/{period}.xlsx": {"get": download("Excel", MIMETYPES["xlsx"])},
        "/reports/{period}.docx": {"get": download("Word", MIMETYPES["docx"])},
    }
