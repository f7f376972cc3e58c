"""Every list costs a fixed number of SQL statements, whatever its size (no N+1).

Each list is served once to warm up, then counted, first with 5 tasks and again after 55
more: the count must not move. The tasks vary in everything a row may show (status and
timeliness, assignee, support units, linked documents, history, pending extensions,
subtasks), so that a per-row lookup anywhere shows as a difference.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from factories import make_task
from sqlalchemy import select
from werkzeug.exceptions import MethodNotAllowed, NotFound

from tracker.documents.linking import ensure_document
from tracker.domain.legal_refs import parse_ref
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import Extension, Task
from tracker.tasks.history import record
from tracker.tasks.operations import refresh_search_text

# (name, path, who): every list page and API list.
LISTS = [
    ("tasks.index", "/tasks/?per_page=100", "director"),
    ("tasks.index, filtered", "/tasks/?timeliness=overdue,due_soon&unit=A", "head_a"),
    ("tasks.unit", "/tasks/unit", "head_a"),
    ("main.home, head", "/", "head_a"),
    ("main.home, director", "/", "director"),
    ("main.overview", "/overview", "director"),
    ("documents.index", "/documents/", "director"),
    ("api tasks", "/api/v1/tasks?per_page=200", "director"),
    ("api tasks, filtered", "/api/v1/tasks?timeliness=overdue&unit=A&per_page=200", "head_a"),
    ("api documents", "/api/v1/documents?per_page=200", "director"),
    ("search.results", "/search/?q=kiem+thu", "director"),
]
# status, due (days from today), completed (days from today). The first five (tasks 1-5)
# already fill every block of every list: overdue with a pending extension, submitted,
# due soon, recently done, on track.
KINDS = [
    (Status.CANCELLED, 10, None),
    (Status.IN_PROGRESS, -10, None),  # overdue
    (Status.SUBMITTED, 5, -1),
    (Status.NOT_STARTED, 3, None),  # due soon
    (Status.DONE, -20, -2),  # done late, recently
    (Status.IN_PROGRESS, 30, None),  # on track
    (Status.IN_PROGRESS, None, None),  # no deadline
    (Status.DONE, -5, -6),  # done on time
    (Status.PAUSED, -3, None),
]


def add_tasks(world, start: int, count: int) -> None:
    """`count` more tasks, numbered from `start`, each unlike its neighbours."""
    units = [world.units[k] for k in ("a", "a1", "b")]
    people = {"a": "staff_a", "a1": "head_a", "b": "staff_b"}
    previous = None
    for n in range(start, start + count):
        status, due, done = KINDS[n % len(KINDS)]
        unit = units[n % 3]
        key = ("a", "a1", "b")[n % 3]
        task = make_task(
            unit,
            world.sections["I.1" if n % 2 else "I.2"],
            f"Nhiệm vụ kiểm thử số {n}",
            status=status,
            due=world.days(due) if due is not None else None,
            done=world.days(done) if done is not None else None,
            assignee=world.users[people[key]],
            support=[units[(n + 1) % 3]] if n % 2 else [],
            planned=None,
        )
        task.documents.append(ensure_document(parse_ref(f"Quyết định {100 + n}/QĐ-UBND")))
        refresh_search_text(task)
        if previous is not None and n % 5 == 0:
            task.parent_id = previous.id
        record(task, world.users["director"], "created", {"title": (None, task.title)})
        record(task, world.users[people[key]], "updated", {"progress": (0, 30)}, "Ghi chú")
        if n % 4 == 1 and status not in (Status.DONE, Status.CANCELLED):
            ask = Extension(
                task_id=task.id,
                requested_by_id=world.users[people[key]].id,
                requested_at=datetime.now() - timedelta(hours=n),
                previous_due_date=task.due_date,
                requested_due_date=world.days(60),
                reason="Cần thêm thời gian.",
            )
            db.session.add(ask)
        previous = task if task.parent_id is None else previous
    db.session.commit()


def served(app, path: str) -> bool:
    adapter = app.url_map.bind("localhost")
    try:
        adapter.match(path.split("?", 1)[0], method="GET")
    except (NotFound, MethodNotAllowed):
        return False
    return True


def statements(client, sql_counter, path: str) -> list[str]:
    assert client.get(path).status_code == 200  # warm: caches, templates
    with sql_counter() as counter:
        response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return counter.statements


def repeated(small: list[str], large: list[str]) -> str:
    """The statements the larger list runs more often: where the N+1 is."""
    extra = [s for s in dict.fromkeys(large) if large.count(s) > small.count(s)]
    return "\n".join(" ".join(s.split())[:300] for s in extra)


@pytest.mark.parametrize(("name", "path", "who"), LISTS, ids=[n for n, _, _ in LISTS])
def test_a_list_costs_the_same_statements_for_5_or_60_tasks(
    app, world, login_as, sql_counter, name, path, who
):
    if not served(app, path):
        pytest.skip(f"{name}: {path} is not served yet")
    client = login_as(who)
    add_tasks(world, 1, 5)
    small = statements(client, sql_counter, path)
    add_tasks(world, 6, 55)
    large = statements(client, sql_counter, path)
    assert len(large) == len(small), (
        f"{name}: {len(small)} statements with 5 tasks, {len(large)} with 60; more often:\n"
        + repeated(small, large)
    )


def test_the_lists_do_show_the_tasks(app, world, login_as):
    """The counts above are about real lists: the tasks are on them."""
    add_tasks(world, 1, 12)
    client = login_as("director")
    page = client.get("/tasks/?per_page=100").get_data(as_text=True)
    assert "Nhiệm vụ kiểm thử số 12" in page
    data = client.get("/api/v1/tasks?per_page=200").get_json()
    assert data["total"] == 12
    found = client.get("/search/?q=kiem+thu").get_data(as_text=True)
    assert "số 7" in found


def test_a_deep_page_shows_its_own_tasks_in_order(app, world, login_as):
    """Pages are read key-first (tracker.queries.page_items): same order as one big page."""
    add_tasks(world, 1, 30)
    client = login_as("director")
    whole = client.get("/api/v1/tasks?per_page=30&sort=due").get_json()["items"]
    pages = []
    for number in (1, 2, 3):
        data = client.get(f"/api/v1/tasks?per_page=10&page={number}&sort=due").get_json()
        assert data["total"] == 30
        pages += data["items"]
    assert [t["id"] for t in pages] == [t["id"] for t in whole]
    beyond = client.get("/api/v1/tasks?per_page=10&page=9").get_json()
    assert beyond["items"] == [] and beyond["total"] == 30


def test_a_filter_on_the_whole_tree_lists_every_task(app, world, login_as):
    """The root's subtree needs no unit filter at all; the answer is the same."""
    add_tasks(world, 1, 9)
    client = login_as("director")
    root = world.units["root"]
    data = client.get(f"/api/v1/tasks?unit={root.id}&per_page=50").get_json()
    assert data["total"] == len(db.session.scalars(select(Task.id)).all()) == 9
