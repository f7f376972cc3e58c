"""Time the Word export on synthetic reports: `python -m bench.bench_word`.

Target: a quarter (5,000 achievements) written in at most 2 s. Each size is written three
times and the median is kept; the Python heap's peak is measured on a separate run because
tracemalloc slows the code it watches (lxml's own C memory shows only in the process peak).
"""

from __future__ import annotations

import io
import random
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import date, datetime, timedelta

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
from tracker.domain.timeliness import Timeliness
from tracker.exports.word import write_report_docx

TARGET_SECONDS = 2.0
SIZES = {"quarter": 5_000, "year": 20_000}
WORDS = (
    "triển khai kế hoạch ứng dụng công nghệ thông tin cổng dịch vụ công trực tuyến "
    "tuyên truyền phòng chống dịch bệnh thông tư quyết định chỉ thị của Ủy ban nhân dân tỉnh"
).split()


def synthetic_report(achievements: int, seed: int = 1) -> Report:
    """Build a report with `achievements` items spread over three levels of sections."""
    rng = random.Random(seed)
    period = parse_period("2020-Q3")
    units = [f"Phòng chuyên môn số {i}" for i in range(1, 26)]
    leaves: list[SectionReport] = []
    tops = []
    for i in range(1, 4):
        top = SectionReport("I" * i, f"CÔNG TÁC SỐ {i}")
        for j in range(1, 9):
            mid = SectionReport(f"{top.code}.{j}", f"Lĩnh vực {i}.{j}")
            mid.sections = [SectionReport(f"{mid.code}.{k}", f"Mảng {j}.{k}") for k in (1, 2)]
            leaves += [mid, *mid.sections]
            top.sections.append(mid)
        tops.append(top)
    day = period.start
    for n in range(achievements):
        text = " ".join(rng.choices(WORDS, k=rng.randint(15, 60))).capitalize() + "."
        if n % 10 == 0:
            text += "\n+ Số liệu: 1.234 hồ sơ.\n+ Tỷ lệ: 74,18%."
        rng.choice(leaves).achievements.append(
            Achievement(n, f"Nhiệm vụ {n}", text, rng.choice(units), day, Timeliness.DONE_ON_TIME)
        )
    unfinished = [
        UnfinishedItem(
            10**6 + n,
            f"Nhiệm vụ còn dở số {n}",
            rng.choice(units),
            period.end - timedelta(days=n % 60),
            n % 60,
        )
        for n in range(achievements // 25)
    ]
    plan = [
        PlanItem(
            n,
            2 * 10**6 + n,
            f"Nhiệm vụ kỳ tới số {n}",
            rng.choice(units),
            date(2020, 12, 31),
            n > achievements // 20,
        )
        for n in range(1, achievements // 15 + 1)
    ]
    stats = [UnitStats(u, 200, 120, 30, 30, 20) for u in units]
    return Report(
        period=period,
        as_of=period.end,
        sections=tops,
        unfinished=unfinished,
        plan=plan,
        units=stats,
        previous_units={s.unit: s for s in stats},
        texts=ReportTexts(
            introduction="Sở báo cáo như sau:",
            signer_name="Nguyễn Văn A",
            recipients="Bộ TT&TT (b/c);\nLưu: VT.",
            number="1/BC-STTTT",
        ),
        organisation=Organisation("UBND TỈNH TRÀ VINH", place="Trà Vinh"),
        generated_at=datetime(2020, 10, 2, 8, 0),
    )


def _write(report: Report) -> int:
    buffer = io.BytesIO()
    write_report_docx(report, buffer)
    return len(buffer.getvalue())


def run(repeat: int = 3) -> dict[str, dict[str, float]]:
    """Time each size; return {size: {achievements, median_s, heap_peak_mb, docx_kb}}."""
    results = {}
    for name, count in SIZES.items():
        report = synthetic_report(count)
        times, size = [], 0
        for _ in range(repeat):
            start = time.perf_counter()
            size = _write(report)
            times.append(time.perf_counter() - start)
        tracemalloc.start()
        _write(report)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        results[name] = {
            "achievements": count,
            "median_s": statistics.median(times),
            "heap_peak_mb": peak / 2**20,
            "docx_kb": size / 1024,
        }
    return results


def main() -> int:
    results = run()
    print(f"{'report':<10}{'items':>8}{'median s':>10}{'heap MB':>9}{'docx KB':>9}")
    for name, row in results.items():
        print(
            f"{name:<10}{row['achievements']:>8,}{row['median_s']:>10.2f}"
            f"{row['heap_peak_mb']:>9.1f}{row['docx_kb']:>9.0f}"
        )
    # ru_maxrss is in kilobytes on Linux: the whole process, lxml's C memory included.
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    ok = results["quarter"]["median_s"] <= TARGET_SECONDS
    print(f"quarter target ≤ {TARGET_SECONDS:.0f} s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
