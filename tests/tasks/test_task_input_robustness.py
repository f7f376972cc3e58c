"""A task's input, however hostile, is refused with a message naming the field, or cleaned;
never a server error, never stored half-way (the "input robustness" issue: items 2, 7, 10, 11).
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from api_support import api_factory
from task_pages import submit, text

from tracker.common import clock
from tracker.common.access import principal_for
from tracker.common.exceptions import ValidationFailed
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import Task
from tracker.tasks.operations import create_task

TODAY = clock.today()
ANCIENT = ["1900-01-01", "0001-01-01", "01/01/1900"]


@pytest.fixture
def api_as(client, world):
    return api_factory(client, world)


@pytest.fixture
def task(world):
    """Division A's task, with no start date (the earliest completion is last year's 1 Jan)."""
    return world.task(title="Kiểm tra an toàn thông tin", assignee=world.users["staff_a"])


def edit_form(world, **fields) -> dict:
    """The edit form's fields for a task of division A, with `fields` changed."""
    form = {"title": "Kiểm tra", "section": world.sections["I.1"].id, "priority": 2}
    return form | {"lead_unit": world.units["a"].id} | fields


def raw_json(body: dict) -> dict:
    """A body as a script sends it, lone surrogates escaped ("\\ud800") as JSON allows."""
    return {"data": json.dumps(body), "content_type": "application/json"}


def stored(task_id: int) -> Task:
    db.session.expire_all()
    return db.session.get(Task, task_id)


# -- item 2: completed_on never before the task could start ---------------------------------


@pytest.mark.parametrize("day", ANCIENT)
@pytest.mark.parametrize(("who", "status"), [("staff_a", "submitted"), ("director", "done")])
def test_the_api_refuses_an_ancient_completion_date(task, api_as, who, status, day):
    api = api_as(who)
    version = api.get(f"/tasks/{task.id}").get_json()["version"]
    body = {"version": version, "status": status, "result": "Xong", "completed_on": day}
    answer = api.patch(f"/tasks/{task.id}", json=body)
    assert answer.status_code == 422, answer.get_json()
    assert list(answer.get_json()["error"]["fields"]) == ["completed_on"]
    assert "Ngày hoàn thành" in answer.get_json()["error"]["message"]
    after = stored(task.id)
    assert (after.status, after.completed_on, after.result) == ("in_progress", None, None)


def test_a_finished_tasks_completion_date_cannot_be_moved_back_to_1900(world, api_as):
    done = world.task(status=Status.DONE, done=TODAY - timedelta(days=2), result="Xong")
    director = api_as("director")
    version = director.get(f"/tasks/{done.id}").get_json()["version"]
    answer = director.patch(
        f"/tasks/{done.id}", json={"version": version, "completed_on": "1900-01-01"}
    )
    assert answer.status_code == 422
    assert "completed_on" in answer.get_json()["error"]["fields"]
    assert stored(done.id).completed_on == TODAY - timedelta(days=2)


@pytest.mark.parametrize("day", ANCIENT)
@pytest.mark.parametrize("who", ["staff_a", "director"])
def test_the_update_form_refuses_an_ancient_completion_date(task, login_as, who, day):
    client = login_as(who)
    status = "submitted" if who == "staff_a" else "done"
    fields = {"status": status, "progress": "100", "result": "Xong", "completed_on": day}
    response = submit(client, f"/tasks/{task.id}", f"/tasks/{task.id}/update", fields)
    assert response.status_code == 422
    assert "Ngày hoàn thành" in text(response)
    assert stored(task.id).status == "in_progress" and stored(task.id).completed_on is None


# -- item 11: no date beyond the horizon ----------------------------------------------------


@pytest.mark.parametrize("field", ["due_date", "start_date"])
@pytest.mark.parametrize("day", ["2101-01-01", "9999-12-31", "31/12/9999", "0000-01-01"])
def test_the_api_refuses_days_beyond_the_horizon(task, api_as, field, day):
    director = api_as("director")
    version = director.get(f"/tasks/{task.id}").get_json()["version"]
    answer = director.patch(f"/tasks/{task.id}", json={"version": version, field: day})
    assert answer.status_code == 422
    assert field in answer.get_json()["error"]["fields"]
    assert stored(task.id).version == version


def test_the_edit_form_refuses_a_deadline_in_9999(task, login_as, world):
    client = login_as("director")
    form = edit_form(world, due_date="9999-12-31")
    response = submit(client, f"/tasks/{task.id}/edit", f"/tasks/{task.id}/edit", form)
    assert response.status_code == 422
    assert "Hạn hoàn thành phải trong khoảng 01/01/1900–31/12/2100." in text(response)
    assert stored(task.id).due_date is None


