"""A database for one benchmark run: created empty, seeded by the CLI, dropped afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.http import ROOT

# The server a PostgreSQL run creates its temporary database on (as its superuser).
POSTGRES_ADMIN = os.environ.get(
    "TRACKER_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
)


@contextmanager
def database(kind: str, folder: Path, given: str | None = None) -> Iterator[str | None]:
    """The SQLAlchemy URL of a fresh, empty database; None when PostgreSQL is not there."""
    if given:
        yield given
        return
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    import psycopg

    name = f"tracker_bench_{os.getpid()}"
    try:
        admin = psycopg.connect(POSTGRES_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        print(f"PostgreSQL skipped: no server at {POSTGRES_ADMIN} ({error}).".strip())
        yield None
        return
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        server = admin.info
        try:
            yield f"postgresql+psycopg://{server.user}@{server.host}:{server.port}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(url: str, instance: Path) -> dict[str, str]:
    return os.environ | {
        "TRACKER_DATABASE_URL": url,
        "TRACKER_INSTANCE_PATH": str(instance),
        "TRACKER_SECRET_KEY": os.environ.get("TRACKER_SECRET_KEY") or os.urandom(24).hex(),
    }


def create_schema(url: str, instance: Path) -> None:
    """The tables and indexes of the models (the lead's migration follows the models)."""
    code = (
        "from tracker import create_app\n"
        "from tracker.extensions import db\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        "    db.create_all()\n"
    )
    subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment(url, instance), check=True
    )


def seed(url: str, instance: Path, units: int, tasks: int, seed_value: int) -> tuple[float, str]:
    """Run `flask tracker bench-seed` as a user would; return its seconds and its output."""
    command = [
        sys.executable,
        "-m",
        "flask",
        "--app",
        "app",
        "tracker",
        "bench-seed",
        "--units",
        str(units),
        "--tasks",
        str(tasks),
        "--seed",
        str(seed_value),
    ]
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, env=environment(url, instance), capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench-seed failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - started, done.stdout.strip()
