"""Only admins reach the admin pages; the log of logins and failed logins."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from admin_support import browser

from tracker.models import LoginEvent, Unit
from tracker.models._base import utcnow

NOT_ADMINS = ("director", "head_a", "staff_a", "viewer")


def _urls(app, world) -> list[tuple[str, str]]:
    """Every admin route as (method, url), ids taken from the world."""
    grant = world.users["staff_a"].grants[0]
    ids = {
        "unit_id": world.units["b"].id,
        "user_id": world.users["staff_a"].id,
        "grant_id": grant.id,
        "section_id": world.sections["I.2"].id,
    }
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("admin."):
            continue
        url = rule.rule
        for name, value in ids.items():
            url = url.replace(f"<int:{name}>", str(value))
        assert "<" not in url, f"no id for {rule.rule}"
        found += [(method, url) for method in sorted(rule.methods & {"GET", "POST"})]
    return found


def test_every_admin_page_opens_for_the_admin(app, world, login_as):
    client = login_as("admin")
    pages = [url for method, url in _urls(app, world) if method == "GET"]
    assert len(pages) >= 12
    for url in pages:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", NOT_ADMINS)
def test_everyone_else_is_refused_every_admin_route(app, world, client, who, db):
    person = browser(app, type(client))
    person.login(world.users[who].username)
    token = person.csrf("/")
    for method, url in _urls(app, world):
        if method == "GET":
            response = person.get(url)
        else:
            response = person.post(url, data={"csrf_token": token, "direction": "up"})
        assert response.status_code == 403, (method, url)
    db.session.expire_all()
    assert db.session.get(Unit, world.units["b"].id).active  # nothing was done


def test_the_anonymous_are_sent_to_the_login_page(app, world, client):
    token = client.csrf("/login")
    for method, url in _urls(app, world):
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data={"csrf_token": token})
        assert response.status_code == 302, (method, url)
        assert "/login" in response.headers["Location"]


def test_admin_forms_need_a_csrf_token(world, login_as):
    client = login_as("admin")
    response = client.raw.post(f"/admin/units/{world.units['b'].id}/deactivate")
    assert response.status_code == 400


# -- the log of logins -------------------------------------------------------------------------


@pytest.fixture
def events(world, db):
    now = utcnow()
    rows = [
        ("head.a", True, None, 50),
        ("head.a", False, "wrong", 40),
        ("ghost", False, "wrong", 30),
        ("staff.b", False, "inactive", 20),
        ("head.a", True, None, 10),
    ]
    for username, ok, reason, minutes in rows:
        user = next((u for u in world.users.values() if u.username == username), None)
        db.session.add(
            LoginEvent(
                username=username,
                user_id=user.id if user else None,
                ip="10.0.0.7",
                success=ok,
                reason=reason,
                created_at=now - timedelta(minutes=minutes),
            )
        )
    db.session.commit()


def _logged(html: str) -> list[str]:
    return re.findall(r"<code>([^<]+)</code>", html)


def test_the_log_is_newest_first(events, login_as):
    html = login_as("admin").get("/admin/logins").get_data(as_text=True)
    # The admin's own sign-in just now comes first.
    assert _logged(html) == ["admin", "head.a", "staff.b", "ghost", "head.a", "head.a"]
    assert "Tài khoản đã bị khoá" in html and "(không có tài khoản)" in html


def test_the_log_filters_by_username_and_outcome(events, login_as):
    client = login_as("admin")
    failed = client.get("/admin/logins?outcome=failed").get_data(as_text=True)
    assert _logged(failed) == ["staff.b", "ghost", "head.a"]
    mine = client.get("/admin/logins?username=HEAD&outcome=ok").get_data(as_text=True)
    assert _logged(mine) == ["head.a", "head.a"]
    bad = client.get("/admin/logins?outcome=maybe")
    assert bad.status_code == 422 and "Kết quả đăng nhập" in bad.get_data(as_text=True)


def test_the_log_is_paginated(events, login_as):
    client = login_as("admin")
    first = client.get("/admin/logins?per_page=4").get_data(as_text=True)
    second = client.get("/admin/logins?per_page=4&page=2").get_data(as_text=True)
    assert len(_logged(first)) == 4 and _logged(second) == ["head.a", "head.a"]
    assert "trang 2/2" in second


def test_failed_logins_through_the_login_form_are_logged(client, world, login_as):
    client.post_form("/login", {"username": "head.b", "password": "nope"})
    client.post_form("/login", {"username": "head.b", "password": "nope"})
    client.post_form("/login", {"username": "head.b", "password": "nope"})
    admin = login_as("admin")
    html = admin.get("/admin/logins?username=head.b").get_data(as_text=True)
    assert _logged(html).count("head.b") == 3
    assert "Sai tên đăng nhập hoặc mật khẩu" in html
    dashboard = admin.get("/admin/").get_data(as_text=True)
    assert "“head.b” đăng nhập sai 3 lần" in dashboard
