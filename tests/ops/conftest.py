"""Fixtures of the operations tests: fresh PostgreSQL databases for restores."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


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
