"""The plan import: the template, the file guards and the row checks."""

from __future__ import annotations

import time
import zipfile
from datetime import date, datetime
from io import BytesIO

import openpyxl
import pytest

from tracker.exports.plan_template import plan_template_bytes, write_plan_template
from tracker.imports.plan import (
    COLUMNS,
    PlanImportError,
    PlanLookup,
    PlanRow,
    RowError,
    read_plan,
    symbol_key,
)
from tracker.imports.workbook import NOT_XLSX, UNREADABLE

HEADERS = [c.header for c in COLUMNS]
UNITS = [
    (1, "VP", "Văn phòng"),
    (2, "BCVT", "Phòng Bưu chính, Viễn thông"),
    (3, "TTr", "Thanh tra"),
]
SECTIONS = [(10, "I.1", "Bưu chính"), (11, "I.2", "Ứng dụng công nghệ thông tin")]
LOOKUP = PlanLookup.from_records(
    UNITS,
    SECTIONS,
    existing_titles=["Báo cáo quý III"],
    documents=[(7, "135/QĐ-TTg")],
)


def row(**fields: object) -> list[object]:
    """A valid row of the template, with some fields replaced."""
    values = {
        "no": 1,
        "title": "Triển khai dịch vụ công trực tuyến",
        "description": "",
        "section": "I.1",
        "lead_unit": "VP",
        "support_units": "",
        "product": "",
        "start_date": datetime(2020, 10, 1),
        "due_date": "31/12/2020",
        "documents": "",
        "note": "",
    } | fields
    return [values[c.key] for c in COLUMNS]


def workbook(rows: list[list[object]], *, header=HEADERS, sheet="Kế hoạch", above=()) -> bytes:
    """An .xlsx built with openpyxl: optional lines above the header, the header, the rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for line in [*above, header, *rows]:
        ws.append(line)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def refused(data: bytes, lookup: PlanLookup = LOOKUP, **kwargs: int) -> list[RowError]:
    with pytest.raises(PlanImportError) as caught:
        read_plan(data, lookup, **kwargs)
    return caught.value.errors


def zip_of(members: dict[str, bytes]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def zeros_zip(size_mb: int) -> bytes:
    """A tiny zip that claims to be an xlsx and holds `size_mb` MB of zeros, streamed in."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(size_mb):
                member.write(chunk)
    return out.getvalue()


def damaged(data: bytes, member: bytes) -> bytes:
    """The zip with 40 bytes of one member's compressed data zeroed."""
    start = data.index(member) + len(member) + 8
    return data[:start] + bytes(40) + data[start + 40 :]


# -- valid files ---------------------------------------------------------------------------------
def test_valid_file_gives_rows_with_ids_dates_and_documents():
    data = workbook(
        [
            row(
                title="  Xây dựng   kế hoạch chuyển đổi số ",
                description="Trình UBND tỉnh",
                support_units="bcvt, TTr, VP",
                documents="Quyết định 135/QĐ-TTg; 99/KH-UBND",
                note="Ghi chú",
            ),
            row(
                no=2,
                title="Tuyên truyền an toàn thông tin",
                section="Ứng dụng công nghệ thông tin",
                lead_unit="phong buu chinh, vien thong",
                start_date=None,
                due_date=date(2021, 3, 31),
            ),
        ]
    )
    first, second = read_plan(data, LOOKUP)
    assert first == PlanRow(
        row_number=2,
        title="Xây dựng kế hoạch chuyển đổi số",
        description="Trình UBND tỉnh",
        section_id=10,
        lead_unit_id=1,
        support_unit_ids=(2, 3),  # the lead unit is not also a supporting one
        start_date=date(2020, 10, 1),
        due_date=date(2020, 12, 31),
        document_refs=("Quyết định 135/QĐ-TTg", "99/KH-UBND"),
        note="Ghi chú",
        document_ids=(7, None),
    )
    assert (second.row_number, second.section_id, second.lead_unit_id) == (3, 11, 2)
    assert (second.start_date, second.due_date) == (None, date(2021, 3, 31))


@pytest.mark.parametrize(
    "written",
    [
        datetime(2020, 10, 5),
        date(2020, 10, 5),
        "05/10/2020",
        "5/10/2020",
        "5-10-2020",
        "2020-10-05",
    ],
)
def test_real_excel_dates_and_text_dates_are_both_accepted(written):
    (only,) = read_plan(workbook([row(start_date=written, due_date=written)]), LOOKUP)
    assert only.start_date == only.due_date == date(2020, 10, 5)


