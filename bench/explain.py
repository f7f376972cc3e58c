"""The query plans of the hot pages, as Markdown: `python -m bench.explain --url URL`.

Each page is served once while its SQL is captured; every statement that reads the task
table is then explained by the database itself (SQLite: EXPLAIN QUERY PLAN; PostgreSQL:
EXPLAIN ANALYZE without timings, so that plans compare across runs). bench/README.md
carries this output for both databases.
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile

from sqlalchemy import Engine

from bench.floors import capture
from bench.measure import FlaskClient, sign_in
from bench.workloads import SEARCH, discover

PAGES = (
    ("Overdue list JSON, page 1", "director", "/api/v1/tasks?timeliness=overdue&per_page=50"),
    ("Overdue list JSON, page 100", "director",
     "/api/v1/tasks?timeliness=overdue&per_page=50&page=100"),
    ("Unit list, subtree (head of a district office)", "head", "/tasks/?unit={office}&subtree=1"),
    ("Overview, whole department, current quarter", "director", "/overview"),
    ("Search", "director", "/search/?q=" + SEARCH.replace(" ", "+")),
)  # fmt: skip
TASK_TABLE = re.compile(r"\bFROM task\b|\bJOIN task\b")
COLUMNS = re.compile(r"SELECT (?:[\w.]+(?: AS \w+)?, ){3,}[\w.]+(?: AS \w+)? FROM")


def explain(engine: Engine, statement: str, parameters) -> list[str]:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            return [row[3] for row in cursor.fetchall()]
        options = "ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF"
        cursor.execute(f"EXPLAIN ({options}) " + statement, parameters)
        return [row[0] for row in cursor.fetchall()]
    finally:
        raw.rollback()
        raw.close()


def shorten(statement: str, limit: int = 900) -> str:
    """The statement on one line, its long column lists elided (the WHERE is what matters)."""
    text = COLUMNS.sub("SELECT … FROM", " ".join(statement.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.explain", description=__doc__)
    parser.add_argument("--url", required=True, help="a database seeded by bench-seed")
    args = parser.parse_args(argv)
    os.environ.setdefault("TRACKER_INSTANCE_PATH", tempfile.mkdtemp(prefix="tracker-explain-"))
    from tracker import create_app
    from tracker.extensions import db

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": args.url, "SECRET_KEY": os.urandom(16).hex(),
         "ENV_NAME": "production", "LOG_LEVEL": "WARNING",
         # Every statement a page needs, as on data it has not seen: no kept answers.
         "ANSWER_CACHE_ENTRIES": 0}
    )  # fmt: skip
    with app.app_context():
        engine = db.engine
        scenario = discover()
    clients = {"director": FlaskClient(app), "head": FlaskClient(app)}
    sign_in(clients["director"], scenario.director)
    sign_in(clients["head"], scenario.head)
    print(f"### {engine.dialect.name}\n")
    for title, who, path in PAGES:
        path = path.format(office=scenario.office_id)
        with capture(engine) as found:
            clients[who].request("GET", path)
        print(f"#### {title}: `{path}`\n")
        for statement, parameters in found.reads:
            if not TASK_TABLE.search(statement):
                continue
            print("```sql\n" + shorten(statement) + "\n```\n```")
            print("\n".join(explain(engine, statement, parameters)))
            print("```\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
