"""The periodic report as an Excel workbook: pandas builds the tables (excel_tables.py),
xlsxwriter writes them.

Pure: a `Report` in, bytes out. The workbook is written in `constant_memory` mode (rows
stream to disk in order), with xlsxwriter's string-to-formula/number/URL guessing turned off
and every text cell passed through `neutralise`, so no cell can ever run as a formula. The
tables' rows go through xlsxwriter's public `write_row`, one call per run of columns that
share a format.
"""

from __future__ import annotations

import io
import os
import textwrap
from collections.abc import Sequence
from typing import BinaryIO

import pandas as pd
from xlsxwriter import Workbook
from xlsxwriter.chart import Chart
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from tracker.domain.dates import format_day
from tracker.domain.report import Report
from tracker.exports.cells import neutralise
from tracker.exports.excel_tables import (
    STAT_COLS,
    Col,
    Table,
    cover_table,
    overdue_table,
    plan_table,
    results_table,
    stat_values,
    stats_table,
)

FONT = "Times New Roman"
# Text stays text: xlsxwriter must not turn strings into formulas, numbers or links.
NO_GUESSING = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
OPTIONS = {"constant_memory": True, **NO_GUESSING}
NONE_TEXT = "Không có"
TEXT_KINDS = ("text", "label")
# LibreOffice does not re-fit wrapped rows when it opens a file (Excel not always), so rows get
# explicit heights from an estimate of their line count. Times New Roman 12 pt runs ~15.75 pt a
# line in Excel (13.3 in LibreOffice), and about one character a width unit: counting exactly one
# a unit slightly over-counts lines, which makes up for the shorter 15 pt line used here.
LINE_PT, PAD_PT = 15.0, 3.0
BOXED = {"border": 1, "text_wrap": True}
HEADER = {**BOXED, "bold": True, "align": "center", "valign": "vcenter", "bg_color": "#D9D9D9"}
GROUP = {**BOXED, "bold": True, "valign": "vcenter"}
GROUP_FILLS = ("#D9E1F2", "#E9EEF7", "#F4F6FB")  # darker for the higher headings
HIGHLIGHT_FILL = "#FFC7CE"
NUMBER_FORMATS = {"date": "dd/mm/yyyy", "pct": "0.00 %", "int": "#,##0"}
# Stacked in the chart: (column in the statistics table, colour).
CHART_SERIES = ((2, "#4E9A06"), (3, "#F0A30A"), (4, "#5B9BD5"), (5, "#C00000"))


# -- the workbook (xlsxwriter) -------------------------------------------------------------


def _layout(frame: pd.DataFrame, cols: Sequence[Col]) -> tuple[list[int], list[float | None]]:
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


def _runs(formats: Sequence[Format]) -> list[tuple[int, int, Format]]:
    """The columns as (start, end, format) runs of neighbours that share their format."""
    runs: list[tuple[int, int, Format]] = []
    for col, cell_format in enumerate(formats):
        if runs and runs[-1][2] is cell_format:
            runs[-1] = (runs[-1][0], col + 1, cell_format)
        else:
            runs.append((col, col + 1, cell_format))
    return runs


def _height(text: str, width: int) -> float:
    lines = sum(max(1, len(textwrap.wrap(part, width))) for part in text.split("\n"))
    return lines * LINE_PT + PAD_PT


def _cell_writer(ws: Worksheet, kind: str):
    """Return the writer for a column kind; every text goes through `neutralise`."""
    if kind in TEXT_KINDS:
        return lambda r, c, v, f: (
            ws.write_string(r, c, neutralise(v), f) if v else ws.write_blank(r, c, None, f)
        )
    write = ws.write_datetime if kind == "date" else ws.write_number
    return lambda r, c, v, f: ws.write_blank(r, c, None, f) if v is None else write(r, c, v, f)