def test_blank_rows_and_rows_with_only_a_number_are_skipped_and_rows_keep_their_numbers():
    rows = [row(), [], [None] * 10, [5], row(title="Nhiệm vụ khác"), ["  ", "", None]]
    result = read_plan(workbook(rows), LOOKUP)
    assert [r.row_number for r in result] == [2, 6]


def test_header_below_a_title_block_with_extra_columns_in_another_order():
    header = ["Ghi chú thêm", "Hạn hoàn thành", "Đơn vị chủ trì", "Tên nhiệm vụ", "Lĩnh vực"]
    above = [["KẾ HOẠCH NHIỆM VỤ QUÝ IV"], []]
    data = workbook([["x", "15/11/2020", "TTr", "Kiểm tra", "I.2"]], header=header, above=above)
    (only,) = read_plan(data, LOOKUP)
    assert (only.row_number, only.title, only.lead_unit_id, only.section_id) == (
        4,
        "Kiểm tra",
        3,
        11,
    )
    assert only.due_date == date(2020, 11, 15)


def test_the_plan_sheet_is_read_even_when_it_is_not_the_first():
    wb = openpyxl.Workbook()
    wb.active.append(["Hướng dẫn"])
    plan = wb.create_sheet("Kế hoạch")
    plan.append(HEADERS)
    plan.append(row())
    out = BytesIO()
    wb.save(out)
    assert len(read_plan(out.getvalue(), LOOKUP)) == 1


# -- bad rows ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "column", "detail"),
    [
        ({"title": None}, "Tên nhiệm vụ", "chưa nhập tên nhiệm vụ."),
        ({"title": "x" * 501}, "Tên nhiệm vụ", "dài 501 ký tự, tối đa 500 ký tự."),
        ({"title": "báo cáo QUÝ iii"}, "Tên nhiệm vụ", "đã có nhiệm vụ cùng tên trong kỳ này."),
        ({"section": "IX"}, "Lĩnh vực (mã)", "không có lĩnh vực mã “IX”."),
        ({"section": " "}, "Lĩnh vực (mã)", "chưa nhập lĩnh vực."),
        ({"lead_unit": None}, "Đơn vị chủ trì (mã)", "chưa nhập đơn vị chủ trì."),
        ({"support_units": "VP, X1; X2"}, "Đơn vị phối hợp (mã)", "không có đơn vị mã “X1”, “X2”."),
        ({"start_date": "31/02/2020"}, "Ngày bắt đầu", "“31/02/2020” không phải là ngày hợp lệ"),
        ({"due_date": "2020-13-45"}, "Hạn hoàn thành", "“2020-13-45” không phải là ngày hợp lệ"),
        ({"due_date": 44000}, "Hạn hoàn thành", "“44000” không phải là ngày hợp lệ"),
        ({"start_date": "ngày mai"}, "Ngày bắt đầu", "“ngày mai” không phải là ngày hợp lệ"),
        ({"start_date": date(1990, 1, 1)}, "Ngày bắt đầu", "ngày 01/01/1990 nằm ngoài khoảng"),
        ({"due_date": "30/09/2020"}, "Hạn hoàn thành", "30/09/2020 trước ngày bắt đầu 01/10/2020."),
        ({"section": "#N/A"}, "Lĩnh vực (mã)", "ô chứa giá trị lỗi “#N/A” của Excel."),
    ],
)
def test_each_bad_row_names_the_row_and_the_column(fields, column, detail):
    (error,) = refused(workbook([row(), row(**({"title": "Khác"} | fields))]))
    assert (error.row, error.field) == (3, column)
    assert str(error).startswith(f"Dòng 3, cột “{column}”: ")
    assert detail in str(error)


def test_every_error_of_every_row_is_reported_in_order_and_nothing_is_imported():
    rows = [
        row(),
        row(title=None, section="ZZ"),
        row(title="Hợp lệ"),
        [],
        row(title="Ba", lead_unit="PVHX", start_date="1/1/2021", due_date="1/12/2020"),
    ]
    errors = refused(workbook(rows))
    assert [(e.row, e.field) for e in errors] == [
        (3, "Tên nhiệm vụ"),
        (3, "Lĩnh vực (mã)"),
        (6, "Đơn vị chủ trì (mã)"),
        (6, "Hạn hoàn thành"),
    ]
    assert str(errors[2]) == "Dòng 6, cột “Đơn vị chủ trì (mã)”: không có đơn vị mã “PVHX”."


