"""Backup and restore: a round trip that compares every table, row by row."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from backup_support import cli_app, run
from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import make_url

from tracker.extensions import db as _db
from tracker.ops.backup import NOT_DATA


def snapshot(url: str) -> dict[str, list]:
    """Every row of every model table, sorted, as plain comparable values.

    The data version's token is left out: a restore gives the data a new one, on purpose.
    """
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            result = {}
            for table in _db.metadata.sorted_tables:
                if table.name in NOT_DATA:
                    continue
                rows = connection.execute(select(table)).all()
                result[table.name] = sorted(
                    (tuple(_plain(v) for v in row) for row in rows), key=repr
                )
            return result
    finally:
        engine.dispose()


def assert_same(before: dict[str, list], *others: dict[str, list]) -> None:
    """Every table, row by row; prints what was compared (run with -s to see it)."""
    for other in others:
        assert other == before
    rows = sum(len(r) for r in before.values())
    filled = sum(1 for r in before.values() if r)
    print(f"\ncompared {rows} rows in {len(before)} tables ({filled} with rows) x {len(others)}")


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


def fill_the_tables_the_demo_leaves_empty() -> None:
    """A row or two in each table the demo leaves empty: the round trip compares them all."""
    from datetime import date, datetime, timedelta
    from decimal import Decimal

    from tracker.indicators.models import (
        Indicator,
        IndicatorChange,
        IndicatorEvidence,
        IndicatorTarget,
        IndicatorValue,
    )
    from tracker.models import (
        ApiToken,
        Attachment,
        DigestSend,
        Document,
        IssuedReport,
        JobRun,
        KeptUpload,
        LoginEvent,
        LoginSession,
        Notification,
        ReportText,
        SavedFilter,
        Task,
        Unit,
        User,
    )

    user = _db.session.scalar(select(User).order_by(User.id.desc()))
    task = _db.session.scalar(select(Task).order_by(Task.id))
    now = datetime(2026, 3, 4, 5, 6, 7)
    task.support_units.append(_db.session.scalar(select(Unit).where(Unit.id != task.lead_unit_id)))
    _db.session.add_all(
        [
            ApiToken(user_id=user.id, token_hash="a" * 64, name="kịch bản", expires_at=now),
            ApiToken(user_id=user.id, token_hash="b" * 64, expires_at=now, revoked_at=now, name=""),
            LoginEvent(username=user.username, user_id=user.id, ip="10.0.0.1", success=True),
            LoginEvent(username="không có", ip="::1", success=False, reason="wrong"),
            LoginSession(
                user_id=user.id,
                key_hash="c" * 64,
                session_version=1,
                remember=True,
                expires_at=now,
                ended_at=now,
                user_agent="Firefox",
            ),
            JobRun(job="remind", due="2026-03-04", status="done", finished_at=now, detail="sent 3"),
            SavedFilter(user_id=user.id, name="Quá hạn của tôi", query="timeliness=overdue"),
            Indicator(
                code="KYSO-THU",
                name="Tỷ lệ văn bản đi được ký số",
                measure="%",
                kind="ratio",
                unit_id=task.lead_unit_id,
                first_year=2026,
                last_year=2027,
                documents=[_db.session.scalar(select(Document).order_by(Document.id))],
                targets=[IndicatorTarget(period="2026", value=Decimal("70.5"))],
            ),
            DigestSend(user_id=user.id, day=date(2026, 3, 4), status="failed", error="SMTP"),
            ReportText(
                period="2026-Q1",
                unit_id=task.lead_unit_id,
                number="12/BC-STTTT",
                introduction="Mở đầu\n– ý",
                signed_on=date(2026, 4, 2),
            ),
            Notification(user_id=user.id, kind="reminder", task_id=task.id, message="Nhắc"),
            IssuedReport(  # stored files: bytes that are not text must come back whole
                period="2026-Q1",
                unit_id=task.lead_unit_id,
                number="12/BC-STTTT",
                number_key="12/BC-STTTT",
                year=2026,
                issued_on=date(2026, 4, 2),
                window_start=date(2026, 1, 1),
                as_of=date(2026, 3, 31),
                window_rule="calendar",
                signer_title="GIÁM ĐỐC",
                signer_name="Nguyễn Văn A",
                recipients="Như trên;\nLưu: VT.",
                issued_by_id=user.id,
                content='{"period": "2026-Q1"}',
                docx=b"PK\x03\x04\x00\xff\xfe" + bytes(range(256)),
                xlsx=b"PK\x03\x04\x80",
                docx_sha256="d" * 64,
                xlsx_sha256="e" * 64,
            ),
            KeptUpload(
                token="t" * 43,
                kind="plan",
                user_id=user.id,
                stored_at=now,
                sha256="c" * 64,
                facts={"period": "2026-Q2", "filename": "kế hoạch.xlsx"},
                data=b"PK\x03\x04\x00\x01",
            ),
            Attachment(
                task_id=task.id,
                uploaded_by_id=user.id,
                filename="Báo cáo quý.pdf",
                content_type="application/pdf",
                data=b"%PDF-1.4\n\x00\xff\xfe" + bytes(range(256)),
                size=1234,
                sha256="f" * 64,
                uploaded_at=now - timedelta(days=1),
            ),
        ]
    )
    _db.session.flush()
    indicator = _db.session.scalar(select(Indicator).where(Indicator.code == "KYSO-THU"))
    _db.session.add_all(
        [
            IndicatorValue(
                indicator_id=indicator.id,
                period="2026-Q3",
                value=Decimal("74.18"),
                numerator=Decimal(87292),
                denominator=Decimal(117681),
                as_of=date(2026, 9, 30),
                note="Theo iOffice",
                entered_by_id=user.id,
            ),
            IndicatorChange(
                indicator_id=indicator.id,
                period="2026-Q3",
                user_id=user.id,
                changes={"value": [None, "74.18"]},
                after_issue=True,
            ),
            IndicatorEvidence(
                indicator_id=indicator.id,
                period="2026-Q3",
                uploaded_by_id=user.id,
                filename="Trích xuất iOffice.pdf",
                content_type="application/pdf",
                size=260,
                sha256="a" * 64,
                data=b"%PDF-1.4\n\x00\xff" + bytes(range(256)),
            ),
        ]
    )


@pytest.fixture
def source(tmp_path):
    """A SQLite database with the demo department in it, and a row in every table."""
    url = f"sqlite:///{tmp_path / 'source.db'}"
    application = cli_app(url, tmp_path)
    with application.app_context():
        from flask_migrate import upgrade

        upgrade()
        from tracker.demo.loader import load_demo

        load_demo()
        fill_the_tables_the_demo_leaves_empty()
        _db.session.commit()
        _db.session.remove()
        _db.engine.dispose()
    return application, url


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
    empty = [name for name, rows in before.items() if not rows]
    assert not empty, f"fill_the_tables_the_demo_leaves_empty() should fill {empty}"
    assert sum(len(rows) for rows in before.values()) > 200
    assert_same(before, after)


def test_a_portable_backup_is_one_snapshot_while_another_writer_commits(source, tmp_path):
    """A sign-in logged while the tables are being read is in none of them, or in all."""
    application, url = source
    before = snapshot(url)
    wrote: list[bool] = []

    def other_writer(_conn, _cursor, statement, *_args) -> None:
        # Users have been read, the login log not yet: another process commits now.
        if wrote or "FROM user_account" not in statement:
            return
        other = sqlite3.connect(make_url(url).database)
        try:
            other.execute(
                "INSERT INTO login_event (username, success, created_at)"
                " VALUES ('someone', 0, '2026-01-01 00:00:00')"
            )
            other.commit()
        finally:
            other.close()
        wrote.append(True)

    with application.app_context():
        event.listen(_db.engine, "before_cursor_execute", other_writer)
    try:
        backup_file = tmp_path / "busy.json.gz"
        result = run(application, "backup", str(backup_file), "--portable")
    finally:
        with application.app_context():
            event.remove(_db.engine, "before_cursor_execute", other_writer)
    assert result.exit_code == 0, result.output
    assert wrote and snapshot(url) != before  # the other writer did commit meanwhile
    target_url = f"sqlite:///{tmp_path / 'target.db'}"
    assert run(cli_app(target_url, tmp_path), "restore", str(backup_file)).exit_code == 0
    assert_same(before, snapshot(target_url))


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
    assert_same(snapshot(url), snapshot(postgres_url))


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
    assert_same(snapshot(url), snapshot(first), snapshot(second))
