"""Backups in tests: an application on a database of its own, its CLI, and a signed-in client."""

from __future__ import annotations

import re
from pathlib import Path

from tracker import create_app
from tracker.extensions import db as _db

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def cli_app(url: str, instance: Path):
    application = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
    application.instance_path = str(instance)
    return application


def run(application, *args):
    result = application.test_cli_runner().invoke(args=["tracker", *args])
    with application.app_context():  # close the connections this app opened
        _db.session.remove()
        _db.engine.dispose()
    return result


def signed_in(application, username: str, password: str = "Password123"):
    """A test client of the application, signed in (call inside its app context)."""
    client = application.test_client()
    token = CSRF.search(client.get("/login").get_data(as_text=True)).group(1)
    form = {"username": username, "password": password, "csrf_token": token}
    assert client.post("/login", data=form).status_code in (302, 303)
    return client
