"""Helpers for the API tests: a client that sends a bearer token with every request."""

from __future__ import annotations

from factories import PASSWORD

API = "/api/v1"


def issue_token(client, username: str, password: str = PASSWORD) -> str:
    """A bearer token for the user, through POST /auth/token."""
    response = client.post(f"{API}/auth/token", json={"username": username, "password": password})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["token"]


class Api:
    """Calls /api/v1 paths with `Authorization: Bearer` (or with no credentials at all)."""

    def __init__(self, client, token: str | None):
        self.client = client
        self.token = token

    def _headers(self, headers: dict | None) -> dict:
        merged = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        merged.update(headers or {})
        return merged

    def _call(self, method: str, path: str, headers=None, **kw):
        call = getattr(self.client.raw if hasattr(self.client, "raw") else self.client, method)
        return call(API + path, headers=self._headers(headers), **kw)

    def get(self, path, **kw):
        return self._call("get", path, **kw)

    def post(self, path, **kw):
        return self._call("post", path, **kw)

    def patch(self, path, **kw):
        return self._call("patch", path, **kw)

    def put(self, path, **kw):
        return self._call("put", path, **kw)

    def delete(self, path, **kw):
        return self._call("delete", path, **kw)


def api_factory(client, world):
    """A maker of Api clients for the world's people: make("director").

    Each test module wraps it in an `api_as` fixture (fixtures shared across modules would
    need a conftest.py).
    """

    def make(key: str) -> Api:
        return Api(client, issue_token(client, world.users[key].username))

    return make
