"""A consistent copy of the whole database, and back, while the application is serving.

SQLite uses its online backup API (a page-by-page copy inside a read snapshot). PostgreSQL
uses pg_dump / pg_restore in the custom format when they are installed. Either database can
also be written in a portable form (gzip'd JSON lines, one table after another, read in one
snapshot, bytes in base64) that restores into SQLite or PostgreSQL alike.

Evidence and document files live in their rows, so every format carries them. A backup holds
password hashes and every file: it is created readable and writable by its owner only (0600),
never world-readable for a moment.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.engine import make_url

from tracker.common.freshness import bump
from tracker.extensions import db
from tracker.ops.values import decode_value, encode_value

PORTABLE_MAGIC = "tracker-backup"
SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done, with the reason."""


def dialect() -> str:
    return db.engine.dialect.name


# Bookkeeping, not the department's data: the data version's token is not carried from
# one database to another (a restore gives the restored data a token of its own).
NOT_DATA = frozenset({"data_version"})


def data_tables() -> list:
    return [t for t in db.metadata.sorted_tables if t.name not in NOT_DATA]


def row_counts() -> dict[str, int]:
    """Rows per table of the model (what a round trip must preserve)."""
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in data_tables()
    }


def has_schema() -> bool:
    return inspect(db.engine).has_table("task")


def is_empty() -> bool:
    return not has_schema() or not any(row_counts().values())


# -- backup ----------------------------------------------------------------------------------


def backup(path: Path, portable: bool = False) -> str:
    """Write a consistent copy of the database to `path`; return the format used."""
    if not portable and dialect() == "sqlite":
        _sqlite_backup(path)
        return "sqlite"
    if not portable and dialect() == "postgresql" and shutil.which("pg_dump"):
        with os.fdopen(private_file(path), "wb") as out:
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", _libpq_url()], out)
        return "pg_dump"
    _portable_backup(path)
    return "portable"


def private_file(path: Path) -> int:
    """Create `path` afresh, empty, mode 0600 from its first moment; return its descriptor.
    What was at `path` (a file, a link) is replaced, not written through: nor its mode."""
    path.unlink(missing_ok=True)
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)


def _sqlite_backup(path: Path) -> None:
    os.close(private_file(path))  # SQLite fills the empty file, keeping its mode
    source = db.engine.raw_connection()
    try:
        target = sqlite3.connect(path)
        try:
            source.driver_connection.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _libpq_url() -> str:
    url = make_url(str(db.engine.url.render_as_string(hide_password=False)))
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str], out=None) -> None:
    """Run a client tool; `out` takes its standard output (else it is dropped)."""
    output = out or subprocess.DEVNULL  # text=True is for its messages: the dump goes to `out`
    result = subprocess.run(  # noqa: S603
        command, stdout=output, stderr=subprocess.PIPE, text=True, timeout=3600
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-800:]}")


def _portable_backup(path: Path) -> None:
    with db.engine.connect() as connection:
        if dialect() == "postgresql":
            connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        else:
            # pysqlite begins no transaction for a SELECT: without this, each table would be
            # read in a snapshot of its own, and a write committed meanwhile half copied.
            connection.exec_driver_sql("BEGIN")
        with (
            os.fdopen(private_file(path), "wb") as raw,
            gzip.open(raw, "wt", encoding="utf-8") as out,
        ):
            header = {"format": PORTABLE_MAGIC, "version": 1, "tables": []}
            header["tables"] = [t.name for t in data_tables()]
            out.write(json.dumps(header) + "\n")
            for table in data_tables():
                columns = [c.name for c in table.columns]
                out.write(json.dumps({"table": table.name, "columns": columns}) + "\n")
                for row in connection.execute(select(table)):
                    out.write(json.dumps([encode_value(v) for v in row], ensure_ascii=False) + "\n")


# -- restore ---------------------------------------------------------------------------------


def restore(path: Path) -> str:
    """Restore a backup into this (empty) database; return the format found."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    if not is_empty():
        raise BackupError("The database is not empty: restore only into an empty database.")
    found = _restore(path)
    # Every process's kept answers belong to the data before the restore.
    with db.engine.begin() as connection:
        bump(connection)
    return found


def _restore(path: Path) -> str:
    head = path.read_bytes()[:16]
    if head.startswith(SQLITE_MAGIC):
        _restore_from_sqlite(path)
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        if dialect() != "postgresql" or not shutil.which("pg_restore"):
            raise BackupError("A pg_dump backup restores only into PostgreSQL with pg_restore.")
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-acl",
                "--clean",
                "--if-exists",
                "--dbname",
                _libpq_url(),
                str(path),
            ]
        )
        return "pg_dump"
    if head.startswith(b"\x1f\x8b"):
        _ensure_schema()
        _restore_portable(_portable_rows(path))
        return "portable"
    raise BackupError(f"{path}: not a backup made by `tracker backup`.")


def _restore_from_sqlite(path: Path) -> None:
    if dialect() == "sqlite":
        target = db.engine.raw_connection()
        try:
            source = sqlite3.connect(path)
            try:
                source.backup(target.driver_connection)
            finally:
                source.close()
        finally:
            target.close()
        db.engine.dispose()
        return
    _ensure_schema()
    source = sqlite3.connect(path)
    try:
        _restore_portable(_sqlite_rows(source))
    finally:
        source.close()


def _ensure_schema() -> None:
    """Create the tables through the migrations when the target has none yet."""
    if not has_schema():
        from flask_migrate import upgrade

        upgrade()
        db.session.remove()


def _sqlite_rows(source: sqlite3.Connection) -> Iterator[tuple[str, list[str], list]]:
    for table in data_tables():
        columns = [c.name for c in table.columns]
        quoted = ", ".join(f'"{c}"' for c in columns)
        cursor = source.execute(f'SELECT {quoted} FROM "{table.name}"')  # noqa: S608
        yield table.name, columns, [list(r) for r in cursor]


def _portable_rows(path: Path) -> Iterator[tuple[str, list[str], list]]:
    with gzip.open(path, "rt", encoding="utf-8") as source:
        header = json.loads(source.readline() or "{}")
        if header.get("format") != PORTABLE_MAGIC:
            raise BackupError(f"{path}: not a backup made by `tracker backup`.")
        table, columns, rows = None, [], []
        for line in source:
            item = json.loads(line)
            if isinstance(item, dict):
                if table is not None:
                    yield table, columns, rows
                table, columns, rows = item["table"], item["columns"], []
            else:
                rows.append(item)
        if table is not None:
            yield table, columns, rows


def _restore_portable(tables: Iterator[tuple[str, list[str], list]]) -> None:
    metadata = db.metadata.tables
    with db.engine.begin() as connection:
        for name, columns, rows in tables:
            table = metadata.get(name)
            if table is None or name in NOT_DATA or not rows:
                continue
            known = [c for c in columns if c in table.columns]
            records = [
                {
                    c: decode_value(v, table.columns[c])
                    for c, v in zip(columns, row, strict=True)
                    if c in known
                }
                for row in rows
            ]
            for start in range(0, len(records), 5000):
                connection.execute(insert(table), records[start : start + 5000])
        if connection.dialect.name == "postgresql":
            for table in db.metadata.sorted_tables:
                if "id" in table.columns and table.columns["id"].autoincrement:
                    # Table names come from the model, not from the backup file.
                    connection.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                            f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
                        )
                    )
