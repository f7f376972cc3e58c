"""Issuing a report (chốt và phát hành) through the API and the pages: what it refuses, what
it freezes, and what the live report says has changed since."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date, timedelta

import docx
import lxml.html
import openpyxl
import pytest
from api_support import api_factory
from sqlalchemy import func, select

from tracker.common import clock
from tracker.domain.periods import Kind, period_containing
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import IssuedReport
from tracker.org.settings import set_setting

TODAY = clock.today()
LAST = period_containing(TODAY, Kind.QUARTER).previous()  # its cut-off has passed
CURRENT = LAST.next()


def day(offset: int) -> date:
    """A day of last quarter, counted from its first."""
    return LAST.start + timedelta(days=offset)


def body(number="45/BC-D", on=None, **kw) -> dict:
    return {
        "number": number,
        "date": (on or TODAY).isoformat(),
        "signer_name": "Nguyễn Văn Này",
        "signer_title": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        "recipients": ["UBND tỉnh (b/c);", "Lưu: VT."],
    } | kw


@pytest.fixture
def api_as(client, world):
    return api_factory(client, world)


@pytest.fixture
def quarter(world):
    """Last quarter: work confirmed, work awaiting confirmation (twice), overdue work, and
    next quarter's plan with a supporting unit and a product."""
    tasks = {
        "done": world.task(
            title="Cấp phép bưu chính", status=Status.DONE, due=day(60), done=day(40),
            confirmed_on=day(41), submitted_on=day(40), result="Đã cấp 3 giấy phép",
        ),
        "pending": world.task(
            title="Số hóa hồ sơ lưu trữ", status=Status.SUBMITTED, due=day(85), done=day(80),
            submitted_on=day(81), result="Đã số hóa 1.200 hồ sơ",
        ),
        "pending2": world.task(
            unit="b", section="I.2", title="Kiểm tra đại lý", status=Status.SUBMITTED,
            due=day(85), done=day(82), submitted_on=day(83), result="Đã kiểm tra",
        ),
        "late": world.task(unit="b", section="I.2", title="Rà soát trạm BTS", due=day(70)),
        "plan": world.task(
            title="Tập huấn an toàn thông tin", due=CURRENT.end, planned=CURRENT.code,
            support=[world.units["b"]], product="03 lớp tập huấn",
        ),
    }  # fmt: skip
    return tasks


def issued_count() -> int:
    return db.session.scalar(select(func.count()).select_from(IssuedReport))


def achievement_ids(report: dict) -> list[int]:
    found, stack = [], list(report["sections"])
    while stack:
        section = stack.pop(0)
        found += [a["task_id"] for a in section["achievements"]]
        stack = section["sections"] + stack
    return found


def files_of(api, issued_id: int) -> dict[str, bytes]:
    base = f"/issued-reports/{issued_id}"
    answers = {"json": api.get(base), "docx": api.get(f"{base}.docx")}
    answers["xlsx"] = api.get(f"{base}.xlsx")
    assert all(r.status_code == 200 for r in answers.values())
    return {kind: r.data for kind, r in answers.items()}


# -- confirmed work only -------------------------------------------------------------------


def test_work_awaiting_confirmation_is_no_achievement_until_confirmed(quarter, api_as):
    director = api_as("director")
    report = director.get(f"/reports/{LAST.code}").get_json()
    pending = quarter["pending"]
    assert [p["task_id"] for p in report["pending_confirmation"]] == [
        pending.id,
        quarter["pending2"].id,
    ]
    assert report["pending_confirmation"][0]["submitted_on"] == day(81).isoformat()
    assert achievement_ids(report) == [quarter["done"].id]
    units = {u["unit"]: u for u in report["units"]}
    assert (units["Phòng A"]["pending"], units["Phòng A"]["done_on_time"]) == (1, 1)

    version = director.get(f"/tasks/{pending.id}").get_json()["version"]
    confirmed = director.post(f"/tasks/{pending.id}/confirm", json={"version": version})
    assert confirmed.status_code == 200, confirmed.get_json()
    assert confirmed.get_json()["confirmed_on"] == TODAY.isoformat()
    report = director.get(f"/reports/{LAST.code}").get_json()
    assert pending.id in achievement_ids(report)
    assert [p["task_id"] for p in report["pending_confirmation"]] == [quarter["pending2"].id]


