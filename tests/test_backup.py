"""Backup and restore: a round trip that compares every table, row by row."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from tracker import create_app
from tracker.extensions import db as _db

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def snapshot(url: str) -> dict[str, list]:
    """Every row of every model table, sorted, as plain comparable values."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            result = {}
            for table in _db.metadata.sorted_tables:
                rows = connection.execute(select(table)).all()
                result[table.name] = sorted(
                    (tuple(_plain(v) for v in row) for row in rows), key=repr
                )
            return result
    finally:
        engine.dispose()


def _plain(value):
    if isinstance(value, str) and value[:1] in "{[":
        import json

        try:
            return json.dumps(json.loads(value), sort_keys=True)
        except ValueError:
            return value
    if isinstance(value, dict | list):
        import json

        return json.dumps(value, sort_keys=True)
    return value


def cli_app(url: str, instance: Path):
    application = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
    application.instance_path = str(instance)
    return application


def run(application, *args):
    result = application.test_cli_runner().invoke(args=["tracker", *args])
    with application.app_context():  # close the connections this app opened
        _db.session.remove()
        _db.engine.dispose()
    return result


@pytest.fixture
def source(tmp_path):
    """A SQLite database with the demo department in it."""
    url = f"sqlite:///{tmp_path / 'source.db'}"
    application = cli_app(url, tmp_path)
    with application.app_context():
        from flask_migrate import upgrade

        upgrade()
        from tracker.services.demo import load_demo

        load_demo()
        _db.session.commit()
        _db.session.remove()
        _db.engine.dispose()
    return application, url


@pytest.fixture
def make_postgres():
    """Create fresh PostgreSQL databases on demand; all dropped afterwards."""
    base = os.environ.get("TRACKER_TEST_DATABASE_URL", "")
    admin = make_url(base if base.startswith("postgresql") else PG_DEFAULT).set(database="postgres")
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    created: list[str] = []

    def make() -> str:
        name = f"tracker_restore_{uuid.uuid4().hex[:8]}"
        try:
            with engine.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as error:  # noqa: BLE001 - no server means skip
            pytest.skip(f"PostgreSQL not reachable: {error.__class__.__name__}")
        created.append(name)
        return admin.set(database=name).render_as_string(hide_password=False)

    yield make
    with engine.connect() as connection:
        for name in created:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.mark.parametrize("portable", [False, True])
def test_sqlite_round_trip_compares_every_table(source, tmp_path, portable):
    application, url = source
    backup_file = tmp_path / ("backup.json.gz" if portable else "backup.sqlite")
    args = ["backup", str(backup_file)] + (["--portable"] if portable else [])
    result = run(application, *args)
    assert result.exit_code == 0, result.output
    target_url = f"sqlite:///{tmp_path / 'target.db'}"
    result = run(cli_app(target_url, tmp_path), "restore", str(backup_file))
    assert result.exit_code == 0, result.output
    before, after = snapshot(url), snapshot(target_url)
    assert sum(len(rows) for rows in before.values()) > 200
    assert before == after


def test_restore_refuses_a_database_with_data(source, tmp_path):
    application, _ = source
    backup_file = tmp_path / "b.sqlite"
    run(application, "backup", str(backup_file))
    result = run(application, "restore", str(backup_file))
    assert result.exit_code == 1 and "not empty" in result.output


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"hello world, not a backup")
    application = cli_app(f"sqlite:///{tmp_path / 'empty.db'}", tmp_path)
    result = run(application, "restore", str(junk))
    assert result.exit_code == 1 and "not a backup" in result.output
    assert run(application, "restore", str(tmp_path / "missing")).exit_code == 1


def test_sqlite_backup_restores_into_postgresql(source, tmp_path, make_postgres):
    application, url = source
    postgres_url = make_postgres()
    backup_file = tmp_path / "to-pg.sqlite"
    assert run(application, "backup", str(backup_file)).exit_code == 0
    result = run(cli_app(postgres_url, tmp_path), "restore", str(backup_file))
    assert result.exit_code == 0, result.output
    assert snapshot(url) == snapshot(postgres_url)


def test_postgresql_round_trip_with_pg_dump(source, tmp_path, make_postgres):
    application, url = source
    first, second = make_postgres(), make_postgres()
    portable = tmp_path / "p.json.gz"
    assert run(application, "backup", str(portable), "--portable").exit_code == 0
    assert run(cli_app(first, tmp_path), "restore", str(portable)).exit_code == 0
    dump = tmp_path / "pg.dump"
    result = run(cli_app(first, tmp_path), "backup", str(dump))
    assert result.exit_code == 0, result.output
    assert ("pg_dump" in result.output) == bool(shutil.which("pg_dump"))
    result = run(cli_app(second, tmp_path), "restore", str(dump))
    assert result.exit_code == 0, result.output
    assert snapshot(url) == snapshot(first) == snapshot(second)
