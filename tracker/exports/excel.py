"""The periodic report as an Excel workbook: pandas builds the tables (excel_tables.py),
xlsxwriter writes them.

Pure: a `Report` in, bytes out. The workbook is written in `constant_memory` mode (rows
stream to disk in order), with xlsxwriter's string-to-formula/number/URL guessing turned off
and every text cell passed through `neutralise`, so no cell can ever run as a formula. The
tables' cells go through xlsxwriter's public typed writers (write_string, write_number,
write_datetime), chosen once per column.
"""

from __future__ import annotations

import io
import os
from typing import BinaryIO

from xlsxwriter import Workbook
from xlsxwriter.chart import Chart
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from tracker.domain.dates import format_day
from tracker.domain.report import Report
from tracker.domain.roman import to_roman
from tracker.exports.cells import neutralise
from tracker.exports.excel_layout import TEXT_KINDS, cell_writer, height, layout, typed_writer
from tracker.exports.excel_tables import (
    STAT_COLS,
    Table,
    cover_table,
    indicator_table,
    not_due_table,
    overdue_table,
    pending_table,
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
BOXED = {"border": 1, "text_wrap": True}
HEADER = {**BOXED, "bold": True, "align": "center", "valign": "vcenter", "bg_color": "#D9D9D9"}
GROUP = {**BOXED, "bold": True, "valign": "vcenter"}
GROUP_FILLS = ("#D9E1F2", "#E9EEF7", "#F4F6FB")  # darker for the higher headings
HIGHLIGHT_FILL = "#FFC7CE"
NUMBER_FORMATS = {"date": "dd/mm/yyyy", "pct": "0.00 %", "int": "#,##0"}
# Stacked in the chart: (column in the statistics table, colour).
CHART_SERIES = (
    (2, "#4E9A06"),
    (3, "#F0A30A"),
    (4, "#9E7CC1"),
    (5, "#5B9BD5"),
    (6, "#C00000"),
)


class _Writer:
    """Writes one report's sheets into one workbook, sharing its formats."""

    def __init__(self, book: Workbook, report: Report) -> None:
        self.book, self.report = book, report
        self.generated = f"{report.generated_at:%d/%m/%Y %H:%M}"
        self._formats: dict[tuple, Format] = {}
        self.appendices = 0

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
        """Add a sheet holding one table, set up for screen and print; return it, next row.

        An issued report's sheets are its appendices: each says so above its table.
        """
        ws, cols = self.book.add_worksheet(name), table.cols
        widths, heights = layout(table.frame, cols)
        top = self.appendix(ws, title, len(cols) - 1)
        for c, (col, width) in enumerate(zip(cols, widths, strict=True)):
            ws.set_column(c, c, width)
            ws.write_string(top, c, neutralise(col.header), self.fmt(**HEADER))
        ws.set_row(top, max(height(col.header, w) for col, w in zip(cols, widths, strict=True)))
        end = self.rows(ws, table, widths, heights, top + 1)
        ws.freeze_panes(top + 1, 0)
        ws.autofilter(top, 0, end - 1, len(cols) - 1)
        ws.set_landscape()
        ws.repeat_rows(top)
        self.page_setup(ws, title)
        return ws, end

    def appendix(self, ws: Worksheet, title: str, last: int) -> int:
        """Write "Phụ lục n" and "(Kèm theo Báo cáo số … ngày … của …)" above an issued
        report's table (Decree 30/2020/NĐ-CP, Appendix I); return the table's first row."""
        stamp = self.report.issue
        if stamp is None:
            return 0
        self.appendices += 1
        org = self.report.organisation.prose_name
        with_report = f"(Kèm theo Báo cáo số {stamp.number} ngày {format_day(stamp.issued_on)}"
        lines = (
            (f"Phụ lục {to_roman(self.appendices)}", {"bold": True}),
            (title.upper(), {"bold": True}),
            (f"{with_report} của {org})", {"italic": True}),
        )
        for row, (text, props) in enumerate(lines):
            centre = self.fmt(align="center", valign="vcenter", text_wrap=True, **props)
            ws.merge_range(row, 0, row, last, neutralise(text), centre)
        return len(lines) + 1

    def rows(
        self, ws: Worksheet, table: Table, widths: list[int], heights: list, first: int
    ) -> int:
        """Write the data rows from row `first`, group headings first; return the next row."""
        cols, groups, last = table.cols, table.groups or {}, len(table.cols) - 1
        plain = [self.cell_fmt(col.kind) for col in cols]
        marked = [self.cell_fmt(col.kind, bg_color=HIGHLIGHT_FILL) for col in cols]
        writers = [typed_writer(ws, col.kind) for col in cols]
        texts = [c for c, col in enumerate(cols) if col.kind in TEXT_KINDS]
        highlight = table.highlight
        row = first
        columns = [table.frame[col.header].tolist() for col in cols]
        for c in texts:  # every text goes through `neutralise`; an empty one is a blank cell
            columns[c] = [neutralise(v) if v else None for v in columns[c]]
        blank = ws.write_blank
        for i, values in enumerate(zip(*columns, strict=True)):
            for depth, text in groups.get(i, ()):
                fill = GROUP_FILLS[min(depth, len(GROUP_FILLS) - 1)]
                ws.set_row(row, height(text, sum(widths) - 2 * depth))
                group = self.fmt(**GROUP, bg_color=fill, indent=depth)
                ws.merge_range(row, 0, row, last, neutralise(text), group)
                row += 1
            if heights[i] is not None:
                ws.set_row(row, heights[i])
            formats = marked if highlight and highlight[i] else plain
            for c, value in enumerate(values):
                if value is None:
                    blank(row, c, None, formats[c])
                else:
                    writers[c](row, c, value, formats[c])
            row += 1
        if row == first:
            ws.merge_range(first, 0, first, last, NONE_TEXT, self.cell_fmt("label", italic=True))
            row = first + 1
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
            cell_writer(ws, "text" if isinstance(value, str) else "int")(row, 1, value, value_fmt)
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
                cell_writer(ws, col.kind)(row, c, value, self.cell_fmt(col.kind, bold=True))
            head = row - units - 1
            ws.insert_chart(row + 2, 0, self.chart(ws.name, head, units), {"y_offset": 8})

    def chart(self, sheet: str, head: int, n: int) -> Chart:
        """A stacked column a unit, from the table whose header is row `head`."""
        chart = self.book.add_chart({"type": "column", "subtype": "stacked"})
        first, last = head + 1, head + n
        for col, colour in CHART_SERIES:
            categories = [sheet, first, 0, last, 0]
            series = {"name": [sheet, head, col], "categories": categories, "gap": 80}
            values = [sheet, first, col, last, col]
            chart.add_series({**series, "values": values, "fill": {"color": colour}})
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
        if report.pending and report.issue is None:  # a draft's: an issued report has none
            pending = f"Đã báo cáo hoàn thành, chờ xác nhận – {label}"
            self.table_sheet("Chờ xác nhận", pending, pending_table(report))
        plan_title = f"Kế hoạch – {report.next_period.label}"
        self.table_sheet("Kế hoạch kỳ tới", plan_title, plan_table(report))
        late_title = f"Nhiệm vụ chưa hoàn thành, quá hạn – {label}"
        self.table_sheet("Quá hạn", late_title, overdue_table(report))
        not_due = f"Nhiệm vụ chưa hoàn thành, chưa đến hạn – {label}"
        self.table_sheet("Chưa đến hạn", not_due, not_due_table(report))
        self.stats()
        if report.indicators:
            self.indicators()

    def indicators(self) -> None:
        """The chỉ tiêu appendix, with a native bar chart of how far each has come."""
        report, table = self.report, indicator_table(self.report)
        title = f"Kết quả thực hiện các chỉ tiêu – {report.period.label}"
        ws, row = self.table_sheet("Chỉ tiêu", title, table)
        head, n = row - len(table.frame) - 1, len(table.frame)
        chart = self.book.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": "% so với chỉ tiêu",
                "categories": [ws.name, head + 1, 1, head + n, 1],
                "values": [ws.name, head + 1, 6, head + n, 6],
                "fill": {"color": "#5B9BD5"},
                "data_labels": {"value": True, "num_format": "0.0 %"},
            }
        )
        font = {"name": FONT, "size": 11}
        chart.set_title({"name": title, "name_font": {**font, "size": 13, "bold": True}})
        chart.set_x_axis({"num_format": "0 %", "num_font": font, "min": 0})
        # The table's order, top down, every indicator named.
        chart.set_y_axis({"reverse": True, "num_font": font, "interval_unit": 1})
        chart.set_legend({"none": True})
        chart.set_size({"width": 900, "height": 80 + 44 * max(n, 3)})
        ws.insert_chart(row + 2, 0, chart, {"y_offset": 8})


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
