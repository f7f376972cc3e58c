"""Time the report object itself on synthetic task facts: `python -m bench.bench_report`.

The roll-up (`build_report`: section tree, achievements, unfinished, plan, statistics by unit
and the previous period's) and its JSON form (`Report.to_dict`) for a quarter with 5,000
tasks and a year with 20,000, with as many planned for the next period and in the previous
one. The query layer is left out: `python -m bench` times the report over a seeded database
("Report JSON"). Each figure is the median of three runs; the Python heap's peak is
measured on a separate run because tracemalloc slows the code it watches.
"""

from __future__ import annotations

import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, datetime, timedelta

from tracker.domain.periods import Period, parse_period
from tracker.domain.report import (
    Organisation,
    ReportTexts,
    SectionNode,
    TaskFact,
    build_report,
)
from tracker.domain.timeliness import Status

SIZES = {"quarter": ("2020-Q3", 5_000), "year": ("2020", 20_000)}
STATUSES = (
    (Status.DONE, 60),
    (Status.SUBMITTED, 10),
    (Status.IN_PROGRESS, 15),
    (Status.NOT_STARTED, 8),
    (Status.PAUSED, 4),
    (Status.CANCELLED, 3),
)


def sections() -> list[SectionNode]:
    """Three top headings, eight fields under each, two parts under each field."""
    nodes, next_id = [], 1
    for i in range(1, 4):
        top = SectionNode(next_id, "I" * i, f"CÔNG TÁC SỐ {i}", None, i)
        nodes.append(top)
        next_id += 1
        for j in range(1, 9):
            mid = SectionNode(next_id, f"{top.code}.{j}", f"Lĩnh vực {i}.{j}", top.id, j)
            nodes.append(mid)
            next_id += 1
            for k in (1, 2):
                code = f"{mid.code}.{k}"
                nodes.append(SectionNode(next_id, code, f"Mảng {j}.{k}", mid.id, k))
                next_id += 1
    return nodes


def facts(period: Period, count: int, first_id: int, rng: random.Random) -> list[TaskFact]:
    """`count` tasks due within `period`, in every status, spread over sections and units."""
    nodes = sections()
    rank = {node.id: i for i, node in enumerate(nodes)}
    statuses, weights = zip(*STATUSES, strict=True)
    days = (period.end - period.start).days
    out = []
    for n in range(count):
        section = rng.choice(nodes)
        unit = rng.randrange(1, 26)
        due = period.start + timedelta(days=rng.randrange(days + 1))
        status = rng.choices(statuses, weights)[0]
        done = None
        if status in (Status.DONE, Status.SUBMITTED):
            done = due + timedelta(days=rng.randrange(-20, 10))
        out.append(
            TaskFact(
                id=first_id + n,
                title=f"Nhiệm vụ số {first_id + n}",
                result=f"Đã hoàn thành nhiệm vụ số {first_id + n} theo Quyết định 135/QĐ-TTg."
                if done
                else None,
                section_id=section.id,
                unit_id=unit,
                unit_name=f"Phòng chuyên môn số {unit}",
                status=status,
                due_date=due,
                completed_on=done,
                section_order=(rank[section.id],),
            )
        )
    return out


def inputs(code: str, count: int) -> tuple[Period, list, list, list]:
    rng = random.Random(1)
    period = parse_period(code)
    return (
        period,
        facts(period, count, 1, rng),
        facts(period.next(), count // 10, 10**7, rng),
        facts(period.previous(), count, 2 * 10**7, rng),
    )


def operations(code: str, count: int) -> dict[str, Callable[[], object]]:
    period, now, planned, before = inputs(code, count)

    def build():
        return build_report(
            period,
            sections(),
            now,
            planned,
            before,
            texts=ReportTexts(signer_name="Nguyễn Văn A"),
            organisation=Organisation(),
            generated_at=datetime(2021, 1, 5, 8, 0),
            unit_order=[f"Phòng chuyên môn số {u}" for u in range(1, 26)],
            today=date(2021, 1, 5),
        )

    return {"report": build, "report+json": lambda: build().to_dict()}


def run(repeat: int = 3) -> dict[str, dict[str, float]]:
    results = {}
    for name, (code, count) in SIZES.items():
        for operation, call in operations(code, count).items():
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                call()
                times.append(time.perf_counter() - start)
            tracemalloc.start()
            call()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            results[f"{operation} {name}"] = {
                "tasks": count,
                "median_s": statistics.median(times),
                "heap_peak_mb": peak / 2**20,
            }
    return results


def main() -> int:
    results = run()
    print(f"{'operation':<22}{'tasks':>8}{'median s':>10}{'heap MB':>9}")
    for name, row in results.items():
        print(f"{name:<22}{row['tasks']:>8,}{row['median_s']:>10.3f}{row['heap_peak_mb']:>9.1f}")
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