class _Writer:
    """Writes one report's sheets into one workbook, sharing its formats."""

    def __init__(self, book: Workbook, report: Report) -> None:
        self.book, self.report = book, report
        self.generated = f"{report.generated_at:%d/%m/%Y %H:%M}"
        self._formats: dict[tuple, Format] = {}

    def fmt(self, **props) -> Format:
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.book.add_format(props)
        return self._formats[key]

    def cell_fmt(self, kind: str, **extra) -> Format:
        align = {"align": "center"} if kind in ("int", "date", "label") else {}
        number = NUMBER_FORMATS.get(kind, "")
        return self.fmt(**BOXED, valign="top", num_format=number, **align, **extra)

    def page_setup(self, ws: Worksheet, title: str) -> None:
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.5, right=0.4, top=0.7, bottom=0.6)
        ws.center_horizontally()
        safe = title.replace("&", "&&")  # a lone & starts a header code
        ws.set_header(f'&C&"{FONT},Bold"&12{safe}', {"margin": 0.3})
        footer = f'&L&"{FONT},Italic"&9Lập lúc {self.generated}&R&"{FONT},Regular"&10Trang &P/&N'
        ws.set_footer(footer, {"margin": 0.3})

    def table_sheet(self, name: str, title: str, table: Table) -> tuple[Worksheet, int]:
        """Add a sheet holding one table, set up for screen and print; return it, next row."""
        ws, cols = self.book.add_worksheet(name), table.cols
        widths, heights = _layout(table.frame, cols)
        for c, (col, width) in enumerate(zip(cols, widths, strict=True)):
            ws.set_column(c, c, width)
            ws.write_string(0, c, neutralise(col.header), self.fmt(**HEADER))
        ws.set_row(0, max(_height(col.header, w) for col, w in zip(cols, widths, strict=True)))
        end = self.rows(ws, table, widths, heights)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, end - 1, len(cols) - 1)
        ws.set_landscape()
        ws.repeat_rows(0)
        self.page_setup(ws, title)
        return ws, end

    def rows(self, ws: Worksheet, table: Table, widths: list[int], heights: list) -> int:
        """Write the data rows below the header, group headings first; return the next row."""
        cols, groups, last = table.cols, table.groups or {}, len(table.cols) - 1
        plain = _runs([self.cell_fmt(col.kind) for col in cols])
        marked = _runs([self.cell_fmt(col.kind, bg_color=HIGHLIGHT_FILL) for col in cols])
        texts = [c for c, col in enumerate(cols) if col.kind in TEXT_KINDS]
        highlight = table.highlight
        row = 1
        columns = [table.frame[col.header].tolist() for col in cols]
        for c in texts:  # every text goes through `neutralise`; an empty one is a blank cell
            columns[c] = [neutralise(v) if v else None for v in columns[c]]
        for i, values in enumerate(zip(*columns, strict=True)):
            for depth, text in groups.get(i, ()):
                fill = GROUP_FILLS[min(depth, len(GROUP_FILLS) - 1)]
                ws.set_row(row, _height(text, sum(widths) - 2 * depth))
                group = self.fmt(**GROUP, bg_color=fill, indent=depth)
                ws.merge_range(row, 0, row, last, neutralise(text), group)
                row += 1
            if heights[i] is not None:
                ws.set_row(row, heights[i])
            for start, end, cell_format in marked if highlight and highlight[i] else plain:
                ws.write_row(row, start, values[start:end], cell_format)
            row += 1
        if row == 1:
            ws.merge_range(1, 0, 1, last, NONE_TEXT, self.cell_fmt("label", italic=True))
            row = 2
        return row

    def cover(self) -> None:
        report, ws = self.report, self.book.add_worksheet("Bìa")
        ws.set_column(0, 0, 52)
        ws.set_column(1, 1, 24)
        lines = [
            (report.organisation.parent_body, {}),
            (report.organisation.name, {"bold": True}),
            ("", {}),
            ("BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ", {"bold": True, "font_size": 16}),
            (report.period.label, {"bold": True, "font_size": 14}),
            (f"Số liệu tính đến ngày {format_day(report.as_of)}", {"italic": True}),
            (f"Kỳ tới: {report.next_period.label}", {}),
            (f"Lập lúc: {self.generated}", {"italic": True, "font_size": 11}),
            ("", {}),
        ]
        for row, (text, props) in enumerate(lines):
            centre = self.fmt(align="center", valign="vcenter", text_wrap=True, **props)
            ws.merge_range(row, 0, row, 1, neutralise(text), centre)
        summary, top = cover_table(report), len(lines)
        for c, header in enumerate(summary.columns):
            ws.write_string(top, c, neutralise(header), self.fmt(**HEADER))
        value_fmt = self.fmt(border=1, align="right", num_format="#,##0")
        for row, (label, value) in enumerate(summary.itertuples(index=False), start=top + 1):
            ws.write_string(row, 0, neutralise(label), self.fmt(border=1))
            _cell_writer(ws, "text" if isinstance(value, str) else "int")(row, 1, value, value_fmt)
        self.page_setup(ws, "")

    def stats(self) -> None:
        report, table = self.report, stats_table(self.report)
        title = f"Thống kê theo đơn vị – {report.period.label}"
        title += f" (kỳ trước: {report.previous_period.label})"
        ws, row = self.table_sheet("Thống kê theo đơn vị", title, table)
        if units := len(table.frame):
            totals = ("Tổng cộng", *stat_values(report.totals))
            totals += stat_values(report.previous_totals)
            for c, (col, value) in enumerate(zip(STAT_COLS, totals, strict=True)):
                _cell_writer(ws, col.kind)(row, c, value, self.cell_fmt(col.kind, bold=True))
            ws.insert_chart(row + 2, 0, self.chart(ws.name, units), {"y_offset": 8})

    def chart(self, sheet: str, n: int) -> Chart:
        chart = self.book.add_chart({"type": "column", "subtype": "stacked"})
        for col, colour in CHART_SERIES:
            series = {"name": [sheet, 0, col], "categories": [sheet, 1, 0, n, 0], "gap": 80}
            chart.add_series(
                {**series, "values": [sheet, 1, col, n, col], "fill": {"color": colour}}
            )
        font = {"name": FONT, "size": 11}
        title = f"Tình hình thực hiện nhiệm vụ – {self.report.period.label}"
        chart.set_title({"name": title, "name_font": {**font, "size": 13, "bold": True}})
        chart.set_x_axis({"num_font": font})
        tallest = max((s.assigned for s in self.report.units), default=1)
        step = max(1, -(-tallest // 6))  # whole tasks, about six gridlines
        axis = {"name": "Số nhiệm vụ", "name_font": font, "num_font": font}
        chart.set_y_axis({**axis, "min": 0, "major_unit": step})
        chart.set_legend({"position": "bottom", "font": font})
        chart.set_size({"width": 900, "height": 380})
        return chart

    def write(self) -> None:
        report, label = self.report, self.report.period.label
        self.cover()
        self.table_sheet("Kết quả", f"Kết quả thực hiện nhiệm vụ – {label}", results_table(report))
        plan_title = f"Kế hoạch – {report.next_period.label}"
        self.table_sheet("Kế hoạch kỳ tới", plan_title, plan_table(report))
        late_title = f"Nhiệm vụ chưa hoàn thành, quá hạn – {label}"
        self.table_sheet("Quá hạn", late_title, overdue_table(report))
        self.stats()


def write_report_xlsx(report: Report, out: str | os.PathLike | BinaryIO) -> None:
    """Write the report as an .xlsx workbook to a path or a binary file object."""
    target = os.fspath(out) if isinstance(out, (str, os.PathLike)) else out
    # A fresh font dict each time: xlsxwriter writes into the one it is given.
    font = {"font_name": FONT, "font_size": 12}
    with Workbook(target, {**OPTIONS, "default_format_properties": font}) as book:
        _Writer(book, report).write()


def report_xlsx_bytes(report: Report) -> bytes:
    """Return the report as .xlsx bytes."""
    buffer = io.BytesIO()
    write_report_xlsx(report, buffer)
    return buffer.getvalue()