def test_a_duplicate_title_in_the_file_names_both_rows():
    errors = refused(workbook([row(), row(), row(title="triển khai DỊCH VỤ công trực tuyến")]))
    assert [str(e) for e in errors] == [
        "Dòng 3, cột “Tên nhiệm vụ”: trùng tên với nhiệm vụ ở dòng 2.",
        "Dòng 4, cột “Tên nhiệm vụ”: trùng tên với nhiệm vụ ở dòng 2.",
    ]


def test_the_error_joins_its_sentences_one_per_line():
    error = PlanImportError([RowError(None, None, "Một."), RowError(2, "STT", "Hai.")])
    assert str(error) == "Một.\nHai."
    assert isinstance(error, ValueError)


# -- bad files -----------------------------------------------------------------------------------
def file_error(data: bytes, **kwargs: int) -> str:
    errors = refused(data, **kwargs)
    assert all(e.row is None and e.field is None for e in errors)
    return "\n".join(map(str, errors))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"STT;Ten nhiem vu\n1;abc\n",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8,  # an .xls
        zip_of({}),
        zip_of({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<Types/>"}),
    ],
    ids=["empty", "csv", "xls", "empty-zip", "docx-like"],
)
def test_what_is_not_an_xlsx_is_refused_with_a_message(data):
    assert file_error(data).startswith(NOT_XLSX)


def test_an_xls_gets_a_hint_to_save_it_again_as_xlsx():
    assert ".xlsx" in file_error(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)).split("\n")[1]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"not xml"}), UNREADABLE),
        (workbook([row()])[:-200], NOT_XLSX),  # cut short: no central directory
        (damaged(workbook([row()]), b"xl/worksheets/sheet1.xml"), UNREADABLE),
        (
            workbook([row()]).replace(b"xl/worksheets/sheet1.xml", b"xl/worksheets/sheet9.xml"),
            "Tệp Excel không có trang tính nào.",
        ),
    ],
    ids=["garbage", "truncated", "bad-deflate", "sheet-missing"],
)
def test_a_damaged_workbook_is_refused_without_a_crash(data, expected):
    assert file_error(data) == expected


def test_a_zip_bomb_is_refused_before_it_is_opened():
    started = time.monotonic()
    bomb = zeros_zip(200)
    assert len(bomb) < 5 * 1024 * 1024
    assert "bom nén" in file_error(bomb)
    assert time.monotonic() - started < 10


def test_a_member_compressed_too_well_is_refused():
    assert "hơn 100 lần" in file_error(zeros_zip(10))


def test_an_oversized_file_is_refused_by_its_size_first():
    assert file_error(b"x" * 2048, max_bytes=1024) == "Tệp quá lớn (0,0 MB); tối đa 0,0 MB."
    assert "tối đa 5,0 MB" in file_error(b"x" * (5 * 1024 * 1024 + 1))


def test_a_workbook_without_the_expected_header_is_refused():
    message = file_error(workbook([["a", "b"]], header=["Họ tên", "Ngày sinh"]))
    assert message.startswith("Không thấy dòng tiêu đề của bảng kế hoạch")
    assert "“Tên nhiệm vụ”, “Lĩnh vực (mã)”, “Đơn vị chủ trì (mã)”" in message


def test_a_header_missing_a_required_column_names_it():
    header = [h for h in HEADERS if not h.startswith("Lĩnh vực")]
    message = file_error(workbook([], header=header))
    assert message == "Bảng kế hoạch thiếu cột “Lĩnh vực (mã)”; hãy dùng tệp mẫu."


def test_a_table_with_no_task_is_refused():
    assert file_error(workbook([[1], [2]])) == "Bảng kế hoạch không có dòng nhiệm vụ nào."


def test_too_many_rows_are_refused():
    rows = [row(title=f"Nhiệm vụ {i}") for i in range(4)]
    assert read_plan(workbook(rows[:3]), LOOKUP, max_rows=3)
    message = file_error(workbook(rows), max_rows=3)
    assert message == "Bảng có hơn 3 dòng nhiệm vụ; mỗi lần chỉ nhập tối đa 3 dòng."


def test_a_sparse_or_very_wide_sheet_is_read_quickly():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for r in range(2, 1002):
        ws.cell(r, 16384, "far right")  # ignored: beyond the table's columns
    ws.cell(1_048_576, 10, "a note at the very bottom")
    out = BytesIO()
    wb.save(out)
    started = time.monotonic()
    errors = refused(out.getvalue())
    assert time.monotonic() - started < 5
    assert {e.row for e in errors} == {1_048_576}


