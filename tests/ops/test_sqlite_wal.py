"""SQLite in WAL mode with a busy timeout: a writer that finds the database busy waits.

Only on SQLite (the suite's second pass on PostgreSQL skips these).
"""

from __future__ import annotations

import sqlite3
import threading

import pytest
from api_support import issue_token
from sqlalchemy.engine import make_url

from tracker.extensions import db


@pytest.fixture
def sqlite_path(app, dialect) -> str:
    if dialect != "sqlite":
        pytest.skip("SQLite only")
    return make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database


def test_every_connection_is_in_wal_mode_with_a_busy_timeout(app, sqlite_path):
    with app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15_000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_write_while_another_writer_holds_the_lock_waits_and_succeeds(client, world, sqlite_path):
    task = world.task(unit="a", title="Cập nhật khi cơ sở dữ liệu đang bận")
    task_id, version = task.id, task.version
    bearer = {"Authorization": f"Bearer {issue_token(client, 'head.a')}"}
    locked, release, released = threading.Event(), threading.Event(), threading.Event()

    def other_writer() -> None:
        """Another process's transaction: it holds the write lock for a moment."""
        connection = sqlite3.connect(sqlite_path, timeout=10)
        try:
            connection.execute("BEGIN IMMEDIATE")
            locked.set()
            release.wait(10)
            connection.commit()
            released.set()
        finally:
            connection.close()

    holder = threading.Thread(target=other_writer)
    holder.start()
    assert locked.wait(10)
    timer = threading.Timer(0.5, release.set)  # let go while the request is waiting
    timer.start()
    try:
        response = client.patch(
            f"/api/v1/tasks/{task_id}",
            json={"progress": 40, "version": version},
            headers=bearer,
        )
    finally:
        release.set()
        timer.cancel()
        holder.join(10)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert released.is_set()  # it could only be written after the other writer let go
    assert response.get_json()["progress"] == 40
    assert response.get_json()["version"] == version + 1
