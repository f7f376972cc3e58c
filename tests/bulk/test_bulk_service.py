"""The bulk use cases called directly: they belong to the caller's transaction."""

from __future__ import annotations

from sqlalchemy import select

from tracker.bulk.actions import ACTIONS, Params, apply_bulk, preview_bulk
from tracker.common.access import principal_for
from tracker.extensions import db
from tracker.models import Task


def statuses() -> list[str]:
    db.session.rollback()
    return list(db.session.scalars(select(Task.status).order_by(Task.id)))


def test_a_bulk_action_is_undone_with_the_transaction_that_called_it(world):
    """On SQLite a savepoint opened before any write would begin the transaction itself and
    commit it at its release: the action must stay part of the caller's transaction."""
    tasks = [world.task(status="submitted", done=world.days(-1)) for _ in range(2)]
    director = world.users["director"]
    versions = {t.id: t.version for t in tasks}
    outcome = apply_bulk(director, principal_for(director), ACTIONS["confirm"], versions, Params())
    assert len(outcome.done) == 2
    assert statuses() == ["submitted", "submitted"]


def test_a_preview_writes_nothing_even_when_committed(world):
    tasks = [world.task(status="submitted", done=world.days(-1)) for _ in range(2)]
    director = world.users["director"]
    ids = [t.id for t in tasks]
    outcome = preview_bulk(director, principal_for(director), ACTIONS["confirm"], ids, Params())
    assert [item.change for item in outcome.done] == ["Trạng thái: Chờ xác nhận → Hoàn thành"] * 2
    db.session.commit()
    assert statuses() == ["submitted", "submitted"]
