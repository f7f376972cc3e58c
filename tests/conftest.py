"""Fixtures: one app and schema per session; every test starts from empty tables.

TRACKER_TEST_DATABASE_URL selects the database (PostgreSQL in CI's second pass);
by default the suite runs on a SQLite file in a temporary folder.
"""

from __future__ import annotations

import os
import re

import pytest

from tracker import create_app
from tracker.extensions import db as _db

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("TRACKER_TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker or not url.startswith("postgresql"):
        yield url
        return
    # Parallel workers on PostgreSQL: each gets its own database beside the given one.
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"{base.database}_{worker}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    application = create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
        }
    )
    application.instance_path = str(instance)
    with application.app_context():
        _db.drop_all()
        _db.create_all()
    yield application
    with application.app_context():
        _db.drop_all()
        _db.engine.dispose()


def _wipe() -> None:
    """Delete every row, children first, so the next test starts empty."""
    _db.session.rollback()
    for table in reversed(_db.metadata.sorted_tables):
        _db.session.execute(table.delete())
    _db.session.commit()


@pytest.fixture
def db(app):
    with app.app_context():
        yield _db
        _db.session.remove()
        _wipe()


class Client:
    """A test client that knows how to fetch a CSRF token and sign in."""

    def __init__(self, flask_client):
        self.raw = flask_client

    def __getattr__(self, name):
        return getattr(self.raw, name)

    def csrf(self, url: str = "/login") -> str:
        page = self.raw.get(url).get_data(as_text=True)
        match = CSRF_RE.search(page)
        assert match, f"no CSRF token on {url}"
        return match.group(1)

    def post_form(self, url: str, data: dict | None = None, token_from: str | None = None, **kw):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf(token_from or url))
        return self.raw.post(url, data=data, **kw)

    def login(self, username: str, password: str = "Password123"):
        response = self.post_form(
            "/login", {"username": username, "password": password}, follow_redirects=False
        )
        assert response.status_code in (302, 303), response.get_data(as_text=True)[:500]
        return response

    def logout(self):
        return self.post_form("/logout", token_from="/")


@pytest.fixture
def client(app, db):
    return Client(app.test_client())


@pytest.fixture
def world(db):
    """A small department: see factories.build_world."""
    from factories import build_world

    return build_world()


@pytest.fixture
def login_as(client, world):
    """Sign the test client in as one of the world's people: login_as("head_a")."""

    def sign_in(key: str) -> Client:
        client.login(world.users[key].username)
        return client

    return sign_in


@pytest.fixture
def sql_counter(app):
    """Count the SQL statements run inside a `with` block, with nothing answered from cache.

    The answer cache (tracker/answer_cache.py) is emptied on entry: a count measures what
    a page costs on data it has not seen, which is what must not grow with the data.
    """
    from sqlalchemy import event

    class Counter:
        def __init__(self):
            self.statements: list[str] = []

        def __enter__(self):
            app.extensions["answer_cache"].clear()
            event.listen(_db.engine, "before_cursor_execute", self._record)
            return self

        def __exit__(self, *exc):
            event.remove(_db.engine, "before_cursor_execute", self._record)

        def _record(self, conn, cursor, statement, *args):
            self.statements.append(statement)

        @property
        def count(self) -> int:
            return len(self.statements)

    return Counter


@pytest.fixture
def dialect(app) -> str:
    with app.app_context():
        return _db.engine.dialect.name


def pytest_report_header(config):
    return f"database: {os.environ.get('TRACKER_TEST_DATABASE_URL', 'SQLite (temporary file)')}"
