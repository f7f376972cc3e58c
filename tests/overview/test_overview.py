"""The director's overview: its figures by hand, its lists, periods, permissions, cost."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import make_task, make_unit
from overview_support import KINDS, build_scene, figure, link, number, overview_url, page, row

from tracker.domain.periods import Kind, period_containing
from tracker.extensions import db
from tracker.overview.build import describe_update
from tracker.tasks.history import record


@pytest.fixture
def scene(world):
    return build_scene(world)


# -- figures --------------------------------------------------------------------------------


def test_figures_of_a_past_quarter_equal_the_hand_count(scene, login_as):
    w, p, _, _ = scene
    doc = page(login_as("director"), overview_url(p))
    expected = {
        "done_on_time": 2,
        "done_no_deadline": 1,
        "done_late": 1,
        "overdue": 4,
        "due_soon": 1,
        "on_track": 0,
        "no_deadline": 1,
        "cancelled": 1,
    }
    assert {k: figure(doc, k) for k in KINDS} == expected
    assert figure(doc, "matrix-done_on_time") == 3  # with the one that had no deadline
    assert figure(doc, "matrix-done_late") == 1
    assert figure(doc, "matrix-unfinished_on_time") == 2
    assert figure(doc, "matrix-overdue") == 4
    assert figure(doc, "kpi-assigned") == 10  # cancelled tasks are not counted
    assert f"số liệu tính đến ngày {p.end:%d/%m/%Y}" in doc.text_content()


def test_unit_table_rolls_children_up_and_compares_with_the_previous_period(scene, login_as):
    w, p, pp, _ = scene
    doc = page(login_as("director"), overview_url(p))
    codes = [tr.get("data-unit") for tr in doc.xpath("//table[@id='unit-table']//tr[@data-unit]")]
    assert codes == ["A", "B", "D:own", "total"]

    def line(code, prefix="col-"):
        columns = ["assigned", "done_on_time", "done_late", "unfinished_on_time", "overdue"]
        return [figure(doc, prefix + c, row(code)) for c in columns]

    assert line("A") == [6, 1, 1, 0, 4]  # Phòng A with Tổ A1
    assert line("B") == [3, 1, 0, 2, 0]
    assert line("D:own") == [1, 1, 0, 0, 0]
    assert line("total") == [10, 3, 1, 2, 4]
    assert line("A", "prev-") == [2, 0, 1, 0, 1]
    assert line("B", "prev-") == [1, 1, 0, 0, 0]
    assert line("total", "prev-") == [3, 1, 1, 0, 1]
    a_rates = doc.xpath(row("A") + "/td[last()]")[0].text_content().split()
    assert a_rates[:2] == ["16,7", "%"]  # 1 on time of 6 decided
    assert "0,0 %" in doc.xpath(row("A") + "/td[last()]")[0].text_content()
    total = doc.xpath(row("total"))[0].text_content()
    assert "37,5 %" in total and "33,3 %" in total
    # Overdue went from 1 to 4; the on-time rate rose by 4,2 points.
    assert "▲tăng3" in "".join(doc.xpath(row("total") + "/td[5]")[0].text_content().split())
    rate_cell = doc.xpath(row("total") + "/td[6]")[0].text_content()
    assert "▲tăng4,2điểmphầntrăm" in "".join(rate_cell.split())


def test_rows_of_a_unit_are_its_children_and_its_own_tasks(scene, login_as):
    w, p, _, _ = scene
    doc = page(login_as("director"), overview_url(p, w.units["a"]))
    codes = [tr.get("data-unit") for tr in doc.xpath("//tr[@data-unit]")]
    assert codes == ["A1", "A:own", "total"]
    assert figure(doc, "col-assigned", row("A1")) == 2
    assert figure(doc, "col-assigned", row("A:own")) == 4
    assert figure(doc, "overdue") == 4


def test_overdue_list_sorted_by_days_overdue_with_unit_assignee_and_last_update(scene, login_as):
    w, p, pp, t = scene
    doc = page(login_as("director"), overview_url(p))
    rows = doc.xpath("//table[@id='overdue-list']/tbody/tr")
    titles = [r.xpath(".//*[@class='task-name']")[0].text for r in rows]
    assert titles == ["Chuyển từ kỳ trước", "Quá hạn A1", "Xong sau kỳ", "Quá hạn A"]
    days = [number(r.xpath("./td[5]")[0].text_content().replace("ngày", "")) for r in rows]
    assert days == [(p.end - pp.start).days - 5, (p.end - p.start).days - 1] + [
        (p.end - p.start).days - 15,
        (p.end - p.start).days - 30,
    ]
    last = rows[3].text_content()
    assert "Phòng A" in last and "Chưa phân công" in last
    assert f"{p.start + timedelta(days=12):%d/%m/%Y} " in last  # the latest entry, not the older
    assert "Cập nhật: Tiến độ (%) 0 → 10 – Đang tổng hợp · Staff.A" in " ".join(last.split())


def test_a_history_entry_is_described_as_a_person_reads_it(db):
    from tracker.models import TaskUpdate

    entry = TaskUpdate(
        kind="extension_requested",
        changes={"due_date": ["2026-11-08", "2026-12-08"], "status": ["submitted", "done"]},
        note="Chờ UBND các xã hoàn thiện hồ sơ tự đánh giá theo bộ tiêu chí mới",
    )
    assert describe_update(entry) == (
        "Đề nghị gia hạn: Hạn hoàn thành 08/11/2026 → 08/12/2026; "
        "Trạng thái Chờ xác nhận → Hoàn thành – "
        "Chờ UBND các xã hoàn thiện hồ sơ tự đánh giá theo bộ tiêu…"
    )
    assert describe_update(TaskUpdate(kind="note", changes={})) == "Ghi chú"
    assert describe_update(None) == ""


def test_now_lists_due_soon_and_awaiting_confirmation_oldest_first(scene, login_as):
    w, p, _, t = scene
    doc = page(login_as("director"), overview_url(p))
    soon = doc.xpath("//ul[@id='due-soon-list']/li")
    assert [li.xpath(".//*[@class='task-name']")[0].text for li in soon] == ["Sắp hạn hôm nay"]
    assert "còn 2 ngày" in soon[0].text_content()
    waiting = doc.xpath("//ul[@id='awaiting-list']/li")
    assert [li.xpath(".//*[@class='task-name']")[0].text for li in waiting] == [
        "Chờ xác nhận B",
        "Vừa báo cáo",
    ]
    first = " ".join(waiting[0].text_content().split())
    assert "báo cáo bởi Staff.B" in first
    assert f"{p.end - timedelta(days=2):%d/%m/%Y}" in first


# -- periods and defaults -------------------------------------------------------------------


def test_defaults_to_the_current_quarter_of_the_top_unit_as_of_today(scene, login_as):
    w, p, _, _ = scene
    doc = page(login_as("director"), "/overview")
    current = period_containing(w.today, Kind.QUARTER)
    selected = doc.xpath("//select[@id='period']//option[@selected]")[0]
    assert selected.get("value") == current.code
    unit = doc.xpath("//select[@id='unit']/option[@selected]")[0]
    assert unit.get("value") == str(w.units["root"].id)
    assert f"số liệu tính đến ngày {w.today:%d/%m/%Y}" in doc.text_content()
    assert "as_of" not in link(doc, "matrix-overdue")
    # Everything overdue today is carried into the current quarter.
    assert figure(doc, "overdue") == 4


@pytest.mark.parametrize("code", ["2024", "2024-H2", "2024-9M", "2024-07"])
def test_other_kinds_of_period(scene, login_as, code):
    doc = page(login_as("director"), f"/overview?period={code}")
    assert doc.xpath("//select[@id='period']//option[@selected]")[0].get("value") == code


def test_a_bad_period_or_unit_is_refused_naming_it(world, login_as):
    client = login_as("director")
    response = client.get("/overview?period=2024-Q7")
    assert response.status_code == 422
    assert "Kỳ báo cáo" in response.get_data(as_text=True)
    response = client.get("/overview?unit=KHONGCO")
    assert response.status_code == 422
    assert "Không có đơn vị" in response.get_data(as_text=True)


@pytest.mark.parametrize("code", ["1900-Q1", "1900", "2100-Q4", "2100-9M"])
def test_the_first_and_last_periods_compare_with_their_neighbour(world, login_as, code):
    """The previous period of 1900-Q1 is 1899-Q4: no server error at the edges of the range."""
    response = login_as("director").get(f"/overview?period={code}")
    assert response.status_code == 200


# -- permissions ----------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, world):
    response = client.get("/overview")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_a_head_sees_only_their_units(scene, login_as):
    w, p, _, _ = scene
    client = login_as("head_a")
    doc = page(client, overview_url(p))
    assert [o.text.strip(" –") for o in doc.xpath("//select[@id='unit']/option")] == [
        "Phòng A",
        "Tổ A1",
    ]
    assert [tr.get("data-unit") for tr in doc.xpath("//tr[@data-unit]")] == [
        "A1",
        "A:own",
        "total",
    ]
    assert figure(doc, "kpi-assigned") == 6
    assert "Phòng B" not in doc.text_content()
    assert client.get(overview_url(p, w.units["b"])).status_code == 403
    assert client.get(overview_url(p, w.units["root"])).status_code == 403


def test_a_viewer_of_division_b_sees_only_b(scene, login_as):
    w, p, _, _ = scene
    client = login_as("viewer_b")
    doc = page(client, overview_url(p))
    assert figure(doc, "kpi-assigned") == 3
    assert figure(doc, "overdue") == 0
    assert [tr.get("data-unit") for tr in doc.xpath("//tr[@data-unit]")] == ["B:own", "total"]
    assert "Phòng A" not in doc.text_content()
    assert client.get(overview_url(p, w.units["a"])).status_code == 403


# -- cost -----------------------------------------------------------------------------------


def test_the_number_of_queries_does_not_grow_with_the_data(scene, login_as, sql_counter):
    w, p, _, _ = scene
    client = login_as("director")
    client.get(overview_url(p))  # warm up: first-request work is not the page's cost

    def cost() -> int:
        # Requests in a test share one session: start each measure from the same state.
        db.session.expire_all()
        with sql_counter() as counter:
            assert client.get(overview_url(p)).status_code == 200
        return counter.count

    before = cost()
    for i in range(6):
        unit = make_unit(f"X{i}", f"Phòng X{i}", w.units["root"])
        team = make_unit(f"X{i}T", f"Tổ X{i}", unit)
        for j in range(8):
            make_task(team, w.sections["I.2"], due=p.start + timedelta(days=j), assignee=None)
            task = make_task(unit, w.sections["I.2"], due=p.end - timedelta(days=j))
            record(task, w.users["staff_a"], "updated", {"progress": (0, j)})
    db.session.commit()
    assert cost() == before
    assert before <= 25


@pytest.mark.parametrize("who", ["director", "head_a"])
def test_the_overdue_lists_total_is_the_number_of_its_tasks(scene, login_as, who):
    """The total is taken from the overdue column's count (no second count): it must be
    exactly the tasks the overdue list holds, for whoever looks."""
    _, p, _, _ = scene
    doc = page(login_as(who), overview_url(p))
    badge = doc.xpath("//h2[@id='overdue-title']/span[contains(@class, 'badge')]")[0]
    rows = doc.xpath("//table[@id='overdue-list']/tbody/tr")
    assert number(badge.text_content()) == len(rows) > 0
