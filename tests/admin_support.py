"""Helpers for the admin tests: separate browsers for two people at once."""

from __future__ import annotations

from flask import g
from flask.testing import FlaskClient


class FreshClient(FlaskClient):
    """A test client whose every request starts with an empty `flask.g`.

    The tests run inside one app context, which every request reuses; Flask-Login keeps the
    request's user in `g` (and access.current_principal its principal), so without this a
    second browser's request would run as whoever made the previous request.
    """

    def open(self, *args, **kwargs):
        for key in list(vars(g)):
            delattr(g, key)
        return super().open(*args, **kwargs)


def browser(app, wrapper):
    """A new browser (no cookies), wrapped like conftest's Client (`wrapper` is its class)."""
    return wrapper(FreshClient(app, app.response_class, use_cookies=True))
