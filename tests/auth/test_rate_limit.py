"""The sign-in throttle: per account and address, a ceiling per account and per address,
counted in the database so that every worker and app server shares one count."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from security_support import PASSWORD, fresh_app, sign_in
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import LoginEvent

ROOT = Path(__file__).resolve().parents[2]
LIMITED = re.compile(r"Bạn đã đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau khoảng \d+ phút\.")
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."
# Small numbers, so that each rule shows in a few attempts; the rest far out of the way.
FEW = {
    "LOGIN_FREE_ATTEMPTS": 3,
    "LOGIN_ACCOUNT_CEILING": 100,
    "LOGIN_ADDRESS_CEILING": 100,
}


@pytest.fixture
def throttled(app):
    """The test app with the given throttle settings (restored afterwards)."""
    saved = dict(app.config)

    def configure(**settings):
        app.config.update(FEW | settings)
        return app

    yield configure
    app.config.clear()
    app.config.update(saved)


def attempt(client, username: str, password: str = "wrong-password-1", address="10.0.0.1", **kw):
    return sign_in(client, username, password, environ_base={"REMOTE_ADDR": address}, **kw)


def assert_limited(client, response) -> None:
    assert response.status_code == 303, response.status_code
    assert int(response.headers["Retry-After"]) > 0
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert LIMITED.search(page), page[:2000]


def wrong_until_limited(client, username: str, address: str, free: int) -> None:
    for _ in range(free):
        response = attempt(client, username, address=address)
        assert response.status_code == 200
        assert WRONG in response.get_data(as_text=True)


def age_attempts(minutes: float) -> None:
    """Move every recorded attempt back in time, as if the minutes had passed."""
    for event in db.session.scalars(select(LoginEvent)):  # (no date arithmetic in SQLite)
        event.created_at -= timedelta(minutes=minutes)
    db.session.commit()


def test_one_account_from_one_address_waits_after_the_free_tries(client, world, throttled):
    throttled()
    wrong_until_limited(client, "head.a", "10.0.0.1", free=3)
    # Now even the right password waits, from that address...
    assert_limited(client, attempt(client, "HEAD.A ", PASSWORD, address="10.0.0.1"))
    assert client.get("/tasks/").status_code == 302
    # ...while the owner signs in from another one: guessing does not lock the owner out.
    assert attempt(client, "head.a", PASSWORD, address="10.0.0.2").status_code == 302


def test_the_wait_doubles_with_each_further_failure_and_then_ends(client, world, throttled):
    throttled(LOGIN_FIRST_WAIT_SECONDS=30)
    wrong_until_limited(client, "head.a", "10.0.0.1", free=3)
    first = attempt(client, "head.a", address="10.0.0.1")
    assert 0 < int(first.headers["Retry-After"]) <= 30
    age_attempts(0.6)  # 36 s later: the first wait is over, one more failure is let through
    assert attempt(client, "head.a", address="10.0.0.1").status_code == 200
    second = attempt(client, "head.a", address="10.0.0.1")
    assert 30 < int(second.headers["Retry-After"]) <= 60
    age_attempts(1.1)
    assert attempt(client, "head.a", PASSWORD, address="10.0.0.1").status_code == 302


def test_throttled_attempts_are_recorded_but_do_not_lengthen_the_wait(client, world, throttled):
    throttled()
    wrong_until_limited(client, "head.a", "10.0.0.1", free=3)
    for _ in range(5):
        assert attempt(client, "head.a", address="10.0.0.1").status_code == 303
    reasons = db.session.scalars(select(LoginEvent.reason).order_by(LoginEvent.id)).all()
    assert reasons == ["wrong"] * 3 + ["throttled"] * 5
    age_attempts(0.6)
    assert attempt(client, "head.a", PASSWORD, address="10.0.0.1").status_code == 302


def test_a_success_starts_the_count_again(app, world, throttled):
    throttled()
    for _ in range(3):  # without the fresh start the second round's success would wait
        browser = app.test_client()
        attempt(browser, "head.a")
        attempt(browser, "head.a")
        assert attempt(browser, "head.a", PASSWORD).status_code == 302


def test_many_addresses_reach_the_account_ceiling(client, world, throttled):
    throttled(LOGIN_ACCOUNT_CEILING=4)
    for number in range(4):
        assert attempt(client, "head.a", address=f"10.0.1.{number}").status_code == 200
    assert_limited(client, attempt(client, "head.a", PASSWORD, address="10.0.1.9"))
    # Another account from that same address is not concerned.
    assert attempt(client, "head.b", PASSWORD, address="10.0.1.9").status_code == 302


def test_one_address_trying_many_accounts_reaches_the_address_ceiling(client, world, throttled):
    throttled(LOGIN_ADDRESS_CEILING=3)
    for name in ("head.a", "head.b", "no.such.person"):
        assert attempt(client, name, address="10.1.1.1").status_code == 200
    assert_limited(client, attempt(client, "staff.a", PASSWORD, address="10.1.1.1"))
    # A forged X-Forwarded-For does not get round it: no proxy is trusted here.
    forged = {"X-Forwarded-For": "198.51.100.99"}
    assert_limited(client, attempt(client, "staff.a", PASSWORD, address="10.1.1.1", headers=forged))
    assert attempt(client, "staff.a", PASSWORD, address="10.1.1.2").status_code == 302


def test_an_office_signing_in_together_is_not_limited(app, world, throttled):
    """Successful sign-ins never count: twenty colleagues behind one address all get in."""
    throttled(LOGIN_FREE_ATTEMPTS=1, LOGIN_ACCOUNT_CEILING=1, LOGIN_ADDRESS_CEILING=1)
    for _ in range(5):
        for name in ("head.a", "staff.a", "head.b", "staff.b"):
            response = attempt(app.test_client(), name, PASSWORD, address="10.2.2.2")
            assert response.status_code == 302


def test_behind_a_trusted_proxy_each_client_address_counts_on_its_own(database_url, world):
    with fresh_app(database_url, TRUST_PROXY=True, **FEW | {"LOGIN_ADDRESS_CEILING": 3}) as app:
        client = app.test_client()
        first = {"X-Forwarded-For": "198.51.100.1"}
        for name in ("head.a", "head.b", "staff.b"):
            assert attempt(client, name, address="10.0.0.254", headers=first).status_code == 200
        limited = attempt(client, "staff.a", PASSWORD, address="10.0.0.254", headers=first)
        assert limited.status_code == 303
        second = {"X-Forwarded-For": "198.51.100.2"}  # same proxy, another person
        again = attempt(client, "staff.a", PASSWORD, address="10.0.0.254", headers=second)
        assert again.status_code == 302


def test_the_api_token_endpoint_shares_the_count(client, world, throttled):
    throttled(LOGIN_ADDRESS_CEILING=3)
    token = client.post("/api/v1/auth/token", json={"username": "head.a", "password": PASSWORD})
    bearer = {"Authorization": f"Bearer {token.get_json()['token']}"}
    for name in ("head.b", "staff.b", "viewer"):
        wrong = {"username": name, "password": "wrong-password-1"}
        assert client.post("/api/v1/auth/token", json=wrong, headers=bearer).status_code == 401
    right = {"username": "staff.a", "password": PASSWORD}
    limited = client.post("/api/v1/auth/token", json=right, headers=bearer)
    assert limited.status_code == 429
    error = limited.get_json()["error"]
    assert error["code"] == "too_many_requests"
    assert re.search(r"thử lại sau khoảng \d+ phút", error["message"])
    assert 0 < int(limited.headers["Retry-After"]) <= 15 * 60
    # The form is refused too (same address, same count), and the token still works.
    assert_limited(client, attempt(client, "staff.a", PASSWORD, address="127.0.0.1"))
    assert client.get("/api/v1/me", headers=bearer).status_code == 200


# -- several processes, one count ----------------------------------------------------------

WORKER = """
import json, sys
from tracker import create_app
app = create_app(json.loads(sys.argv[1]))
client = app.test_client()
print("ready", flush=True)
for line in sys.stdin:
    username, address = line.split()
    form = {"username": username, "password": "wrong-password-1"}
    response = client.post("/login", data=form, environ_base={"REMOTE_ADDR": address})
    print(response.status_code, flush=True)
"""


class Server:
    """An app in a process of its own, on the shared database: one of several app servers."""

    def __init__(self, tmp_path: Path, name: str, database_url: str):
        settings = {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            **FEW,
        }
        env = os.environ | {"TRACKER_INSTANCE_PATH": str(tmp_path / name)}
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


@pytest.mark.slow
def test_two_servers_share_one_count(tmp_path, database_url, world):
    db.session.commit()
    servers = [Server(tmp_path, name, database_url) for name in ("one", "two")]
    try:
        for server in servers:
            server.wait_ready()
        statuses = [servers[n % 2].wrong_password("head.a", "10.9.0.1") for n in range(6)]
    finally:
        for server in servers:
            server.stop()
    # Three free tries in all, not three on each server.
    assert statuses == [200, 200, 200, 303, 303, 303]
