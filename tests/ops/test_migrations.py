"""One Alembic chain: upgrades empty SQLite and PostgreSQL databases to the models' schema."""

from __future__ import annotations

import os
import re
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
            # (PostgreSQL's stored search vector is a search structure, as SQLite's FTS tables)
            t: {c["name"] for c in inspector.get_columns(t) if not is_search_object(c["name"])}
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


def execute_all(engine, statements: list[str]) -> None:
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))


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
    execute_all(engine, rows)
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


PDF = b"%PDF-1.4\n% evidence\n%%EOF\n"
DOCX = b"PK\x03\x04 a word file, as bytes \x00\xff"


def test_the_files_migration_moves_files_into_their_rows_and_back(tmp_path):
    """2026-12-08: evidence and document files move from the instance folder into their rows;
    a row whose file is missing stays, with a 404 that says so; the search triggers that
    SQLite's table rebuilds dropped are back; the downgrade writes the files out again."""
    url = f"sqlite:///{tmp_path / 'files.db'}"
    flask_db(url, "upgrade", "7e4b2c9a1d05", instance=tmp_path)
    (tmp_path / "attachments").mkdir()
    (tmp_path / "attachments" / ("a" * 32)).write_bytes(PDF)
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / ("c" * 32 + ".docx")).write_bytes(DOCX)
    engine = create_engine(url)
    rows = [
        "INSERT INTO unit (id, code, name, kind, sort_order, active) VALUES "
        "(1, 'S', 'Sở', 'department', 0, 1)",
        "INSERT INTO section (id, code, title, sort_order, active) VALUES (1, 'I', 'I', 0, 1)",
        "INSERT INTO task (id, title, section_id, lead_unit_id, status, progress, priority,"
        " version, created_at, updated_at, search_text) VALUES"
        " (1, 'Kiểm tra', 1, 1, 'in_progress', 10, 2, 1, '2026-09-01', '2026-09-01', '')",
        "INSERT INTO attachment (id, task_id, uploaded_at, filename, stored_name, content_type,"
        " size, sha256) VALUES"
        " (1, 1, '2026-09-02', 'Biên bản.pdf', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',"
        " 'application/pdf', 20, 'x'),"
        " (2, 1, '2026-09-02', 'Mất.pdf', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',"
        " 'application/pdf', 20, 'y')",
        "INSERT INTO document (id, doc_type, symbol, dedupe_key, needs_title, search_text,"
        " created_at, file_name, stored_name) VALUES"
        " (1, 'Quyết định', '1/QĐ-UBND', 'k1', 0, 'qd', '2026-09-01', 'QĐ 1.docx',"
        " 'cccccccccccccccccccccccccccccccc.docx'),"
        " (2, 'Quyết định', '2/QĐ-UBND', 'k2', 0, 'qd', '2026-09-01', 'QĐ 2.pdf',"
        " 'dddddddddddddddddddddddddddddddd.pdf')",
    ]
    execute_all(engine, rows)
    engine.dispose()
    flask_db(url, "upgrade", instance=tmp_path)
    engine = create_engine(url)
    with engine.connect() as connection:
        evidence = connection.execute(text("SELECT id, data FROM attachment ORDER BY id")).all()
        documents = connection.execute(
            text("SELECT id, file_name, file_data, file_size FROM document ORDER BY id")
        ).all()
        triggers = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        ).scalars()
        assert {"task_fts_ai", "document_fts_au"} <= set(triggers)
    engine.dispose()
    assert [tuple(r) for r in evidence] == [(1, PDF), (2, None)]
    assert [tuple(r) for r in documents] == [
        (1, "QĐ 1.docx", DOCX, len(DOCX)),
        (2, "QĐ 2.pdf", None, None),
    ]
    downloads_after_the_migration(url, tmp_path)

    flask_db(url, "downgrade", "7e4b2c9a1d05", instance=tmp_path)
    engine = create_engine(url)
    with engine.connect() as connection:
        names = connection.execute(text("SELECT stored_name FROM attachment ORDER BY id")).all()
        document = connection.execute(text("SELECT stored_name FROM document WHERE id = 1"))
        document_name = document.scalar()
    engine.dispose()
    assert (tmp_path / "attachments" / names[0][0]).read_bytes() == PDF
    assert not (tmp_path / "attachments" / names[1][0]).exists()  # lost before, lost still
    assert (tmp_path / "documents" / document_name).read_bytes() == DOCX


def downloads_after_the_migration(url: str, instance: Path) -> None:
    """Through the application: the moved files download whole, the lost ones answer 404."""
    from factories import make_user

    from tracker import create_app
    from tracker.models import Unit

    application = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
    application.instance_path = str(instance)
    with application.app_context():
        make_user("quantri", "admin", db.session.get(Unit, 1))
        db.session.commit()
        client = application.test_client()
        login = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login).group(1)
        form = {"username": "quantri", "password": "Password123", "csrf_token": token}
        assert client.post("/login", data=form).status_code in (302, 303)
        answers = {
            path: client.get(path)
            for path in ("/tasks/1/attachments/1", "/tasks/1/attachments/2")
            + ("/documents/1/file", "/documents/2/file")
        }
        db.session.remove()
        db.engine.dispose()
    bodies = {path: (r.status_code, r.get_data()) for path, r in answers.items()}
    assert bodies["/tasks/1/attachments/1"] == (200, PDF)
    assert bodies["/documents/1/file"] == (200, DOCX)
    for path in ("/tasks/1/attachments/2", "/documents/2/file"):
        status, body = bodies[path]
        assert status == 404 and "đã mất" in body.decode(), path
