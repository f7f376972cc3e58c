"""Sign-in rate limits: per account, per address, on the API too, and shared through Redis."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from security_support import PASSWORD, fresh_app, sign_in

ROOT = Path(__file__).resolve().parents[2]
LIMITED = re.compile(r"Bạn đã đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau khoảng \d+ phút\.")
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."
REDIS_URL = os.environ.get("TRACKER_TEST_REDIS_URL") or "redis://127.0.0.1:6379/0"


@contextmanager
def limited_app(database_url: str, **limits) -> Iterator:
    """An app with the limiter on, counting in memory from zero."""
    settings = {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://"}
    with fresh_app(database_url, **settings, **limits) as app:
        yield app


def attempt(client, username: str, password: str = "wrong-password-1", address="10.0.0.1", **kw):
    environ = {"REMOTE_ADDR": address}
    return sign_in(client, username, password, environ_base=environ, **kw)


def assert_limited(client, response) -> None:
    assert response.status_code == 303, response.status_code
    assert "Retry-After" in response.headers
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert LIMITED.search(page), page[:2000]


def test_wrong_passwords_for_one_account_are_limited_from_any_address(database_url, world):
    limits = {"LOGIN_LIMITS": "3 per minute", "LOGIN_ADDRESS_LIMITS": "100 per minute"}
    with limited_app(database_url, **limits) as app:
        client = app.test_client()
        for number in range(3):
            response = attempt(client, "head.a", address=f"10.0.0.{number}")
            assert response.status_code == 200
            assert WRONG in response.get_data(as_text=True)
        # Now even the right password waits, from yet another address...
        assert_limited(client, attempt(client, "HEAD.A ", PASSWORD, address="10.0.0.9"))
        assert client.get("/tasks/").status_code == 302
        # ...while another account signs in from that same address.
        assert attempt(client, "head.b", PASSWORD, address="10.0.0.9").status_code == 302


def test_wrong_passwords_from_one_address_are_limited_for_any_account(database_url, world):
    limits = {"LOGIN_LIMITS": "100 per minute", "LOGIN_ADDRESS_LIMITS": "3 per minute"}
    with limited_app(database_url, **limits) as app:
        client = app.test_client()
        for name in ("head.a", "head.b", "no.such.person"):
            assert attempt(client, name, address="10.1.1.1").status_code == 200
        assert_limited(client, attempt(client, "staff.a", PASSWORD, address="10.1.1.1"))
        # A forged X-Forwarded-For does not get round it: no proxy is trusted here.
        forged = {"X-Forwarded-For": "198.51.100.99"}
        assert_limited(
            client, attempt(client, "staff.a", PASSWORD, address="10.1.1.1", headers=forged)
        )
        assert (
            attempt(app.test_client(), "staff.a", PASSWORD, address="10.1.1.2").status_code == 302
        )


def test_an_office_signing_in_together_is_not_limited(database_url, world):
    """Successful sign-ins do not count: twenty colleagues behind one address all get in."""
    limits = {"LOGIN_LIMITS": "3 per minute", "LOGIN_ADDRESS_LIMITS": "3 per minute"}
    with limited_app(database_url, **limits) as app:
        for _ in range(5):
            for name in ("head.a", "staff.a", "head.b", "staff.b"):
                response = attempt(app.test_client(), name, PASSWORD, address="10.2.2.2")
                assert response.status_code == 302


def test_behind_a_trusted_proxy_each_client_address_counts_on_its_own(database_url, world):
    limits = {"LOGIN_LIMITS": "100 per minute", "LOGIN_ADDRESS_LIMITS": "3 per minute"}
    with limited_app(database_url, TRUST_PROXY=True, **limits) as app:
        client = app.test_client()
        first = {"X-Forwarded-For": "198.51.100.1"}
        for name in ("head.a", "head.b", "staff.b"):
            assert attempt(client, name, address="10.0.0.254", headers=first).status_code == 200
        limited = attempt(client, "staff.a", PASSWORD, address="10.0.0.254", headers=first)
        assert limited.status_code == 303
        second = {"X-Forwarded-For": "198.51.100.2"}  # same proxy, another person
        assert (
            attempt(client, "staff.a", PASSWORD, address="10.0.0.254", headers=second).status_code
            == 302
        )


def test_the_api_token_endpoint_is_limited_per_address_even_with_a_valid_token(
    database_url, client, world
):
    token = client.post("/api/v1/auth/token", json={"username": "head.a", "password": PASSWORD})
    bearer = {"Authorization": f"Bearer {token.get_json()['token']}"}
    with limited_app(database_url, LOGIN_LIMITS="3 per minute") as app:
        api = app.test_client()
        for name in ("head.b", "staff.b", "viewer"):
            wrong = {"username": name, "password": "wrong-password-1"}
            response = api.post("/api/v1/auth/token", json=wrong, headers=bearer)
            assert response.status_code == 401
        right = {"username": "staff.a", "password": PASSWORD}
        limited = api.post("/api/v1/auth/token", json=right, headers=bearer)
        assert limited.status_code == 429
        error = limited.get_json()["error"]
        assert error["code"] == "too_many_requests"
        assert re.search(r"thử lại sau khoảng \d+ phút", error["message"])
        assert 0 < int(limited.headers["Retry-After"]) <= 60
        # The token itself still works for everything else.
        assert api.get("/api/v1/me", headers=bearer).status_code == 200


# -- several servers, one count -----------------------------------------------------------

WORKER = """
import json, sys
from tracker import create_app
from tracker.extensions import db
app = create_app(json.loads(sys.argv[1]))
with app.app_context():
    db.create_all()
