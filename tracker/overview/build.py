"""The director's overview ("Tổng quan"): a period's figures by timeliness and by unit.

Every figure is counted through tracker.queries with the same filters that the task list
accepts, and each comes with those filter arguments (`Scope.args`), so that following a
number to the list shows exactly the tasks it counts. The number of SQL statements does not
grow with the data: counts are grouped in SQL and rolled up the unit tree in Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from tracker.common.pagination import paginate
from tracker.domain.report import UnitStats
from tracker.domain.timeliness import STATUS_LABELS_VI, Status, Timeliness
from tracker.extensions import db
from tracker.models import Task, TaskUpdate, Unit
from tracker.overview.scope import (
    ALL_KINDS,
    COLUMNS,
    Scope,
    UnitTree,
    period_choices,
    resolve_scope,
    stats_of,
)
from tracker.permissions import Principal
from tracker.tasks.history import FIELD_LABELS
from tracker.tasks.queries import count_by_unit, task_list

__all__ = ["COLUMNS", "Overview", "build_overview", "describe_update", "period_choices"]

LIST_SIZE = 20
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class UnitRow:
    """A line of the unit table: a child unit's whole subtree, or the unit's own tasks."""

    unit: Unit
    own: bool
    current: UnitStats
    previous: UnitStats


@dataclass
class TaskBlock:
    """One of the attention lists: its first tasks, how many there are, and its list link."""

    tasks: list[Task]
    total: int
    args: dict[str, str]
    last_updates: dict[int, TaskUpdate] = field(default_factory=dict)


@dataclass
class Overview:
    """What the overview page shows: the figures, the attention lists, the unit table."""

    scope: Scope
    previous: Scope
    counts: dict[str, int]
    previous_counts: dict[str, int]
    totals: UnitStats
    previous_totals: UnitStats
    rows: list[UnitRow]
    overdue: TaskBlock
    due_soon: TaskBlock
    awaiting: TaskBlock
    due_soon_days: int
    unit_choices: list[tuple[Unit, int]]


def _rows(scope: Scope, tree: UnitTree, current, previous) -> list[UnitRow]:
    """The selected unit's children (each over its subtree), then the unit's own tasks."""
    if scope.unit is None:
        parts = [(unit, False) for unit in tree.tops]
    else:
        parts = [(unit, False) for unit in tree.children.get(scope.unit.id, [])]
        parts.append((scope.unit, True))
    rows = []
    for unit, own in parts:
        ids = {unit.id} if own else tree.subtree.get(unit.id, {unit.id})
        now = _sum(current.get(i) for i in ids)
        before = _sum(previous.get(i) for i in ids)
        row = UnitRow(unit, own, stats_of(unit.display_name, now), stats_of("", before))
        if (not own and unit.active) or sum(now.values()) or sum(before.values()):
            rows.append(row)
    return rows


def _sum(parts: Iterable[dict[str, int] | None]) -> dict[str, int]:
    total = dict.fromkeys(ALL_KINDS, 0)
    for part in parts:
        for kind, count in (part or {}).items():
            total[kind] = total.get(kind, 0) + count
    return total


def latest_updates(task_ids: Sequence[int], kind: str | None = None) -> dict[int, TaskUpdate]:
    """The most recent history entry (of one kind, if given) of each task, in one query."""
    if not task_ids:
        return {}
    where = [TaskUpdate.task_id.in_(sorted(set(task_ids)))]
    if kind:
        where.append(TaskUpdate.kind == kind)
    order = (TaskUpdate.created_at.desc(), TaskUpdate.id.desc())
    rank = func.row_number().over(partition_by=TaskUpdate.task_id, order_by=order)
    ranked = select(TaskUpdate.id, rank.label("rank")).where(*where).subquery()
    stmt = select(TaskUpdate).join(ranked, ranked.c.id == TaskUpdate.id).where(ranked.c.rank == 1)
    return {entry.task_id: entry for entry in db.session.scalars(stmt)}


def describe_update(entry: TaskUpdate | None) -> str:
    """A short line saying what a history entry changed: "Cập nhật: Tiến độ (%) 30 → 50"."""
    if entry is None:
        return ""
    parts = []
    for name, values in list((entry.changes or {}).items())[:2]:
        label = FIELD_LABELS.get(name, name)
        if name in ("description", "result", "title") or not isinstance(values, list):
            parts.append(label)
            continue
        old, new = (list(values) + [None, None])[:2]
        parts.append(f"{label} {_shown(name, old)} → {_shown(name, new)}")
    text = entry.kind_label + (": " + "; ".join(parts) if parts else "")
    if entry.note:
        text += f" – {_shorten(entry.note, 60)}"
    return text


def _shown(name: str, value) -> str:
    """A changed value as a person reads it: labels for states, dd/mm/yyyy for days."""
    if value in (None, "", []):
        return "—"
    if name == "status":
        return STATUS_LABELS_VI.get(value, str(value))
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = str(value)
    if ISO_DAY.match(text):
        text = f"{text[8:10]}/{text[5:7]}/{text[:4]}"
    return _shorten(text, 30)


def _shorten(text: str, limit: int) -> str:
    """The text cut to `limit` characters, at a word's end where one is near."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:.–-") + "…"


def build_overview(principal: Principal, period_code, unit_value, today: date, due_soon_days: int):
    """Everything the overview page shows, for the period and unit asked (or the defaults)."""
    scope, previous, tree = resolve_scope(principal, period_code, unit_value, today)
    current = count_by_unit(principal, scope.task_filter(due_soon_days))
    before = count_by_unit(principal, previous.task_filter(due_soon_days))
    counts, previous_counts = _sum(current.values()), _sum(before.values())

    overdue_filter = scope.task_filter(
        due_soon_days, timeliness=[Timeliness.OVERDUE.value], sort="overdue"
    )
    # Its total is the overdue column's, already counted: no second count over the period.
    overdue_total = counts.get(Timeliness.OVERDUE.value, 0)
    overdue = paginate(task_list(principal, overdue_filter), 1, LIST_SIZE, total=overdue_total)
    now = Scope(None, today, today, scope.unit)
    soon_filter = now.task_filter(due_soon_days, timeliness=[Timeliness.DUE_SOON.value])
    due_soon = paginate(task_list(principal, soon_filter), 1, LIST_SIZE)
    waiting_filter = now.task_filter(due_soon_days, statuses=[Status.SUBMITTED.value])
    oldest_first = task_list(principal, waiting_filter).order_by(None)
    oldest_first = oldest_first.order_by(Task.completed_on, Task.updated_at, Task.id)
    awaiting = paginate(oldest_first, 1, LIST_SIZE)

    updates = latest_updates([t.id for t in overdue.items + due_soon.items])
    submissions = latest_updates([t.id for t in awaiting.items], "submitted")
    waiting_args = now.args() | {"status": Status.SUBMITTED.value}
    return Overview(
        scope=scope,
        previous=previous,
        counts=counts,
        previous_counts=previous_counts,
        totals=stats_of("Tổng cộng", counts),
        previous_totals=stats_of("Tổng cộng", previous_counts),
        rows=_rows(scope, tree, current, before),
        overdue=TaskBlock(overdue.items, overdue.total, scope.column_args("overdue"), updates),
        due_soon=TaskBlock(
            due_soon.items, due_soon.total, now.args([Timeliness.DUE_SOON.value]), updates
        ),
        awaiting=TaskBlock(awaiting.items, awaiting.total, waiting_args, submissions),
        due_soon_days=due_soon_days,
        unit_choices=tree.choices,
    )
