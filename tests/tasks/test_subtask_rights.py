"""Attaching a subtask changes its parent's progress: it needs the right to edit the parent,
and a finished or cancelled parent is never rewritten by a roll-up."""

from __future__ import annotations

import pytest
from api_support import api_factory

from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import Task


@pytest.fixture
def api_as(client, world):
    return api_factory(client, world)


def fresh(task_id: int) -> Task:
    db.session.expire_all()
    return db.session.get(Task, task_id)


def version(api, task_id: int) -> int:
    return api.get(f"/tasks/{task_id}").get_json()["version"]


def test_a_support_units_head_cannot_attach_a_subtask_to_a_confirmed_task(world, api_as):
    """The probe: PATCH {"parent": 16} as head of a support unit of task 16 set it to 0 %."""
    confirmed = world.task(
        unit="a",
        status=Status.DONE,
        due=world.days(-5),
        done=world.days(-6),
        support=[world.units["b"]],
    )
    own = world.task(unit="b", progress=0, due=world.days(10))
    head_b = api_as("head_b")
    response = head_b.patch(
        f"/tasks/{own.id}", json={"parent": confirmed.id, "version": version(head_b, own.id)}
    )
    assert response.status_code == 403, response.get_json()
    assert f"#{confirmed.id}" in response.get_json()["error"]["message"]
    assert fresh(confirmed.id).progress == 100 and fresh(confirmed.id).status == Status.DONE
    assert fresh(own.id).parent_id is None


def test_nor_detach_one_from_a_parent_they_cannot_edit(world, api_as):
    parent = world.task(unit="a", progress=0, due=world.days(10), support=[world.units["b"]])
    child = world.task(unit="b", progress=50, due=world.days(10), parent=parent)
    head_b = api_as("head_b")
    response = head_b.patch(
        f"/tasks/{child.id}", json={"parent": None, "version": version(head_b, child.id)}
    )
    assert response.status_code == 403, response.get_json()
    assert fresh(child.id).parent_id == parent.id


def test_the_parents_own_head_attaches_and_the_progress_rolls_up(world, api_as):
    parent = world.task(unit="a", progress=0, due=world.days(10))
    child = world.task(unit="a1", progress=60, due=world.days(10))
    head_a = api_as("head_a")
    response = head_a.patch(
        f"/tasks/{child.id}", json={"parent": parent.id, "version": version(head_a, child.id)}
    )
    assert response.status_code == 200, response.get_json()
    assert fresh(parent.id).progress == 60


@pytest.mark.parametrize("status", [Status.DONE, Status.SUBMITTED, Status.CANCELLED])
def test_a_finished_or_cancelled_parent_keeps_its_progress(world, api_as, status):
    finished = status in (Status.DONE, Status.SUBMITTED)
    parent = world.task(
        unit="a",
        status=status,
        due=world.days(-1),
        done=world.days(-2) if finished else None,
        **({} if finished else {"progress": 30}),
    )
    child = world.task(unit="a", progress=10, due=world.days(10), parent=parent)
    before = fresh(parent.id).progress
    director = api_as("director")
    response = director.patch(
        f"/tasks/{child.id}", json={"progress": 20, "version": version(director, child.id)}
    )
    assert response.status_code == 200, response.get_json()
    assert fresh(parent.id).progress == before
    assert fresh(parent.id).status == status
