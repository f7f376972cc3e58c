"""The floor under a page: the very SQL it ran, replayed bare through the driver.

A page's statements are captured as the driver received them (text and parameters, after
SQLAlchemy compiled them) while the page is served once; the floor is the time to run them
again on a raw DBAPI connection and fetch every row, with no ORM, no Python objects and no
template. The ratio page / floor is what the application adds on top of the database.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine, event


@dataclass
class Captured:
    statements: list[tuple[str, object]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)

    @property
    def reads(self) -> list[tuple[str, object]]:
        """The SELECTs (a replay must not write)."""
        return [
            (s, p) for s, p in self.statements if s.lstrip().upper().startswith(("SELECT", "WITH"))
        ]


@contextmanager
def capture(engine: Engine):
    """Record every statement the engine runs inside the block."""
    found = Captured()

    def record(conn, cursor, statement, parameters, context, executemany):
        if not executemany:
            found.statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield found
    finally:
        event.remove(engine, "before_cursor_execute", record)


def replay(engine: Engine, statements: list[tuple[str, object]]) -> float:
    """Run the statements on a raw connection, fetching every row; return the seconds."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        started = time.perf_counter()
        for statement, parameters in statements:
            cursor.execute(statement, parameters)
            if cursor.description is not None:
                cursor.fetchall()
        elapsed = time.perf_counter() - started
        cursor.close()
        raw.rollback()
        return elapsed
    finally:
        raw.close()


def statement_times(
    engine: Engine, statements: list[tuple[str, object]], repeat: int = 3
) -> list[tuple[float, str, object]]:
    """The median time of each statement alone, slowest first (to find what to index)."""
    timed = []
    for statement, parameters in statements:
        runs = [replay(engine, [(statement, parameters)]) for _ in range(repeat)]
        timed.append((statistics.median(runs), statement, parameters))
    return sorted(timed, key=lambda t: -t[0])


def floor_of(
    engine: Engine, serve: Callable[[], object], repeat: int
) -> tuple[list[float], Captured]:
    """Serve the page once under capture, then time `repeat` replays of its reads."""
    with capture(engine) as found:
        serve()
    runs = [replay(engine, found.reads) for _ in range(repeat)]
    return runs, found
