"""Concurrent updates: with one version, exactly one writer wins and the rest get a conflict.

Runs on whichever database the suite runs on (SQLite in WAL mode with a busy timeout, or
PostgreSQL), with real threads, each with its own session and connection.
"""

from __future__ import annotations

import threading

from api_support import issue_token
from sqlalchemy import func, select

from tracker.common.access import principal_for
from tracker.common.exceptions import Conflict
from tracker.extensions import db
from tracker.models import Task, TaskUpdate, User
from tracker.tasks.operations import update_task

THREADS = 8


def hammer(app, jobs):
    """Run each job (a function of the thread index) in its own thread and app context."""
    outcomes: list[str] = [""] * len(jobs)
    barrier = threading.Barrier(len(jobs))

    def worker(index: int) -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=10)
                outcomes[index] = jobs[index](index)
                db.session.commit()
            except Conflict:
                db.session.rollback()
                outcomes[index] = "conflict"
            except Exception as error:  # noqa: BLE001 - reported in the assertion
                db.session.rollback()
                outcomes[index] = f"error: {error!r}"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def progress_job(task_id: int, version: int, username: str):
    def job(index: int) -> str:
        user = db.session.scalar(select(User).where(User.username == username))
        task = db.session.get(Task, task_id)
        update_task(user, principal_for(user), task, {"progress": 10 + index}, version)
        return "ok"

    return job


def test_same_version_exactly_one_wins(app, world):
    task = world.task(unit="a", title="Một nhiệm vụ, nhiều người sửa")
    task_id, version = task.id, task.version
    outcomes = hammer(app, [progress_job(task_id, version, "head.a")] * THREADS)
    assert outcomes.count("ok") == 1, outcomes
    assert outcomes.count("conflict") == THREADS - 1, outcomes
    db.session.expire_all()
    stored = db.session.get(Task, task_id)
    assert stored.version == version + 1
    updates = db.session.scalar(
        select(func.count()).where(TaskUpdate.task_id == task_id, TaskUpdate.kind == "updated")
    )
    assert updates == 1


def test_different_tasks_all_succeed(app, world):
    tasks = [world.task(unit="a", title=f"Nhiệm vụ riêng {i}") for i in range(THREADS)]
    before = {t.id: t.version for t in tasks}
    jobs = [progress_job(task_id, version, "head.a") for task_id, version in before.items()]
    outcomes = hammer(app, [lambda i, jobs=jobs: jobs[i](i)] * THREADS)
    assert outcomes == ["ok"] * THREADS
    db.session.expire_all()
    assert {i: db.session.get(Task, i).version for i in before} == {
        i: v + 1 for i, v in before.items()
    }


def test_over_http_one_patch_wins_and_the_others_get_409(app, client, world):
    """The same race through the API: eight scripts PATCH one task with the version read."""
    task = world.task(unit="a", title="Một nhiệm vụ, tám kịch bản")
    task_id, version = task.id, task.version
    tokens = [issue_token(client, "head.a") for _ in range(THREADS)]
    statuses: list[int] = [0] * THREADS
    barrier = threading.Barrier(THREADS)

    def script(index: int) -> None:
        browser = app.test_client()  # its own client; each request its own app context
        barrier.wait(timeout=10)
        response = browser.patch(
            f"/api/v1/tasks/{task_id}",
            json={"progress": 20 + index, "version": version},
            headers={"Authorization": f"Bearer {tokens[index]}"},
        )
        statuses[index] = response.status_code

    threads = [threading.Thread(target=script, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [200] + [409] * (THREADS - 1), statuses
    db.session.expire_all()
    stored = db.session.get(Task, task_id)
    assert stored.version == version + 1
    assert stored.progress in {20 + i for i in range(THREADS)}
    updates = db.session.scalar(
        select(func.count()).where(TaskUpdate.task_id == task_id, TaskUpdate.kind == "updated")
    )
    assert updates == 1