def test_a_far_as_of_is_refused_on_the_list_the_api_and_the_command_line(app, world, login_as):
    world.task(due=TODAY + timedelta(days=3))
    client = login_as("director")
    page = client.get("/tasks/?as_of=9999-12-31&timeliness=due_soon")
    assert page.status_code == 422 and "Ngày xét" in text(page)
    answer = client.get("/api/v1/tasks?as_of=9999-12-31&timeliness=due_soon")
    assert answer.status_code == 422 and "as_of" in answer.get_json()["error"]["fields"]
    edge = client.get("/api/v1/tasks?as_of=2100-12-31&timeliness=due_soon")
    assert edge.status_code == 200
    result = app.test_cli_runner().invoke(args=["tracker", "remind", "--as-of", "9999-12-31"])
    assert result.exit_code == 1 and "Ngày xét" in result.output


# -- item 7: no inactive unit on open work ----------------------------------------------------


@pytest.fixture
def closed(world):
    unit = world.units["b"]
    unit.active = False
    db.session.commit()
    return unit


@pytest.mark.parametrize(("field", "value"), [("lead_unit", "B"), ("support_units", ["B"])])
def test_the_api_refuses_an_inactive_unit_on_an_open_task(task, api_as, closed, field, value):
    director = api_as("director")
    version = director.get(f"/tasks/{task.id}").get_json()["version"]
    answer = director.patch(f"/tasks/{task.id}", json={"version": version, field: value})
    assert answer.status_code == 422, answer.get_json()
    error = answer.get_json()["error"]
    assert list(error["fields"]) == [field] and "ngừng hoạt động" in error["message"]
    assert closed.name in error["message"]
    after = stored(task.id)
    assert after.lead_unit_id == task.lead_unit_id and after.support_units == []


def test_a_new_task_cannot_be_given_to_an_inactive_unit(world, api_as, closed):
    body = {"title": "Việc mới", "section": "I.1", "lead_unit": "B"}
    answer = api_as("director").post("/tasks", json=body)
    assert answer.status_code == 422 and "lead_unit" in answer.get_json()["error"]["fields"]
    director = world.users["director"]
    with pytest.raises(ValidationFailed, match="ngừng hoạt động") as refused:
        create_task(director, principal_for(director), body | {"support_units": []})
    assert refused.value.field == "lead_unit"


def test_a_finished_task_keeps_its_closed_unit_and_may_still_be_edited(world, api_as, closed):
    done = world.task(unit="b", status=Status.DONE, done=TODAY, result="Xong")
    director = api_as("director")
    version = director.get(f"/tasks/{done.id}").get_json()["version"]
    answer = director.patch(f"/tasks/{done.id}", json={"version": version, "product": "Báo cáo"})
    assert answer.status_code == 200, answer.get_json()


# -- item 10: one cleaning of text for forms and the API ---------------------------------------


def test_the_form_and_the_api_clean_a_title_alike(task, login_as, api_as, world):
    client = login_as("director")
    dirty = "Kiểm tra\x00 an toàn\r\nthông tin\x07"
    form = edit_form(world, title=dirty)
    response = submit(client, f"/tasks/{task.id}/edit", f"/tasks/{task.id}/edit", form)
    assert response.status_code in (302, 303), text(response)[:500]
    from_form = stored(task.id).title
    api = api_as("director")
    version = api.get(f"/tasks/{task.id}").get_json()["version"]
    body = {"version": version, "title": dirty + "\ud800"}
    answer = api.patch(f"/tasks/{task.id}", **raw_json(body))
    assert answer.status_code == 200, answer.get_json()
    assert from_form == stored(task.id).title == "Kiểm tra an toàn thông tin"


def test_multi_line_text_keeps_its_lines_but_not_its_control_characters(task, api_as):
    api = api_as("director")
    version = api.get(f"/tasks/{task.id}").get_json()["version"]
    body = {"version": version, "description": "Dòng một\r\n\tDòng\x00 hai\x1b\udfff"}
    answer = api.patch(f"/tasks/{task.id}", **raw_json(body))
    assert answer.status_code == 200, answer.get_json()
    assert stored(task.id).description == "Dòng một\r\n\tDòng hai"


def test_a_lone_surrogate_in_a_new_title_is_no_server_error(world, api_as):
    body = {"title": "\ud800", "section": "I.1", "lead_unit": "A"}
    director = api_as("director")
    answer = director.post("/tasks", **raw_json(body))
    assert answer.status_code == 422 and "title" in answer.get_json()["error"]["fields"]
    answer = director.post("/tasks", **raw_json(body | {"title": "Việc\ud800 mới"}))
    assert answer.status_code == 201 and answer.get_json()["title"] == "Việc mới"


# -- item 11: a deadline stored before the horizon existed -------------------------------------


def test_the_calendar_feed_survives_a_deadline_on_the_last_day_python_knows(world, client):
    staff = world.users["staff_a"]
    world.task(title="Hạn xa", assignee=staff, due=date.max)
    world.task(title="Hạn gần", assignee=staff, due=TODAY + timedelta(days=1))
    feed = client.get(f"/calendar/{staff.calendar_token}.ics")
    assert feed.status_code == 200
    body = feed.get_data(as_text=True)
    assert "DTSTART;VALUE=DATE:99991231" in body and "Hạn gần" in body
