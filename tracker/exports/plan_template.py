"""The Excel template for importing a plan: the table to fill, instructions and code lists.

Pure: the caller passes (code, name) pairs of units and sections; the result is bytes or a
file. The column headers come from the reader (`tracker.imports.plan.COLUMNS`), so the two
cannot drift apart.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from io import BytesIO
from typing import IO, Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from tracker.domain.periods import PeriodError, parse_period
from tracker.exports.cells import neutralise
from tracker.imports.plan import COLUMNS, MAX_ROWS, SHEET_NAME
from tracker.imports.plan_cells import FIRST_YEAR, LAST_YEAR, TITLE_MAX
from tracker.imports.workbook import MAX_BYTES

GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
FONT = "Times New Roman"
_WIDTHS = {"no": 6, "title": 50, "description": 40, "section": 14, "lead_unit": 16}
_WIDTHS |= {"support_units": 24, "product": 28, "start_date": 14, "due_date": 14}
_WIDTHS |= {"documents": 32, "note": 28}
_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}
_DATE_PROMPT = "Nhập ngày dạng dd/mm/yyyy"


def write_plan_template(
    units: Sequence[tuple[str, str]],
    sections: Sequence[tuple[str, str]],
    period_code: str | None,
    out: str | os.PathLike[str] | IO[bytes],
    *,
    max_rows: int = MAX_ROWS,
) -> None:
    """Write the plan template, with dropdowns of `units` and `sections` given as (code, name)."""
    target = os.fspath(out) if isinstance(out, str | os.PathLike) else out
    options = {"strings_to_formulas": False, "strings_to_numbers": False}
    book = xlsxwriter.Workbook(target, options | {"strings_to_urls": False, "in_memory": True})
    styles = _styles(book)
    plan = book.add_worksheet(SHEET_NAME)
    guide = book.add_worksheet(GUIDE_SHEET)
    lists = book.add_worksheet(LISTS_SHEET)
    _write_table(plan, styles, max_rows)
    _write_lists(lists, styles, units, sections)
    _add_validations(plan, len(units), len(sections), max_rows)
    _write_guide(guide, styles, units, sections, period_code, max_rows)
    for ws in (plan, guide, lists):
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
    plan.repeat_rows(0)
    plan.activate()
    book.close()


def plan_template_bytes(
    units: Sequence[tuple[str, str]],
    sections: Sequence[tuple[str, str]],
    period_code: str | None,
    *,
    max_rows: int = MAX_ROWS,
) -> bytes:
    """Return the plan template as the bytes of an .xlsx file."""
    buffer = BytesIO()
    write_plan_template(units, sections, period_code, buffer, max_rows=max_rows)
    return buffer.getvalue()


def _styles(book: Any) -> dict[str, Any]:
    base = {"font_name": FONT, "font_size": 12, "valign": "top"}
    header = base | {"bold": True, "text_wrap": True, "align": "center", "border": 1}
    return {
        "text": book.add_format(base | {"text_wrap": True}),
        # Codes are text, so a code such as "01" keeps its leading zero when typed.
        "code": book.add_format(base | {"num_format": "@"}),
        "date": book.add_format(base | {"num_format": "dd/mm/yyyy"}),
        "header": book.add_format(header | {"valign": "vcenter", "bg_color": "#D9E1F2"}),
        "title": book.add_format(base | {"bold": True, "font_size": 14}),
        "bold": book.add_format(base | {"bold": True}),
    }


def _write_table(ws: Any, styles: dict[str, Any], max_rows: int) -> None:
    for index, column in enumerate(COLUMNS):
        key = column.key
        style = "date" if key.endswith("_date") else "code" if _is_code(key) else "text"
        ws.set_column(index, index, _WIDTHS[key], styles[style])
        ws.write_string(0, index, column.header, styles["header"])
    ws.set_row(0, 48)
    ws.freeze_panes(1, 0)
    title = _INDEX["title"]
    ws.data_validation(
        1, title, max_rows, title,
        {"validate": "length", "criteria": "<=", "value": TITLE_MAX,
         "error_title": "Tên nhiệm vụ quá dài",
         "error_message": f"Tên nhiệm vụ tối đa {TITLE_MAX} ký tự."},
    )  # fmt: skip
    for key in ("start_date", "due_date"):
        col = _INDEX[key]
        # A warning, not a stop: text typed as dd/mm/yyyy is accepted by the import too.
        ws.data_validation(
            1, col, max_rows, col,
            {"validate": "date", "criteria": "between",
             "minimum": date(FIRST_YEAR, 1, 1), "maximum": date(LAST_YEAR, 12, 31),
             "input_title": "Ngày", "input_message": _DATE_PROMPT, "error_type": "warning",
             "error_title": "Ngày không hợp lệ",
             "error_message": f"{_DATE_PROMPT}, trong khoảng năm {FIRST_YEAR}–{LAST_YEAR}."},
        )  # fmt: skip


def _is_code(key: str) -> bool:
    return key in ("section", "lead_unit", "support_units", "documents")


def _write_lists(ws: Any, styles: dict[str, Any], units: Sequence, sections: Sequence) -> None:
    heads = ("Mã đơn vị", "Tên đơn vị", "", "Mã lĩnh vực", "Tên lĩnh vực")
    for col, (head, width) in enumerate(zip(heads, (14, 50, 3, 14, 60), strict=True)):
        ws.set_column(col, col, width, styles["code"] if col in (0, 3) else styles["text"])
        if head:
            ws.write_string(0, col, head, styles["header"])
    for first_col, pairs in ((0, units), (3, sections)):
        for row, (code, name) in enumerate(pairs, start=1):
            ws.write_string(row, first_col, neutralise(code), styles["code"])
            ws.write_string(row, first_col + 1, neutralise(name), styles["text"])
    ws.freeze_panes(1, 0)


def _list_source(column: int, count: int) -> str:
    letter = xl_col_to_name(column)
    return f"='{LISTS_SHEET}'!${letter}$2:${letter}${count + 1}"


def _add_validations(ws: Any, n_units: int, n_sections: int, max_rows: int) -> None:
    """Add dropdowns of codes: the cell keeps the code, the names are beside them on the list."""
    dropdowns = [("section", 3, n_sections, True), ("lead_unit", 0, n_units, True)]
    # Several supporting units go in one cell, comma-separated: offer the list, allow any text.
    dropdowns.append(("support_units", 0, n_units, False))
    for key, source_col, count, strict in dropdowns:
        if count == 0:
            continue  # an empty list would make Excel refuse the whole validation
        col = _INDEX[key]
        options = {"validate": "list", "source": _list_source(source_col, count)}
        options |= {"input_title": "Chọn mã", "input_message": f"Xem tên ở trang “{LISTS_SHEET}”."}
        if strict:
            options |= {
                "error_title": "Mã không có",
                "error_message": "Chọn một mã trong danh sách.",
            }
        else:
            options["show_error"] = False
        ws.data_validation(1, col, max_rows, col, options)


def _guide_lines(period_code: str | None, max_rows: int) -> list[str]:
    labels = {c.key: c.label for c in COLUMNS}
    required = ", ".join(f"“{labels[k]}”" for k in ("title", "section", "lead_unit"))
    limit = f"{max_rows:,}".replace(",", ".")
    lines = [
        f"1. Mỗi nhiệm vụ một dòng trên trang “{SHEET_NAME}”, bắt đầu từ dòng 2; "
        "không sửa, không xoá dòng tiêu đề.",
        f"2. Bắt buộc nhập các cột có dấu (*): {required}.",
        f"3. Lĩnh vực và đơn vị: chọn mã trong danh sách thả xuống (tên ở trang “{LISTS_SHEET}”)"
        "; cũng có thể gõ đúng tên đầy đủ.",
        "4. Đơn vị phối hợp: nhiều mã cách nhau bởi dấu phẩy, ví dụ: VP, TTr. Sản phẩm: kết quả "
        "đầu ra (văn bản, báo cáo, hệ thống …), in trong phần phương hướng của báo cáo.",
        "5. Ngày: ô ngày của Excel, hoặc gõ dạng dd/mm/yyyy (cũng nhận d/m/yyyy); "
        f"năm từ {FIRST_YEAR} đến {LAST_YEAR}. Hạn hoàn thành không được trước ngày bắt đầu.",
        "6. Văn bản liên quan: số ký hiệu, nhiều văn bản cách nhau bởi dấu chấm phẩy, "
        "ví dụ: 135/QĐ-TTg; 4366/BTTTT-HTQT.",
        "7. Tên nhiệm vụ không được trùng nhau trong tệp, cũng không trùng nhiệm vụ đã có "
        f"trong kỳ; tối đa {TITLE_MAX} ký tự.",
        "8. Chỉ cần một dòng sai là cả tệp không được nhập; danh sách lỗi nêu rõ dòng và cột. "
        "Sửa các lỗi rồi tải tệp lên lại.",
        f"9. Tối đa {limit} dòng nhiệm vụ và {MAX_BYTES // 1024 // 1024} MB mỗi tệp, "
        "định dạng .xlsx.",
    ]
    if period_code:
        try:
            period = f"{period_code} ({parse_period(period_code).label})"
        except PeriodError:
            period = period_code
        lines.insert(0, f"Các nhiệm vụ sẽ được nhập vào kỳ kế hoạch: {period}.")
    return lines


def _write_guide(
    ws: Any,
    styles: dict[str, Any],
    units: Sequence[tuple[str, str]],
    sections: Sequence[tuple[str, str]],
    period_code: str | None,
    max_rows: int,
) -> None:
    # Examples live here, not on the table: an example row there would be imported by mistake.
    ws.set_column(0, 0, 6, styles["text"])
    ws.set_column(1, len(COLUMNS) - 1, 22, styles["text"])
    ws.write_string(0, 0, "HƯỚNG DẪN NHẬP KẾ HOẠCH NHIỆM VỤ TỪ EXCEL", styles["title"])
    row = 2
    for line in _guide_lines(period_code, max_rows):
        ws.merge_range(row, 0, row, len(COLUMNS) - 1, neutralise(line), styles["text"])
        ws.set_row(row, 32)
        row += 1
    ws.write_string(row + 1, 0, "Ví dụ (điền trên trang “Kế hoạch”):", styles["bold"])
    ws.set_row(row + 2, 48)
    for col, column in enumerate(COLUMNS):
        ws.write_string(row + 2, col, column.header, styles["header"])
    for offset, example in enumerate(_examples(units, sections)):
        ws.set_row(row + 3 + offset, 48)  # room for the wrapped example text
        for col, value in enumerate(example):
            ws.write_string(row + 3 + offset, col, neutralise(value), styles["text"])


def _examples(units: Sequence[tuple[str, str]], sections: Sequence[tuple[str, str]]) -> list:
    unit = units[0][0] if units else "VP"
    other = units[1][0] if len(units) > 1 else "TTr"
    section = sections[0][0] if sections else "I.1"
    return [
        ["1", "Xây dựng kế hoạch chuyển đổi số năm 2021", "Trình UBND tỉnh ban hành", section,
         unit, other, "01/10/2020", "15/12/2020", "135/QĐ-TTg", ""],
        ["2", "Tổ chức tuyên truyền về an toàn thông tin", "", section, unit, "", "",
         "31/12/2020", "", "Không bắt buộc nhập ngày bắt đầu"],
    ]  # fmt: skip
