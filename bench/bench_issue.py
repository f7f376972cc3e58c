"""Issuing a report, and downloading what was issued: `python -m bench.bench_issue`.

Issue 14's targets: issuing last quarter's report of a department (the demo's size ten times
over: 4,600 tasks in 20 units) within 1 s, of the 100,000-task province within 5 s; an
issued file downloads within 50 ms (p95), as it is stored bytes. Each database is seeded by
`flask tracker bench-seed` in a temporary folder (SQLite), as `python -m bench` does.

Issuing builds the report, writes its Word and Excel files, hashes and stores them; it is
timed through the service, in one application context, rolled back after each run so that
the same number can be issued again. The downloads go through the API with a bearer token.

    .venv/bin/python -m bench.bench_issue            # both sizes
    .venv/bin/python -m bench.bench_issue --quick    # the department only
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from bench.inprocess import report_rows
from bench.measure import FlaskClient, api_token, percentile
from bench.provision import create_schema, environment, seed
from tracker.common import clock
from tracker.common.access import principal_for
from tracker.domain.periods import Kind, period_containing
from tracker.extensions import db
from tracker.models import User

SIZES = {"department (demo x10)": (20, 4_600, 1.0), "province": (200, 100_000, 5.0)}
DOWNLOAD_TARGET_MS = 50.0
BODY = {
    "number": "1/BC-STTTT",
    "signer_name": "Nguyễn Văn Này",
    "signer_title": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    "recipients": ["UBND tỉnh (b/c);", "Lưu: VT."],
}


def make_app(url: str, instance: Path):
    """The application on the seeded database (its settings read when it is made)."""
    os.environ.update(environment(url, instance))
    from tracker import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    logging.getLogger("tracker.request").setLevel(logging.WARNING)  # one line a download
    return app


def time_issue(app, repeat: int) -> tuple[list[float], int, int]:
    """Seconds per issue of last quarter's report; its rows; the id of one kept issue."""
    from tracker.reports.build import build_period_report
    from tracker.reports.issuing import issue_report

    quarter = period_containing(clock.today(), Kind.QUARTER).previous()
    body = BODY | {"date": clock.today().isoformat()}
    times = []
    with app.app_context():
        director = db.session.scalar(select(User).where(User.username == "giamdoc"))
        principal = principal_for(director)
        rows = report_rows(build_period_report(principal, quarter))
        for run in range(repeat + 1):  # the first run warms the caches: not counted
            started = time.perf_counter()
            issue_report(director, principal, quarter, body)
            elapsed = time.perf_counter() - started
            if run:
                times.append(elapsed)
            db.session.rollback()
        kept = issue_report(director, principal, quarter, body)
        db.session.commit()
        return times, rows, kept.id


def time_downloads(app, issued_id: int, repeat: int) -> dict[str, list[float]]:
    client = FlaskClient(app)
    headers = {"Authorization": f"Bearer {api_token(client, 'giamdoc')}"}
    found = {}
    for fmt in ("docx", "xlsx"):
        path = f"/api/v1/issued-reports/{issued_id}.{fmt}"
        client.request("GET", path, headers=headers)  # warm-up
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            status, _ = client.request("GET", path, headers=headers)
            runs.append(time.perf_counter() - started)
            if status != 200:
                raise RuntimeError(f"GET {path}: HTTP {status}")
        found[fmt] = runs
    return found


def measure(name: str, units: int, tasks: int, target: float, repeat: int) -> bool:
    with tempfile.TemporaryDirectory(prefix="bench-issue-") as folder:
        instance = Path(folder)
        url = f"sqlite:///{instance / 'bench.db'}"
        create_schema(url, instance)
        seconds, _ = seed(url, instance, units, tasks, 1)
        app = make_app(url, instance)
        times, rows, issued_id = time_issue(app, repeat)
        downloads = time_downloads(app, issued_id, 40)
    median = statistics.median(times)
    ok = median <= target
    print(f"\n{name}: {tasks:,} tasks in {units} units (seeded in {seconds:.0f} s)")
    verdict = "ok" if ok else "MISSED"
    runs = f"max {max(times):.2f} s over {len(times)} runs"
    print(f"  issue last quarter ({rows:,} rows): median {median:.2f} s, {runs}; "
          f"target ≤ {target:.0f} s: {verdict}")  # fmt: skip
    for fmt, runs in downloads.items():
        p95 = percentile(runs, 0.95) * 1000
        ok_file = p95 <= DOWNLOAD_TARGET_MS
        ok = ok and ok_file
        print(f"  download .{fmt}: median {statistics.median(runs) * 1000:.1f} ms, p95 "
              f"{p95:.1f} ms; target ≤ {DOWNLOAD_TARGET_MS:.0f} ms: "
              f"{'ok' if ok_file else 'MISSED'}")  # fmt: skip
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the department only")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = dict(list(SIZES.items())[:1]) if args.quick else SIZES
    results = [measure(name, *size, args.repeat) for name, size in sizes.items()]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
