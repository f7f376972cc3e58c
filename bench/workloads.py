"""What the benchmark measures: the operations, who performs them, and their targets.

Each operation is a request (method, path, body) made as a director of the department or
as the head of a district office; the same list runs in-process through Flask's test client
and over HTTP against gunicorn. The scenario (which unit, which quarter, which tasks) is
read from the seeded database, so the operations fit any seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote

from sqlalchemy import func, select

from bench.seed.province import BENCH_PASSWORD
from tracker.common import clock
from tracker.domain.periods import Kind, period_containing
from tracker.extensions import db
from tracker.models import Task, Unit

PASSWORD = BENCH_PASSWORD
SEARCH = "chuyển đổi số"
MS = 0.001


@dataclass(frozen=True)
class Target:
    """A limit on one statistic (seconds), and optionally on the ratio to the floor and memory."""

    seconds: float | None
    stat: str = "p95"
    ratio: float | None = None
    peak_mb: float | None = None
    rps: float | None = None

    def describe(self) -> str:
        parts = []
        if self.seconds is not None:
            seconds = self.seconds
            limit = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:g} s"
            parts.append(f"{self.stat} ≤ {limit}")
        if self.ratio:
            parts.append(f"≤ {self.ratio:g}× floor")
        if self.peak_mb:
            parts.append(f"≤ {self.peak_mb:.0f} MB")
        if self.rps:
            parts.append(f"≥ {self.rps:.0f} req/s, no errors")
        return "; ".join(parts)


INTERACTIVE = Target(50 * MS, "p95", ratio=3.0)
# The same pages with nothing kept (the first view after any write), issue 15: on their own.
COLD = Target(80 * MS, "p95")


@dataclass
class Scenario:
    """The seeded province's landmarks the operations point at."""

    director: str
    head: str
    office_id: int
    quarter: str
    year: str
    task_ids: list[int]
    patch_ids: list[int]
    versions: dict[int, int] = field(default_factory=dict)


def discover(today: date | None = None) -> Scenario:
    """Find the landmarks in the seeded database (inside an app context)."""
    today = today or clock.today()
    office = db.session.scalar(
        select(Unit).where(Unit.code.like("VHTT-%")).order_by(Unit.sort_order).limit(1)
    )
    top = db.session.scalar(select(func.max(Task.id))) or 1
    rng = random.Random(7)
    open_rows = db.session.execute(
        select(Task.id, Task.version)
        .where(Task.status == "in_progress", Task.parent_id.is_(None))
        .order_by(Task.id.desc())
        .limit(400)
    ).all()
    return Scenario(
        director="giamdoc",
        head=f"truong.{office.code.lower()}",
        office_id=office.id,
        quarter=period_containing(today, Kind.QUARTER).previous().code,
        year=str(today.year - 1),
        task_ids=[rng.randint(1, top) for _ in range(200)],
        patch_ids=[row.id for row in open_rows],
        versions={row.id: row.version for row in open_rows},
    )


@dataclass
class Operation:
    """One timed request. `path` and `body` may depend on the run's number."""

    name: str
    user: str  # "director" or "head"
    path: Callable[[int], str]
    repeat: int
    target: Target | None = None
    method: str = "GET"
    body: Callable[[int], dict] | None = None
    after: Callable[[int, int, bytes], None] | None = None
    floor: bool = False
    memory: bool = False
    bearer: bool = False
    warmup: int = 1


@dataclass(frozen=True)
class Profile:
    """How many times each kind of operation runs."""

    interactive: int
    reports: int
    exports: int
    year_exports: int
    http_interactive: int
    http_exports: int
    throughput_seconds: float
    throughput_clients: int = 8


# "full" is `make bench`: both databases at 100,000 tasks in under ten minutes on two cores.
PROFILES = {
    "full": Profile(20, 3, 2, 1, 10, 1, 10.0),
    "quick": Profile(5, 1, 1, 1, 3, 1, 4.0),
}