def test_the_page_lists_pending_work_apart_with_a_link_to_confirm_it(quarter, login_as):
    page = login_as("director").get(f"/reports/{LAST.code}").get_data(as_text=True)
    tree = lxml.html.fromstring(page)
    block = tree.get_element_by_id("pending-confirmation")
    assert "Chờ xác nhận hoàn thành" in block.text_content()
    links = block.xpath(".//a/@href")
    assert f"/tasks/{quarter['pending'].id}" in " ".join(links)
    achievements = [int(el.get("data-task")) for el in tree.find_class("doc-item")]
    assert achievements == [quarter["done"].id]


# -- issuing and its refusals --------------------------------------------------------------


def test_issuing_freezes_the_files_and_the_live_report_lists_what_changed(
    quarter, api_as, login_as, world
):
    director, head_a = api_as("director"), api_as("head_a")
    answer = director.post(f"/reports/{LAST.code}/issue", json=body())
    assert answer.status_code == 201, answer.get_json()
    issued = answer.get_json()
    assert (issued["number"], issued["version"], issued["as_of"]) == (
        "45/BC-D",
        1,
        LAST.end.isoformat(),
    )
    first = files_of(director, issued["id"])
    row = db.session.get(IssuedReport, issued["id"])
    assert hashlib.sha256(first["docx"]).hexdigest() == row.docx_sha256
    assert hashlib.sha256(first["xlsx"]).hexdigest() == row.xlsx_sha256
    frozen = json.loads(first["json"])
    assert frozen["issue"]["number"] == "45/BC-D" and frozen["id"] == issued["id"]

    # Confirm one, return the other, extend the overdue one, add a task to the quarter.
    pending, pending2, late = quarter["pending"], quarter["pending2"], quarter["late"]
    version = director.get(f"/tasks/{pending.id}").get_json()["version"]
    assert (
        director.post(f"/tasks/{pending.id}/confirm", json={"version": version}).status_code == 200
    )
    version = director.get(f"/tasks/{pending2.id}").get_json()["version"]
    returned = director.post(
        f"/tasks/{pending2.id}/return", json={"version": version, "reason": "Thiếu biên bản"}
    )
    assert returned.status_code == 200, returned.get_json()
    new_due = (TODAY + timedelta(days=40)).isoformat()
    asked = api_as("head_b").post(
        f"/tasks/{late.id}/extensions", json={"due_date": new_due, "reason": "Chờ doanh nghiệp"}
    )
    assert asked.status_code == 201, asked.get_json()
    decided = director.post(
        f"/extensions/{asked.get_json()['id']}/decision", json={"approve": True}
    )
    assert decided.status_code == 200, decided.get_json()
    added = world.task(title="Việc bổ sung của quý", due=day(75))

    again = files_of(director, issued["id"])
    assert again == first  # byte for byte, the JSON too
    assert files_of(head_a, issued["id"]) == first  # the department's report goes to all

    page = login_as("director").get(f"/reports/{LAST.code}").get_data(as_text=True)
    changes = {
        (el.get("data-change"), int(el.get("data-task")))
        for el in lxml.html.fromstring(page).find_class("changes-list")[0].iter("li")
    }
    assert changes == {
        ("confirmed", pending.id),
        ("returned", pending2.id),
        ("rescheduled", late.id),
        ("added", added.id),
    }
    assert "Báo cáo số 45/BC-D" in page


def test_a_number_used_this_year_is_409_and_nothing_is_stored(quarter, api_as):
    director = api_as("director")
    assert director.post(f"/reports/{LAST.code}/issue", json=body()).status_code == 201
    for number in ("45/BC-D", "45/bc-d", " 45 /BC-D"):
        answer = director.post(f"/reports/{LAST.previous().code}/issue", json=body(number))
        assert answer.status_code == 409, number
        assert "đã dùng" in answer.get_json()["error"]["message"]
    assert issued_count() == 1


