"""Sessions kept on the server: logging out, a password change, a deactivation or "đăng xuất
khỏi mọi thiết bị" end them for good, whatever cookie is replayed afterwards."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from security_support import PASSWORD, set_cookies, sign_in
from sqlalchemy import select

from tracker.auth.sessions import device_of
from tracker.common.freshness import current_token
from tracker.extensions import db
from tracker.models import LoginSession, User


def opens_account(app, cookies: dict[str, str]) -> bool:
    """Whether a browser holding only these cookies gets the account page."""
    browser = app.test_client()
    for name, value in cookies.items():
        browser.set_cookie(name, value)
    return browser.get("/account").status_code == 200


def cookie_values(response) -> dict[str, str]:
    return {name: c["value"] for name, c in set_cookies(response).items() if c["value"]}


def sessions_of(username: str) -> list[LoginSession]:
    db.session.rollback()
    user = db.session.scalar(select(User).where(User.username == username))
    return list(db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)))


def test_a_replayed_session_cookie_opens_nothing_after_logout(app, client, world):
    stolen = cookie_values(sign_in(client, "head.a"))
    assert opens_account(app, stolen)
    client.logout()
    assert not opens_account(app, stolen)
    [row] = sessions_of("head.a")
    assert row.ended_at is not None


def test_a_replayed_remember_cookie_opens_nothing_after_logout(app, client, world):
    stolen = cookie_values(sign_in(client, "head.a", remember=True))
    remember_only = {"remember_token": stolen["remember_token"]}
    assert opens_account(app, remember_only)
    client.logout()
    assert not opens_account(app, remember_only)


def test_remember_tokens_are_random_per_sign_in_and_stored_hashed(app, world):
    first = cookie_values(sign_in(app.test_client(), "head.a", remember=True))
    second = cookie_values(sign_in(app.test_client(), "head.a", remember=True))
    assert first["remember_token"] != second["remember_token"]
    keys = {value["remember_token"].split("|")[0] for value in (first, second)}
    stored = {row.key_hash for row in sessions_of("head.a")}
    assert stored == {hashlib.sha256(key.encode()).hexdigest() for key in keys}
    assert not keys & stored


def test_a_remembered_session_ends_thirty_days_after_sign_in(app, world):
    remember = cookie_values(sign_in(app.test_client(), "head.a", remember=True))
    [row] = sessions_of("head.a")
    assert timedelta(days=29, hours=23) < row.expires_at - row.created_at <= timedelta(days=30)
    row.expires_at = row.created_at - timedelta(seconds=1)  # as if the 30 days had passed
    db.session.commit()
    assert not opens_account(app, {"remember_token": remember["remember_token"]})


def test_an_idle_session_ends_on_the_server_too(app, world):
    cookies = cookie_values(sign_in(app.test_client(), "head.a"))
    [row] = sessions_of("head.a")
    assert not row.remember
    row.expires_at = row.last_seen_at - timedelta(seconds=1)
    db.session.commit()
    assert not opens_account(app, cookies)


def test_a_password_change_keeps_this_device_and_ends_the_others(app, client, world):
    other = cookie_values(sign_in(app.test_client(), "head.a", remember=True))
    client.login("head.a")
    form = {"pw-current": PASSWORD, "pw-new": "NewPassword456", "pw-confirm": "NewPassword456"}
    assert client.post_form("/account", form).status_code == 302
    assert client.get("/account").status_code == 200
    assert not opens_account(app, other)
    assert not opens_account(app, {"remember_token": other["remember_token"]})


def test_a_deactivation_ends_every_session(app, client, world):
    cookies = cookie_values(sign_in(app.test_client(), "head.a", remember=True))
    client.login("admin")
    user = world.users["head_a"]
    assert client.post_form(
        f"/admin/users/{user.id}/deactivate", token_from=f"/admin/users/{user.id}"
    ).status_code in (302, 303)
    assert not opens_account(app, cookies)
    assert not opens_account(app, {"remember_token": cookies["remember_token"]})


def test_signing_out_of_every_device_from_the_account_page(app, client, world):
    phone = cookie_values(sign_in(app.test_client(), "head.a", remember=True))
    client.login("head.a")
    page = client.get("/account").get_data(as_text=True)
    assert "Phiên đăng nhập" in page and "Thiết bị này" in page
    assert page.count("· đăng nhập ") == 2  # both devices listed
    response = client.post_form("/account/sessions/end", token_from="/account")
    assert response.status_code == 303
    assert client.get("/account").status_code == 302  # this one too
    assert not opens_account(app, phone)
    assert not opens_account(app, {"remember_token": phone["remember_token"]})
    assert all(row.ended_at is not None for row in sessions_of("head.a"))


def test_signing_in_and_out_leaves_the_kept_answers_alone(app, client, world):
    """Sessions and the sign-in log are bookkeeping: the data's token does not change."""
    db.session.commit()
    before = current_token(db.session)
    client.post_form("/login", {"username": "head.a", "password": "wrong-password-1"})
    client.login("head.a")
    client.get("/account")
    client.logout()
    db.session.rollback()
    assert current_token(db.session) == before


@pytest.mark.parametrize(
    ("agent", "label", "phone"),
    [
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36 Edg/131.0",
            "Edge trên Windows",
            False,
        ),
        (
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/156 Mobile Safari/537.36",
            "Chrome trên Android",
            True,
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148 Safari/604.1",
            "Safari trên iPhone",
            True,
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Firefox trên Linux",
            False,
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) Version/17.1 Safari/605.1.15",
            "Safari trên macOS",
            False,
        ),
        ("curl/8.5.0", "Thiết bị không rõ", False),
        (None, "Thiết bị không rõ", False),
    ],
)
def test_a_device_is_named_as_people_say_it(agent, label, phone):
    assert device_of(agent) == (label, phone)
