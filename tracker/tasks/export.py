"""The task list as filtered on its page, every page of it: to Excel, and to print by unit.

Rows for Excel are read in batches (yield_per) as plain columns, not ORM objects, and handed
to the writer as they come: memory stays flat whatever the list's length.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func
from sqlalchemy.orm import aliased

from tracker.common.pagination import count_of
from tracker.domain.timeliness import LABELS_VI, STATUS_LABELS_VI, classify
from tracker.exports.task_list_xlsx import ListHeading, ListRow, write_task_list
from tracker.extensions import db
from tracker.models import Task, Unit, User
from tracker.permissions import Principal
from tracker.tasks.queries import TaskFilter, task_list

BATCH = 2_000


def list_rows(principal: Principal, f: TaskFilter) -> Iterator[ListRow]:
    """Every task of the filtered list, in the list's order."""
    lead, person = aliased(Unit), aliased(User)
    stmt = (
        task_list(principal, f)
        .with_only_columns(
            Task.title,
            func.coalesce(lead.short_name, lead.name),
            person.full_name,
            Task.due_date,
            Task.status,
            Task.progress,
            Task.completed_on,
            Task.result,
        )
        .join(lead, lead.id == Task.lead_unit_id)
        .outerjoin(person, person.id == Task.assignee_id)
        .execution_options(yield_per=BATCH)
    )
    for title, unit, assignee, due, status, progress, done, result in db.session.execute(stmt):
        kind = classify(status, due, done, f.as_of, f.due_soon_days)
        yield ListRow(
            title=title,
            lead_unit=unit,
            assignee=assignee or "Chưa phân công",
            due_date=due,
            status=STATUS_LABELS_VI.get(status, status),
            timeliness=LABELS_VI.get(kind, kind),
            progress=progress or 0,
            completed_on=done,
            result=result or "",
        )


def task_list_workbook(
    principal: Principal, f: TaskFilter, filters: list[str], organisation: str, made_at: str
) -> bytes:
    """The workbook of the filtered list, its filters written on its first rows."""
    total = count_of(task_list(principal, f))
    heading = ListHeading(organisation, filters, f.as_of, total, made_at)
    return write_task_list(list_rows(principal, f), heading)


def tasks_by_lead_unit(principal: Principal, f: TaskFilter) -> dict[str, list[Task]]:
    """The filtered list's tasks grouped under their lead unit's name, units in their order."""
    by_unit: dict[str, list[Task]] = {}
    tasks = db.session.scalars(task_list(principal, f))
    for task in sorted(tasks, key=lambda t: (t.lead_unit.sort_order, t.lead_unit.name)):
        by_unit.setdefault(task.lead_unit.name, []).append(task)
    return by_unit
