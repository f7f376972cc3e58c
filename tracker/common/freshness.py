"""Which state of the data an answer was computed from: the data version's token.

Every transaction that writes changes the token as the last thing before it commits, in
the same transaction, so the token and the data change together or not at all. Readers
take the token once per transaction (`current_token`), before any data they cache.

Writes are noticed on the ORM session: a flush that changes objects, or a bulk
insert/update/delete run through it. Code that writes past the session (the backup
restore, the benchmark's bulk seed) calls `bump` itself.

Bookkeeping is not data that pages show: the sign-in log, sessions, an API token's "last
used" stamp, notifications read, job runs. A table or column marked with
`info={"bookkeeping": True}` changes nothing the kept answers hold, so writing only such
rows keeps the token (otherwise every failed sign-in would empty every kept answer).
"""

from __future__ import annotations

import secrets

from sqlalchemy import event, inspect, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

# Keys of session.info.
CHANGED = "data_changed"
TOKEN = "data_token"  # noqa: S105  (a version stamp, not a secret)
_BUMP = text("UPDATE data_version SET token = :token WHERE id = 1")
_CREATE = text("INSERT INTO data_version (id, token) VALUES (1, :token)")
_READ = text("SELECT token FROM data_version WHERE id = 1")
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def bump(connection) -> None:
    """Give the data a new token, on this connection's transaction."""
    token = secrets.token_hex(16)
    if connection.execute(_BUMP, {"token": token}).rowcount == 0:
        # The row was deleted with everything else (a wipe): the table is empty, so this
        # insert cannot collide with the row of another writer's committed transaction.
        connection.execute(_CREATE, {"token": token})


def current_token(session: Session) -> str | None:
    """The token of the data this transaction sees (read once per transaction).

    None when there is no token (its row deleted): then nothing may be cached.
    """
    if TOKEN not in session.info:
        session.info[TOKEN] = session.connection().execute(_READ).scalar()
    return session.info[TOKEN]


BOOKKEEPING = "bookkeeping"


def _shown(obj) -> bool:
    """Whether a new or deleted object is data that pages show."""
    return not obj.__table__.info.get(BOOKKEEPING)


def _shown_change(obj) -> bool:
    """Whether a changed object changed a column that pages show."""
    if not _shown(obj):
        return False
    state = inspect(obj)
    for column_attr in state.mapper.column_attrs:
        if any(column.info.get(BOOKKEEPING) for column in column_attr.columns):
            continue
        if state.attrs[column_attr.key].history.has_changes():
            return True
    # Relationship-only changes (a collection of linked rows) count as shown.
    return any(state.attrs[rel.key].history.has_changes() for rel in state.mapper.relationships)


def _after_flush(session: Session, flush_context) -> None:
    # Attribute history is still the flush's own here (reset only after it).
    if any(_shown(obj) for obj in (*session.new, *session.deleted)) or any(
        _shown_change(obj) for obj in session.dirty
    ):
        session.info[CHANGED] = True


def _do_orm_execute(state) -> None:
    statement = state.statement
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(statement, "table", None)
        if table is None or not table.info.get(BOOKKEEPING):
            session_changed(state.session)
    elif isinstance(statement, TextClause) and statement.text.lstrip().upper().startswith(_WRITES):
        session_changed(state.session)


def session_changed(session: Session) -> None:
    session.info[CHANGED] = True


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        # A savepoint's release: the mark waits for the real commit, so that the version
        # row stays the last lock taken, and a savepoint rolled back later cannot take the
        # new token with it.
        return
    # Flush first: changes not yet flushed are only judged by the flush (and the version
    # row is then the last lock the transaction takes, so two writers can only ever wait
    # for each other, never deadlock over it).
    session.flush()
    if not session.info.get(CHANGED):
        return
    bump(session.connection())
    session.info.pop(CHANGED, None)


def _committed(session: Session) -> None:
    """A new transaction may see newer data: read the token again."""
    if session.in_nested_transaction():
        return  # a savepoint's release: the transaction and its mark go on
    session.info.pop(TOKEN, None)
    session.info.pop(CHANGED, None)


def _rolled_back(session: Session, *args) -> None:
    # The change mark stays: a savepoint's rollback leaves the outer transaction's writes,
    # and a spare new token costs the caches a recomputation, never a stale answer.
    session.info.pop(TOKEN, None)


def _soft_rolled_back(session: Session, previous_transaction) -> None:
    _rolled_back(session)
    if previous_transaction.parent is None and not previous_transaction.nested:
        # The whole transaction is undone (a preview, a refusal): nothing of it can change
        # what pages show, so its commit (an empty one) need not empty the caches.
        session.info.pop(CHANGED, None)


def install() -> None:
    """Listen on every session (idempotent)."""
    for name, listener in (
        ("after_flush", _after_flush),
        ("do_orm_execute", _do_orm_execute),
        ("before_commit", _before_commit),
        ("after_commit", _committed),
        ("after_rollback", _rolled_back),
        ("after_soft_rollback", _soft_rolled_back),
    ):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
