"""Full-text search over the folded `search_text` of tasks and documents.

SQLite: an FTS5 table per searched table, kept in step by triggers. PostgreSQL: a GIN index on
a stored generated tsvector column of the folded text. Both see the same tokens: the folded
text (no accents, đ → d, lower case) split on anything that is not a letter or digit, so
"135/QĐ-TTg" and "135/qd-ttg" both become 135 · qd · ttg, and "tuyên truyền" becomes tuyen · truyen.
The DDL below is run by the migrations and, for tests, when the tables are created.
"""

# The SQL below is built with table names from SEARCHED only, never from input; the
# user's words are always bound parameters.
# ruff: noqa: S608
from __future__ import annotations

import re

from sqlalchemy import DDL, Float, Integer, Table, column, event, select, text
from sqlalchemy.sql import ColumnElement

from tracker.domain.text import fold

SEARCHED = ("task", "document")
_TOKEN = re.compile(r"[a-z0-9]+")


def sqlite_ddl(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(search_text, content='{table}', "
        "content_rowid='id', tokenize='unicode61')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, "
        "old.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF search_text ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, "
        f"old.search_text); INSERT INTO {fts}(rowid, search_text) VALUES (new.id, "
        "new.search_text); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def sqlite_drop(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [f"DROP TRIGGER IF EXISTS {fts}_{s}" for s in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def _pg_vector(table: str) -> str:
    return f"to_tsvector('simple', regexp_replace({table}.search_text, '[^a-z0-9]+', ' ', 'g'))"


# PostgreSQL keeps each row's tsvector in a stored generated column beside its text: a
# search then ranks its hits from the column instead of parsing every hit's text again
# (a common query over 100,000 tasks: 86 ms of ranking became 29 ms).
PG_COLUMN = "search_tsv"


def postgresql_ddl(table: str) -> list[str]:
    vector = _pg_vector(table).replace(f"{table}.", "")
    return [
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {PG_COLUMN} tsvector "
        f"GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX IF NOT EXISTS ix_{table}_search_tsv ON {table} USING gin ({PG_COLUMN})",
    ]


def postgresql_drop(table: str) -> list[str]:
    return [
        f"DROP INDEX IF EXISTS ix_{table}_search_tsv",
        f"ALTER TABLE {table} DROP COLUMN IF EXISTS {PG_COLUMN}",
    ]


def attach(table: Table) -> None:
    """Create (and drop) the search structures with the table, on either database."""
    for statement in sqlite_ddl(table.name):
        event.listen(table, "after_create", DDL(statement).execute_if(dialect="sqlite"))
    for statement in postgresql_ddl(table.name):
        event.listen(table, "after_create", DDL(statement).execute_if(dialect="postgresql"))
    for statement in sqlite_drop(table.name):
        event.listen(table, "before_drop", DDL(statement).execute_if(dialect="sqlite"))


def is_search_object(name: str | None) -> bool:
    """Objects Alembic's autogenerate must leave alone (they are not in the models)."""
    return bool(name) and ("_fts" in name or name.endswith("search_tsv"))


def tokens(query: str | None) -> list[str]:
    """The folded tokens of a query, in order, without repeats."""
    seen: list[str] = []
    for token in _TOKEN.findall(fold(query)):
        if token not in seen:
            seen.append(token)
    return seen[:12]


def match_ids(table: str, query: str, dialect: str):
    """An (id, rank) subquery of the rows whose text has every token, as a prefix.

    A lower rank is a better match on both databases.
    """
    if table not in SEARCHED:
        raise ValueError(f"not a searched table: {table}")
    words = tokens(query)
    if dialect == "sqlite":
        sql = (
            f"SELECT rowid AS id, bm25({table}_fts) AS rank FROM {table}_fts "
            f"WHERE {table}_fts MATCH :terms"
        )
        terms = " AND ".join(f'"{w}"*' for w in words)
    else:
        vector = f"{table}.{PG_COLUMN}"
        sql = (
            f"SELECT id, -ts_rank({vector}, to_tsquery('simple', :terms)) AS rank "
            f"FROM {table} WHERE {vector} @@ to_tsquery('simple', :terms)"
        )
        terms = " & ".join(f"{w}:*" for w in words)
    return (
        text(sql)
        .bindparams(terms=terms)
        .columns(column("id", Integer), column("rank", Float))
        .subquery(f"{table}_hits")
    )


def matches(id_column, table: str, query: str, dialect: str) -> ColumnElement[bool]:
    """A WHERE clause: the row is among the full-text hits of the query."""
    return id_column.in_(select(match_ids(table, query, dialect).c.id))
