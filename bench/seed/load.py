"""Bulk loading for the synthetic province: rows straight through the driver.

SQLite takes `executemany` on the raw connection; PostgreSQL takes COPY (psycopg 3). Both
run inside the session's transaction, so the whole seed commits or rolls back as one. The
search structures are dropped for the load and rebuilt once at the end, which is far faster
than keeping them up to date row by row.
"""

# Table and column names come from the models' metadata, never from input.
# ruff: noqa: S608
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Table, insert, text

from tracker.extensions import db
from tracker.models import fulltext as search_index


def dialect_name() -> str:
    return db.session.connection().dialect.name


def _defaults(table: Table) -> dict[str, object]:
    """The Python-side default of each column, resolved once (None where there is none)."""
    values: dict[str, object] = {}
    for column in table.columns:
        default = column.default
        if default is None or not default.is_scalar and not default.is_callable:
            values[column.name] = None
        elif default.is_callable:
            values[column.name] = default.arg(None)  # SQLAlchemy wraps zero-arg callables
        else:
            values[column.name] = default.arg
    return values


def _converter(column, dialect: str):
    if isinstance(column.type, JSON):
        return lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
    if dialect != "sqlite":
        return None
    if isinstance(column.type, Boolean):
        return lambda v: None if v is None else int(v)

    def plain(value):
        # The text forms SQLAlchemy's SQLite types store and read back.
        if isinstance(value, datetime):
            return value.isoformat(sep=" ", timespec="microseconds")
        if isinstance(value, date):
            return value.isoformat()
        return value

    return plain


def bulk_insert(table: Table, rows: Sequence[dict], chunk: int = 20_000) -> int:
    """Insert rows (dicts by column name; missing columns take their defaults)."""
    if not rows:
        return 0
    dialect = dialect_name()
    defaults = _defaults(table)
    # Columns the rows leave out and the models give no default to are left to the
    # database (a generated id, NULL).
    columns = [c for c in table.columns if c.name in rows[0] or defaults[c.name] is not None]
    names = [c.name for c in columns]
    converters = [_converter(c, dialect) for c in columns]

    def tuples(batch: Iterable[dict]):
        for row in batch:
            values = []
            for name, convert in zip(names, converters, strict=True):
                value = row.get(name, defaults[name])
                values.append(convert(value) if convert else value)
            yield tuple(values)

    connection = db.session.connection()
    quote = connection.dialect.identifier_preparer.quote
    column_list = ", ".join(quote(n) for n in names)
    raw = connection.connection.dbapi_connection
    for start in range(0, len(rows), chunk):
        batch = rows[start : start + chunk]
        if dialect == "sqlite":
            marks = ", ".join("?" for _ in names)
            sql = f"INSERT INTO {quote(table.name)} ({column_list}) VALUES ({marks})"
            raw.cursor().executemany(sql, tuples(batch))
        elif dialect == "postgresql":
            sql = f"COPY {quote(table.name)} ({column_list}) FROM STDIN"
            with raw.cursor() as cursor, cursor.copy(sql) as copy:
                for values in tuples(batch):
                    copy.write_row(values)
        else:
            connection.execute(
                insert(table), [dict(zip(names, t, strict=True)) for t in tuples(batch)]
            )
    return len(rows)


def suspend_search_index() -> None:
    """Drop the full-text triggers (SQLite) or GIN indexes (PostgreSQL) before a bulk load."""
    dialect = dialect_name()
    for table in search_index.SEARCHED:
        if dialect == "sqlite":
            for suffix in ("ai", "ad", "au"):
                db.session.execute(text(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}"))
        elif dialect == "postgresql":
            for statement in search_index.postgresql_drop(table):
                db.session.execute(text(statement))


def rebuild_search_index() -> None:
    """Recreate the full-text structures and index every row once."""
    dialect = dialect_name()
    for table in search_index.SEARCHED:
        if dialect == "sqlite":
            statements = search_index.sqlite_ddl(table)
        elif dialect == "postgresql":
            statements = search_index.postgresql_ddl(table)
        else:
            statements = []
        for statement in statements:
            db.session.execute(text(statement))


def reset_sequences(tables: Iterable[Table]) -> None:
    """Move PostgreSQL's id sequences past the ids the load wrote itself."""
    if dialect_name() != "postgresql":
        return
    for table in tables:
        if "id" not in table.columns:
            continue
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"
            )
        )


def analyze() -> None:
    """Refresh the planner's statistics, as a maintained server would have them."""
    db.session.execute(text("ANALYZE"))
