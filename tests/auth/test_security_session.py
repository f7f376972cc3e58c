"""Session cookies: their flags, HTTPS behind a trusted proxy only, and expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from itsdangerous import TimestampSigner
from security_support import fresh_app, set_cookies, sign_in
from sqlalchemy import select

from tracker.models import LoginEvent

HTTPS_PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}


def lifetime(cookie: dict) -> timedelta:
    return parsedate_to_datetime(cookie["expires"]) - datetime.now(UTC)


def test_the_session_cookie_is_httponly_lax_and_expires_in_twelve_hours(client, world):
    response = sign_in(client, "head.a")
    assert response.status_code == 302
    session = set_cookies(response)["session"]
    assert session["httponly"] == "true"
    assert session["samesite"] == "Lax"
    assert "secure" not in session  # plain HTTP in development: a Secure cookie would be lost
    assert timedelta(hours=11, minutes=55) < lifetime(session) <= timedelta(hours=12)
    assert "remember_token" not in set_cookies(response)


def test_remember_me_sets_its_own_hardened_cookie_for_thirty_days(client, world):
    cookie = set_cookies(sign_in(client, "head.a", remember=True))["remember_token"]
    assert cookie["httponly"] == "true"
    assert cookie["samesite"] == "Lax"
    assert timedelta(days=29, hours=23) < lifetime(cookie) <= timedelta(days=30)


def test_behind_a_trusted_proxy_https_gives_secure_cookies_and_hsts(app, database_url, world):
    with fresh_app(database_url, TRUST_PROXY=True) as proxied:
        client = proxied.test_client()
        headers = HTTPS_PROXY | {"Referer": "https://localhost/login"}  # CSRF's HTTPS check
        response = sign_in(client, "head.a", remember=True, headers=headers)
        assert response.status_code == 302, response.get_data(as_text=True)[:300]
        cookies = set_cookies(response)
        assert cookies["session"]["secure"] == "true"
        assert cookies["remember_token"]["secure"] == "true"
        assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
        plain = client.get("/login", headers={"X-Forwarded-For": "203.0.113.7"})
        assert "Strict-Transport-Security" not in plain.headers  # this hop said plain HTTP
    with app.app_context():
        event = world_events(app)[-1]
    assert event.ip == "203.0.113.7"  # the client's address, as the trusted proxy reported it


def test_without_trust_the_forwarded_headers_are_ignored(app, client, world):
    headers = HTTPS_PROXY | {"Referer": "https://localhost/login"}
    response = sign_in(client, "head.a", remember=True, headers=headers)
    assert response.status_code == 302
    cookies = set_cookies(response)
    assert "secure" not in cookies["session"]
    assert "secure" not in cookies["remember_token"]
    assert "Strict-Transport-Security" not in response.headers
    assert world_events(app)[-1].ip == "127.0.0.1"  # a forged X-Forwarded-For is not believed


def test_served_over_https_itself_cookies_are_secure_without_any_setting(client, world):
    referer = {"Referer": "https://localhost/login"}
    response = sign_in(client, "head.a", base_url="https://localhost", headers=referer)
    assert response.status_code == 302
    assert set_cookies(response)["session"]["secure"] == "true"
    assert "Strict-Transport-Security" in response.headers


def test_tracker_secure_cookies_forces_the_flag_even_over_http(database_url, world):
    with fresh_app(database_url, SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True) as app:
        cookies = set_cookies(sign_in(app.test_client(), "head.a", remember=True))
    assert cookies["session"]["secure"] == "true"
    assert cookies["remember_token"]["secure"] == "true"


@pytest.fixture
def clock(monkeypatch):
    """Move the clock the signed session cookie is judged by."""
    real = TimestampSigner.get_timestamp
    moved = {"by": timedelta()}
    monkeypatch.setattr(
        TimestampSigner,
        "get_timestamp",
        lambda self: real(self) + int(moved["by"].total_seconds()),
    )

    def advance(delta: timedelta) -> None:
        moved["by"] += delta

    return advance


def test_an_idle_session_expires_after_twelve_hours_even_if_the_browser_keeps_it(
    client, world, clock
):
    sign_in(client, "head.a")
    assert client.get("/tasks/").status_code == 200
    clock(timedelta(hours=11))
    assert client.get("/tasks/").status_code == 200  # active: the cookie is signed anew
    clock(timedelta(hours=11))
    assert client.get("/tasks/").status_code == 200  # 22 h after signing in, never idle long
    clock(timedelta(hours=12, minutes=1))
    response = client.get("/tasks/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_remember_me_outlives_the_session_until_the_password_changes(client, world, db, clock):
    sign_in(client, "head.a", remember=True)
    clock(timedelta(days=2))
    assert client.get("/tasks/").status_code == 200  # signed in again from the cookie
    user = world.users["head_a"]
    user.session_version += 1  # what a password change or a deactivation does
    db.session.commit()
    clock(timedelta(hours=13))
    assert client.get("/tasks/").status_code == 302


def test_signing_out_drops_both_cookies(client, world):
    sign_in(client, "head.a", remember=True)
    response = client.post_form("/logout", token_from="/")
    cookies = set_cookies(response)
    assert lifetime(cookies["remember_token"]) < timedelta(0)
    assert client.get("/tasks/").status_code == 302


def world_events(app) -> list[LoginEvent]:
    from tracker.extensions import db

    with app.app_context():
        return list(db.session.scalars(select(LoginEvent).order_by(LoginEvent.id)))
