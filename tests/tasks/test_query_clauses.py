"""The SQL of timeliness and periods agrees with their definitions, on every edge.

tracker/queries.py writes these clauses in an index-friendly shape (alternatives that each
begin with the status); this checks them against the domain's `classify` and CONTRACT's
definition of a period's tasks, over every status and every date around the edges.
"""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest
from sqlalchemy import select

from tracker.domain.periods import parse_period
from tracker.domain.timeliness import FINISHED, Status, Timeliness, classify
from tracker.models import Task
from tracker.tasks.queries import period_clause, planned_for_clause
from tracker.tasks.timeliness_sql import timeliness_clause, timeliness_expr

AS_OF = date(2026, 5, 15)
PERIOD = parse_period("2026-Q2")
DAYS = [
    None,
    date(2026, 3, 1),
    date(2026, 3, 31),
    date(2026, 4, 1),
    date(2026, 5, 14),
    date(2026, 5, 15),
    date(2026, 5, 16),
    date(2026, 5, 22),
    date(2026, 5, 23),
    date(2026, 6, 30),
    date(2026, 7, 1),
]
PLANNED = [None, "2026-Q2", "2026-05", "2026-Q3", "2026"]


@pytest.fixture
def grid(world, db):
    """One task for every status, deadline and completion day (and a planned period)."""
    tasks = []
    for n, (status, due, done) in enumerate(product(list(Status), DAYS, DAYS)):
        task = Task(
            title=f"Ô {n}",
            section=world.sections["I.1"],
            lead_unit=world.units["a"],
            status=status.value,
            due_date=due,
            completed_on=done,
            planned_period=PLANNED[n % len(PLANNED)],
        )
        tasks.append(task)
    db.session.add_all(tasks)
    db.session.commit()
    return tasks


def ids(db, clause) -> set[int]:
    return set(db.session.scalars(select(Task.id).where(clause)))


def in_period(task: Task, period) -> bool:
    """CONTRACT's tasks of a period, written plainly."""
    start, end = period.start, period.end
    finished = task.status in FINISHED
    due, done = task.due_date, task.completed_on
    carried = (
        due is not None
        and due < start
        and task.status != Status.CANCELLED
        and (not finished or done is None or done >= start)
    )
    return (
        (due is not None and start <= due <= end)
        or (finished and done is not None and start <= done <= end)
        or carried
        or (due is None and task.planned_period in period.subperiod_codes())
    )


@pytest.mark.parametrize("kind", list(Timeliness))
def test_each_timeliness_clause_selects_what_classify_says(db, grid, kind):
    expected = {t.id for t in grid if classify(t.status, t.due_date, t.completed_on, AS_OF) is kind}
    assert ids(db, timeliness_clause(kind.value, AS_OF)) == expected
    assert expected or kind is Timeliness.CANCELLED  # the grid reaches every category


def test_the_timeliness_expression_names_what_classify_says(db, grid):
    rows = db.session.execute(select(Task.id, timeliness_expr(AS_OF))).all()
    by_id = {t.id: t for t in grid}
    for task_id, name in rows:
        t = by_id[task_id]
        assert name == classify(t.status, t.due_date, t.completed_on, AS_OF).value, t.title


@pytest.mark.parametrize("code", ["2026-Q2", "2026-05", "2026-H1", "2026"])
def test_the_period_clause_selects_the_period_tasks(db, grid, code):
    period = parse_period(code)
    expected = {t.id for t in grid if in_period(t, period)}
    assert ids(db, period_clause(period)) == expected
    assert 0 < len(expected) < len(grid)


def test_planned_for_a_period(db, grid):
    period = parse_period("2026-Q3")
    expected = {
        t.id
        for t in grid
        if t.planned_period in period.subperiod_codes()
        or (t.due_date is not None and period.start <= t.due_date <= period.end)
    }
    assert ids(db, planned_for_clause(period)) == expected
