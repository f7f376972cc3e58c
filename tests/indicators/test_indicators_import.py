"""Chỉ tiêu from Excel: the template to fill, and its import (all or nothing, by row)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from indicator_support import YEAR, figure, indicator
from openpyxl import load_workbook
from sqlalchemy import func, select
from task_pages import text

from tracker.indicators.models import Indicator, IndicatorValue

Q4 = f"{YEAR}-Q4"


@pytest.fixture
def figures(world):
    signed = indicator(world, "KYSO", "ratio", target=70)
    figure(signed, f"{YEAR}-Q3", "74.18", Decimal(87292), Decimal(117681))
    online = indicator(world, "HOSO", "ratio", unit="b", target=30)
    figure(online, f"{YEAR}-Q3", "5.84", Decimal(6304), Decimal(108014))
    accounts = indicator(world, "TK", "count", measure="tài khoản")
    return signed, online, accounts


def template(client, world, unit="a"):
    response = client.get(f"/indicators/template.xlsx?unit={world.units[unit].id}&period={Q4}")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.data))


def upload(client, book, period=Q4):
    buffer = io.BytesIO()
    book.save(buffer)
    data = {
        "file": (io.BytesIO(buffer.getvalue()), "chi-tieu.xlsx"),
        "csrf_token": client.csrf(f"/indicators/entry?period={period}"),
    }
    return client.raw.post(
        f"/indicators/import?period={period}", data=data, content_type="multipart/form-data"
    )


def rows_of(sheet) -> dict[str, int]:
    """The template's rows by indicator code."""
    return {
        sheet.cell(r, 1).value: r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value
    }


def stored(db, period=Q4) -> dict[str, Decimal]:
    stmt = (
        select(Indicator.code, IndicatorValue.value)
        .join(IndicatorValue, IndicatorValue.indicator_id == Indicator.id)
        .where(IndicatorValue.period == period)
    )
    return dict(db.session.execute(stmt).all())


def test_a_head_fills_the_template_and_imports_it(login_as, world, db, figures):
    client = login_as("head_a")
    book = template(client, world)
    sheet = book["Số liệu"]
    rows = rows_of(sheet)
    assert set(rows) == {"KYSO", "TK"}  # A's own, not B's
    assert "Chỉ tiêu mới" not in book.sheetnames  # only leaders add indicators
    sheet.cell(rows["KYSO"], 6).value = 10200
    sheet.cell(rows["KYSO"], 7).value = "13.100"
    sheet.cell(rows["TK"], 5).value = "1.009"
    response = upload(client, book)
    assert response.status_code == 303, text(response)[:2000]
    assert stored(db) == {"KYSO": Decimal("77.86"), "TK": Decimal(1009)}


def test_one_bad_row_names_every_problem_and_saves_nothing(login_as, world, db, figures):
    client = login_as("head_a")
    book = template(client, world)
    sheet = book["Số liệu"]
    rows = rows_of(sheet)
    sheet.cell(rows["KYSO"], 6).value = "1,009,186"
    sheet.cell(rows["KYSO"], 7).value = 2_000_000
    sheet.cell(rows["TK"], 5).value = 12
    sheet.append(["KHONGCO", None, None, None, 5])
    response = upload(client, book)
    assert response.status_code == 422
    page = text(response)
    assert (
        f"Trang “Số liệu”, dòng {rows['KYSO']}: Tử số: “1,009,186” viết theo kiểu tiếng Anh" in page
    )
    assert f"Trang “Số liệu”, dòng {sheet.max_row}: Không có chỉ tiêu mã “KHONGCO”." in page
    assert stored(db) == {}


def test_a_director_adds_indicators_from_the_second_sheet(login_as, world, db, figures):
    client = login_as("director")
    book = template(client, world)
    new = book["Chỉ tiêu mới"]
    new.append(["DVC", "Dịch vụ công trực tuyến", "dịch vụ", "Lũy kế từ đầu năm",
                "Càng cao càng tốt", "B", "I.2", YEAR, 1500])  # fmt: skip
    response = upload(client, book)
    assert response.status_code == 303, text(response)[:2000]
    made = db.session.scalar(select(Indicator).where(Indicator.code == "DVC"))
    assert (made.kind, made.direction, made.unit.code) == ("cumulative", "up", "B")
    assert [(t.period, t.value) for t in made.targets] == [(str(YEAR), Decimal(1500))]


def test_a_head_may_not_add_indicators(login_as, world, db, figures):
    client = login_as("director")
    book = template(client, world)
    book["Chỉ tiêu mới"].append(["X", "X", "cái", "Số của kỳ", None, "A", None, YEAR, 1])
    client.logout()
    client.login(world.users["head_a"].username)
    before = db.session.scalar(select(func.count()).select_from(Indicator))
    response = upload(client, book)
    assert response.status_code == 422
    assert "Chỉ lãnh đạo Sở thêm chỉ tiêu mới" in text(response)
    assert db.session.scalar(select(func.count()).select_from(Indicator)) == before


@pytest.mark.parametrize("payload", [b"", b"not a workbook at all"])
def test_what_is_not_a_workbook_is_refused_plainly(login_as, world, figures, payload):
    client = login_as("head_a")
    data = {"file": (io.BytesIO(payload), "x.xlsx"), "csrf_token": client.csrf("/indicators/entry")}
    response = client.raw.post("/indicators/import", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Hãy chọn tệp Excel" in text(response) or "không phải là tệp Excel" in text(response)


def test_a_file_is_never_read_into_a_period_not_named(login_as, world, db, figures):
    client = login_as("head_a")
    book = template(client, world)
    book["Số liệu"].cell(rows_of(book["Số liệu"])["TK"], 5).value = 12
    response = upload(client, book, period="2026-Q9")
    assert response.status_code == 422
    assert "Kỳ báo cáo “2026-Q9” không hợp lệ" in text(response)
    assert stored(db) == {}
