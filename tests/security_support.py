"""Helpers for the security tests: apps with other settings, cookies, signing in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from tracker import create_app
from tracker.extensions import db, limiter

PASSWORD = "Password123"
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@contextmanager
def fresh_app(database_url: str, **overrides) -> Iterator:
    """An app on the test database with other settings (the rate limiter is shared: reset it)."""
    application = create_app(
        {"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": database_url} | overrides
    )
    try:
        yield application
    finally:
        # One Limiter serves every app in the process; tests run with it switched off.
        limiter.enabled = False
        with application.app_context():
            db.session.remove()
            db.engine.dispose()


def csrf_token(client, url: str = "/login", **kw) -> str:
    page = client.get(url, **kw).get_data(as_text=True)
    match = CSRF_RE.search(page)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def sign_in(client, username: str, password: str = PASSWORD, remember: bool = False, **kw):
    """Post the sign-in form (CSRF token included); `kw` goes to both requests."""
    form = {"csrf_token": csrf_token(client, "/login", **kw), "username": username}
    form["password"] = password
    if remember:
        form["remember"] = "y"
    return client.post("/login", data=form, **kw)


def set_cookies(response) -> dict[str, dict[str, str]]:
    """The cookies a response sets, by name, each with its attributes (lower-case keys)."""
    cookies = {}
    for header in response.headers.getlist("Set-Cookie"):
        first, *rest = header.split(";")
        name, _, value = first.partition("=")
        attributes = {"value": value.strip()}
        for part in rest:
            key, _, value = part.strip().partition("=")
            attributes[key.lower()] = value or "true"
        cookies[name.strip()] = attributes
    return cookies
