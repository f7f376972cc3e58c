"""The period report through the API: CONTRACT's JSON, and the same report as Excel and Word."""

from __future__ import annotations

from datetime import date

import pytest
from api_support import api_factory
from report_readback import docx_items, expected_xlsx, json_items, xlsx_items

from tracker.common.access import principal_for
from tracker.domain.periods import parse_period
from tracker.domain.timeliness import Status
from tracker.reports.build import build_period_report

REPORT_KEYS = {"period", "label", "as_of", "next_period", "next_label", "sections",
               "unfinished", "plan", "units", "texts"}  # fmt: skip
ACHIEVEMENT_KEYS = {"task_id", "title", "result", "unit", "completed_on", "timeliness"}
UNFINISHED_KEYS = {"task_id", "title", "unit", "due_date", "days_overdue"}
# CONTRACT's keys, and the item's own wording (kept from an imported report).
PLAN_KEYS = {"no", "task_id", "title", "lead_unit", "support_units", "product", "due_date",
             "carried_over", "wording"}  # fmt: skip
# CONTRACT's keys, and the work awaiting confirmation (its own column, never "done").
UNIT_KEYS = {"unit", "assigned", "done_on_time", "done_late", "unfinished_on_time", "overdue",
             "pending", "on_time_rate"}  # fmt: skip
TEXT_KEYS = {"introduction", "assessment", "difficulties", "proposals", "signer_title",
             "signer_name", "recipients"}  # fmt: skip


@pytest.fixture
def api_as(client, world):
    return api_factory(client, world)


@pytest.fixture
def quarter(world):
    """2020-Q3 in A and B: one done on time, one done late, one overdue, one planned next."""
    world.task(
        title="Cấp phép bưu chính",
        status=Status.DONE,
        due=date(2020, 8, 31),
        done=date(2020, 8, 20),
        result="Đã cấp 3 giấy phép",
    )
    world.task(
        unit="b",
        section="I.2",
        title="Kiểm tra viễn thông",
        status=Status.DONE,
        due=date(2020, 7, 15),
        done=date(2020, 7, 20),
        result="Đã kiểm tra 5 doanh nghiệp",
    )
    world.task(title="Số hóa hồ sơ", due=date(2020, 9, 10))
    world.task(unit="b", title="Tổng kết năm", due=date(2020, 12, 15))
    return parse_period("2020-Q3")


def test_the_report_json_has_contracts_shape(quarter, api_as):
    response = api_as("director").get("/reports/2020-Q3")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) >= REPORT_KEYS
    assert (body["period"], body["label"], body["as_of"]) == ("2020-Q3", "Quý III năm 2020",
                                                              "2020-09-30")  # fmt: skip
    assert (body["next_period"], body["next_label"]) == ("2020-Q4", "Quý IV năm 2020")
    section = body["sections"][0]
    assert set(section) == {"code", "title", "achievements", "figures", "sections"}
    children = {child["code"]: child for child in section["sections"]}
    achievement = children["I.1"]["achievements"][0]
    assert set(achievement) == ACHIEVEMENT_KEYS
    assert achievement["result"] == "Đã cấp 3 giấy phép"
    assert (achievement["completed_on"], achievement["timeliness"]) == ("2020-08-20",
                                                                        "done_on_time")  # fmt: skip
    assert children["I.2"]["achievements"][0]["timeliness"] == "done_late"
    assert [set(u) for u in body["unfinished"]] == [UNFINISHED_KEYS]
    assert body["unfinished"][0]["title"] == "Số hóa hồ sơ"
    assert body["unfinished"][0]["days_overdue"] == 20
    assert all(set(p) == PLAN_KEYS for p in body["plan"])
    assert {p["title"] for p in body["plan"]} == {"Tổng kết năm", "Số hóa hồ sơ"}
    assert all(set(u) == UNIT_KEYS for u in body["units"])
    assert set(body["texts"]) == TEXT_KEYS


def test_the_json_is_the_report_object(quarter, api_as, world):
    body = api_as("head_b").get("/reports/2020-Q3").get_json()
    report = build_period_report(principal_for(world.users["head_b"]), quarter).to_dict()
    body.pop("generated_at"), report.pop("generated_at")
    assert body == report
    assert [u["unit"] for u in body["units"]] == ["Phòng B"]  # a head sees their unit's tasks


@pytest.mark.parametrize("spec", ["2020-Q5", "20-Q1", "2020-13", "hello", "2020-Q5.xlsx"])
def test_a_bad_period_is_400_with_the_parsers_message(world, api_as, spec):
    response = api_as("viewer").get(f"/reports/{spec}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "bad_request" and "period" in error["fields"]
    assert "không hợp lệ" in error["message"]


@pytest.mark.parametrize("spec", ["1900-Q1", "1900", "2100-Q4", "2100-9M"])
def test_the_first_and_last_periods_have_a_report(world, api_as, spec):
    """The report compares with the period before and plans the one after, even at the edges."""
    response = api_as("viewer").get(f"/reports/{spec}")
    assert response.status_code == 200
    assert response.get_json()["period"] == spec


def test_an_unknown_format_is_not_found(world, api_as):
    response = api_as("viewer").get("/reports/2020-Q3.pdf")
    assert response.status_code == 404
    assert ".pdf" in response.get_json()["error"]["message"]


def test_the_excel_download_holds_the_same_report(quarter, api_as):
    api = api_as("director")
    body = api.get("/reports/2020-Q3").get_json()
    response = api.get("/reports/2020-q3.xlsx")
    assert response.status_code == 200
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="bao-cao-2020-Q3.xlsx"'
    )
    assert xlsx_items(response.data) == expected_xlsx(json_items(body))


def test_the_word_download_holds_the_same_report(quarter, api_as):
    api = api_as("director")
    body = api.get("/reports/2020-Q3").get_json()
    response = api.get("/reports/2020-Q3.docx")
    assert response.status_code == 200
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="bao-cao-2020-Q3.docx"'
    )
    items = docx_items(response.data)
    assert [row[0] for row in items["unfinished"]] == [u["title"] for u in body["unfinished"]]
    assert [no for no, _ in items["plan"]] == [p["no"] for p in body["plan"]]
