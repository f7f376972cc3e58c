"""Timeliness in SQL, exactly as `domain.timeliness.classify` defines it in Python.

The clauses are written so that the (status, due_date) and (status, completed_on) indexes
answer them on SQLite and PostgreSQL alike (see bench/README.md for the plans).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, case, literal, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal

from tracker.domain.timeliness import DEFAULT_DUE_SOON_DAYS, FINISHED, OPEN, Status, Timeliness
from tracker.extensions import db
from tracker.models import Task

FINISHED_VALUES = [s.value for s in FINISHED]
_OPEN = [s.value for s in OPEN]


def dialect_name() -> str:
    return db.session.get_bind().dialect.name


def finished_by(as_of: date) -> ColumnElement[bool]:
    """The task's work was finished on or before `as_of`."""
    return and_(
        Task.status.in_(FINISHED_VALUES), Task.completed_on.is_not(None), Task.completed_on <= as_of
    )


class unindexed(ColumnElement):  # noqa: N801  (reads as a function in the clauses)
    """A column the planner must not look up by index: `+column` on SQLite, itself elsewhere.

    "Due before today" is most of the table: read through the due-date index it costs a
    scan of nearly every task, while the (status, ...) indexes find the unfinished ones
    directly. SQLite cannot know that without statistics it does not gather, so the
    comparison is written the way SQLite's documentation says to rule an index out.
    """

    # The column is the whole cache key: without it SQLAlchemy compiles every statement
    # that holds the clause afresh ("no key"), which cost the lists a third of their time.
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]
    inherit_cache = True

    def __init__(self, column):
        self.column = column
        self.type = column.type


@compiles(unindexed)
def _unindexed_default(element, compiler, **kw):
    return compiler.process(element.column, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element, compiler, **kw):
    return "+" + compiler.process(element.column, **kw)


def unfinished_by(as_of: date) -> ColumnElement[bool]:
    """Not cancelled, and not finished on or before `as_of`.

    The same as `status != cancelled AND NOT finished_by(as_of)`, written as alternatives
    that each begin with the status, so that the (status, due_date) and (status,
    completed_on) indexes serve them instead of a scan of every task.
    """
    finishing = Task.status.in_(FINISHED_VALUES)
    return or_(
        Task.status.in_(_OPEN),
        and_(finishing, Task.completed_on.is_(None)),
        and_(finishing, Task.completed_on > as_of),
    )


def timeliness_clause(
    kind: str, as_of: date, due_soon_days: int = DEFAULT_DUE_SOON_DAYS
) -> ColumnElement[bool]:
    """A WHERE clause selecting the tasks of one timeliness category as of `as_of`."""
    kind = Timeliness(kind)
    if kind is Timeliness.CANCELLED:
        return Task.status == Status.CANCELLED
    done = finished_by(as_of)  # a finishing status is never "cancelled"
    if kind is Timeliness.DONE_NO_DEADLINE:
        return and_(done, Task.due_date.is_(None))
    if kind is Timeliness.DONE_ON_TIME:
        return and_(done, Task.due_date.is_not(None), Task.completed_on <= Task.due_date)
    if kind is Timeliness.DONE_LATE:
        return and_(done, Task.due_date.is_not(None), Task.completed_on > Task.due_date)
    open_ = unfinished_by(as_of)
    if kind is Timeliness.NO_DEADLINE:
        return and_(open_, Task.due_date.is_(None))
    if kind is Timeliness.OVERDUE:
        return and_(open_, unindexed(Task.due_date) < as_of)
    soon = as_of + timedelta(days=due_soon_days)
    if kind is Timeliness.DUE_SOON:
        return and_(open_, Task.due_date >= as_of, Task.due_date <= soon)
    return and_(open_, Task.due_date > soon)  # on_track


def timeliness_expr(as_of: date, due_soon_days: int = DEFAULT_DUE_SOON_DAYS):
    """A CASE expression naming each task's timeliness category as of `as_of`."""
    soon = as_of + timedelta(days=due_soon_days)
    done = finished_by(as_of)
    return case(
        (Task.status == Status.CANCELLED, literal(Timeliness.CANCELLED.value)),
        (and_(done, Task.due_date.is_(None)), literal(Timeliness.DONE_NO_DEADLINE.value)),
        (and_(done, Task.completed_on <= Task.due_date), literal(Timeliness.DONE_ON_TIME.value)),
        (done, literal(Timeliness.DONE_LATE.value)),
        (Task.due_date.is_(None), literal(Timeliness.NO_DEADLINE.value)),
        (Task.due_date < as_of, literal(Timeliness.OVERDUE.value)),
        (Task.due_date <= soon, literal(Timeliness.DUE_SOON.value)),
        else_=literal(Timeliness.ON_TRACK.value),
    )
