"""Writing tasks through the API: create, PATCH with versions, permissions, the workflow."""

from __future__ import annotations

import pytest
from api_support import api_factory
from sqlalchemy import func, select

from tracker.domain.timeliness import Status
from tracker.extensions import db as _db
from tracker.models import Document, Extension, Task, TaskUpdate


@pytest.fixture
def api_as(client, world):
    return api_factory(client, world)


def history_count(task_id: int) -> int:
    return _db.session.scalar(
        select(func.count()).select_from(TaskUpdate).where(TaskUpdate.task_id == task_id)
    )


def fresh(task_id: int) -> Task:
    _db.session.expire_all()
    return _db.session.get(Task, task_id)


# -- create ----------------------------------------------------------------------------------


def test_a_director_assigns_a_task_with_codes_and_a_cited_document(world, api_as, db):
    response = api_as("director").post(
        "/tasks",
        json={
            "title": "Triển khai",
            "description": "Theo Kế hoạch 12/KH-UBND của UBND tỉnh.",
            "section": "I.1",
            "lead_unit": "A",
            "support_units": ["B", world.units["a1"].id],
            "assignee": "staff.a",
            "documents": ["Quyết định 135/QĐ-TTg ngày 20/01/2020"],
            "due_date": world.days(20).isoformat(),
            "priority": 3,
        },
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/tasks/{body['id']}")
    assert response.headers["ETag"] == f'"{body["version"]}"'
    assert body["lead_unit"]["code"] == "A" and body["section"]["code"] == "I.1"
    assert [u["code"] for u in body["support_units"]] == ["B", "A1"]
    assert body["assignee"]["username"] == "staff.a"
    assert body["original_due_date"] == body["due_date"] == world.days(20).isoformat()
    assert body["status"] == "not_started" and body["priority"] == 3
    symbols = {d["symbol"] for d in body["documents"]}
    assert symbols == {"135/QĐ-TTg", "12/KH-UBND"}  # the one the description cites too
    assert db.session.scalar(select(func.count()).select_from(Document)) == 2
    assert [h["kind"] for h in body["history"]] == ["created"]


@pytest.mark.parametrize(
    ("who", "unit", "status"),
    [("admin", "B", 201), ("head_a", "A1", 201), ("head_a", "B", 403), ("staff_a", "A", 403),
     ("viewer", "A", 403)],
)  # fmt: skip
def test_who_may_assign_where(world, api_as, who, unit, status):
    response = api_as(who).post("/tasks", json={"title": "Việc", "section": "I", "lead_unit": unit})
    assert response.status_code == status, response.get_json()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"section": "I", "lead_unit": "A"}, "title"),
        ({"title": "  ", "section": "I", "lead_unit": "A"}, "title"),
        ({"title": "Việc", "lead_unit": "A"}, "section"),
        ({"title": "Việc", "section": "I", "lead_unit": "ZZ"}, "lead_unit"),
        ({"title": "Việc", "section": "I", "lead_unit": "A", "due_date": "30/02/2026"}, "due_date"),
        ({"title": "Việc", "section": "I", "lead_unit": "A", "colour": "red"}, "colour"),
        ({"title": "Việc", "section": "I", "lead_unit": "A", "assignee": "staff.b"}, "assignee"),
        ({"title": "Việc", "section": "I", "lead_unit": "A", "progress": "abc"}, "progress"),
        ({"title": "Việc", "section": "I", "lead_unit": "A", "parent": "x"}, "parent"),
    ],
)
def test_an_invalid_new_task_is_refused_naming_the_field(world, api_as, db, body, field):
    response = api_as("director").post("/tasks", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert db.session.scalar(select(func.count()).select_from(Task)) == 0


# -- PATCH -----------------------------------------------------------------------------------


def test_patch_with_the_version_in_the_body(world, api_as):
    task = world.task(title="Cũ")
    version = task.version
    response = api_as("head_a").patch(
        f"/tasks/{task.id}",
        json={"title": "Mới", "progress": 40, "version": version, "note": "Đã họp"},
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["title"], body["progress"]) == ("Mới", 40)
    assert body["version"] > version and body["version"] == fresh(task.id).version
    assert response.headers["ETag"] == f'"{body["version"]}"'
    assert body["history"][-1]["note"] == "Đã họp"
    assert body["history"][-1]["changes"]["title"] == ["Cũ", "Mới"]


@pytest.mark.parametrize("quote", ['"{}"', "{}", 'W/"{}"'])
def test_patch_with_if_match_quoted_or_not(world, api_as, quote):
    task = world.task()
    response = api_as("head_a").patch(
        f"/tasks/{task.id}", json={"progress": 10}, headers={"If-Match": quote.format(task.version)}
    )
    assert response.status_code == 200, response.get_json()


def test_a_stale_version_is_a_conflict_that_changes_nothing(world, api_as):
    task = world.task(title="Gốc", due=world.days(5))
    version = task.version
    api = api_as("director")
    first = api.patch(f"/tasks/{task.id}", json={"progress": 20, "version": version})
    assert first.status_code == 200
    before = history_count(task.id)
    stale = api.patch(
        f"/tasks/{task.id}",
        json={"title": "Ghi đè", "progress": 90},
        headers={"If-Match": f'"{version}"'},
    )
    assert stale.status_code == 409
    body = stale.get_json()
    assert body["error"]["code"] == "conflict" and body["error"]["message"]
    assert body["current"]["version"] == first.get_json()["version"]
    assert body["current"]["progress"] == 20 and body["current"]["title"] == "Gốc"
    assert stale.headers["ETag"] == f'"{body["current"]["version"]}"'
    now = fresh(task.id)
    assert (now.title, now.progress, now.version) == ("Gốc", 20, body["current"]["version"])
    assert history_count(task.id) == before


def test_a_patch_without_a_version_is_refused(world, api_as):
    task = world.task()
    response = api_as("director").patch(f"/tasks/{task.id}", json={"progress": 5})
    assert response.status_code == 422
    assert "version" in response.get_json()["error"]["fields"]


def test_staff_update_only_their_own_tasks_and_only_progress(world, api_as):
    own = world.task(assignee=world.users["staff_a"])
    other = world.task(title="Của người khác")
    api = api_as("staff_a")
    ok = api.patch(f"/tasks/{own.id}", json={"progress": 60, "version": own.version})
    assert ok.status_code == 200
    assert api.patch(f"/tasks/{other.id}", json={"progress": 5, "version": 2}).status_code == 403
    version = ok.get_json()["version"]
    title = api.patch(f"/tasks/{own.id}", json={"title": "Đổi", "version": version})
    assert title.status_code == 403
    assert fresh(own.id).title != "Đổi"


def test_only_a_director_moves_the_deadline(world, api_as):
    task = world.task(due=world.days(10))
    refused = api_as("head_a").patch(
        f"/tasks/{task.id}", json={"due_date": world.days(40).isoformat(), "version": task.version}
    )
    assert refused.status_code == 403
    assert "due_date" in refused.get_json()["error"]["fields"]
    moved = api_as("director").patch(
        f"/tasks/{task.id}", json={"due_date": world.days(40).isoformat(), "version": task.version}
    )
    assert moved.status_code == 200
    body = moved.get_json()
    assert body["due_date"] == world.days(40).isoformat()
    assert body["original_due_date"] == world.days(10).isoformat()


def test_completed_on_is_never_in_the_future(world, api_as):
    task = world.task(result="Đã làm")
    response = api_as("director").patch(
        f"/tasks/{task.id}",
        json={"status": "done", "completed_on": world.days(1).isoformat(), "version": task.version},
    )
    assert response.status_code == 422
    assert "completed_on" in response.get_json()["error"]["fields"]
    assert fresh(task.id).status == Status.IN_PROGRESS


def test_done_needs_a_result(world, api_as):
    task = world.task()
    response = api_as("director").patch(
        f"/tasks/{task.id}", json={"status": "done", "version": task.version}
    )
    assert response.status_code == 422
    assert "result" in response.get_json()["error"]["fields"]


def test_a_units_done_awaits_confirmation_and_a_director_confirms_it(world, api_as):
    task = world.task(due=world.days(3))
    submitted = api_as("head_a").patch(
        f"/tasks/{task.id}",
        json={"status": "done", "result": "Đã ban hành", "version": task.version},
    )
    assert submitted.get_json()["status"] == "submitted"
    version = submitted.get_json()["version"]
    assert (
        api_as("head_a").post(f"/tasks/{task.id}/confirm", json={"version": version}).status_code
        == 403
    )
    confirmed = api_as("director").post(
        f"/tasks/{task.id}/confirm", headers={"If-Match": f'"{version}"'}
    )
    assert confirmed.status_code == 200, confirmed.get_json()
    assert confirmed.get_json()["status"] == "done"
    assert confirmed.get_json()["history"][-1]["kind"] == "confirmed"


def test_a_director_returns_a_submission_with_a_reason(world, api_as):
    task = world.task(status=Status.SUBMITTED, done=world.days(-1))
    api = api_as("director")
    no_reason = api.post(f"/tasks/{task.id}/return", json={"version": task.version})
    assert no_reason.status_code == 422 and "reason" in no_reason.get_json()["error"]["fields"]
    returned = api.post(
        f"/tasks/{task.id}/return", json={"reason": "Thiếu số liệu", "version": task.version}
    )
    assert returned.status_code == 200
    assert (returned.get_json()["status"], returned.get_json()["completed_on"]) == (
        "in_progress", None,
    )  # fmt: skip
    assert returned.get_json()["history"][-1]["note"] == "Thiếu số liệu"


def test_an_extension_is_requested_then_approved(world, api_as, db):
    task = world.task(due=world.days(2))
    new_due = world.days(30).isoformat()
    requested = api_as("head_a").post(
        f"/tasks/{task.id}/extensions", json={"due_date": new_due, "reason": "Chờ số liệu"}
    )
    assert requested.status_code == 201, requested.get_json()
    extension = requested.get_json()
    assert (extension["status"], extension["requested_due_date"]) == ("pending", new_due)
    path = f"/extensions/{extension['id']}/decision"
    assert api_as("staff_a").post(path, json={"approve": True}).status_code == 403
    assert api_as("head_b").post(path, json={"approve": True}).status_code == 404
    assert api_as("director").post(path, json={"approve": "yes"}).status_code == 422
    decided = api_as("director").post(path, json={"approve": True, "note": "Đồng ý"})
    assert decided.status_code == 200
    body = decided.get_json()
    assert body["status"] == "approved" and body["decision_note"] == "Đồng ý"
    assert body["task"]["due_date"] == new_due
    assert body["task"]["original_due_date"] == world.days(2).isoformat()
    assert db.session.get(Extension, extension["id"]) is not None
    assert api_as("director").post(path, json={"approve": False}).status_code == 409


def test_an_extension_is_declined_through_the_api_only_with_a_reason(world, api_as, db):
    task = world.task(due=world.days(2))
    requested = api_as("head_a").post(
        f"/tasks/{task.id}/extensions",
        json={"due_date": world.days(20).isoformat(), "reason": "Chờ số liệu"},
    )
    path = f"/extensions/{requested.get_json()['id']}/decision"
    refused = api_as("director").post(path, json={"approve": False})
    assert refused.status_code == 422
    assert "note" in refused.get_json()["error"]["fields"]
    declined = api_as("director").post(path, json={"approve": False, "note": "Đúng hạn"})
    assert declined.status_code == 200 and declined.get_json()["status"] == "declined"