# -- the template --------------------------------------------------------------------------------
TEMPLATE_UNITS = [(code, name) for _, code, name in UNITS]
TEMPLATE_SECTIONS = [(code, title) for _, code, title in SECTIONS]


def open_template(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(BytesIO(data))


def test_the_template_has_the_table_the_lists_and_the_instructions():
    book = open_template(plan_template_bytes(TEMPLATE_UNITS, TEMPLATE_SECTIONS, "2020-Q4"))
    assert book.sheetnames == ["Kế hoạch", "Hướng dẫn", "Danh mục"]
    plan = book["Kế hoạch"]
    assert [c.value for c in plan[1]] == HEADERS
    assert plan.freeze_panes == "A2"
    assert plan["A1"].font.name == "Times New Roman" and plan["A1"].font.b
    lists = book["Danh mục"]
    assert [lists.cell(r, 1).value for r in (2, 3, 4)] == ["VP", "BCVT", "TTr"]
    assert lists["B3"].value == "Phòng Bưu chính, Viễn thông"
    assert [lists.cell(r, 4).value for r in (2, 3)] == ["I.1", "I.2"]
    guide = "\n".join(str(c.value) for line in book["Hướng dẫn"].iter_rows() for c in line)
    assert "2020-Q4 (Quý IV năm 2020)" in guide
    assert "(*)" in guide and "dd/mm/yyyy" in guide and "2.000" in guide
    assert "cả tệp không được nhập" in guide


def test_the_template_has_dropdowns_on_the_code_columns_and_date_checks():
    book = open_template(plan_template_bytes(TEMPLATE_UNITS, TEMPLATE_SECTIONS, None))
    checks = {str(v.sqref): v for v in book["Kế hoạch"].data_validations.dataValidation}
    assert checks["D2:D2001"].formula1 == "'Danh mục'!$D$2:$D$3"  # sections
    assert checks["E2:E2001"].formula1 == "'Danh mục'!$A$2:$A$4"  # lead unit
    assert checks["F2:F2001"].formula1 == "'Danh mục'!$A$2:$A$4"  # supporting units
    assert checks["F2:F2001"].showErrorMessage is False  # several codes in one cell
    assert "G2:G2001" not in checks  # the product: free text
    assert checks["H2:H2001"].type == checks["I2:I2001"].type == "date"
    assert checks["H2:H2001"].prompt == "Nhập ngày dạng dd/mm/yyyy"
    assert book["Kế hoạch"].column_dimensions["H"].number_format == "dd/mm/yyyy"


def test_the_template_filled_in_round_trips_through_the_reader(tmp_path):
    path = tmp_path / "mau.xlsx"
    write_plan_template(TEMPLATE_UNITS, TEMPLATE_SECTIONS, "2020-Q4", path)
    book = openpyxl.load_workbook(path)
    book["Kế hoạch"].append(row(support_units="BCVT,TTr", product="  Quy chế được ban hành "))
    book["Kế hoạch"].append(row(no=2, title="Thứ hai", lead_unit="TTr", start_date="2/10/2020"))
    out = BytesIO()
    book.save(out)
    first, second = read_plan(out.getvalue(), LOOKUP)
    assert (first.row_number, first.support_unit_ids) == (2, (2, 3))
    assert (first.product, second.product) == ("Quy chế được ban hành", "")
    assert (second.row_number, second.lead_unit_id, second.start_date) == (3, 3, date(2020, 10, 2))


def test_an_empty_template_is_refused_as_having_no_task():
    data = plan_template_bytes(TEMPLATE_UNITS, TEMPLATE_SECTIONS, "2020-Q4")
    assert file_error(data) == "Bảng kế hoạch không có dòng nhiệm vụ nào."


def test_the_template_neutralises_names_and_copes_with_empty_lists():
    data = plan_template_bytes([("X", '=HYPERLINK("http://evil")')], [], "not-a-period")
    book = open_template(data)
    assert book["Danh mục"]["B2"].value == '\'=HYPERLINK("http://evil")'
    assert book["Danh mục"]["B2"].data_type == "s"
    checks = [str(v.sqref) for v in book["Kế hoạch"].data_validations.dataValidation]
    assert "D2:D2001" not in checks  # no sections, no dropdown
    assert "not-a-period" in str(book["Hướng dẫn"]["A3"].value)


def test_symbol_key_ignores_type_words_case_and_accents():
    assert symbol_key("Quyết định số 135/QĐ-TTg ngày 20/01/2020") == "135/qd-ttg"
    assert symbol_key(" 135/qđ-ttg, ") == symbol_key("135/QĐ-TTg")