@pytest.mark.parametrize(
    ("period", "on", "why"),
    [
        (CURRENT, TODAY, "Chưa hết thời gian chốt số liệu"),
        (LAST, LAST.end - timedelta(days=1), "Ngày ban hành phải từ ngày chốt số liệu"),
        (LAST, TODAY + timedelta(days=1), "Ngày ban hành phải từ ngày chốt số liệu"),
    ],
)
def test_before_the_cut_off_or_outside_it_is_422_and_nothing_is_stored(
    quarter, api_as, period, on, why
):
    answer = api_as("director").post(f"/reports/{period.code}/issue", json=body(on=on))
    assert answer.status_code == 422
    error = answer.get_json()["error"]
    assert why in error["message"] and "date" in error["fields"]
    assert issued_count() == 0


@pytest.mark.parametrize(
    ("who", "unit"), [("viewer", None), ("head_b", None), ("head_a", "B"), ("head_a", "A")]
)
def test_a_viewer_or_a_head_may_not_issue_and_nothing_is_stored(quarter, api_as, who, unit):
    payload = body() | ({"unit": unit} if unit else {})
    answer = api_as(who).post(f"/reports/{LAST.code}/issue", json=payload)
    assert answer.status_code == 403
    assert issued_count() == 0


def test_bad_signatures_and_numbers_name_their_field(quarter, api_as):
    director = api_as("director")
    cases = {
        "number": body("không số"),
        "signer_title": body(signer_title="KT. GIÁM ĐỐC"),  # signing for someone: say who signs
        "signer_name": body(signer_name=" "),
        "recipients": body(recipients=[]),
    }
    for name, payload in cases.items():
        answer = director.post(f"/reports/{LAST.code}/issue", json=payload)
        assert answer.status_code == 422, name
        assert name in answer.get_json()["error"]["fields"], name
    assert issued_count() == 0


def test_a_new_issue_is_a_new_version_that_names_the_one_it_replaces(quarter, api_as):
    director = api_as("director")
    first = director.post(f"/reports/{LAST.code}/issue", json=body()).get_json()
    old = files_of(director, first["id"])
    second = director.post(f"/reports/{LAST.code}/issue", json=body("52/BC-D")).get_json()
    assert (second["version"], second["replaces"]) == (2, first["id"])
    listed = director.get(f"/reports/{LAST.code}/issued").get_json()["items"]
    assert [i["id"] for i in listed] == [second["id"], first["id"]]
    assert files_of(director, first["id"]) == old
    text = "\n".join(
        p.text
        for p in docx.Document(io.BytesIO(files_of(director, second["id"])["docx"])).paragraphs
    )
    assert f"(Thay thế Báo cáo số 45/BC-D ngày {TODAY:%d/%m/%Y})" in text


# -- what the issued files say -------------------------------------------------------------


def test_the_issued_files_sign_number_and_caption_the_report(quarter, api_as):
    director = api_as("director")
    issued = director.post(f"/reports/{LAST.code}/issue", json=body()).get_json()
    files = files_of(director, issued["id"])
    document = docx.Document(io.BytesIO(files["docx"]))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    signature = document.tables[-1].rows[0].cells[1].text
    assert signature.split("\n") == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Này"]
    assert any(c.startswith("Số: 45/BC-D") for c in cells)
    overdue = [t for t in document.tables if t.rows[0].cells[-1].text == "Quá hạn (ngày)"]
    days = [int(row.cells[-1].text) for t in overdue for row in t.rows[1:]]
    assert days and min(days) >= 1
    text = "\n".join(p.text for p in document.paragraphs)
    assert "03 lớp tập huấn" in text and "Phòng B phối hợp" in text

    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    assert "Chờ xác nhận" not in book.sheetnames  # an issued report lists no pending work
    caption = book["Kết quả"]["A3"].value
    assert (
        caption
        == f"(Kèm theo Báo cáo số 45/BC-D ngày {TODAY:%d/%m/%Y} của Sở Thông tin và Truyền thông)"
    )
    plan = [[c.value for c in row] for row in book["Kế hoạch kỳ tới"].iter_rows()]
    assert any("Phòng B" in row and "03 lớp tập huấn" in row for row in plan)


