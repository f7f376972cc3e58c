"""Tasks: the filtered list (the same query as the pages), create, read and update."""

from __future__ import annotations

from flask import current_app, jsonify, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.api.blueprint import bp
from tracker.api.common import check_id, due_soon_window, expected_version, json_body, today
from tracker.api.serializers import (
    extension_json,
    page_json,
    task_json,
    task_permissions,
    update_json,
)
from tracker.common.access import current_principal, visible_task
from tracker.common.answer_cache import remembered
from tracker.common.exceptions import ValidationFailed
from tracker.extensions import db
from tracker.models import Extension, Task, TaskUpdate
from tracker.tasks.filters import page_args, task_filter_from_args
from tracker.tasks.operations import create_task, update_task
from tracker.tasks.queries import paginate, task_list

# What a list loads with its tasks, so that serializing a page costs no query per task.
LIST_OPTIONS = (selectinload(Task.support_units), selectinload(Task.documents))


def with_etag(response, task: Task):
    """Give a task's response its version as an ETag (for If-Match on the next write)."""
    response.headers["ETag"] = f'"{task.version}"'
    return response


def text_arg(body: dict, name: str, limit: int = 20_000) -> str | None:
    """An optional text member of the body, refused (422) when it is not a string."""
    value = body.pop(name, None)
    if value is not None and not isinstance(value, str):
        raise ValidationFailed(f"“{name}” phải là chuỗi.", field=name)
    if value is not None and len(value) > limit:
        raise ValidationFailed(f"“{name}” dài quá {limit} ký tự.", field=name)
    return value


def task_detail(task: Task) -> dict:
    """A task with its history, its extension requests and what the caller may do."""
    window = due_soon_window()
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
    data = task_json(task, today(), window)
    data["history"] = [update_json(u) for u in history]
    data["extensions"] = [extension_json(e) for e in extensions]
    data["permissions"] = task_permissions(current_principal(), task)
    return data


@bp.get("/tasks")
def list_tasks():
    """The tasks the caller may see, filtered and paginated as the task pages are."""
    window = due_soon_window()
    f = task_filter_from_args(request.args, today(), window)
    page, per_page = page_args(request.args)

    def answer() -> bytes:
        stmt = task_list(current_principal(), f).options(*LIST_OPTIONS)
        result = paginate(stmt, page, per_page)
        items = [task_json(t, f.as_of, window) for t in result.items]
        return jsonify(page_json(result, items) | {"as_of": f.as_of.isoformat()}).get_data()

    # The same question from the same person on the same data has the same answer: kept
    # under the data's version, it is served again until anything is written.
    key = ("api.tasks", current_user.id, request.query_string, today(), window)
    return current_app.response_class(remembered(key, answer), mimetype="application/json")


@bp.post("/tasks")
def create_task_view():
    """Assign a new task (director, admin; a head within their unit)."""
    body = json_body()
    task = create_task(current_user, current_principal(), body, today=today())
    response = jsonify(task_detail(task))
    response.headers["Location"] = url_for("api.get_task", task_id=task.id)
    return with_etag(response, task), 201


@bp.get("/tasks/<int:task_id>")
def get_task(task_id: int):
    """One task with its history; 404 when the caller may not see it."""
    task = visible_task(check_id(task_id))
    return with_etag(jsonify(task_detail(task)), task)


@bp.patch("/tasks/<int:task_id>")
def patch_task(task_id: int):
    """Change a task's writable fields; the body's `version` or If-Match guards it."""
    task = visible_task(check_id(task_id))
    body = json_body()
    version = expected_version(body, task.version)
    note = text_arg(body, "note")
    update_task(current_user, current_principal(), task, body, version, note=note, today=today())
    return with_etag(jsonify(task_detail(task)), task)
