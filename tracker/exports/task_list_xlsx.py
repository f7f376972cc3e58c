"""A task list, as filtered on its page, as an Excel workbook with the report's look. Pure.

The rows arrive as an iterable and are written as they come, in xlsxwriter's
`constant_memory` mode: a province's 100,000 tasks never sit in memory together. Above the
table, the rows say what the list is: its title, the filters it was made with, the day its
deadlines were judged on and how many tasks it holds, so a printed or forwarded sheet
explains itself. Text cells go through `neutralise` (no cell runs as a formula).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from xlsxwriter import Workbook

from tracker.domain.dates import format_day
from tracker.exports.cells import neutralise
from tracker.exports.excel import BOXED, FONT, HEADER, OPTIONS
from tracker.exports.excel_layout import LINE_PT, height

# (header, width, kind): widths fixed up front, since rows are not kept to measure them.
COLUMNS = (
    ("STT", 6, "int"),
    ("Nhiệm vụ", 48, "text"),
    ("Đơn vị chủ trì", 20, "text"),
    ("Người thực hiện", 20, "text"),
    ("Hạn hoàn thành", 12, "date"),
    ("Trạng thái", 15, "label"),
    ("Thời hạn", 16, "label"),
    ("Tiến độ (%)", 9, "int"),
    ("Ngày hoàn thành", 12, "date"),
    ("Kết quả đạt được", 48, "text"),
)
TITLE = "DANH SÁCH NHIỆM VỤ"


@dataclass(frozen=True)
class ListRow:
    title: str
    lead_unit: str
    assignee: str
    due_date: date | None
    status: str
    timeliness: str
    progress: int
    completed_on: date | None
    result: str


@dataclass(frozen=True)
class ListHeading:
    organisation: str
    filters: list[str]  # "Trạng thái: Đang thực hiện", … (empty: every task)
    as_of: date
    total: int
    made_at: str  # "08/12/2026 09:30"


def write_task_list(rows: Iterable[ListRow], heading: ListHeading) -> bytes:
    """The workbook's bytes: the heading rows, the table, one task a row."""
    out = io.BytesIO()
    book = Workbook(out, OPTIONS)
    book.formats[0].set_font_name(FONT)
    ws = book.add_worksheet("Nhiệm vụ")
    last = len(COLUMNS) - 1
    bold = book.add_format({"bold": True, "font_name": FONT, "font_size": 14, "align": "center"})
    note = book.add_format({"italic": True, "font_name": FONT, "text_wrap": True})
    ws.merge_range(0, 0, 0, last, neutralise(heading.organisation.upper()), bold)
    ws.merge_range(1, 0, 1, last, TITLE, bold)
    filters = "; ".join(heading.filters) if heading.filters else "tất cả nhiệm vụ"
    ws.merge_range(2, 0, 2, last, neutralise(f"Bộ lọc: {filters}"), note)
    count = f"{heading.total:,}".replace(",", ".")  # 15.597, as Vietnamese writes it
    summary = (
        f"Thời hạn tính đến ngày {format_day(heading.as_of)} · {count} nhiệm vụ · "
        f"lập lúc {heading.made_at}"
    )
    ws.merge_range(3, 0, 3, last, summary, note)
    top = 5
    header = book.add_format({**HEADER, "font_name": FONT})
    formats = {
        kind: book.add_format(
            {
                **BOXED,
                "valign": "top",
                "font_name": FONT,
                **({"align": "center"} if kind in ("int", "date", "label") else {}),
                **({"num_format": "dd/mm/yyyy"} if kind == "date" else {}),
            }
        )
        for kind in ("text", "label", "int", "date")
    }
    ws.set_row(top, max(height(name, width) for name, width, _ in COLUMNS))
    for c, (name, width, _kind) in enumerate(COLUMNS):
        ws.set_column(c, c, width)
        ws.write_string(top, c, name, header)
    row = top
    for number, task in enumerate(rows, start=1):
        row = top + number
        _write_row(ws, row, number, task, formats)
    ws.freeze_panes(top + 1, 0)
    ws.autofilter(top, 0, max(row, top + 1), last)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top)
    ws.set_footer(f'&L&"{FONT},Italic"&9Lập lúc {heading.made_at}&R&"{FONT},Regular"&10Trang &P/&N')
    book.close()
    return out.getvalue()


# The wrapped text columns and their widths: a row's height must be set before its cells
# (constant-memory mode), and LibreOffice does not re-fit wrapped rows when it opens a file.
_WRAPPED = ((1, "title"), (2, "lead_unit"), (3, "assignee"), (9, "result"))


def _write_row(ws, row: int, number: int, task: ListRow, formats: dict) -> None:
    text, label = formats["text"], formats["label"]
    tallest = max(height(getattr(task, name) or "", COLUMNS[c][1]) for c, name in _WRAPPED)
    if tallest > LINE_PT + 3:
        ws.set_row(row, tallest)
    ws.write_number(row, 0, number, formats["int"])
    ws.write_string(row, 1, neutralise(task.title), text)
    ws.write_string(row, 2, neutralise(task.lead_unit), text)
    ws.write_string(row, 3, neutralise(task.assignee), text)
    _date(ws, row, 4, task.due_date, formats["date"])
    ws.write_string(row, 5, task.status, label)
    ws.write_string(row, 6, task.timeliness, label)
    ws.write_number(row, 7, task.progress, formats["int"])
    _date(ws, row, 8, task.completed_on, formats["date"])
    if task.result:
        ws.write_string(row, 9, neutralise(task.result), text)
    else:
        ws.write_blank(row, 9, None, text)


def _date(ws, row: int, col: int, value: date | None, fmt) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_datetime(row, col, value, fmt)
