"""Tasks through the API: the filtered list (the same query as the pages), create, read, update.

The director's side (confirm, return, extensions) is in api_actions.py.
"""

from __future__ import annotations

from flask import current_app, jsonify, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.api.blueprint import bp
from tracker.api.common import check_id, expected_version, json_body, text_arg
from tracker.api.errors import error_response
from tracker.api.schemas import Extended
from tracker.api.spec import WRITE_ERRORS, operation
from tracker.common import clock
from tracker.common.access import current_principal, task_ref, visible_task
from tracker.common.answer_cache import remembered
from tracker.common.exceptions import Conflict
from tracker.common.pagination import paginate
from tracker.extensions import db
from tracker.models import Extension, Task, TaskUpdate
from tracker.org.settings import due_soon_days
from tracker.permissions import Action, can
from tracker.tasks.filters import TaskListArgs, page_args, page_schema, task_filter_from_args
from tracker.tasks.operations import create_task, update_task
from tracker.tasks.queries import task_list
from tracker.tasks.schemas import (
    PERMISSION_NAMES,
    TaskDetailSchema,
    TaskPageSchema,
    TaskPatch,
    TaskSchema,
    TaskWrite,
    dumped,
)
from tracker.web.requests import rolled_back

# What a list loads with its tasks, so that serializing a page costs no query per task.
LIST_OPTIONS = (selectinload(Task.support_units), selectinload(Task.documents))
PERMISSION_ACTIONS = dict(
    zip(
        PERMISSION_NAMES,
        (
            Action.EDIT_TASK,
            Action.UPDATE_PROGRESS,
            Action.MOVE_DUE_DATE,
            Action.CONFIRM_TASK,
            Action.REQUEST_EXTENSION,
            Action.DECIDE_EXTENSION,
        ),
        strict=True,
    )
)


def with_etag(response, task: Task):
    """Give a task's response its version as an ETag (for If-Match on the next write)."""
    response.headers["ETag"] = f'"{task.version}"'
    return response


def task_detail(task: Task) -> dict:
    """A task with its history, its extension requests and what the caller may do."""
    history = db.session.scalars(
        select(TaskUpdate)
        .where(TaskUpdate.task_id == task.id)
        .order_by(TaskUpdate.created_at, TaskUpdate.id)
    ).all()
    extensions = db.session.scalars(
        select(Extension)
        .where(Extension.task_id == task.id)
        .order_by(Extension.requested_at, Extension.id)
    ).all()
    ref, principal = task_ref(task), current_principal()
    permissions = {name: can(principal, a, ref) for name, a in PERMISSION_ACTIONS.items()}
    detail = Extended(task, history=history, extensions=extensions, permissions=permissions)
    return dumped(TaskDetailSchema(), detail, clock.today(), due_soon_days())


@bp.get("/tasks")
@operation(
    summary="The tasks the caller may see, filtered as the task pages are",
    tag="tasks",
    response=TaskPageSchema,
    errors=("401", "422"),
    query=TaskListArgs,
    extra_query=page_schema(),
)
def list_tasks():
    """The tasks the caller may see, filtered and paginated as the task pages are."""
    window, today = due_soon_days(), clock.today()
    f = task_filter_from_args(request.args, today, window)
    page, per_page = page_args(request.args)

    def answer() -> bytes:
        stmt = task_list(current_principal(), f).options(*LIST_OPTIONS)
        result = paginate(stmt, page, per_page)
        body = dumped(TaskPageSchema(), result.envelope(as_of=f.as_of), f.as_of, window)
        return jsonify(body).get_data()

    # The same question from the same person on the same data has the same answer: kept
    # under the data's version, it is served again until anything is written.
    key = ("api.tasks", current_user.id, request.query_string, today, window)
    return current_app.response_class(remembered(key, answer), mimetype="application/json")


@bp.post("/tasks")
@operation(
    summary="Assign a new task (director, admin; a head within their unit)",
    tag="tasks",
    status="201",
    response=TaskDetailSchema,
    errors=WRITE_ERRORS,
    body=TaskWrite,
    etag=True,
    headers={"Location": {"description": "The task's URL.", "schema": {"type": "string"}}},
    example={
        "title": "Rà soát hạ tầng trạm BTS",
        "section": "I.3",
        "lead_unit": "BCVT",
        "documents": ["Quyết định 135/QĐ-TTg"],
        "due_date": "2030-12-31",
    },
)
def create_task_view():
    """Assign a new task (director, admin; a head within their unit)."""
    task = create_task(current_user, current_principal(), json_body(), today=clock.today())
    response = jsonify(task_detail(task))
    response.headers["Location"] = url_for("api.get_task", task_id=task.id)
    return with_etag(response, task), 201


@bp.get("/tasks/<int:task_id>")
@operation(
    summary="One task, with its history",
    tag="tasks",
    response=TaskDetailSchema,
    errors=("401", "404"),
    etag=True,
)
def get_task(task_id: int):
    """One task with its history; 404 when the caller may not see it."""
    task = visible_task(check_id(task_id))
    return with_etag(jsonify(task_detail(task)), task)


@bp.patch("/tasks/<int:task_id>")
@operation(
    summary="Update a task within the caller's permissions",
    tag="tasks",
    response=TaskDetailSchema,
    errors=(*WRITE_ERRORS, "404", "409"),
    body=TaskPatch,
    etag=True,
    example={"progress": 60, "note": "Đã khảo sát 3 xã", "version": 3},
    description=(
        "Only a director or admin moves `due_date` (others request an extension);"
        " `completed_on` is never in the future; a unit's `done` becomes"
        " `submitted` until a director confirms it."
    ),
)
def patch_task(task_id: int):
    """Change a task's writable fields; the body's `version` or If-Match guards it."""
    task = visible_task(check_id(task_id))
    body = json_body()
    version = expected_version(body, task.version)
    note = text_arg(body, "note")
    update_task(
        current_user, current_principal(), task, body, version, note=note, today=clock.today()
    )
    return with_etag(jsonify(task_detail(task)), task)


@bp.errorhandler(Conflict)
@rolled_back
def conflict(error: Conflict):
    """A stale version: nothing changed, and the client gets the task as it is now."""
    current = error.current
    if isinstance(current, Task):
        current = db.session.get(Task, current.id)
    response, status = error_response(409, "conflict", error.message, error.fields or None)
    if isinstance(current, Task):
        body = response.get_json() | {
            "current": dumped(TaskSchema(), current, clock.today(), due_soon_days())
        }
        response = jsonify(body)
        response.headers["ETag"] = f'"{current.version}"'
    return response, status
