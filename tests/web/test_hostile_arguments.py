"""Every GET route, given hostile values for each query argument it reads, answers without
a server error (the "input robustness" issue, item 11).

The routes and their placeholders come from the route table (tests/route_table.py); which
arguments a route reads is learnt by asking it once with a recording argument dictionary,
then each argument gets each hostile value in turn, as a signed-in director.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from route_scene import Caller, build_scene
from route_table import ROWS
from werkzeug.datastructures import ImmutableMultiDict

HOSTILE = (
    quote("²"),
    quote("٣"),
    quote("９"),
    "9" * 5000,
    "-1",
    "9999-12-31",
    "0000-01-01",
    "%ED%A0%80",  # a lone surrogate, as UTF-8 would write it
    "%FF%FE",
    "%00",
    "1%0D%0A2",
)
# Arguments every page may carry: always tried, even where the first visit did not read them.
COMMON = ("page", "per_page", "period", "year", "unit", "as_of", "next")


class Recording(ImmutableMultiDict):
    """Query arguments that remember which names the view asked for."""

    asked: set[str] = set()

    def _note(self, key):
        if isinstance(key, str):
            Recording.asked.add(key)

    def get(self, key, default=None, type=None):  # noqa: A002 - werkzeug's signature
        self._note(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):  # noqa: A002
        self._note(key)
        return super().getlist(key, type)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)


def _get_rows():
    seen, rows = set(), []
    for row in ROWS:
        if row.method == "GET" and row.endpoint not in seen and "not-a-token" not in row.path:
            seen.add(row.endpoint)
            rows.append(row)
    return rows


def _arguments_read(app, client, path: str, monkeypatch) -> set[str]:
    Recording.asked = set()
    with monkeypatch.context() as patched:
        patched.setattr(app.request_class, "parameter_storage_class", Recording)
        client.get(path).close()
    return set(Recording.asked)


@pytest.mark.slow
def test_no_get_route_fails_on_hostile_query_arguments(app, client, world, monkeypatch):
    ids = build_scene(world)
    caller = Caller(client, world, ids, "director")
    failures = []
    for row in _get_rows():
        path = caller.scene.fill(row.path).split("?")[0]
        names = _arguments_read(app, client, path, monkeypatch) | set(COMMON)
        for name in sorted(names):
            for value in HOSTILE:
                response = client.get(f"{path}?{quote(name)}={value}")
                if response.status_code >= 500:
                    failures.append(f"{row.endpoint} {path}?{name}={value[:20]}")
                response.close()
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures)
