"""`flask tracker bench-seed`: a deterministic synthetic province on an empty database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from bench.seed.cli import register as register_bench_commands
from tracker.common import clock
from tracker.domain.text import fold_join
from tracker.domain.timeliness import Status, Timeliness, classify
from tracker.extensions import db as _db
from tracker.models import (
    Document,
    RoleGrant,
    Task,
    TaskUpdate,
    Unit,
    User,
    task_document,
    task_support_unit,
)

ARGS = ["tracker", "bench-seed", "--units", "20", "--tasks", "500", "--seed", "7"]


@pytest.fixture(autouse=True)
def bench_commands(app):
    """`bench-seed` as app.py adds it when the bench/ folder is present."""
    register_bench_commands(app)


def wipe() -> None:
    _db.session.rollback()
    for table in reversed(_db.metadata.sorted_tables):
        _db.session.execute(table.delete())
    _db.session.commit()


def seed(app, args=ARGS):
    result = app.test_cli_runner().invoke(args=args)
    _db.session.remove()
    return result


def snapshot() -> dict:
    """What the seed made: counts, the first titles, and facts of every task."""
    counts = {
        model.__name__: _db.session.scalar(select(func.count()).select_from(model))
        for model in (Unit, User, RoleGrant, Document, Task, TaskUpdate)
    }
    for table in (task_support_unit, task_document):
        counts[table.name] = _db.session.scalar(select(func.count()).select_from(table))
    titles = list(_db.session.scalars(select(Task.title).order_by(Task.id).limit(20)))
    return {"counts": counts, "titles": titles}


def test_seed_is_deterministic_and_complete(app, db):
    first = seed(app)
    assert first.exit_code == 0, first.output
    assert "500 task" in first.output and "20 unit" in first.output
    made = snapshot()
    tasks = db.session.scalars(select(Task)).all()
    today = clock.today()

    # Every status and every timeliness category is there, as of today.
    assert {t.status for t in tasks} == {s.value for s in Status}
    kinds = {classify(t.status, t.due_date, t.completed_on, today).value for t in tasks}
    assert kinds == {k.value for k in Timeliness}
    # About 15 % overdue (a tiny province is noisy, hence the wide band).
    overdue = sum(
        classify(t.status, t.due_date, t.completed_on, today) is Timeliness.OVERDUE for t in tasks
    )
    assert 0.08 <= overdue / len(tasks) <= 0.25
    assert made["counts"]["Unit"] == 20
    assert made["counts"]["TaskUpdate"] == 4 * 500
    assert made["counts"]["task_support_unit"] > 0 and made["counts"]["task_document"] > 0
    assert any(t.parent_id for t in tasks)
    # Finished tasks carry their result; the search text is the folded title and texts.
    assert all(t.result for t in tasks if t.status in (Status.DONE, Status.SUBMITTED))
    sample = tasks[3]
    labels = sorted(d.label for d in sample.documents)  # in a fixed order, whatever the ids
    assert sample.search_text == fold_join(sample.title, sample.description, sample.result, *labels)
    # Nothing happened in the future: history, assignments and decisions are all past.
    now = datetime.now(UTC).replace(tzinfo=None)
    assert db.session.scalar(select(func.max(TaskUpdate.created_at))) <= now
    assert max(t.updated_at for t in tasks) <= now
    assert all(t.due_date >= t.start_date for t in tasks if t.due_date and t.start_date)
    # The seeded people can sign in with the printed password.
    assert "Bench2026tracker" in first.output

    wipe()
    second = seed(app)
    assert second.exit_code == 0, second.output
    assert snapshot() == made


def test_seeded_tasks_are_found_by_search(app, db, client):
    assert seed(app).exit_code == 0
    client.login("giamdoc", "Bench2026tracker")
    word = db.session.scalar(select(Task.title).order_by(Task.id)).split()[-1]
    response = client.get("/api/v1/tasks", query_string={"q": word, "per_page": 5})
    assert response.status_code == 200
    assert response.get_json()["total"] > 0


def test_refuses_a_database_with_data(app, db, world):
    result = seed(app)
    assert result.exit_code == 1
    assert "already has data" in result.output
    assert db.session.scalar(select(func.count()).select_from(Task)) == 0


@pytest.mark.parametrize("bad", [["--units", "2"], ["--tasks", "10"]])
def test_refuses_sizes_out_of_range(app, db, bad):
    result = seed(app, ["tracker", "bench-seed", *bad])
    assert result.exit_code == 2
