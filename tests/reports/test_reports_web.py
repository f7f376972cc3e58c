"""The report page: structure on the demo data, the picker, the director's texts, downloads."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from report_readback import page_items
from sqlalchemy import func, select

from tracker.common import clock
from tracker.common.access import system_principal
from tracker.demo.data import DEMO_PASSWORD, SECTIONS
from tracker.demo.loader import load_demo
from tracker.domain.periods import Kind, parse_period, period_containing
from tracker.models import ReportText, Task
from tracker.reports.build import build_period_report

CURRENT = period_containing(clock.today(), Kind.QUARTER)
SECTION_RANK = {code: i for i, (code, _) in enumerate(SECTIONS)}


@pytest.fixture
def demo(db):
    load_demo()
    db.session.commit()


@pytest.fixture
def director(client, demo):
    client.login("giamdoc", DEMO_PASSWORD)
    return client


def quarters_back(k: int):
    period = CURRENT
    for _ in range(k):
        period = period.previous()
    return period


def page(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return page_items(response.get_data(as_text=True))


@pytest.mark.parametrize("k", [1, 2, 3])
def test_each_done_task_of_the_past_quarters_is_listed_under_its_section(director, db, k):
    period = quarters_back(k)
    done = db.session.scalars(
        select(Task).where(
            Task.status.in_(["done", "submitted"]),
            Task.completed_on.between(period.start, period.end),
        )
    ).all()
    assert done, "the demo has results in each of the last three quarters"
    shown = page(director, f"/reports/{period.code}")
    assert dict(shown["achievements"]) == {t.id: t.section.code for t in done}
    # Headings come in the order of the section tree, and each item sits under its own.
    assert shown["headings"] == sorted(shown["headings"], key=SECTION_RANK.get)
    for task in done:
        assert task.section.code in shown["headings"]
        first_line = task.result.splitlines()[0].strip()
        assert first_line in shown["text"]


def test_the_previous_quarters_report_plans_this_quarters_tasks(director, db):
    planned = set(
        db.session.scalars(
            select(Task.id).where(Task.planned_period == CURRENT.code, Task.status != "cancelled")
        )
    )
    assert planned
    shown = page(director, f"/reports/{quarters_back(1).code}")
    ids = [task_id for _, task_id, _ in shown["plan"]]
    assert planned <= set(ids)
    assert [no for no, _, _ in shown["plan"]] == list(range(1, len(ids) + 1))


def test_the_current_quarters_report_plans_next_quarters_tasks_and_carries_the_rest(director, db):
    upcoming = set(
        db.session.scalars(select(Task.id).where(Task.planned_period == CURRENT.next().code))
    )
    shown = page(director, f"/reports/{CURRENT.code}")
    fresh = {task_id for _, task_id, carried in shown["plan"] if not carried}
    carried = [task_id for _, task_id, carried in shown["plan"] if carried]
    assert upcoming and upcoming <= fresh
    assert carried == shown["unfinished"]  # what is left undone is carried, never dropped


def test_index_goes_to_the_current_quarter_and_the_picker_to_its_choice(login_as):
    director = login_as("viewer")
    assert director.get("/reports/").headers["Location"].endswith(f"/reports/{CURRENT.code}")
    for part, code in (("9M", "2020-9M"), ("H2", "2020-H2"), ("Q1", "2020-Q1"), ("Y", "2020")):
        response = director.get(f"/reports/?year=2020&part={part}")
        assert response.headers["Location"].endswith(f"/reports/{code}")


def test_the_page_reads_like_the_official_document(director):
    period = parse_period("2020-9M")
    html = director.get(f"/reports/{period.code}").get_data(as_text=True)
    for text in (
        "UBND TỈNH TRÀ VINH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Kết quả thực hiện nhiệm vụ 9 tháng đầu năm",
        "và phương hướng, nhiệm vụ quý IV năm 2020",
        "ĐÁNH GIÁ CHUNG",
        "PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2020",
        "Nơi nhận:",
        "KT. GIÁM ĐỐC",
        "9 tháng đầu năm 2019",  # the statistics' previous period, beside this one
        "/reports/2020-9M/download/xlsx",
        "/reports/2020-9M/download/docx",
    ):
        assert text in html, text


@pytest.mark.parametrize("code", ["2026-Q5", "2026-13", "tuan-1", "99999"])
def test_a_bad_period_is_a_404_naming_the_problem(login_as, code):
    director = login_as("director")
    response = director.get(f"/reports/{code}")
    assert response.status_code == 404
    assert "không hợp lệ" in response.get_data(as_text=True) or "nằm ngoài" in response.get_data(
        as_text=True
    )
    assert director.get(f"/reports/{code}/download/xlsx").status_code == 404


@pytest.mark.parametrize("code", ["1900-Q1", "2100-Q4", "2100-9M"])
def test_the_first_and_last_periods_have_a_page(login_as, code):
    """Their report compares with the period before and plans the one after: no server error."""
    assert login_as("director").get(f"/reports/{code}").status_code == 200


def test_downloads_are_the_reports_files(director):
    response = director.get(f"/reports/{CURRENT.code}/download/xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert f"bao-cao-{CURRENT.code}.xlsx" in response.headers["Content-Disposition"]
    assert openpyxl.load_workbook(io.BytesIO(response.data)).sheetnames[1] == "Kết quả"
    word = director.get(f"/reports/{CURRENT.code}/download/docx")
    assert word.mimetype.endswith("wordprocessingml.document") and word.data[:2] == b"PK"
    assert director.get(f"/reports/{CURRENT.code}/download/pdf").status_code == 404


# -- the director's texts -----------------------------------------------------------------

TEXTS = {
    "number": "125/BC-STTTT",
    "introduction": "Sở báo cáo như sau:",
    "assessment": "- Hoàn thành tốt các nhiệm vụ theo Quyết định 135/QĐ-TTg ngày 20/01/2020.",
    "difficulties": "Thiếu nhân lực.",
    "proposals": "Bổ sung biên chế.",
    "signer_title": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    "signer_name": "Nguyễn Văn Này",
    "recipients": "Bộ TT&TT (b/c);\nLưu: VT.",
}


def test_a_director_saves_the_texts_and_the_report_carries_them(login_as, db):
    client = login_as("director")
    url = "/reports/2026-Q3"
    page_before = client.get(url).get_data(as_text=True)
    assert "Đang dùng nội dung mặc định" in page_before and "Lưu: VT." in page_before
    response = client.post_form(f"{url}/texts", TEXTS, token_from=url)
    assert response.status_code == 303
    html = client.get(url).get_data(as_text=True)
    assert "Quyết định 135/QĐ-TTg ngày 20/01/2020" in html and "Số: 125/BC-STTTT" in html
    assert "Khó khăn, vướng mắc" in html and "Bổ sung biên chế." in html
    assert "Đang dùng nội dung mặc định" not in html
    texts = build_period_report(system_principal(), parse_period("2026-Q3")).texts
    assert texts.signer_name == "Nguyễn Văn Này" and texts.number == "125/BC-STTTT"
    assert texts.recipients == "Bộ TT&TT (b/c);\nLưu: VT."


def test_texts_too_long_are_refused_naming_the_field(login_as, db):
    client = login_as("director")
    url = "/reports/2026-Q3"
    response = client.post_form(f"{url}/texts", TEXTS | {"number": "9" * 61}, token_from=url)
    assert response.status_code == 422
    assert "Số báo cáo dài quá 60 ký tự." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ReportText)) == 0


@pytest.mark.parametrize("who", ["head_a", "staff_a", "viewer"])
def test_only_leaders_edit_the_texts(login_as, db, who):
    client = login_as(who)
    url = "/reports/2026-Q3"
    assert 'action="/reports/2026-Q3/texts"' not in client.get(url).get_data(as_text=True)
    response = client.post_form(f"{url}/texts", TEXTS, token_from=url)
    assert response.status_code == 403
    assert db.session.scalar(select(func.count()).select_from(ReportText)) == 0


def test_each_reader_sees_the_report_of_what_they_may_see(login_as, world):
    period = parse_period("2026-Q3")
    due, done = date(2026, 8, 1), date(2026, 7, 20)
    in_a = world.task(unit="a1", title="Việc của tổ A1", status="done", due=due, done=done)
    in_b = world.task(
        unit="b", section="I.2", title="Việc của B", status="done", due=due, done=done
    )
    seen = {}
    for who in ("director", "head_a", "viewer_b"):
        client = login_as(who)
        seen[who] = {
            task_id for task_id, _ in page(client, f"/reports/{period.code}")["achievements"]
        }
        client.logout()
    assert seen == {"director": {in_a.id, in_b.id}, "head_a": {in_a.id}, "viewer_b": {in_b.id}}


def test_the_report_page_needs_a_login(client, world):
    response = client.get("/reports/2026-Q3")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