def test_the_decree_09_window_is_a_setting_the_report_follows(quarter, api_as):
    set_setting("report_window", "decree_09")
    db.session.commit()
    report = api_as("viewer").get(f"/reports/{LAST.code}").get_json()
    start = date(LAST.start.year - (LAST.start.month == 1), (LAST.start.month - 2) % 12 + 1, 15)
    end = date(LAST.end.year, LAST.end.month, 14)
    assert report["window"] == {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "rule": "decree_09",
    }
    assert report["as_of"] == end.isoformat()
    # the pending work (handed in after the 14th) now falls outside the window
    assert report["pending_confirmation"] == []


def test_an_issued_report_cannot_be_changed_in_the_database(quarter, api_as):
    issued = api_as("director").post(f"/reports/{LAST.code}/issue", json=body()).get_json()
    row = db.session.get(IssuedReport, issued["id"])
    row.signer_name = "Người khác"
    with pytest.raises(ValueError, match="never changes"):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(IssuedReport, issued["id"]).signer_name == "Nguyễn Văn Này"


def test_a_backdated_issue_counts_only_what_was_confirmed_by_its_date(quarter, api_as):
    director = api_as("director")
    pending = quarter["pending"]
    version = director.get(f"/tasks/{pending.id}").get_json()["version"]
    director.post(f"/tasks/{pending.id}/confirm", json={"version": version})  # confirmed today
    on = LAST.end + timedelta(days=1)  # issued, on paper, the day after the cut-off
    issued = director.post(f"/reports/{LAST.code}/issue", json=body(on=on)).get_json()
    frozen = director.get(f"/issued-reports/{issued['id']}").get_json()
    assert pending.id not in achievement_ids(frozen)
    assert pending.id in [p["task_id"] for p in frozen["pending_confirmation"]]
    units = {u["unit"]: u for u in frozen["units"]}
    assert (units["Phòng A"]["pending"], units["Phòng A"]["done_on_time"]) == (1, 1)
    # one signature: the texts say what the stamp says
    assert frozen["texts"]["signer_name"] == frozen["issue"]["signer_name"] == "Nguyễn Văn Này"
    assert frozen["texts"]["recipients"] == "UBND tỉnh (b/c);\nLưu: VT."


def test_an_overlong_signature_is_422_on_its_field(quarter, api_as):
    long_title = "KT. GIÁM ĐỐC\n" + "PHÓ GIÁM ĐỐC PHỤ TRÁCH " * 7
    answer = api_as("director").post(
        f"/reports/{LAST.code}/issue", json=body(signer_title=long_title)
    )
    assert answer.status_code == 422 and "signer_title" in answer.get_json()["error"]["fields"]
    long_number = body("45/" + "BC-" * 25)
    answer = api_as("director").post(f"/reports/{LAST.code}/issue", json=long_number)
    assert answer.status_code == 422 and "number" in answer.get_json()["error"]["fields"]
    assert issued_count() == 0


def test_with_decree_09_work_due_after_the_cut_off_goes_to_the_next_plan(world, api_as):
    set_setting("report_window", "decree_09")
    db.session.commit()
    after_cut_off = date(LAST.end.year, LAST.end.month, 25)
    late = world.task(title="Hoàn thành trước ngày 25", due=after_cut_off, planned=LAST.code)
    report = api_as("director").get(f"/reports/{LAST.code}").get_json()
    assert late.id not in [u["task_id"] for u in report["unfinished"]]  # not due by the 14th
    plan = {p["task_id"]: p for p in report["plan"]}
    assert late.id in plan and not plan[late.id]["carried_over"]
