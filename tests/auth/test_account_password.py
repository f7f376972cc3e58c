"""A person changes their own password on /account: the policy, and the other sessions end."""

from __future__ import annotations

from admin_support import browser
from api_support import issue_token
from security_support import PASSWORD

NEW = "Doi-mat-khau-2026"


def other_browser(client):
    """A second browser with no cookies (its requests do not share the test's `g`)."""
    return browser(client.application, type(client))


def signs_in(client, password: str) -> bool:
    """Whether head.a gets in with this password, in a browser of its own."""
    form = {"username": "head.a", "password": password}
    return other_browser(client).post_form("/login", form).status_code == 302


def change(client, current: str, new: str, confirm: str | None = None):
    form = {"pw-current": current, "pw-new": new, "pw-confirm": new if confirm is None else confirm}
    return client.post_form("/account", form)


def test_a_wrong_current_password_changes_nothing(client, world):
    client.login("head.a")
    response = change(client, "not-my-password-1", NEW)
    assert response.status_code == 200
    assert "Mật khẩu hiện tại không đúng." in response.get_data(as_text=True)
    assert client.get("/tasks/").status_code == 200  # still signed in
    assert signs_in(client, PASSWORD)


def test_the_new_password_must_pass_the_policy_and_be_typed_twice(client, world):
    client.login("head.a")
    for new, confirm, message in (
        ("short1", None, "Mật khẩu phải có ít nhất 10 ký tự."),
        ("head.a-2026-x", None, "Mật khẩu không được chứa tên đăng nhập."),
        ("chichucaikhongso", None, "Mật khẩu phải có cả chữ và số."),
        (NEW, NEW + "x", "Hai lần nhập mật khẩu mới không khớp."),
    ):
        response = change(client, PASSWORD, new, confirm)
        assert response.status_code == 200
        assert message in response.get_data(as_text=True), new
    assert signs_in(client, PASSWORD)


def test_a_change_keeps_this_session_and_ends_the_others_and_the_tokens(client, world):
    mine, elsewhere, script = (other_browser(client) for _ in range(3))
    elsewhere.login("head.a")
    assert elsewhere.get("/tasks/").status_code == 200
    bearer = {"Authorization": f"Bearer {issue_token(script, 'head.a')}"}
    assert script.get("/api/v1/me", headers=bearer).status_code == 200

    mine.login("head.a")
    response = change(mine, PASSWORD, NEW)
    assert response.status_code == 302
    page = mine.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc." in page
    assert mine.get("/tasks/").status_code == 200  # this browser stays signed in

    ended = elsewhere.get("/tasks/")
    assert ended.status_code == 302 and ended.headers["Location"].startswith("/login")
    assert script.get("/api/v1/me", headers=bearer).status_code == 401
    assert not signs_in(client, PASSWORD)
    assert signs_in(client, NEW)