client = app.test_client()
print("ready", flush=True)
for line in sys.stdin:
    username, address = line.split()
    form = {"username": username, "password": "wrong-password-1"}
    response = client.post("/login", data=form, environ_base={"REMOTE_ADDR": address})
    print(response.status_code, flush=True)
"""


class Server:
    """An app instance in a process of its own: one of several behind a load balancer."""

    def __init__(self, tmp_path: Path, name: str, storage: str | None, prefix: str, env=None):
        """`storage` None: the storage is whatever the environment (`env`) configures."""
        settings = {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / name}.db",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_KEY_PREFIX": prefix,
            "LOGIN_LIMITS": "3 per minute",
            "LOGIN_ADDRESS_LIMITS": "100 per minute",
        }
        if storage is not None:
            settings["RATELIMIT_STORAGE_URI"] = storage
        env = os.environ | {"TRACKER_INSTANCE_PATH": str(tmp_path / name)} | (env or {})
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER, json.dumps(settings)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def wait_ready(self) -> Server:
        assert self.process.stdout.readline().strip() == "ready"
        return self

    def wrong_password(self, username: str, address: str) -> int:
        self.process.stdin.write(f"{username} {address}\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()


def alternate(tmp_path: Path, storage: str | None, prefix: str, env=None) -> list[int]:
    """Four wrong passwords for one account, alternately on two servers, from two addresses."""
    servers = [Server(tmp_path, name, storage, prefix, env) for name in ("one", "two")]
    try:
        for server in servers:  # started together, they warm up side by side
            server.wait_ready()
        return [servers[n % 2].wrong_password("head.a", f"10.9.0.{n}") for n in range(4)]
    finally:
        for server in servers:
            server.stop()


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    """A key prefix of this run's own on the local Redis, deleted afterwards."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"tracker-test-{uuid.uuid4().hex}"
    client.keys_of_this_run = lambda: list(client.scan_iter(match=f"*{prefix}*"))
    try:
        yield prefix, client
    finally:
        if keys := client.keys_of_this_run():
            client.delete(*keys)
        client.close()


@pytest.mark.slow
def test_two_servers_share_the_limit_through_redis(tmp_path, redis_prefix):
    prefix, redis = redis_prefix
    statuses = alternate(tmp_path, REDIS_URL, prefix)
    assert statuses == [200, 200, 200, 303]  # the 4th attempt, on server two, is refused
    assert redis.keys_of_this_run(), "the counts were not kept in Redis"


@pytest.mark.slow
def test_redis_url_in_the_environment_is_all_it_takes(tmp_path, redis_prefix):
    """As deployed: REDIS_URL set, no limiter setting of its own; the counts go to Redis."""
    prefix, redis = redis_prefix
    env = {"REDIS_URL": REDIS_URL, "TRACKER_ENV": "testing"}
    assert alternate(tmp_path, None, prefix, env) == [200, 200, 200, 303]
    keys = [key.decode() for key in redis.keys_of_this_run()]
    assert keys and all(prefix in key for key in keys), keys
    assert any("head.a" in key for key in keys), keys  # the per-account count is there


@pytest.mark.slow
def test_in_memory_each_server_counts_alone(tmp_path):
    """The control: without a shared store, two servers let twice as many attempts through."""
    assert alternate(tmp_path, "memory://", "control") == [200, 200, 200, 200]


@pytest.mark.slow
def test_with_redis_down_sign_in_still_works_and_is_still_limited(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    server = Server(tmp_path, "alone", f"redis://127.0.0.1:{closed}/0", "down")
    try:
        server.wait_ready()
        statuses = [server.wrong_password("head.a", "10.9.9.9") for _ in range(4)]
    finally:
        server.stop()
    assert statuses == [200, 200, 200, 303]  # counted in memory meanwhile, never a 500
