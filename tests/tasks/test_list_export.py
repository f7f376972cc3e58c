"""Xuất Excel: the task list as filtered on its page, every page of it, its filters on top."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

HEADERS = [
    "STT",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Người thực hiện",
    "Hạn hoàn thành",
    "Trạng thái",
    "Thời hạn",
    "Tiến độ (%)",
    "Ngày hoàn thành",
    "Kết quả đạt được",
]


def sheet_of(response):
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    return load_workbook(io.BytesIO(response.data)).active


def test_the_filtered_list_exports_in_its_order_with_its_filters(login_as, world, db):
    for days, unit in ((3, "b"), (40, "a"), (12, "a1")):
        world.task(title=f"Quá hạn {days} ngày", unit=unit, due=world.days(-days))
    world.task(title="Còn trong hạn", due=world.days(20))
    world.task(title='=HYPERLINK("http://x")', due=world.days(-1), result="@SUM(A1)")
    client = login_as("director")
    page = client.get("/tasks/?timeliness=overdue&sort=overdue").get_data(as_text=True)
    link = re.search(r'href="([^"]+)" data-kind="export"', page).group(1).replace("&amp;", "&")
    assert link.startswith("/tasks/export.xlsx?") and "timeliness=overdue" in link
    ws = sheet_of(client.get(link))
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[1][0] == "DANH SÁCH NHIỆM VỤ"
    assert rows[2][0] == "Bộ lọc: Thời hạn: Quá hạn"
    assert "4 nhiệm vụ" in rows[3][0]
    assert rows[5] == HEADERS
    titles = [row[1] for row in rows[6:]]
    assert titles == [
        "Quá hạn 40 ngày",
        "Quá hạn 12 ngày",
        "Quá hạn 3 ngày",
        '\'=HYPERLINK("http://x")',
    ]
    assert [row[0] for row in rows[6:]] == [1, 2, 3, 4]
    first = rows[6]
    assert first[2] == "Phòng A" and first[5] == "Đang thực hiện" and first[6] == "Quá hạn"
    assert first[4].date() == world.days(-40)
    assert rows[9][9] == "'@SUM(A1)"  # a text that could run as a formula stays text
    assert ws.freeze_panes == "A7" and ws.auto_filter.ref.startswith("A6")


def test_the_default_list_exports_the_open_work_and_says_so(login_as, world, db):
    world.task(title="Đang làm", due=world.days(5))
    world.task(title="Đã xong", status="done", due=world.days(-5), done=world.days(-6))
    client = login_as("director")
    ws = sheet_of(client.get("/tasks/export.xlsx"))
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[2][0].startswith("Bộ lọc: Trạng thái: Chưa thực hiện, Đang thực hiện")
    assert [row[1] for row in rows[6:]] == ["Đang làm"]


def test_an_export_shows_only_what_the_person_may_see(login_as, world, db):
    world.task(title="Việc phòng A", unit="a", due=world.days(5))
    world.task(title="Việc phòng B", unit="b", due=world.days(5))
    ws = sheet_of(login_as("head_b").get("/tasks/export.xlsx?status="))
    assert [row[1].value for row in ws.iter_rows(min_row=7)] == ["Việc phòng B"]


def test_a_bad_filter_is_refused_naming_it(login_as, world):
    response = login_as("director").get("/tasks/export.xlsx?timeliness=later")
    assert response.status_code == 422
    assert "Thời hạn “later” không hợp lệ." in response.get_data(as_text=True)


def test_the_overdue_list_prints_by_unit_with_a_signature_block(login_as, world, db):
    for days, unit in ((3, "b"), (40, "a"), (12, "a"), (9, "b")):
        world.task(title=f"Quá hạn {days} ngày", unit=unit, due=world.days(-days))
    world.task(title="Còn trong hạn", unit="a", due=world.days(20))
    client = login_as("director")
    listed = client.get("/tasks/?timeliness=overdue").get_data(as_text=True)
    link = re.search(r'href="([^"]+)" data-kind="print"', listed).group(1).replace("&amp;", "&")
    page = client.get(link).get_data(as_text=True)
    assert "DANH SÁCH NHIỆM VỤ QUÁ HẠN" in page and "Còn trong hạn" not in page
    units = re.findall(r'<th scope="rowgroup" colspan="6">([^<]+)</th>', page)
    assert units == ["Phòng A (2)", "Phòng B (2)"]
    titles = re.findall(r"<td>(Quá hạn \d+ ngày)</td>", page)
    assert titles == ["Quá hạn 40 ngày", "Quá hạn 12 ngày", "Quá hạn 9 ngày", "Quá hạn 3 ngày"]
    assert re.findall(r'data-kind="days-overdue">(\d+)<', page) == ["40", "12", "9", "3"]
    assert "NGƯỜI LẬP" in page and "LÃNH ĐẠO SỞ" in page and "(Ký, ghi rõ họ tên)" in page
    # A head prints only what the division may see.
    client.logout()
    page = login_as("head_b").get("/tasks/overdue/print").get_data(as_text=True)
    assert re.findall(r'<th scope="rowgroup" colspan="6">([^<]+)</th>', page) == ["Phòng B (2)"]
