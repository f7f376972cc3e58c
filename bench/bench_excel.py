"""Time the Excel export against bare xlsxwriter: `python -m bench.bench_excel`.

Targets (performance issue): 20,000 tasks in at most 6 s, peak memory at most 400 MB, and at
most 1.3 times the floor: the same cells (same strings, numbers and dates, sheet by sheet)
written by bare xlsxwriter in `constant_memory` mode with no formatting. Each figure is the
median of three runs; the Python heap's peak is measured on a separate run because
tracemalloc slows the code it watches.
"""

from __future__ import annotations

import io
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta

from xlsxwriter import Workbook

from tracker.domain.periods import parse_period
from tracker.domain.report import (
    Achievement,
    Organisation,
    PlanItem,
    Report,
    ReportTexts,
    SectionReport,
    UnfinishedItem,
    UnitStats,
)
from tracker.domain.timeliness import LABELS_VI, Timeliness
from tracker.exports.excel import NO_GUESSING, write_report_xlsx

SIZES = (5_000, 20_000)
TARGET_SECONDS, TARGET_MB, TARGET_RATIO = 6.0, 400.0, 1.3
WORDS = (
    "triển khai kế hoạch ứng dụng công nghệ thông tin cổng dịch vụ công trực tuyến "
    "tuyên truyền phòng chống dịch bệnh thông tư quyết định chỉ thị của Ủy ban nhân dân tỉnh"
).split()
KINDS = (Timeliness.DONE_ON_TIME, Timeliness.DONE_LATE, Timeliness.DONE_NO_DEADLINE)


def _sentence(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(low, high))).capitalize()


def synthetic_report(tasks: int, seed: int = 1) -> Report:
    """A year's report of `tasks` tasks: 70 % done, 15 % unfinished, 15 % planned next."""
    rng = random.Random(seed)
    period = parse_period("2020")
    units = [f"Phòng chuyên môn số {i}" for i in range(1, 31)]
    tops, leaves = [], []
    for i, roman in enumerate(("I", "II", "III", "IV"), start=1):
        top = SectionReport(roman, f"CÔNG TÁC SỐ {i}")
        for j in range(1, 9):
            mid = SectionReport(f"{roman}.{j}", f"Lĩnh vực {i}.{j}")
            mid.sections = [SectionReport(f"{mid.code}.{k}", f"Mảng {j}.{k}") for k in (1, 2, 3)]
            leaves += [mid, *mid.sections]
            top.sections.append(mid)
        tops.append(top)
    done, late = tasks * 70 // 100, tasks * 15 // 100
    for n in range(done):
        result = _sentence(rng, 15, 70) + "."
        if n % 50 == 0:  # user text that a spreadsheet would run as a formula
            result = "=" + result
        day = period.start + timedelta(days=rng.randrange(365))
        item = Achievement(
            n, _sentence(rng, 5, 15), result, rng.choice(units), day, rng.choice(KINDS)
        )
        rng.choice(leaves).achievements.append(item)
    unfinished = [
        UnfinishedItem(
            done + n, _sentence(rng, 5, 15), rng.choice(units),
            period.end - timedelta(days=n % 90), n % 90,
        )
        for n in range(late)
    ]  # fmt: skip
    fresh = tasks - done - late
    plan = [
        PlanItem(n + 1, done + late + n, _sentence(rng, 5, 15), rng.choice(units),
                 period.end + timedelta(days=1 + n % 360), False)
        for n in range(fresh)
    ]  # fmt: skip
    plan += [PlanItem(fresh + i + 1, u.task_id, u.title, u.unit, u.due_date, True)
             for i, u in enumerate(unfinished)]  # fmt: skip
    stats = [UnitStats(u, 200, 120, 30, 30, 20) for u in units]
    return Report(
        period=period, as_of=period.end, sections=tops, unfinished=unfinished, plan=plan,
        units=stats, previous_units={s.unit: s for s in stats[:-2]},
        texts=ReportTexts(), organisation=Organisation("UBND TỈNH TRÀ VINH", place="Trà Vinh"),
        generated_at=datetime(2021, 1, 4, 8, 0),
    )  # fmt: skip


