"""The Excel export, read back with openpyxl (and converted by LibreOffice when installed)."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from report_samples import sample_report

from tracker.domain.periods import parse_period
from tracker.domain.report import (
    Achievement,
    Organisation,
    Report,
    ReportTexts,
    SectionReport,
    UnfinishedItem,
)
from tracker.domain.timeliness import LABELS_VI, Timeliness
from tracker.exports.cells import neutralise
from tracker.exports.excel import report_xlsx_bytes, write_report_xlsx

SHEETS = ["Bìa", "Kết quả", "Chờ xác nhận", "Kế hoạch kỳ tới", "Quá hạn", "Chưa đến hạn",
          "Thống kê theo đơn vị"]  # fmt: skip
TABLE_SHEETS = SHEETS[1:]
# A draft lists the work awaiting confirmation only when there is some.
EMPTY_TABLE_SHEETS = [name for name in TABLE_SHEETS if name != "Chờ xác nhận"]
FORMULA_STARTS = ("=", "+", "-", "@")


@pytest.fixture(scope="module")
def report() -> Report:
    return sample_report()


@pytest.fixture(scope="module")
def xlsx(report, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("excel") / "bao-cao.xlsx"
    write_report_xlsx(report, path)
    return path


@pytest.fixture(scope="module")
def book(xlsx):
    workbook = openpyxl.load_workbook(xlsx)
    yield workbook
    workbook.close()


def data_rows(ws) -> list[tuple]:
    """Every row below the header, as values."""
    return [tuple(c.value for c in row) for row in ws.iter_rows(min_row=2)]


def merged_rows(ws) -> set[int]:
    return {r.min_row for r in ws.merged_cells.ranges}


def empty_report() -> Report:
    """A quarter with its sections but nothing done, due or planned."""
    period = parse_period("2020-Q3")
    sections = [SectionReport("I", "CÔNG TÁC", sections=[SectionReport("I.1", "Lĩnh vực")])]
    return Report(period, period.end, sections, [], [], [], {}, ReportTexts(), Organisation(),
                  datetime(2020, 10, 1, 7, 5))  # fmt: skip


def test_sheets_come_in_reading_order(book):
    assert book.sheetnames == SHEETS


def test_cover_names_the_report_and_sums_it_up(book):
    texts = [c.value for row in book["Bìa"].iter_rows() for c in row if c.value is not None]
    for expected in (
        "UBND TỈNH TRÀ VINH",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        "9 tháng đầu năm 2020",
        "Số liệu tính đến ngày 30/09/2020",
        "Kỳ tới: Quý IV năm 2020",
        "Lập lúc: 02/10/2020 08:30",
    ):
        assert expected in texts
    summary = dict(zip(texts[-14::2], texts[-13::2], strict=True))
    assert summary == {
        "Chỉ tiêu": "Số lượng",
        "Nhiệm vụ hoàn thành trong kỳ": 4,
        "Đã báo cáo hoàn thành, chờ xác nhận": 1,
        "Nhiệm vụ chưa hoàn thành": 2,
        "Trong đó: quá hạn": 2,
        "Nhiệm vụ kế hoạch kỳ tới": 5,
        "Tỷ lệ hoàn thành đúng hạn": "50,00 %",
    }


def test_results_hold_the_achievements_in_order_under_their_sections(book, report):
    ws = book["Kết quả"]
    assert [c.value for c in ws[1]] == [
        "STT", "Nhiệm vụ", "Kết quả đạt được", "Đơn vị chủ trì", "Ngày hoàn thành", "Tiến độ",
    ]  # fmt: skip
    headings, items, under = [], [], None
    for number, row in enumerate(data_rows(ws), start=2):
        if number in merged_rows(ws):
            under = row[0]
            headings.append((under, ws.cell(number, 1).alignment.indent))
        else:
            items.append((under, *row))
    assert headings == [
        ("I. CÔNG TÁC QUẢN LÝ NHÀ NƯỚC", 0),
        ("I.1. Công tác tham mưu Tỉnh ủy, UBND tỉnh", 1),
        ("I.2. Lĩnh vực bưu chính", 1),
        ("I.6. Lĩnh vực thông tin, tuyên truyền", 1),
        ("I.6.2. Xuất bản, in và phát hành", 2),
        ("II. CÔNG TÁC TỔNG HỢP", 0),
        ("II.1. Công tác thanh tra", 1),
    ]
    expected = [
        (f"{s.code}. {s.title}", a.title, neutralise(a.result), a.unit,
         datetime.combine(a.completed_on, datetime.min.time()), LABELS_VI[a.timeliness])
        for _, s in report.walk_sections()
        for a in s.achievements
    ]  # fmt: skip
    assert [(i[0], *i[2:]) for i in items] == expected
    assert [i[1] for i in items] == list(range(1, report.achievement_count + 1))


def test_plan_lists_planned_then_carried_over_items(book, report):
    ws = book["Kế hoạch kỳ tới"]
    assert [c.value for c in ws[1]] == [
        "STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Sản phẩm", "Hạn hoàn thành",
        "Ghi chú",
    ]  # fmt: skip
    rows = data_rows(ws)
    assert rows[0][0] == "A. Nhiệm vụ kế hoạch"
    assert rows[4][0] == "B. Nhiệm vụ chuyển tiếp từ kỳ trước"
    assert merged_rows(ws) == {2, 6}
    items = rows[1:4] + rows[5:]
    expected = [
        (p.no, neutralise(p.title), p.lead_unit, ", ".join(p.support_units) or None,
         p.product, p.due_date and datetime.combine(p.due_date, datetime.min.time()),
         "Chuyển tiếp" if p.carried_over else None)
        for p in report.plan
    ]  # fmt: skip
    assert items == expected
    assert items[0][3:5] == ("Thanh tra Sở", "Quyết định ban hành Quy chế")


def test_overdue_lists_only_the_tasks_past_their_deadline(book, report):
    ws = book["Quá hạn"]
    assert [c.value for c in ws[1]] == [
        "STT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn hoàn thành", "Số ngày quá hạn",
    ]  # fmt: skip
    expected = [
        (i, neutralise(u.title), u.unit, datetime.combine(u.due_date, datetime.min.time()),
         u.days_overdue)
        for i, u in enumerate(report.unfinished, start=1)
    ]  # fmt: skip
    assert data_rows(ws) == expected and all(row[4] >= 1 for row in expected)
    assert all(isinstance(ws.cell(n, 5).value, int) for n in range(2, len(expected) + 2))


def test_statistics_compare_units_with_the_previous_period(book, report):
    ws = book["Thống kê theo đơn vị"]
    headers = [c.value for c in ws[1]]
    assert headers[:8] == [
        "Đơn vị", "Được giao", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Chờ xác nhận",
        "Chưa hoàn thành trong hạn", "Quá hạn", "Tỷ lệ đúng hạn",
    ]  # fmt: skip
    assert headers[8:] == [f"Kỳ trước: {h}" for h in headers[1:8]]
    rows = data_rows(ws)
    assert [r[0] for r in rows] == [u.unit for u in report.units] + ["Tổng cộng"]
    office = rows[0]  # its handed-in task awaits confirmation: pending, not done
    assert office[1:8] == (3, 1, 0, 1, 0, 1, pytest.approx(1 / 2))
    assert office[8:] == (1, 1, 0, 0, 0, 0, 1)
    assert rows[-1][1:7] == (8, 3, 1, 1, 1, 2)
    assert rows[-1][8:14] == (3, 1, 1, 0, 0, 1)
    assert ws.cell(2, 8).number_format == "0.00 %"
    assert ws.cell(len(rows) + 1, 1).font.b


def test_statistics_chart_is_a_native_stacked_column_chart(book, xlsx):
    assert len(book["Thống kê theo đơn vị"]._charts) == 1
    with zipfile.ZipFile(xlsx) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert '<c:barDir val="col"/>' in chart
    assert '<c:grouping val="stacked"/>' in chart
    assert chart.count("<c:ser>") == 5


def test_dates_are_real_dates_shown_day_first(book):
    dates = 0
    for name in ("Kết quả", "Kế hoạch kỳ tới", "Quá hạn"):
        ws = book[name]
        column = [c.value for c in ws[1]].index(
            "Ngày hoàn thành" if name == "Kết quả" else "Hạn hoàn thành"
        )
        for number in range(2, ws.max_row + 1):
            cell = ws.cell(number, column + 1)
            if cell.value is not None and number not in merged_rows(ws):
                assert isinstance(cell.value, datetime)
                assert cell.is_date and cell.number_format == "dd/mm/yyyy"
                dates += 1
    assert dates == 4 + 4 + 2


def test_no_cell_is_a_formula_and_risky_text_is_neutralised(book, report):
    values = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_STARTS), cell.value
                    values.append(cell.value)
    risky = [a.result for _, s in report.walk_sections() for a in s.achievements]
    risky += [u.title for u in report.unfinished] + [p.title for p in report.plan]
    risky = [text for text in risky if text.startswith(FORMULA_STARTS)]
    assert len(risky) >= 4
    for text in risky:
        assert "'" + text in values


def test_table_sheets_are_set_up_for_screen_and_print(book):
    for name in TABLE_SHEETS:
        ws = book[name]
        assert ws.freeze_panes == "A2", name
        assert ws.auto_filter.ref.startswith("A1:"), name
        assert ws.page_setup.orientation == "landscape", name
        assert int(ws.page_setup.paperSize) == 9, name
        assert ws.print_title_rows in ("1:1", "$1:$1"), name
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0), name
        assert "&P" in ws.oddFooter.right.text, name
        assert ws.oddHeader.center.text, name
        header = ws[1]
        assert all(c.font.b and c.alignment.wrap_text and c.border.top.style for c in header)
    assert book["Kết quả"].auto_filter.ref == "A1:F12"
    assert book["Thống kê theo đơn vị"].auto_filter.ref == "A1:O4"  # units, not the totals


def test_widths_fit_the_text_and_long_rows_grow(book):
    ws = book["Kết quả"]
    widths = {k: ws.column_dimensions[k].width for k in "ABC"}
    assert widths["A"] < 10 and 20 <= widths["B"] <= 46 and 24 <= widths["C"] <= 61
    tall = [n for n in range(2, ws.max_row + 1) if ws.row_dimensions[n].height]
    assert tall, "wrapped rows get a height"


def test_every_cell_is_set_in_times_new_roman(book):
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.font.name == "Times New Roman", (ws.title, cell.coordinate)


def test_an_empty_report_gives_each_table_a_none_row():
    data = report_xlsx_bytes(empty_report())
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert [name for name in book.sheetnames if name != "Bìa"] == EMPTY_TABLE_SHEETS
    for name in EMPTY_TABLE_SHEETS:
        ws = book[name]
        assert ws.max_row == 2, name
        assert ws["A2"].value == "Không có", name
        assert ws.auto_filter.ref.endswith("2"), name
    assert not book["Thống kê theo đơn vị"]._charts
    texts = [c.value for row in book["Bìa"].iter_rows() for c in row]
    assert "Chưa có" in texts


def test_work_due_today_is_not_overdue_and_a_plan_of_one_kind_has_no_headings(report):
    due = UnfinishedItem(99, "Nhiệm vụ đến hạn hôm nay", "Thanh tra Sở", report.as_of, 0)
    changed = replace(report, unfinished=[*report.unfinished, due], plan=report.plan[:3])
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx_bytes(changed)))
    overdue = [r[1] for r in data_rows(book["Quá hạn"])]
    assert overdue == [neutralise(u.title) for u in report.unfinished]
    day = datetime.combine(report.as_of, datetime.min.time())
    assert data_rows(book["Chưa đến hạn"]) == [(1, due.title, due.unit, day)]
    plan = book["Kế hoạch kỳ tới"]
    assert [r[0] for r in data_rows(plan)] == [1, 2, 3]
    assert not plan.merged_cells.ranges


def test_paths_file_objects_and_bytes_give_the_same_workbook(report, tmp_path):
    data = report_xlsx_bytes(report)
    assert data[:2] == b"PK"
    write_report_xlsx(report, str(tmp_path / "a.xlsx"))
    buffer = io.BytesIO()
    write_report_xlsx(report, buffer)
    for other in ((tmp_path / "a.xlsx").read_bytes(), buffer.getvalue()):
        with zipfile.ZipFile(io.BytesIO(other)) as a, zipfile.ZipFile(io.BytesIO(data)) as b:
            assert a.namelist() == b.namelist()
            assert a.read("xl/worksheets/sheet2.xml") == b.read("xl/worksheets/sheet2.xml")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_workbook_to_pdf(xlsx, tmp_path):
    profile = (tmp_path / "profile").as_uri()  # a private profile: parallel runs do not clash
    command = [
        "soffice", f"-env:UserInstallation={profile}", "--headless",
        "--convert-to", "pdf", "--outdir", str(tmp_path), str(xlsx),
    ]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"


def large_report(achievements: int) -> Report:
    """A year of `achievements` done tasks over 40 sections, built from the dataclasses."""
    period = parse_period("2020")
    tops = [SectionReport(f"{i}", f"CÔNG TÁC {i}") for i in ("I", "II", "III", "IV")]
    leaves = []
    for top in tops:
        top.sections = [SectionReport(f"{top.code}.{j}", f"Lĩnh vực {j}") for j in range(1, 10)]
        leaves += top.sections
    for n in range(achievements):
        item = Achievement(
            n, f"Nhiệm vụ số {n}", f"Kết quả của nhiệm vụ số {n}: " + "đã hoàn thành. " * (n % 9),
            f"Phòng {n % 12}", date(2020, 1 + n % 12, 1 + n % 28), Timeliness.DONE_ON_TIME,
        )  # fmt: skip
        leaves[n * len(leaves) // achievements].achievements.append(item)
    return Report(period, period.end, tops, [], [], [], {}, ReportTexts(), Organisation(),
                  datetime(2021, 1, 4, 8, 0))  # fmt: skip


@pytest.mark.slow
def test_a_large_report_comes_back_whole(tmp_path):
    report = large_report(20_000)
    path = tmp_path / "large.xlsx"
    start = time.perf_counter()
    write_report_xlsx(report, path)
    elapsed = time.perf_counter() - start
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(book["Kết quả"].iter_rows(min_row=2, values_only=True))
    finally:
        book.close()
    numbers = [r[0] for r in rows if isinstance(r[0], int)]
    assert numbers == list(range(1, 20_001))
    assert len(rows) == 20_000 + 4 + 36  # items, top headings, section headings
    assert rows[-1][1] == "Nhiệm vụ số 19999"
    assert elapsed < 30  # a loose guard here; bench/bench_excel.py measures properly


# Strings xlsxwriter escapes, keeps whitespace of, or truncates; and plain ones around them.
TRICKY = [
    "Việc thường",
    "  khoảng trắng đầu",
    "khoảng trắng cuối ",
    "\u00a0cách không ngắt",
    'a & b < c > d "trích"',
    "mã _x0041_ giữ nguyên",
    "gạch_dưới",
    "tab\tgiữa",
    "xuống\ndòng",
    "ký tự điều khiển \x07\x1f",
    "<r>không phải rich text</r>",
    "ký tự \ufffe\uffff",
    "biểu tượng 📄",
    "=1+1",
    "dài " * 9000,  # beyond Excel's 32,767 characters: truncated
]


def tricky_report() -> Report:
    report = sample_report()
    leaf = report.sections[0].sections[0]
    leaf.achievements = [
        Achievement(n, text, TRICKY[-n], text, date(2020, 9, 1) if n % 2 else None,
                    Timeliness.DONE_LATE)
        for n, text in enumerate(TRICKY, start=1)
    ]  # fmt: skip
    unfinished = [
        UnfinishedItem(100 + n, t, t, date(2020, 8, n + 1), n) for n, t in enumerate(TRICKY)
    ]
    plan = [
        report.plan[0]._replace(no=n, task_id=200 + n, title=t, lead_unit=t, due_date=None)
        for n, t in enumerate(TRICKY, start=1)
    ]
    units = [replace(report.units[0], unit=t) for t in TRICKY[:5]]
    return replace(report, unfinished=unfinished, plan=plan, units=units)


def test_awkward_strings_are_written_as_text_whole_or_truncated():
    """Escapes, control characters, rich-text look-alikes, formulas and overlong text."""
    report = tricky_report()
    results = openpyxl.load_workbook(io.BytesIO(report_xlsx_bytes(report)))["Kết quả"]
    titles = [row[1] for row in data_rows(results) if isinstance(row[0], int)]
    assert "Việc thường" in titles and neutralise(TRICKY[-1])[:32767] in titles
