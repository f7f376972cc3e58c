"""The chỉ tiêu workbook to fill: a unit's indicators of a period (their figures so far), and
for the leaders a sheet of new indicators, with dropdowns fed from a list sheet.

Pure: the caller passes the rows; the headers come from the reader
(`tracker.imports.indicator_sheet`), so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import NamedTuple

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from tracker.exports.cells import neutralise
from tracker.imports.indicator_sheet import (
    DIRECTION_WORDS,
    FIGURE_COLUMNS,
    FIGURE_SHEET,
    KIND_WORDS,
    NEW_COLUMNS,
    NEW_SHEET,
)

LISTS_SHEET = "Danh mục"
FONT = "Times New Roman"
_FIGURE_WIDTHS = (16, 50, 14, 18, 16, 16, 16, 36)
_NEW_WIDTHS = (16, 50, 14, 20, 20, 16, 14, 8, 14)
_ROWS = 500  # rows the dropdowns and formats reach on the new-indicator sheet


class FigureRow(NamedTuple):
    code: str
    name: str
    measure: str
    kind: str  # the kind's words (KIND_WORDS' keys)
    value: float | None
    numerator: float | None
    denominator: float | None


def indicator_template_bytes(
    period_label: str,
    rows: Sequence[FigureRow],
    units: Sequence[str],
    sections: Sequence[str],
    with_new: bool,
) -> bytes:
    """The workbook: figures of `rows` for `period_label`; the new-indicator sheet when
    `with_new` (its dropdowns list `units` and `sections` codes)."""
    buffer = BytesIO()
    options = {"strings_to_formulas": False, "strings_to_numbers": False, "in_memory": True}
    book = xlsxwriter.Workbook(buffer, options | {"strings_to_urls": False})
    base = {"font_name": FONT, "font_size": 12, "valign": "top"}
    text = book.add_format(base | {"text_wrap": True})
    code = book.add_format(base | {"num_format": "@"})
    number = book.add_format(base | {"num_format": "#,##0.####", "bg_color": "#FFF9E6"})
    header = book.add_format(
        base | {"bold": True, "text_wrap": True, "border": 1, "bg_color": "#D9E1F2"}
    )
    note = book.add_format(base | {"italic": True, "font_color": "#555555", "text_wrap": True})
    figures = book.add_worksheet(FIGURE_SHEET)
    figures.merge_range(0, 0, 0, 7, neutralise(f"Số liệu chỉ tiêu – {period_label}"), note)
    for c, (column, width) in enumerate(zip(FIGURE_COLUMNS, _FIGURE_WIDTHS, strict=True)):
        figures.set_column(c, c, width, code if c == 0 else text)
        figures.write_string(1, c, column.header, header)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate((row.code, row.name, row.measure, row.kind)):
            figures.write_string(r, c, neutralise(value), code if c == 0 else text)
        for c, value in enumerate((row.value, row.numerator, row.denominator), start=4):
            if value is None:
                figures.write_blank(r, c, None, number)
            else:
                figures.write_number(r, c, value, number)
    figures.freeze_panes(2, 2)
    if with_new:
        _new_sheet(book, header, text, code, units, sections)
    figures.activate()
    book.close()
    return buffer.getvalue()


def _new_sheet(book, header, text, code, units: Sequence[str], sections: Sequence[str]) -> None:
    new = book.add_worksheet(NEW_SHEET)
    lists = book.add_worksheet(LISTS_SHEET)
    for c, (column, width) in enumerate(zip(NEW_COLUMNS, _NEW_WIDTHS, strict=True)):
        new.set_column(c, c, width, code if c in (0, 5, 6) else text)
        new.write_string(0, c, column.header, header)
    new.freeze_panes(1, 1)
    choices = (list(KIND_WORDS), list(DIRECTION_WORDS), list(units), list(sections))
    for c, values in enumerate(choices):
        for r, value in enumerate(values):
            lists.write_string(r, c, neutralise(value), code)
    keys = [column.key for column in NEW_COLUMNS]
    for c, key in enumerate(("kind", "direction", "unit", "section")):
        count = max(len(choices[c]), 1)
        column = xl_col_to_name(c)
        source = f"='{LISTS_SHEET}'!${column}$1:${column}${count}"
        where = keys.index(key)
        new.data_validation(
            1, where, _ROWS, where,
            {"validate": "list", "source": source, "error_title": "Chọn trong danh sách"},
        )  # fmt: skip
    new.data_validation(
        1, keys.index("target"), _ROWS, keys.index("target"),
        {"validate": "decimal", "criteria": ">=", "value": 0,
         "error_message": "Chỉ tiêu năm là một số không âm."},
    )  # fmt: skip
    lists.hide()