def write_floor(report: Report, out: io.BytesIO, formatted: bool = False) -> None:
    """Write the export's cells with bare xlsxwriter: no widths, merges or chart.

    `formatted` adds what the export cannot do without: a format on every cell (borders,
    wrapping, the date format) and a height on every multi-line row of the results sheet.
    """
    with Workbook(out, {"constant_memory": True, **NO_GUESSING}) as book:
        text = book.add_format({"border": 1, "text_wrap": True}) if formatted else None
        day = book.add_format({"border": 1, "num_format": "dd/mm/yyyy"}) if formatted else None
        ws = book.add_worksheet("Bìa")
        cover = [report.organisation.parent_body, report.organisation.name, report.period.label]
        for row, line in enumerate(cover):
            ws.write_string(row, 0, line, text)
        ws = book.add_worksheet("Kết quả")
        ws.write_row(0, 0, ["STT", "Nhiệm vụ", "Kết quả", "Đơn vị", "Ngày", "Tiến độ"], text)
        row = no = 1
        for _, section in report.walk_sections():
            if section.item_count:
                ws.write_string(row, 0, f"{section.code}. {section.title}", text)
                row += 1
            for a in section.achievements:
                if formatted and len(a.result) > 60:
                    ws.set_row(row, 15.0 * (len(a.result) // 60 + 1) + 3)
                ws.write_number(row, 0, no, text)
                ws.write_string(row, 1, a.title, text)
                ws.write_string(row, 2, a.result, text)
                ws.write_string(row, 3, a.unit, text)
                _write_day(ws, row, 4, a.completed_on, day)
                ws.write_string(row, 5, LABELS_VI[a.timeliness], text)
                row, no = row + 1, no + 1
        if report.pending and report.issue is None:
            ws = book.add_worksheet("Chờ xác nhận")
            ws.write_row(0, 0, ["STT", "Nhiệm vụ", "Đơn vị", "Hoàn thành", "Gửi"], text)
            for row, p in enumerate(report.pending, start=1):
                ws.write_number(row, 0, row, text)
                ws.write_string(row, 1, p.title, text)
                ws.write_string(row, 2, p.unit, text)
                _write_day(ws, row, 3, p.completed_on, day)
                _write_day(ws, row, 4, p.submitted_on, day)
        ws = book.add_worksheet("Kế hoạch kỳ tới")
        heads = ["STT", "Nhiệm vụ", "Đơn vị", "Phối hợp", "Sản phẩm", "Hạn", "Ghi chú"]
        ws.write_row(0, 0, heads, text)
        for row, p in enumerate(report.plan, start=1):
            ws.write_number(row, 0, p.no, text)
            ws.write_string(row, 1, p.wording or p.title, text)
            ws.write_string(row, 2, p.lead_unit, text)
            ws.write_string(row, 3, ", ".join(p.support_units), text)
            ws.write_string(row, 4, p.product or "", text)
            _write_day(ws, row, 5, p.due_date, day)
            ws.write_string(row, 6, "Chuyển tiếp" if p.carried_over else "", text)
        for name, items in (("Quá hạn", report.overdue), ("Chưa đến hạn", report.not_yet_due)):
            ws = book.add_worksheet(name)
            ws.write_row(0, 0, ["STT", "Nhiệm vụ", "Đơn vị", "Hạn", "Số ngày"], text)
            for row, u in enumerate(items, start=1):
                ws.write_number(row, 0, row, text)
                ws.write_string(row, 1, u.title, text)
                ws.write_string(row, 2, u.unit, text)
                _write_day(ws, row, 3, u.due_date, day)
                if u.days_overdue:
                    ws.write_number(row, 4, u.days_overdue, text)
        ws = book.add_worksheet("Thống kê theo đơn vị")
        ws.write_row(0, 0, ["Đơn vị", *(f"Cột {i}" for i in range(1, 15))], text)
        previous, missing = report.previous_units, UnitStats("")
        pairs = [(s, previous.get(s.unit, missing)) for s in report.units]
        pairs.append((report.totals, report.previous_totals))
        for row, (now, before) in enumerate(pairs, start=1):
            ws.write_string(row, 0, now.unit, text)
            ws.write_row(row, 1, [*_numbers(now), *_numbers(before)], text)


def _write_day(ws, row: int, col: int, day, cell_format) -> None:
    # A task without a deadline has no date: an empty cell, as the export writes it.
    if day is None:
        ws.write_blank(row, col, None, cell_format)
    else:
        ws.write_datetime(row, col, day, cell_format)


def write_floor_formatted(report: Report, out: io.BytesIO) -> None:
    """Write the floor's cells with the formats and row heights the export needs."""
    write_floor(report, out, formatted=True)


def _numbers(s: UnitStats) -> list[float]:
    rate = s.on_time_rate or 0.0
    return [s.assigned, s.done_on_time, s.done_late, s.pending, s.unfinished_on_time, s.overdue,
            rate]  # fmt: skip


Writer = Callable[[Report, io.BytesIO], None]
OPERATIONS: dict[str, Writer] = {
    "floor": write_floor,
    "floor+formats": write_floor_formatted,
    "xlsx": write_report_xlsx,
}


def _timed(write: Writer, report: Report) -> tuple[float, float]:
    buffer = io.BytesIO()
    wall, cpu = time.perf_counter(), time.process_time()
    write(report, buffer)
    return time.perf_counter() - wall, time.process_time() - cpu


def _heap_peak_mb(write: Writer, report: Report) -> float:
    tracemalloc.start()
    write(report, io.BytesIO())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def run(repeat: int = 3) -> dict[str, dict[str, float]]:
    """Time each operation per size; return {"<operation>_<tasks>": {median_s, ratio, ...}}.

    The runs of the operations are interleaved so that a busy machine slows them alike, and
    the ratio to the floor is taken on CPU time, which other processes disturb least.
    """
    results = {}
    for tasks in SIZES:
        report = synthetic_report(tasks)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in OPERATIONS}
        for _ in range(repeat):
            for name, write in OPERATIONS.items():
                runs[name].append(_timed(write, report))
        floor_cpu = statistics.median(cpu for _, cpu in runs["floor"])
        for name, write in OPERATIONS.items():
            cpu = statistics.median(c for _, c in runs[name])
            results[f"{name}_{tasks}"] = {
                "tasks": tasks,
                "median_s": statistics.median(w for w, _ in runs[name]),
                "cpu_s": cpu,
                "ratio": cpu / floor_cpu,
                "heap_peak_mb": _heap_peak_mb(write, report),
            }
    return results


def main() -> int:
    results = run()
    print(f"{'operation':<15}{'tasks':>8}{'median s':>10}{'cpu s':>8}{'× floor':>9}{'heap MB':>9}")
    for name, row in results.items():
        operation = name.rsplit("_", 1)[0]
        print(
            f"{operation:<15}{row['tasks']:>8,}{row['median_s']:>10.2f}{row['cpu_s']:>8.2f}"
            f"{row['ratio']:>9.2f}{row['heap_peak_mb']:>9.1f}"
        )
    # ru_maxrss is in kilobytes on Linux: the whole process, every run included.
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    big = results[f"xlsx_{SIZES[-1]}"]
    checks = {
        f"time ≤ {TARGET_SECONDS:.0f} s": big["median_s"] <= TARGET_SECONDS,
        f"heap ≤ {TARGET_MB:.0f} MB": big["heap_peak_mb"] <= TARGET_MB,
        f"ratio ≤ {TARGET_RATIO}× floor": big["ratio"] <= TARGET_RATIO,
    }
    for label, ok in checks.items():
        print(f"{SIZES[-1]:,} tasks, {label}: {'met' if ok else 'MISSED'}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
