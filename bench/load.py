"""`python -m bench.load`: gunicorn under a mixed load of many people, on loopback only.

    python -m bench.load                               # SQLite, 60 s, 16 clients
    python -m bench.load --database postgresql --seconds 60 --clients 16
    python -m bench.load --database postgresql --servers 2   # two app servers, one database

A database is made in a temporary folder (PostgreSQL: a temporary database on 127.0.0.1,
dropped afterwards) with the demo department plus more people and tasks; gunicorn
(`-w 2 --threads 4`) serves it on a free 127.0.0.1 port; the clients sign twenty people in
and drive 80 % reads and 20 % progress updates until the time or the request budget runs
out. The figures (requests, errors, 409s, requests per second, p50/p95/max by operation)
are printed and written to bench/results/load-<database>-<time>.json. Exit status 1 when
any request failed: zero errors is the expectation.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

from bench import provision
from bench.http import HOST, ROOT, Server
from bench.load_mix import Budget, LoadClient, Tally, sign_in, summary
from bench.load_prepare import Department, prepare

RESULTS = ROOT / "bench" / "results"
MAX_SECONDS, MAX_CLIENTS = 600, 64


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long (60; ≤ 600)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (16; ≤ 64)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="request budget")
    parser.add_argument("--tasks", type=int, default=200, help="tasks in the database (200)")
    parser.add_argument("--people", type=int, default=20, help="people signed in (20)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (4)")
    parser.add_argument(
        "--servers",
        type=int,
        default=1,
        choices=(1, 2, 3, 4),
        help="app servers on the one database, clients spread over them (1)",
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= MAX_SECONDS or not 0 < args.clients <= MAX_CLIENTS:
        parser.error(f"--seconds must be in (0, {MAX_SECONDS}], --clients in [1, {MAX_CLIENTS}]")
    if args.max_requests < 1 or args.people < 1:
        parser.error("--max-requests and --people must be positive")
    return args


def build(url: str, folder: Path, args) -> Department:
    """Create the schema and the department in this process, then let go of the database."""
    os.environ["TRACKER_INSTANCE_PATH"] = str(folder)
    from tracker import create_app
    from tracker.extensions import db

    app = create_app(
        {
            "ENV_NAME": "production",
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": os.urandom(24).hex(),
            "LOG_LEVEL": "WARNING",
        }
    )
    with app.app_context():
        db.create_all()
        department = prepare(args.tasks, args.people, args.seed)
        db.session.remove()
        db.engine.dispose()
    return department


def drive(ports: list[int], department: Department, args) -> tuple[Tally, float]:
    """Sign everyone in, then run the clients until the time or the budget is spent.

    People sign in on the first server; client n talks to server n mod N, with the same
    cookies and tokens (a balancer spreading one person's requests over every server).
    """
    sessions = {p.username: sign_in(ports[0], p, department.password) for p in department.people}
    tally, budget = Tally(), Budget(args.max_requests)
    clients = [
        LoadClient(ports[n % len(ports)], department, sessions, tally, seed=args.seed * 1000 + n)
        for n in range(args.clients)
    ]
    started = time.monotonic()
    deadline = started + args.seconds
    threads = [threading.Thread(target=c.run, args=(deadline, budget)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.monotonic() - started


def logged_errors(log: Path) -> int:
    """Lines the server logged at ERROR or worse (tracebacks included), for the record."""
    if not log.exists():
        return 0
    text = log.read_text(errors="replace")
    return sum(1 for line in text.splitlines() if '"level": "ERROR"' in line or "[ERROR]" in line)


def report(result: dict) -> None:
    print(
        f"\n{result['database']}: {result['requests']:,} requests in {result['seconds']} s "
        f"({result['requests_per_second']} req/s), {result['errors']} errors, "
        f"{result['conflicts_409']} × 409 (races), p50 {result['p50_ms']} ms, "
        f"p95 {result['p95_ms']} ms, max {result['max_ms']} ms; "
        f"writes {result['write_share']:.0%}"
    )
    heading = ("requests", "errors", "p50 ms", "p95 ms", "max ms")
    print(f"  {'operation':34} " + " ".join(f"{h:>8}" for h in heading))
    for op in result["operations"]:
        print(
            f"  {op['operation']:34} {op['requests']:>8} {op['errors']:>6} "
            f"{op['p50_ms']:>8} {op['p95_ms']:>8} {op['max_ms']:>8}"
        )
    for sample in result["error_samples"]:
        print(f"  ! {sample}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    assert HOST == "127.0.0.1"  # nothing leaves this machine
    with tempfile.TemporaryDirectory(prefix=f"tracker-load-{args.database}-") as tmp:
        folder = Path(tmp)
        with provision.database(args.database, folder) as url:
            if url is None:
                return 2
            print(f"preparing {args.database}: demo + {args.tasks} tasks, {args.people} people")
            department = build(url, folder, args)
            load_before = os.getloadavg()
            secret = os.urandom(24).hex()
            with contextlib.ExitStack() as stack:
                servers = []
                for number in range(args.servers):
                    instance = folder / f"server-{number + 1}"  # each its own disk, as apart
                    instance.mkdir()
                    server = Server(url, instance, args.workers, args.threads, secret)
                    servers.append(stack.enter_context(server))
                ports = [server.port for server in servers]
                print(
                    f"{args.servers} × gunicorn -w {args.workers} --threads {args.threads} "
                    f"on {HOST}:{', '.join(map(str, ports))}"
                )
                print(f"{args.clients} clients for {args.seconds:g} s ...", flush=True)
                tally, elapsed = drive(ports, department, args)
            server_errors = sum(logged_errors(server.log) for server in servers)
    result = {
        "database": args.database,
        "clients": args.clients,
        "planned_seconds": args.seconds,
        "gunicorn": f"-w {args.workers} --threads {args.threads}",
        "servers": args.servers,
        "tasks": department.tasks,
        "people": len(department.people),
        "server_errors_logged": server_errors,
        "load_average_before": [round(x, 2) for x in load_before],
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "when": datetime.now().astimezone().isoformat(timespec="seconds"),
    } | summary(tally, elapsed)
    report(result)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    servers = f"-{args.servers}servers" if args.servers > 1 else ""
    path = RESULTS / f"load-{args.database}{servers}-{stamp}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(f"written to {path.relative_to(ROOT)}")
    return 0 if result["errors"] == 0 and server_errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
