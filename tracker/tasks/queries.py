"""The one query layer: task lists, counts and report facts shared by pages, API and exports.

Every function returns a `Select` (or runs one) built from the same clauses, so that the
overview's counts, the lists they link to, the API and the report can never disagree.
Timeliness is expressed in SQL here exactly as `domain.timeliness.classify` defines it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import g, has_request_context
from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    false,
    func,
    or_,
    select,
    true,
)

from tracker.common import clock
from tracker.common.answer_cache import rows_of
from tracker.domain.periods import Period
from tracker.domain.timeliness import DEFAULT_DUE_SOON_DAYS, Timeliness
from tracker.models import Task, Unit, task_document, task_support_unit
from tracker.models.fulltext import matches, tokens
from tracker.permissions import Principal, subtree_index
from tracker.tasks.timeliness_sql import (
    FINISHED_VALUES,
    dialect_name,
    timeliness_clause,
    timeliness_expr,
    unfinished_by,
)

# -- scope: who sees what, which unit, which period ------------------------------------------


def _subtrees() -> dict[int, frozenset[int]]:
    index = g.get("unit_subtrees") if has_request_context() else None
    if index is None:
        index = subtree_index(rows_of(select(Unit.id, Unit.parent_id)))
        if has_request_context():
            g.unit_subtrees = index
    return index


def unit_subtree(unit_id: int) -> frozenset[int]:
    """The ids of a unit and every unit below it (the tree is read once per request)."""
    return _subtrees().get(unit_id, frozenset({unit_id}))


def is_whole_tree(unit_ids: frozenset[int] | set[int]) -> bool:
    """Whether the units are every unit there is (so a filter on them selects all tasks)."""
    return len(unit_ids) >= len(_subtrees())


def led_or_supported_by(units) -> ColumnElement[bool]:
    """Tasks one of `units` leads (chủ trì) or supports (phối hợp)."""
    supported = select(task_support_unit.c.task_id).where(task_support_unit.c.unit_id.in_(units))
    return or_(Task.lead_unit_id.in_(units), Task.id.in_(supported))


def visibility_clause(principal: Principal) -> ColumnElement[bool]:
    """Tasks the principal may see: led or supported by a unit they reach, or theirs."""
    if principal.user_id is None:
        return false()
    if principal.sees_everything:
        return true()
    units = sorted(principal.visible_units)
    return or_(led_or_supported_by(units), Task.assignee_id == principal.user_id)


def period_clause(period: Period) -> ColumnElement[bool]:
    """Tasks that belong to a period: due or finished in it, carried into it, or planned.

    Carried over: due before the period and still unfinished when it began (cancelled
    tasks excepted). Each alternative is one an index serves (see `unfinished_by`).
    """
    return window_clause(period.start, period.end, period)


def window_clause(start: date, end: date, period: Period) -> ColumnElement[bool]:
    """`period_clause` over the days from `start` to `end` (a report's data window), the
    tasks without a deadline still found by the period they were planned for."""
    return or_(
        Task.due_date.between(start, end),
        and_(Task.status.in_(FINISHED_VALUES), Task.completed_on.between(start, end)),
        and_(Task.due_date < start, unfinished_by(start - timedelta(days=1))),
        and_(Task.due_date.is_(None), Task.planned_period.in_(period.subperiod_codes())),
    )


def planned_for_clause(
    period: Period, start: date | None = None, end: date | None = None
) -> ColumnElement[bool]:
    """Tasks planned for a period: by their planned period, or by a deadline within it (or
    within its data window, `start` to `end`, when the report counts one)."""
    return or_(
        Task.planned_period.in_(period.subperiod_codes()),
        Task.due_date.between(start or period.start, end or period.end),
    )


# -- task lists ------------------------------------------------------------------------------

# Tasks without a deadline come last. NULLS LAST is the order of PostgreSQL's indexes, so
# there an index yields the rows already sorted (SQLite sorts them; see `order_for`).
SORTS = {
    "due": (Task.due_date.asc().nulls_last(), Task.id),
    "-due": (Task.due_date.desc().nulls_last(), Task.id.desc()),
    "overdue": (Task.due_date.asc().nulls_last(), Task.id),
    "updated": (Task.updated_at.desc(), Task.id.desc()),
    "title": (Task.title, Task.id),
    "priority": (Task.priority.desc(), Task.due_date.asc().nulls_last(), Task.id),
    "created": (Task.created_at.desc(), Task.id.desc()),
}
# The same orders for lists whose every task has a deadline: plain columns, which an
# index serves on either database.
DATED_SORTS = {
    "due": (Task.due_date, Task.id),
    "-due": (Task.due_date.desc(), Task.id.desc()),
    "overdue": (Task.due_date, Task.id),
}


@dataclass
class TaskFilter:
    """The filters of a task list, as the pages and the API accept them."""

    unit_id: int | None = None
    subtree: bool = True
    include_support: bool = False
    section_id: int | None = None
    period: Period | None = None
    statuses: Sequence[str] = ()
    timeliness: Sequence[str] = ()
    assignee_id: int | None = None
    document_id: int | None = None
    parent_id: int | None = None
    top_level_only: bool = False
    q: str | None = None
    due_before: date | None = None
    due_after: date | None = None
    as_of: date = field(default_factory=clock.today)
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS
    sort: str = "due"


def filter_clauses(f: TaskFilter) -> list[ColumnElement[bool]]:
    """The WHERE clauses of a filter (visibility excluded)."""
    clauses: list[ColumnElement[bool]] = []
    # Every task has a lead unit: a filter on the whole tree would only slow the query
    # down (a long IN list invites the planner to read every task through it).
    whole = f.subtree and f.unit_id is not None and is_whole_tree(unit_subtree(f.unit_id))
    if f.unit_id is not None and not whole:
        units = sorted(unit_subtree(f.unit_id)) if f.subtree else [f.unit_id]
        clauses.append(
            led_or_supported_by(units) if f.include_support else Task.lead_unit_id.in_(units)
        )
    if f.section_id is not None:
        clauses.append(Task.section_id == f.section_id)
    if f.period is not None:
        clauses.append(period_clause(f.period))
    if f.statuses:
        clauses.append(Task.status.in_(list(f.statuses)))
    if f.timeliness:
        clauses.append(or_(*(timeliness_clause(k, f.as_of, f.due_soon_days) for k in f.timeliness)))
    if f.assignee_id is not None:
        clauses.append(Task.assignee_id == f.assignee_id)
    if f.document_id is not None:
        linked = select(task_document.c.task_id).where(task_document.c.document_id == f.document_id)
        clauses.append(Task.id.in_(linked))
    if f.parent_id is not None:
        clauses.append(Task.parent_id == f.parent_id)
    if f.top_level_only:
        clauses.append(Task.parent_id.is_(None))
    if tokens(f.q):
        clauses.append(matches(Task.id, "task", f.q, dialect_name()))
    if f.due_before is not None:
        clauses.append(Task.due_date <= f.due_before)
    if f.due_after is not None:
        clauses.append(Task.due_date >= f.due_after)
    return clauses


# Timeliness categories whose tasks all have a deadline.
_DATED = frozenset({Timeliness.OVERDUE.value, Timeliness.DUE_SOON.value, Timeliness.ON_TRACK.value})


def order_for(f: TaskFilter) -> tuple:
    """The ORDER BY of a filter's list (plain columns when every task has a deadline)."""
    dated = (f.timeliness and _DATED.issuperset(f.timeliness)) or f.due_before or f.due_after
    if dated and f.sort in DATED_SORTS:
        return DATED_SORTS[f.sort]
    return SORTS.get(f.sort, SORTS["due"])


def task_list(principal: Principal, f: TaskFilter) -> Select:
    """The tasks the principal may see that match the filter, sorted."""
    stmt = select(Task).where(visibility_clause(principal), *filter_clauses(f))
    return stmt.order_by(*order_for(f))


TIMELINESS_NAMES = tuple(k.value for k in Timeliness)


def count_by_timeliness(principal: Principal, f: TaskFilter) -> dict[str, int]:
    """How many of the filtered tasks fall in each timeliness category."""
    kind = timeliness_expr(f.as_of, f.due_soon_days).label("kind")
    stmt = (
        select(kind, func.count())
        .select_from(Task)
        .where(visibility_clause(principal), *filter_clauses(f))
        .group_by(kind)
    )
    counts = dict.fromkeys(TIMELINESS_NAMES, 0)
    counts.update({row[0]: row[1] for row in rows_of(stmt)})
    return counts


def count_by_unit(principal: Principal, f: TaskFilter) -> dict[int, dict[str, int]]:
    """Per lead unit, how many of the filtered tasks fall in each timeliness category."""
    kind = timeliness_expr(f.as_of, f.due_soon_days).label("kind")
    # Grouped by the category first: grouped by unit first, SQLite would walk the unit
    # index for its order and read every task instead of the few the filter selects.
    stmt = (
        select(Task.lead_unit_id, kind, func.count())
        .where(visibility_clause(principal), *filter_clauses(f))
        .group_by(kind, Task.lead_unit_id)
    )
    result: dict[int, dict[str, int]] = {}
    for unit_id, name, count in rows_of(stmt):
        if unit_id not in result:
            result[unit_id] = dict.fromkeys(TIMELINESS_NAMES, 0)
        result[unit_id][name] = count
    return result
