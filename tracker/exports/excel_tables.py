"""The report's tables for the Excel workbook, built with pandas from the one `Report`.

Each sheet's table is its columns (header, kind, width bounds), its rows as a DataFrame of
the report's own values (dates, ints, None), the group headings between rows, and the rows
to mark. excel.py writes them. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd

from tracker.domain.report import Report, UnitStats
from tracker.domain.report.plan_prose import plan_text
from tracker.domain.report.prose import percent_vi
from tracker.domain.timeliness import LABELS_VI


class Col(NamedTuple):
    """A table column: its header, how its cells are written, and its width bounds."""

    header: str
    kind: str  # text, label (short centred text), int, date, pct
    min_width: int
    max_width: int | None = None  # text columns grow with their content up to this


STT, DUE = Col("STT", "int", 6), Col("Hạn hoàn thành", "date", 12)
TASK, UNIT = Col("Nhiệm vụ", "text", 24, 60), Col("Đơn vị chủ trì", "text", 14, 36)
RESULT_COLS = [STT, TASK._replace(max_width=45), Col("Kết quả đạt được", "text", 24, 60)]
RESULT_COLS += [UNIT._replace(max_width=24), Col("Ngày hoàn thành", "date", 12)]
RESULT_COLS += [Col("Tiến độ", "label", 14, 20)]
SUPPORT, PRODUCT = Col("Đơn vị phối hợp", "text", 14, 30), Col("Sản phẩm", "text", 14, 36)
PLAN_COLS = [STT, TASK, UNIT, SUPPORT, PRODUCT, DUE, Col("Ghi chú", "label", 12)]
OVERDUE_COLS = [STT, TASK, UNIT, DUE, Col("Số ngày quá hạn", "int", 10)]
NOT_DUE_COLS = [STT, TASK, UNIT, DUE]
PENDING_COLS = [STT, TASK, UNIT, Col("Ngày hoàn thành", "date", 12)]
PENDING_COLS += [Col("Ngày gửi báo cáo", "date", 12)]
_COUNTS = ("Được giao", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Chờ xác nhận")
_COUNTS += ("Chưa hoàn thành trong hạn", "Quá hạn")
_STATS = [*(Col(h, "int", 11) for h in _COUNTS), Col("Tỷ lệ đúng hạn", "pct", 10)]
STAT_COLS = [Col("Đơn vị", "text", 18, 34), *_STATS]
STAT_COLS += [c._replace(header=f"Kỳ trước: {c.header}") for c in _STATS]

# A table's extra rows: group headings, keyed by the data row they precede, as (depth, text).
Groups = dict[int, list[tuple[int, str]]]


class Table(NamedTuple):
    """One sheet's table: its columns, its rows, their group headings and the rows to mark."""

    cols: list[Col]
    frame: pd.DataFrame
    groups: Groups | None = None
    highlight: list[bool] | None = None


def _frame(cols: Sequence[Col], rows: list[tuple]) -> pd.DataFrame:
    # object dtype keeps dates, None and ints exactly as the report holds them.
    return pd.DataFrame(rows, columns=[c.header for c in cols], dtype=object)


def results_table(report: Report) -> Table:
    """Tabulate the achievements in reading order, with a heading per non-empty section."""
    rows: list[tuple] = []
    groups: Groups = {}
    pending: list[tuple[int, str]] = []
    for depth, section in report.walk_sections():
        if section.task_count:  # (the chỉ tiêu have their own sheet)
            pending.append((depth, f"{section.code}. {section.title}"))
        for item in section.achievements:
            if pending:
                groups[len(rows)], pending = pending, []
            label = LABELS_VI.get(item.timeliness, str(item.timeliness))
            row = (item.title, item.result, item.unit, item.completed_on, label)
            rows.append((len(rows) + 1, *row))
    return Table(RESULT_COLS, _frame(RESULT_COLS, rows), groups)


INDICATOR_COLS = [STT, Col("Chỉ tiêu", "text", 30, 60), UNIT._replace(max_width=28)]
INDICATOR_COLS += [Col("Đơn vị tính", "label", 10, 16), Col("Chỉ tiêu giao", "label", 12, 20)]
INDICATOR_COLS += [Col("Thực hiện", "label", 14, 28), Col("% so với chỉ tiêu", "pct", 11)]
INDICATOR_COLS += [Col("Đánh giá", "label", 14, 22)]


