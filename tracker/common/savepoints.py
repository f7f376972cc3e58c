"""Savepoints that nest inside the request's transaction, on SQLite as on PostgreSQL.

pysqlite opens a transaction only just before an INSERT, UPDATE or DELETE. A SAVEPOINT
issued before any of them opens one itself, and its RELEASE then commits: what the request
wrote so far would stay even if the request later failed. SQLAlchemy's SQLite dialect
documents this ("Serializable isolation / Savepoints / Transactional DDL"); its recipe takes
the transaction away from the driver for every connection. We open the transaction
ourselves only where savepoints are used, with BEGIN IMMEDIATE: the write lock is taken up
front, so a request that reads and then writes never fails to upgrade a stale snapshot.
"""

from __future__ import annotations

from tracker.extensions import db


def begin_writing() -> None:
    """Open the request's transaction now, for writing, so that savepoints nest inside it."""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return  # PostgreSQL: the transaction is open from the first statement
    driver = connection.connection.driver_connection
    if not driver.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
