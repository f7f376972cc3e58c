"""What a list row shows beyond the task itself, fetched for a whole page in one query each.

Lists must cost the same number of queries for 5 tasks or 500: permission checks need the
support units, the "last update" column the newest history entry, the marker a pending
extension. Each helper runs one query for all the tasks of a page.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from tracker.extensions import db
from tracker.models import Extension, TaskUpdate, task_support_unit


def prefetch_support(tasks) -> None:
    """Load the support units' ids of all tasks at once (used by permission checks)."""
    ids = [t.id for t in tasks]
    found: dict[int, set[int]] = defaultdict(set)
    if ids:
        rows = db.session.execute(
            select(task_support_unit.c.task_id, task_support_unit.c.unit_id).where(
                task_support_unit.c.task_id.in_(ids)
            )
        )
        for task_id, unit_id in rows:
            found[task_id].add(unit_id)
    for task in tasks:
        task._support_ids = frozenset(found.get(task.id, ()))


def latest_updates(tasks) -> dict[int, TaskUpdate]:
    """The newest history entry of each task (with its author)."""
    ids = [t.id for t in tasks]
    if not ids:
        return {}
    newest = (
        select(func.max(TaskUpdate.id))
        .where(TaskUpdate.task_id.in_(ids))
        .group_by(TaskUpdate.task_id)
        .scalar_subquery()
    )
    entries = db.session.scalars(select(TaskUpdate).where(TaskUpdate.id.in_(newest))).unique()
    return {entry.task_id: entry for entry in entries}


def pending_extensions(tasks) -> dict[int, Extension]:
    """The pending extension request of each task that has one."""
    ids = [t.id for t in tasks]
    if not ids:
        return {}
    stmt = select(Extension).where(Extension.task_id.in_(ids), Extension.status == "pending")
    return {ext.task_id: ext for ext in db.session.scalars(stmt)}


def row_context(tasks) -> dict:
    """Everything a task table needs besides the tasks: three queries, whatever the count."""
    tasks = list(tasks)
    prefetch_support(tasks)
    return {"latest": latest_updates(tasks), "pending": pending_extensions(tasks)}