def indicator_table(report: Report) -> Table:
    """Tabulate the chỉ tiêu: target, figure, how far towards the target, the standing."""
    rows = [
        (
            n,
            i.name,
            i.unit,
            i.measure,
            i.target_short,
            i.figure_short + (f" ({i.terms})" if i.terms else ""),
            None if i.percent_of_target is None else float(i.percent_of_target) / 100,
            i.status_label,
        )
        for n, i in enumerate(report.indicators, start=1)
    ]
    return Table(INDICATOR_COLS, _frame(INDICATOR_COLS, rows))


def plan_table(report: Report) -> Table:
    """Tabulate next period's plan (in the department's words and order): who leads it, who
    supports it, what it delivers, by when; split planned and carried-over items."""
    rows = [
        (
            p.no,
            plan_text(p),
            p.lead_unit,
            ", ".join(p.support_units),
            p.product or "",
            p.due_date,
            "Chuyển tiếp" if p.carried_over else "",
        )
        for p in report.plan
    ]
    groups: Groups = {}
    flags = [p.carried_over for p in report.plan]
    if any(flags) and not all(flags):
        groups[flags.index(False)] = [(0, "A. Nhiệm vụ kế hoạch")]
        groups[flags.index(True)] = [(0, "B. Nhiệm vụ chuyển tiếp từ kỳ trước")]
    return Table(PLAN_COLS, _frame(PLAN_COLS, rows), groups)


def overdue_table(report: Report) -> Table:
    """Tabulate the overdue tasks (at least a day past their deadline), the latest first."""
    rows = [
        (i, u.title, u.unit, u.due_date, u.days_overdue)
        for i, u in enumerate(report.overdue, start=1)
    ]
    return Table(OVERDUE_COLS, _frame(OVERDUE_COLS, rows))


def not_due_table(report: Report) -> Table:
    """Tabulate the unfinished tasks whose deadline has not passed at the cut-off."""
    rows = [(i, u.title, u.unit, u.due_date) for i, u in enumerate(report.not_yet_due, start=1)]
    return Table(NOT_DUE_COLS, _frame(NOT_DUE_COLS, rows))


def pending_table(report: Report) -> Table:
    """Tabulate the work awaiting confirmation (a draft's, never an issued report's)."""
    rows = [
        (i, p.title, p.unit, p.completed_on, p.submitted_on)
        for i, p in enumerate(report.pending, start=1)
    ]
    return Table(PENDING_COLS, _frame(PENDING_COLS, rows))


def stat_values(stats: UnitStats) -> tuple:
    counts = (stats.assigned, stats.done_on_time, stats.done_late, stats.pending)
    return (*counts, stats.unfinished_on_time, stats.overdue, stats.on_time_rate)


def stats_table(report: Report) -> Table:
    """Tabulate counts by unit, this period beside the previous one (units of both)."""
    current = {s.unit: s for s in report.units}
    previous = report.previous_units
    names = list(current) + [n for n in previous if n not in current]
    missing = UnitStats("")
    rows = [
        (n, *stat_values(current.get(n, missing)), *stat_values(previous.get(n, missing)))
        for n in names
    ]
    return Table(STAT_COLS, _frame(STAT_COLS, rows))


def cover_table(report: Report) -> pd.DataFrame:
    """Tabulate the summary figures shown on the cover."""
    rate = report.totals.on_time_rate
    rows = [
        ("Nhiệm vụ hoàn thành trong kỳ", report.achievement_count),
        ("Đã báo cáo hoàn thành, chờ xác nhận", len(report.pending)),
        ("Nhiệm vụ chưa hoàn thành", len(report.unfinished)),
        ("Trong đó: quá hạn", len(report.overdue)),
        ("Nhiệm vụ kế hoạch kỳ tới", len(report.plan)),
        ("Tỷ lệ hoàn thành đúng hạn", "Chưa có" if rate is None else percent_vi(rate)),
    ]
    return pd.DataFrame(rows, columns=["Chỉ tiêu", "Số lượng"], dtype=object)
