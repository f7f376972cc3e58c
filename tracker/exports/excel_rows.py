"""A worksheet that writes a whole row of cells at once, for the report's long tables.

In `constant_memory` mode xlsxwriter keeps one row and writes it out as XML when the next row
begins. Each `write_*` call checks its cell, files it, and `_write_cell` then escapes and
writes it one attribute at a time: most of the time of a 57,000-row workbook. `write_cells`
writes the same XML for a row straight into the sheet's stream: the `<row>` element by
xlsxwriter's own `_write_row` (with what `set_row` stored), plain cells from templates, and
any cell that needs escaping, whitespace preserved or truncating by xlsxwriter's `_write_cell`.
tests/exports/test_excel.py checks that a workbook written this way is byte for byte the one
written cell by cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from xlsxwriter.format import Format
from xlsxwriter.utility import _utf16_len, _utf16_truncate, xl_col_to_name
from xlsxwriter.worksheet import CellStringTuple, Worksheet

# Kinds of cell: a string, a number, a date; None (or "" for a string) writes a blank.
STRING, NUMBER, DATE = "s", "n", "d"
# A string xlsxwriter writes as it is: no character it escapes (& < > control characters,
# "_xHHHH_" look-alikes, U+FFFE/U+FFFF), no leading or trailing whitespace to preserve.
_AS_IS = re.compile(
    r"[^\s\x00-\x1f&<>_\ufffe\uffff](?:[^\x00-\x1f&<>_\ufffe\uffff]*[^\s\x00-\x1f&<>_\ufffe\uffff])?"
)


class RowSheet(Worksheet):
    """A worksheet with `write_cells`: a row's cells in one call (constant_memory mode)."""

    def __init__(self) -> None:
        super().__init__()
        self._serials: dict = {}  # date → its Excel serial number, as written

    def write_cells(
        self, row: int, kinds: Sequence[str], values: Sequence, formats: Sequence[Format]
    ) -> None:
        """Write a row's cells from column 0, as `write_string`, `write_number`,
        `write_datetime` or `write_blank` with each format would, and end the row.

        The row must come after every row written so far; its height (`set_row`) is set
        before. Nothing can be added to the row afterwards.
        """
        if not self.constant_memory:
            raise RuntimeError("write_cells writes rows straight out: constant_memory only")
        if row < self.previous_row or (row == self.previous_row and self.table.get(row)):
            raise ValueError(f"row {row} comes before a row already written")
        last = len(values) - 1
        if self._check_dimensions(row, 0) or self._check_dimensions(row, last):
            raise ValueError(f"row {row} is outside the worksheet")
        if row > self.previous_row:
            self._write_single_row(row)  # the row before, if it is still pending
        # Written here, the row must not be written again when the next one begins.
        self._write_row(row, None, self.row_info.pop(row, None))
        number, days = str(row + 1), self._serials
        parts = []
        for col, (kind, value, cell_format) in enumerate(zip(kinds, values, formats, strict=True)):
            ref = _COLUMNS[col] + number if col < len(_COLUMNS) else xl_col_to_name(col) + number
            attrs = f' r="{ref}" s="{cell_format._get_xf_index()}"'
            if value is None or (kind == STRING and value == ""):
                parts.append(f"<c{attrs}/>")
            elif kind == STRING:
                if len(value) <= self.xls_strmax // 2 and _AS_IS.fullmatch(value):
                    parts.append(f'<c{attrs} t="inlineStr"><is><t>{value}</t></is></c>')
                else:  # xlsxwriter's own path: truncation, escapes, whitespace kept
                    if _utf16_len(value) > self.xls_strmax:
                        value = _utf16_truncate(value, self.xls_strmax)
                    self.fh.write("".join(parts))
                    parts.clear()
                    self._write_cell(row, col, CellStringTuple(value, cell_format))
            elif kind == DATE:  # a report's dates are a few hundred days, each many times
                serial = days.get(value)
                if serial is None:
                    serial = days[value] = f"{self._convert_date_time(value):.16G}"
                parts.append(f"<c{attrs}><v>{serial}</v></c>")
            else:
                parts.append(f"<c{attrs}><v>{value:.16G}</v></c>")
        parts.append("</row>")
        self.fh.write("".join(parts))


_COLUMNS = [xl_col_to_name(col) for col in range(64)]


def write_cells_one_by_one(
    ws: Worksheet, row: int, kinds: Sequence[str], values: Sequence, formats: Sequence[Format]
) -> None:
    """What `RowSheet.write_cells` does, through xlsxwriter's public calls, cell by cell."""
    for col, (kind, value, cell_format) in enumerate(zip(kinds, values, formats, strict=True)):
        if value is None or (kind == STRING and value == ""):
            ws.write_blank(row, col, None, cell_format)
        elif kind == STRING:
            ws.write_string(row, col, value, cell_format)
        elif kind == DATE:
            ws.write_datetime(row, col, value, cell_format)
        else:
            ws.write_number(row, col, value, cell_format)
