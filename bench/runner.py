"""`python -m bench`: seed a synthetic province, measure, print the table, write the JSON.

    python -m bench                      # SQLite and PostgreSQL, 100,000 tasks (make bench)
    python -m bench --quick              # 20,000 tasks and fewer runs: a smoke run
    python -m bench --database sqlite --skip-http --repeat 10

Each database is created empty in a temporary folder (PostgreSQL: a temporary database on
127.0.0.1:5432, dropped afterwards), seeded by `flask tracker bench-seed`, then measured
in-process and over HTTP against gunicorn. Timings live here only; tests count queries.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench import http as over_http
from bench import inprocess, provision, table
from bench.measure import Result, api_token, sign_in, time_operation
from bench.workloads import (
    PROFILES,
    THROUGHPUT_PATH,
    THROUGHPUT_TARGET_RPS,
    Profile,
    Target,
    discover,
    operations,
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--tasks", type=int, help="tasks to seed (100,000; 20,000 with --quick)")
    parser.add_argument("--units", type=int, default=200, help="units to seed (200)")
    parser.add_argument("--seed", type=int, default=1, help="the seed of the province (1)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: small and short")
    parser.add_argument("--skip-http", action="store_true", help="in-process figures only")
    parser.add_argument("--repeat", type=int, help="timed runs of each interactive operation")
    parser.add_argument(
        "--url", help="measure this already seeded database instead (not created nor dropped)"
    )
    return parser.parse_args(argv)


def log(result: Result) -> None:
    print("  " + "  ".join(c for c in table.row(result) if c), flush=True)


def over_http_results(url: str, folder: Path, scenario, ops, profile: Profile) -> list[Result]:
    """The same operations against gunicorn, then the overdue JSON under concurrent clients."""
    results = []
    with over_http.Server(url, folder) as server:
        clients = {
            "director": over_http.HttpClient(server.port),
            "head": over_http.HttpClient(server.port),
        }
        sign_in(clients["director"], scenario.director)
        sign_in(clients["head"], scenario.head)
        token = api_token(clients["director"], scenario.director)
        for op in ops:
            heavy = op.target is not None and op.target.stat == "median"
            op.repeat = profile.http_exports if heavy else profile.http_interactive
            result = time_operation(op, clients[op.user], token, "http")
            result.target = None  # the targets are set in-process; these are for reference
            log(result)
            results.append(result)
        result = over_http.throughput(
            server.port,
            THROUGHPUT_PATH,
            clients["director"].cookies,
            profile.throughput_clients,
            profile.throughput_seconds,
        )
        result.target = Target(None, rps=THROUGHPUT_TARGET_RPS)
        log(result)
        results.append(result)
        for client in clients.values():
            client.close()
    return results


def run_database(kind: str, url: str, folder: Path, args, profile: Profile):
    load_before = os.getloadavg()
    tasks = args.tasks or (20_000 if args.quick else 100_000)
    seconds, output = 0.0, "(an existing database)"
    if not args.url:
        provision.create_schema(url, folder)
        seconds, output = provision.seed(url, folder, args.units, tasks, args.seed)
        print(output)
        print(f"  (bench-seed took {seconds:.1f} s in all, start-up included)", flush=True)

    env = provision.environment(url, folder)
    os.environ["TRACKER_INSTANCE_PATH"] = env["TRACKER_INSTANCE_PATH"]
    from tracker import create_app
    from tracker.extensions import db

    app = create_app(
        {
            "ENV_NAME": "production",
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": env["TRACKER_SECRET_KEY"],
            # One JSON line per request would bury the table; gunicorn's workers keep them.
            "LOG_LEVEL": "WARNING",
        }
    )
    with app.app_context():
        engine = db.engine
        scenario = discover()
    ops = operations(scenario, profile, args.repeat, inprocess.report_sizes(app, scenario))
    print(f"\n{kind}: in-process (Flask test client)", flush=True)
    results = inprocess.run(app, engine, scenario, ops, log)
    excel = inprocess.excel_writing(app, scenario, max(1, profile.year_exports))
    log(excel)
    results.append(excel)
    if not args.skip_http:
        print(f"\n{kind}: over HTTP (gunicorn -w 2 --threads 4)", flush=True)
        results += over_http_results(url, folder, scenario, ops, profile)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    meta = {
        "database": kind,
        "tasks": tasks,
        "units": args.units,
        "seed": args.seed,
        "seed_seconds": round(seconds, 1),
        "seed_output": output,
        "profile": "quick" if args.quick else "full",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "cpus": os.cpu_count(),
        "machine": platform.platform(),
        # Other work on the machine slows every figure: the load averages say how much.
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
    return results, meta


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    profile = PROFILES["quick" if args.quick else "full"]
    kinds = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    started = time.perf_counter()
    missed = 0
    if args.url:
        kinds = ("postgresql" if args.url.startswith("postgresql") else "sqlite",)
    for kind in kinds:
        with tempfile.TemporaryDirectory(prefix=f"tracker-bench-{kind}-") as tmp:
            folder = Path(tmp)
            with provision.database(kind, folder, args.url) as url:
                if url is None:
                    continue
                print(f"\n=== {kind}: seeding {args.units} units ===", flush=True)
                results, meta = run_database(kind, url, folder, args, profile)
        load, cpus = meta["load_average_after"][0], meta["cpus"]
        print(f"\n=== {kind} ({meta['tasks']:,} tasks; load average {load} on {cpus} CPUs) ===")
        print(table.render(results))
        path = table.save(kind, meta, results, stamp)
        print(f"written to {path}")
        missed += sum(1 for r in results if r.verdict and r.verdict != "met")
    print(
        f"\nbenchmark finished in {time.perf_counter() - started:.0f} s; {missed} target(s) missed."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
