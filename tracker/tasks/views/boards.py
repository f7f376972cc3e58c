"""Boards: a set of tasks grouped by what needs doing first (quá hạn, sắp đến hạn ...).

Used by "Việc của đơn vị" and "Việc của tôi". The grouping happens here, not in templates;
the tasks come from the shared query layer, so a board and the list it links to agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload

from tracker.common.pagination import page_items
from tracker.domain.timeliness import OPEN, Status, Timeliness, classify
from tracker.extensions import db
from tracker.models import Extension, Task
from tracker.permissions import LEADERS, Principal
from tracker.tasks.queries import TaskFilter, task_list, visibility_clause

ACTIVE_STATUSES = [s.value for s in OPEN] + [Status.SUBMITTED.value]
RECENT_DAYS = 30
BOARD_LIMIT = 300


@dataclass
class Group:
    key: str
    title: str
    icon: str
    tone: str
    empty: str
    tasks: list = field(default_factory=list)
    more_url: str | None = None


GROUPS = (
    ("overdue", "Quá hạn", "exclamation-octagon", "danger", "Không có nhiệm vụ quá hạn."),
    ("due_soon", "Sắp đến hạn", "hourglass-split", "warning", "Không có nhiệm vụ sắp đến hạn."),
    ("in_progress", "Đang thực hiện", "play-circle", "primary", "Không có nhiệm vụ đang làm."),
    ("submitted", "Chờ xác nhận", "send-check", "info", "Không có nhiệm vụ chờ xác nhận."),
    (
        "recent_done",
        "Đã xong gần đây",
        "check2-circle",
        "success",
        "Chưa có nhiệm vụ xong gần đây.",
    ),
)
# The list that shows a whole group, as arguments of tasks.index.
GROUP_ARGS = {
    "overdue": {"timeliness": "overdue"},
    "due_soon": {"timeliness": "due_soon"},
    "in_progress": {"timeliness": "on_track,no_deadline"},
    "submitted": {"status": "submitted", "sort": "updated"},
    "recent_done": {"status": "done", "sort": "updated"},
}


def group_key(task: Task, as_of: date, due_soon_days: int) -> str:
    """Which group of a board a task belongs to."""
    if task.status == Status.SUBMITTED:
        return "submitted"
    if task.status == Status.DONE:
        return "recent_done"
    kind = classify(task.status, task.due_date, task.completed_on, as_of, due_soon_days)
    if kind is Timeliness.OVERDUE:
        return "overdue"
    if kind is Timeliness.DUE_SOON:
        return "due_soon"
    return "in_progress"


def group_tasks(tasks, as_of: date, due_soon_days: int, list_args: dict | None = None):
    """The board's groups in order; `list_args` (e.g. the unit) makes "see all" links."""
    groups = {key: Group(key, *rest) for key, *rest in GROUPS}
    for task in tasks:
        groups[group_key(task, as_of, due_soon_days)].tasks.append(task)
    if list_args is not None:
        for key, group in groups.items():
            group.more_url = url_for("tasks.index", **list_args, **GROUP_ARGS[key])
    return list(groups.values())


def board_tasks(principal: Principal, base: TaskFilter, mine=None) -> tuple[list, bool]:
    """Open and submitted tasks, then those done in the last 30 days; and whether cut short.

    `mine` is an extra WHERE clause ("assigned to me or led by my unit").
    """
    active_stmt = task_list(principal, replace(base, statuses=ACTIVE_STATUSES, sort="due"))
    since = base.as_of - timedelta(days=RECENT_DAYS)
    done_stmt = task_list(principal, replace(base, statuses=[Status.DONE.value], sort="updated"))
    done_stmt = done_stmt.where(Task.completed_on >= since)
    if mine is not None:
        active_stmt, done_stmt = active_stmt.where(mine), done_stmt.where(mine)
    # Keys first (kept per data version), then the rows: the joined rows of 300 tasks,
    # sorted, cost SQLite a tenth of a second where their keys cost a few milliseconds.
    active = page_items(active_stmt, BOARD_LIMIT + 1, 0)
    done = page_items(done_stmt, 20, 0)
    truncated = len(active) > BOARD_LIMIT
    return active[:BOARD_LIMIT] + done, truncated


def awaiting_confirmation(principal: Principal, limit: int = 50) -> list[Task]:
    """Submitted tasks the (director) principal may confirm, oldest submission first."""
    units = principal.units_for(*LEADERS)
    if not units:
        return []
    f = TaskFilter(statuses=[Status.SUBMITTED.value], sort="updated")
    stmt = task_list(principal, f).where(Task.lead_unit_id.in_(sorted(units)))
    stmt = stmt.order_by(None).order_by(Task.completed_on, Task.id)
    return list(db.session.scalars(stmt.limit(limit)))


def extensions_to_decide(principal: Principal, limit: int = 50) -> list[Extension]:
    """Pending extension requests the (director) principal may decide, oldest first."""
    units = principal.units_for(*LEADERS)
    if not units:
        return []
    # The task comes from the join itself (contains_eager): a second, eager join of every
    # task made SQLite read the whole task table to find a handful of requests.
    stmt = (
        select(Extension)
        .join(Extension.task)
        .where(
            Extension.status == "pending",
            visibility_clause(principal),
            Task.lead_unit_id.in_(sorted(units)),
        )
        .options(contains_eager(Extension.task), joinedload(Extension.requested_by))
        .order_by(Extension.requested_at, Extension.id)
        .limit(limit)
    )
    return list(db.session.scalars(stmt).unique())


def supported_only(tasks, led_units: frozenset[int] | set[int]) -> set[int]:
    """The tasks on a board only because the viewer's units support them (phối hợp)."""
    return {t.id for t in tasks if t.lead_unit_id not in led_units}
