"""Chỉ tiêu in the periodic report: its sentence under its section, the appendix on the page,
in the JSON, and in the Word and Excel files (read back)."""

from __future__ import annotations

import io

import pytest
from api_support import api_factory
from docx import Document
from indicator_support import YEAR, set_up
from openpyxl import load_workbook
from task_pages import text

SENTENCE = "Tỷ lệ văn bản đi được ký số: 87.292/117.681, đạt 74,18 % (chỉ tiêu 70 %)."


@pytest.fixture
def api_as(client, world):
    return api_factory(client, world)


@pytest.fixture
def signed(api_as, world):
    made = set_up(api_as("director"))
    put = api_as("head_a").put(
        f"/indicators/{made['id']}/values/{YEAR}-Q3",
        json={"numerator": 87292, "denominator": 117681},
    )
    assert put.status_code == 200, put.get_json()
    return made


def test_the_report_json_carries_the_indicator_and_its_sentence(api_as, signed):
    body = api_as("viewer").get(f"/reports/{YEAR}-Q3").get_json()
    [indicator] = body["indicators"]
    assert (indicator["code"], indicator["value"], indicator["target"]) == ("KYSO", 74.18, 70)
    assert (indicator["status"], indicator["sentence"]) == ("achieved", SENTENCE)
    top = body["sections"][0]
    section = next(s for s in top["sections"] if s["code"] == "I.2")
    assert section["figures"] == [SENTENCE]  # said even though no task was finished there


def test_the_page_says_it_and_appends_the_table(login_as, signed):
    page = text(login_as("director").get(f"/reports/{YEAR}-Q3"))
    assert f"- {SENTENCE}" in page
    assert "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in page and "74,18 % (87.292/117.681)" in page


def test_the_word_file_reads_back_74_18_per_cent(login_as, signed):
    data = login_as("director").get(f"/reports/{YEAR}-Q3/download/docx").data
    doc = Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    assert f"- {SENTENCE}" in paragraphs
    assert any(p.startswith("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU") for p in paragraphs)
    appendix = doc.tables[-1]
    row = [cell.text for cell in appendix.rows[1].cells]
    assert row == [
        "1",
        "Tỷ lệ văn bản đi được ký số",
        "%",
        "70 %",
        "74,18 %\n(87.292/117.681)",
        "106,0 %",
        "Đạt, vượt",
    ]


def test_the_excel_file_has_the_sheet_and_its_native_chart(login_as, signed):
    data = login_as("director").get(f"/reports/{YEAR}-Q3/download/xlsx").data
    book = load_workbook(io.BytesIO(data))
    sheet = book["Chỉ tiêu"]
    rows = [tuple(c for c in row if c is not None) for row in sheet.iter_rows(values_only=True)]
    header = rows.index(next(r for r in rows if r and r[0] == "STT"))
    assert rows[header + 1] == (
        1,
        "Tỷ lệ văn bản đi được ký số",
        "Phòng A",
        "%",
        "70 %",
        "74,18 % (87.292/117.681)",
        pytest.approx(1.06),
        "Đạt, vượt",
    )
    assert len(sheet._charts) == 1  # noqa: SLF001  (openpyxl keeps read charts only here)
