"""One Alembic chain: upgrades empty SQLite and PostgreSQL databases to the models' schema."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

import tracker.models  # noqa: F401  (registers every table on the metadata)
from tracker.extensions import db
from tracker.models.fulltext import is_search_object

ROOT = Path(__file__).resolve().parents[2]
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def flask_db(url: str, *args: str, instance: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, TRACKER_DATABASE_URL=url, TRACKER_INSTANCE_PATH=str(instance))
    env.pop("TRACKER_TEST_DATABASE_URL", None)
    flask = [sys.executable, "-m", "flask", "--app", "app", "db", *args]
    result = subprocess.run(flask, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def schema_of(url: str) -> dict[str, set[str]]:
    engine = create_engine(url)
    try:
        inspector = inspect(engine)
        return {
            t: {c["name"] for c in inspector.get_columns(t)}
            for t in inspector.get_table_names()
            if t != "alembic_version" and not is_search_object(t)
        }
    finally:
        engine.dispose()


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    return not is_search_object(name)


def differences(url: str) -> list:
    """What autogenerate would still change: nothing, if migrations match the models."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": include_object}
            )
            return compare_metadata(context, db.metadata)
    finally:
        engine.dispose()


@pytest.fixture
def postgres_url():
    """A fresh, empty PostgreSQL database, dropped afterwards; skipped without a server."""
    base = os.environ.get("TRACKER_TEST_DATABASE_URL", "")
    admin = make_url(base if base.startswith("postgresql") else PG_DEFAULT).set(database="postgres")
    try:
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            name = f"tracker_migrate_{uuid.uuid4().hex[:8]}"
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 - any connection problem means "no server here"
        pytest.skip(f"PostgreSQL not reachable: {error.__class__.__name__}")
    yield admin.set(database=name).render_as_string(hide_password=False)
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def expected_tables() -> set[str]:
    return set(db.metadata.tables)


@pytest.mark.slow
def test_sqlite_and_postgresql_get_the_same_schema_and_downgrade_to_nothing(tmp_path, postgres_url):
    sqlite_url = f"sqlite:///{tmp_path / 'migrated.db'}"
    for url in (sqlite_url, postgres_url):
        flask_db(url, "upgrade", instance=tmp_path)
    sqlite_schema, pg_schema = schema_of(sqlite_url), schema_of(postgres_url)
    assert set(sqlite_schema) == expected_tables()
    assert sqlite_schema == pg_schema
    for url in (sqlite_url, postgres_url):
        assert differences(url) == [], url
        flask_db(url, "downgrade", "base", instance=tmp_path)
        assert schema_of(url) == {}


def test_sqlite_upgrade_matches_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'only-sqlite.db'}"
    flask_db(url, "upgrade", instance=tmp_path)
    assert set(schema_of(url)) == expected_tables()
    assert differences(url) == []


def test_the_report_migration_dates_finished_work_from_its_history_and_goes_back(tmp_path):
    """2026-12-07: handed-in and confirmed days read from the history in the department's
    time zone (UTC+7: 20:00 UTC is the next day), report texts given to the department."""
    url = f"sqlite:///{tmp_path / 'data.db'}"
    flask_db(url, "upgrade", "5c1e8a9d7f42", instance=tmp_path)
    engine = create_engine(url)
    rows = [
        "INSERT INTO unit (id, code, name, kind, sort_order, active) VALUES "
        "(1, 'S', 'Sở', 'department', 0, 1), (2, 'A', 'Phòng A', 'division', 1, 1)",
        "UPDATE unit SET parent_id = 1 WHERE id = 2",
        "INSERT INTO section (id, code, title, sort_order, active) VALUES (1, 'I', 'I', 0, 1)",
        "INSERT INTO task (id, title, section_id, lead_unit_id, status, progress, priority,"
        " version, created_at, updated_at, search_text, completed_on) VALUES"
        " (1, 'Xong', 1, 2, 'done', 100, 2, 1, '2026-09-01', '2026-09-01', '', '2026-09-10'),"
        " (2, 'Chờ', 1, 2, 'submitted', 100, 2, 1, '2026-09-01', '2026-09-01', '', '2026-09-12'),"
        " (3, 'Cũ', 1, 2, 'done', 100, 2, 1, '2026-09-01', '2026-09-01', '', '2026-09-05')",
        "INSERT INTO task_update (task_id, kind, changes, created_at) VALUES"
        " (1, 'submitted', '{}', '2026-09-11 20:30:00'),"  # 12/09 in Hà Nội
        " (1, 'confirmed', '{}', '2026-09-13 02:00:00'),"
        " (2, 'submitted', '{}', '2026-09-12 09:00:00')",
        "INSERT INTO report_text (period, number, introduction, assessment, difficulties,"
        " proposals, signer_title, signer_name, recipients, updated_at) VALUES"
        " ('2026-Q3', '9/BC-S', '', '', '', '', '', '', '', '2026-10-01')",
    ]
    with engine.begin() as connection:
        for statement in rows:
            connection.execute(text(statement))
    flask_db(url, "upgrade", instance=tmp_path)
    with engine.begin() as connection:
        dates = connection.execute(
            text("SELECT id, submitted_on, confirmed_on FROM task ORDER BY id")
        ).all()
        assert [tuple(map(str, row)) for row in dates] == [
            ("1", "2026-09-12", "2026-09-13"),
            ("2", "2026-09-12", "None"),
            ("3", "2026-09-05", "2026-09-05"),  # no history: its completion day
        ]
        assert connection.execute(text("SELECT unit_id FROM report_text")).scalar() == 1
        connection.execute(  # a division's own texts, which the old schema cannot hold
            text(
                "INSERT INTO report_text (period, unit_id, number, introduction, assessment,"
                " difficulties, proposals, plan_intro, signer_title, signer_name, recipients,"
                " updated_at) VALUES ('2026-Q3', 2, '', '', '', '', '', '', '', '', '',"
                " '2026-10-01')"
            )
        )
    engine.dispose()
    flask_db(url, "downgrade", "5c1e8a9d7f42", instance=tmp_path)
    engine = create_engine(url)
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT period, number FROM report_text")).all()
    engine.dispose()
    assert [tuple(row) for row in kept] == [("2026-Q3", "9/BC-S")]