def _fixed(path: str) -> Callable[[int], str]:
    return lambda _run: path


def operations(
    s: Scenario, p: Profile, interactive: int | None = None, rows: dict | None = None
) -> list[Operation]:
    """The benchmark's operations, in the order they are reported (`rows`: report sizes)."""
    n = interactive or p.interactive
    q = quote(SEARCH)
    rows = rows or {}

    def size(code: str) -> str:
        return f"{code}, {rows[code]:,} rows" if code in rows else code

    def patch_path(run: int) -> str:
        return f"/api/v1/tasks/{s.patch_ids[run % len(s.patch_ids)]}"

    def patch_body(run: int) -> dict:
        task_id = s.patch_ids[run % len(s.patch_ids)]
        return {"progress": 5 + (run * 7) % 90, "version": s.versions.get(task_id, 1)}

    def patch_after(run: int, status: int, body: bytes) -> None:
        import json

        if status == 200:
            data = json.loads(body)
            s.versions[data["id"]] = data["version"]

    overdue = "/tasks/?timeliness=overdue"
    api = "/api/v1/tasks?timeliness=overdue&per_page=50"
    reports = "/api/v1/reports/"
    lists = [  # name, who, path: the interactive operations (p95 ≤ 50 ms, ≤ 3× floor)
        ("Overview, department, quarter", "director", "/overview"),
        ("Overdue list, page 1", "director", overdue),
        ("Overdue list, page 100", "director", overdue + "&page=100"),
        ("Overdue JSON, page 1", "director", api),
        ("Overdue JSON, page 100", "director", api + "&page=100"),
        ("Unit list, subtree (head)", "head", f"/tasks/?unit={s.office_id}&subtree=1"),
        ("Search", "director", f"/search/?q={q}"),
    ]
    extras = [  # the pages people open first; measured, with no target of their own
        ("Home (director)", "director", "/"),
        ("Home (district head)", "head", "/"),
        ("Unit board (head)", "head", "/tasks/unit"),
    ]
    ops = [
        Operation(name, who, _fixed(path), n, INTERACTIVE, floor=True) for name, who, path in lists
    ]
    ops.append(
        Operation(
            "Task page",
            "director",
            lambda run: f"/tasks/{s.task_ids[run % len(s.task_ids)]}",
            n,
            INTERACTIVE,
            floor=True,
        )
    )
    ops += [Operation(name, who, _fixed(path), n, None, floor=True) for name, who, path in extras]
    ops.append(
        Operation(
            "PATCH task progress",
            "director",
            patch_path,
            n,
            Target(30 * MS),
            method="PATCH",
            body=patch_body,
            after=patch_after,
            bearer=True,
        )
    )
    ops += [
        Operation(
            f"Report JSON, quarter {size(s.quarter)}",
            "director",
            _fixed(reports + s.quarter),
            p.reports,
            Target(0.5, "median"),
            floor=True,
        ),
        Operation(
            f"Excel, quarter {size(s.quarter)}",
            "director",
            _fixed(reports + s.quarter + ".xlsx"),
            p.exports,
            Target(2.0, "median"),
            warmup=0,
        ),
        Operation(
            f"Excel, year {size(s.year)}",
            "director",
            _fixed(reports + s.year + ".xlsx"),
            p.year_exports,
            Target(6.0, "median", peak_mb=400),
            memory=True,
            warmup=0,
        ),
        Operation(
            f"Word, quarter {size(s.quarter)}",
            "director",
            _fixed(reports + s.quarter + ".docx"),
            p.exports,
            Target(2.0, "median"),
            warmup=0,
        ),
    ]
    return ops


THROUGHPUT_PATH = "/api/v1/tasks?timeliness=overdue&per_page=50"
THROUGHPUT_TARGET_RPS = 400
EXCEL_RATIO_TARGET = 1.3
