"""Exporting a filtered task list to Excel: `python -m bench.bench_list_export`.

Issue 16's target: the province's overdue list (100,000 tasks seeded, about 15,000 overdue)
exports within 5 s and 200 MB. The database is seeded by `flask tracker bench-seed` in a
temporary folder (SQLite), or `--url` names one already seeded. The export is requested as
the director does, through the page's own address (in-process), and timed; the Python
heap's peak during the request is read with tracemalloc, in a run of its own.

    .venv/bin/python -m bench.bench_list_export
    .venv/bin/python -m bench.bench_list_export --url postgresql+psycopg://postgres@127.0.0.1/b100
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.bench_issue import make_app
from bench.measure import FlaskClient, sign_in
from bench.provision import create_schema, seed

PATH = "/tasks/export.xlsx?timeliness=overdue&sort=overdue"
TARGET_SECONDS, TARGET_MB = 5.0, 200.0


def export_once(client: FlaskClient) -> bytes:
    status, body = client.request("GET", PATH)
    if status != 200:
        raise RuntimeError(f"GET {PATH}: HTTP {status}")
    return body


def measure(url: str, instance: Path, repeat: int) -> bool:
    app = make_app(url, instance)
    client = FlaskClient(app)
    sign_in(client, "giamdoc")
    body = export_once(client)  # warm-up
    from openpyxl import load_workbook

    rows = load_workbook(io.BytesIO(body), read_only=True).active.max_row - 6
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        export_once(client)
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    export_once(client)
    peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    median = statistics.median(times)
    ok = median <= TARGET_SECONDS and peak_mb <= TARGET_MB
    print(
        f"overdue list to Excel: {rows:,} rows, {len(body) / 1e6:.1f} MB file; "
        f"median {median:.2f} s, max {max(times):.2f} s over {len(times)} runs; "
        f"Python heap peak {peak_mb:.0f} MB; target ≤ {TARGET_SECONDS:.0f} s and "
        f"≤ {TARGET_MB:.0f} MB: {'met' if ok else 'MISSED'}"
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an already seeded database (not created nor dropped)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-list-export-") as folder:
        instance = Path(folder)
        url = args.url
        if url is None:
            url = f"sqlite:///{instance / 'bench.db'}"
            create_schema(url, instance)
            seconds, _ = seed(url, instance, 200, 100_000, 1)
            print(f"seeded 100,000 tasks in 200 units in {seconds:.0f} s")
        return 0 if measure(url, instance, args.repeat) else 1


if __name__ == "__main__":
    sys.exit(main())
