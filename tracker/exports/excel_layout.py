"""How the workbook's tables are laid out and written, column by column: widths that fit the
text, row heights for wrapped lines, and xlsxwriter's own writer for each kind of cell. Pure.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd
from xlsxwriter.worksheet import Worksheet

from tracker.exports.cells import neutralise
from tracker.exports.excel_tables import Col

TEXT_KINDS = ("text", "label")
# LibreOffice does not re-fit wrapped rows when it opens a file (Excel not always), so rows get
# explicit heights from an estimate of their line count. Times New Roman 12 pt runs ~15.75 pt a
# line in Excel (13.3 in LibreOffice), and about one character a width unit: counting exactly one
# a unit slightly over-counts lines, which makes up for the shorter 15 pt line used here.
LINE_PT, PAD_PT = 15.0, 3.0


def layout(frame: pd.DataFrame, cols: Sequence[Col]) -> tuple[list[int], list[float | None]]:
    """Return column widths that fit the text and row heights for the wrapped lines."""
    widths, lines = [], pd.Series(1, index=frame.index, dtype="int64")
    for col in cols:
        width = col.min_width
        if col.kind in TEXT_KINDS and len(frame):
            texts = frame[col.header].fillna("")
            lengths = texts.str.len()
            if col.max_width is not None:
                width = min(max(width, int(lengths.max()) + 2), col.max_width)
            breaks = texts.str.count("\n") if texts.str.contains("\n", regex=False).any() else 0
            lines = lines.clip(lower=-(-lengths // width) + breaks)
        widths.append(width)
    # A one-line row keeps the default height: no need to write one.
    heights = [None if n == 1 else n * LINE_PT + PAD_PT for n in lines.tolist()]
    return widths, heights


def typed_writer(ws: Worksheet, kind: str):
    """xlsxwriter's own writer for a column's kind (text, date or number)."""
    if kind in TEXT_KINDS:
        return ws.write_string
    return ws.write_datetime if kind == "date" else ws.write_number


def height(text: str, width: int) -> float:
    lines = sum(max(1, len(textwrap.wrap(part, width))) for part in text.split("\n"))
    return lines * LINE_PT + PAD_PT


def cell_writer(ws: Worksheet, kind: str):
    """Return the writer for a column kind; every text goes through `neutralise`."""
    if kind in TEXT_KINDS:
        return lambda r, c, v, f: (
            ws.write_string(r, c, neutralise(v), f) if v else ws.write_blank(r, c, None, f)
        )
    write = ws.write_datetime if kind == "date" else ws.write_number
    return lambda r, c, v, f: ws.write_blank(r, c, None, f) if v is None else write(r, c, v, f)
