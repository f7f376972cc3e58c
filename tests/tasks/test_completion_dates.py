"""The three dates of finished work: completed (as the unit says), handed in, confirmed; and
how far back the unit may date its completion (CONTRACT.md, domain/completion.py)."""

from __future__ import annotations

from datetime import date, timedelta

import lxml.html
import pytest
from api_support import api_factory

from tracker.common import clock
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.org.settings import set_setting

TODAY = clock.today()


@pytest.fixture
def api_as(client, world):
    return api_factory(client, world)


@pytest.fixture
def task(world):
    """Division A's task, started 100 days ago, 20 days overdue."""
    return world.task(
        title="Báo cáo số liệu viễn thông",
        assignee=world.users["staff_a"],
        start_date=TODAY - timedelta(days=100),
        due=TODAY - timedelta(days=20),
    )


def finish(api, task, completed_on: date | str | None, **extra):
    version = api.get(f"/tasks/{task.id}").get_json()["version"]
    body = {"version": version, "status": "submitted", "result": "Đã gửi báo cáo"} | extra
    if completed_on is not None:
        body["completed_on"] = str(completed_on)
    return api.patch(f"/tasks/{task.id}", json=body)


def test_handing_in_records_the_day_and_dates_the_completion_today_by_default(task, api_as):
    answer = finish(api_as("staff_a"), task, None)
    assert answer.status_code == 200, answer.get_json()
    data = answer.get_json()
    assert (data["completed_on"], data["submitted_on"], data["confirmed_on"]) == (
        TODAY.isoformat(),
        TODAY.isoformat(),
        None,
    )
    assert data["timeliness"] == "done_late"


@pytest.mark.parametrize("who", ["staff_a", "director"])
def test_a_date_before_the_start_is_422_on_the_field_for_everyone(task, api_as, who):
    answer = finish(api_as(who), task, "1900-01-01")
    assert answer.status_code == 422
    error = answer.get_json()["error"]
    assert list(error["fields"]) == ["completed_on"]
    assert "trước ngày bắt đầu" in error["fields"]["completed_on"]
    assert api_as("director").get(f"/tasks/{task.id}").get_json()["status"] == "in_progress"


def test_a_unit_may_date_back_thirty_days_and_no_further(task, api_as):
    staff = api_as("staff_a")
    refused = finish(staff, task, TODAY - timedelta(days=31))
    assert refused.status_code == 422
    assert "tối đa 30 ngày" in refused.get_json()["error"]["fields"]["completed_on"]
    accepted = finish(staff, task, TODAY - timedelta(days=30))
    assert accepted.status_code == 200
    # on time by the date the unit gives: it says so, and the director sees both dates
    assert accepted.get_json()["timeliness"] == "done_on_time"


def test_the_window_is_a_setting(task, api_as):
    set_setting("completion_backdate_days", "5")
    db.session.commit()
    answer = finish(api_as("staff_a"), task, TODAY - timedelta(days=6))
    assert "tối đa 5 ngày" in answer.get_json()["error"]["fields"]["completed_on"]


def test_a_director_may_date_further_back_within_the_start(task, api_as):
    answer = finish(api_as("director"), task, TODAY - timedelta(days=90), status="done")
    assert answer.status_code == 200, answer.get_json()
    data = answer.get_json()
    assert data["completed_on"] == (TODAY - timedelta(days=90)).isoformat()
    assert data["confirmed_on"] == TODAY.isoformat()


def test_the_future_is_refused(task, api_as):
    answer = finish(api_as("staff_a"), task, TODAY + timedelta(days=1))
    assert answer.status_code == 422 and "completed_on" in answer.get_json()["error"]["fields"]


def test_the_confirm_page_shows_the_claimed_and_the_handed_in_dates(world, login_as):
    claimed, handed_in = TODAY - timedelta(days=12), TODAY - timedelta(days=2)
    submitted = world.task(
        title="Tổng hợp số liệu", status=Status.SUBMITTED, due=TODAY - timedelta(days=5),
        done=claimed, submitted_on=handed_in, result="Đã tổng hợp",
    )  # fmt: skip
    page = login_as("director").get(f"/tasks/{submitted.id}").get_data(as_text=True)
    panel = lxml.html.fromstring(page).get_element_by_id("confirm-panel").text_content()
    assert f"{claimed:%d/%m/%Y}" in panel and f"{handed_in:%d/%m/%Y}" in panel
    assert "khai sớm hơn ngày gửi 10 ngày" in " ".join(panel.split())


def test_returning_clears_the_dates_and_confirming_sets_its_own(world, api_as):
    submitted = world.task(
        title="Kiểm tra", status=Status.SUBMITTED, done=TODAY - timedelta(days=3),
        submitted_on=TODAY - timedelta(days=2), result="Xong",
    )  # fmt: skip
    director = api_as("director")
    version = director.get(f"/tasks/{submitted.id}").get_json()["version"]
    back = director.post(
        f"/tasks/{submitted.id}/return", json={"version": version, "reason": "Thiếu số liệu"}
    ).get_json()
    assert (back["status"], back["completed_on"], back["submitted_on"]) == (
        "in_progress",
        None,
        None,
    )
