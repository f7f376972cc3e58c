"""The operations in-process, through Flask's test client, with their SQL floors and memory.

No application context is held across requests: each request opens and closes its own
session, as under a real server, so nothing is served from a warm identity map.
"""

from __future__ import annotations

import io
import statistics
import time
import tracemalloc

from sqlalchemy import Engine, select

from bench.bench_excel import write_floor
from bench.floors import floor_of
from bench.measure import FlaskClient, Result, api_token, headers_for, sign_in, time_operation
from bench.workloads import COLD, EXCEL_RATIO_TARGET, Operation, Scenario, Target
from tracker.common.access import principal_for
from tracker.domain.periods import parse_period
from tracker.extensions import db
from tracker.models import User
from tracker.reports.build import build_period_report

FLOOR_RUNS = 10


def heap_peak_mb(op: Operation, client, token) -> float:
    """The Python heap's peak while serving the operation once (numpy's arrays included)."""
    tracemalloc.start()
    try:
        client.request(op.method, op.path(0), headers=headers_for(op, token))
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def with_floor(result: Result, op: Operation, engine: Engine, client, token) -> None:
    """Add the floor (the page's own SQL, bare), the ratio to it and the query count."""
    headers = headers_for(op, token)
    client.raw.application.extensions["answer_cache"].clear()  # the floor is the cold SQL
    runs, captured = floor_of(
        engine,
        lambda: client.request(op.method, op.path(0), headers=headers),
        min(FLOOR_RUNS, max(3, op.repeat)),
    )
    result.floor = statistics.median(runs)
    result.queries = captured.count
    if result.floor > 0 and result.times:
        result.ratio = result.stat("median") / result.floor


def report_rows(report) -> int:
    """The rows a report's tables hold: achievements, unfinished tasks, plan items."""
    achieved = sum(len(s.achievements) for _, s in report.walk_sections())
    return achieved + len(report.plan) + len(report.unfinished)


def report_sizes(app, scenario: Scenario) -> dict[str, int]:
    """How many rows the quarter's and the year's reports hold (they name the exports)."""
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == scenario.director))
        principal = principal_for(user)
        return {
            code: report_rows(build_period_report(principal, parse_period(code)))
            for code in (scenario.quarter, scenario.year)
        }


def excel_writing(app, scenario: Scenario, repeat: int) -> Result:
    """The year's workbook against the same rows written by bare xlsxwriter (CPU time)."""
    from tracker.exports.excel import write_report_xlsx

    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == scenario.director))
        report = build_period_report(principal_for(user), parse_period(scenario.year))
        exports, floors = [], []
        for _ in range(repeat):  # interleaved, so that a busy machine slows both alike
            for writer, runs in ((write_report_xlsx, exports), (write_floor, floors)):
                started = time.process_time()
                writer(report, io.BytesIO())
                runs.append(time.process_time() - started)
        rows = report_rows(report)
    result = Result(
        f"Excel writing, year {scenario.year}, {rows:,} rows (CPU)",
        "in-process",
        times=exports,
        target=Target(None, ratio=EXCEL_RATIO_TARGET),
        floor=statistics.median(floors),
        extra={"rows": rows},
    )
    result.ratio = result.stat("median") / result.floor
    return result


# The pages issue 15 asks to be fast on their own, with nothing kept.
COLD_PAGES = ("Overview", "Overdue list", "Unit list", "Search")


def run(app, engine: Engine, scenario: Scenario, ops: list[Operation], log) -> list[Result]:
    """Time every operation in-process; floors and memory where the operation asks."""
    clients = {"director": FlaskClient(app), "head": FlaskClient(app)}
    sign_in(clients["director"], scenario.director)
    sign_in(clients["head"], scenario.head)
    token = api_token(clients["director"], scenario.director)
    results, results_cold = [], []
    for op in ops:
        client = clients[op.user]
        result = time_operation(op, client, token, "in-process")
        if op.floor:
            with_floor(result, op, engine, client, token)
            # The same page when nothing it asks is kept yet: after any write, the first
            # view of each question costs this much.
            cold = time_operation(
                op,
                client,
                token,
                "in-process",
                before=app.extensions["answer_cache"].clear,
                name=f"{op.name} (after a write)",
            )
            cold.target = COLD if op.name.startswith(COLD_PAGES) else None
            log(cold)
            results_cold.append(cold)
        if op.memory:
            result.peak_mb = heap_peak_mb(op, client, token)
        log(result)
        results.append(result)
    return results + results_cold
