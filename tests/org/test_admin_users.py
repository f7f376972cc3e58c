"""People, as the admin manages them: accounts, roles, and ending someone's access."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from admin_support import browser
from factories import make_user
from sqlalchemy import func, select

from tracker.models import ApiToken, RoleGrant, User
from tracker.models._base import utcnow
from tracker.web.requests import token_hash


@pytest.fixture
def admin(app, client, world):
    """The admin's browser."""
    signed_in = browser(app, type(client))
    signed_in.login("admin")
    return signed_in


@pytest.fixture
def other(app, client):
    """A second browser, for the person the admin acts on."""
    return browser(app, type(client))


def _user(db, username: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.username == username))


def _token(db, user: User, token: str = "secret-token-for-tests") -> str:
    now = utcnow()
    db.session.add(
        ApiToken(
            user_id=user.id,
            token_hash=token_hash(token),
            name="script",
            created_at=now,
            expires_at=now + timedelta(days=30),
        )
    )
    db.session.commit()
    return token


def _bearer(app, token: str) -> int:
    """The status of an API call made with the token alone (no browser session)."""
    return (
        app.test_client()
        .get("/api/v1/units", headers={"Authorization": f"Bearer {token}"})
        .status_code
    )


def _new_user(client, world, **changes):
    data = {
        "full_name": "Nguyễn Thị Mới",
        "username": "nguyen.moi",
        "email": "moi@example.test",
        "job_title": "Chuyên viên",
        "role": "staff",
        "unit_id": world.units["a"].id,
        "password": "",
        "generate": "y",
    }
    data.update(changes)
    return client.post_form("/admin/users/new", {k: v for k, v in data.items() if v is not None})


# -- the list --------------------------------------------------------------------------------


def test_the_list_searches_without_accents_and_filters(login_as, world, db):
    make_user("nguyen.duc", "staff", world.units["a1"], full_name="Nguyễn Văn Đức")
    db.session.commit()
    client = login_as("admin")
    found = client.get("/admin/users?q=van+duc").get_data(as_text=True)
    assert "Nguyễn Văn Đức" in found and "Head.A" not in found
    in_a = client.get(f"/admin/users?unit={world.units['a'].id}").get_data(as_text=True)
    assert "Nguyễn Văn Đức" in in_a and "Head.A" in in_a and "Head.B" not in in_a
    heads = client.get("/admin/users?role=head").get_data(as_text=True)
    assert "Head.A" in heads and "Head.B" in heads and "Staff.A" not in heads
    assert "Trưởng phòng" in heads and "Phòng A" in heads  # each row shows roles on units
    bad = client.get("/admin/users?role=king")
    assert bad.status_code == 422 and "Vai trò “king” không hợp lệ." in bad.get_data(as_text=True)


def test_locked_accounts_are_listed_on_request(login_as, world, db):
    world.users["staff_b"].active = False
    db.session.commit()
    client = login_as("admin")
    assert "Staff.B" not in client.get("/admin/users").get_data(as_text=True)
    locked = client.get("/admin/users?active=0").get_data(as_text=True)
    assert "Staff.B" in locked and "Head.B" not in locked


# -- creating accounts -------------------------------------------------------------------------


def test_a_weak_password_is_refused_with_the_policy_message(login_as, world, db):
    client = login_as("admin")
    before = db.session.scalar(select(func.count()).select_from(User))
    response = _new_user(client, world, password="abc123", generate=None)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Mật khẩu phải có ít nhất 10 ký tự." in html
    assert db.session.scalar(select(func.count()).select_from(User)) == before
    guessable = _new_user(client, world, password="nguyen.moi2026", generate=None)
    assert "Mật khẩu không được chứa tên đăng nhập." in guessable.get_data(as_text=True)


def test_every_refusal_names_its_field(login_as, world, db):
    client = login_as("admin")
    response = _new_user(
        client, world, username="Bad Name", email="not-an-address", role="", unit_id=""
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    for message in (
        "Tên đăng nhập chỉ gồm chữ thường không dấu",
        "Địa chỉ thư điện tử “not-an-address” không hợp lệ.",
        "Chưa chọn vai trò.",
        "Chưa chọn đơn vị.",
    ):
        assert message in html
    assert html.count("invalid-feedback") >= 4
    assert _user(db, "bad name") is None


def test_a_generated_password_is_shown_once_and_works(admin, world, db, other):
    client = admin
    response = _new_user(client, world)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    password = re.search(r'readonly value="([^"]+)" id="temporary-password"', html).group(1)
    user = _user(db, "nguyen.moi")
    assert user.grants[0].role == "staff" and user.grants[0].unit_id == world.units["a"].id
    assert password not in user.password_hash
    other.login("nguyen.moi", password)
    assert other.get("/").status_code == 200
    assert password not in client.get(f"/admin/users/{user.id}").get_data(as_text=True)


def test_a_chosen_password_that_passes_the_policy(admin, world, db, other):
    client = admin
    response = _new_user(client, world, password="Tram-Ngan-2026", generate=None)
    assert response.status_code == 303
    other.login("nguyen.moi", "Tram-Ngan-2026")
    assert other.get("/").status_code == 200


# -- details and roles -----------------------------------------------------------------------


def test_editing_details_is_all_or_nothing(login_as, world, db):
    client = login_as("admin")
    staff = world.users["staff_a"]
    response = client.post_form(
        f"/admin/users/{staff.id}",
        {"profile-full_name": "Tên Mới", "profile-username": "head.b"},
    )
    assert response.status_code == 422
    assert "Tên đăng nhập “head.b” đã có" in response.get_data(as_text=True)
    assert _user(db, "staff.a").full_name == "Staff.A"
    ok = client.post_form(
        f"/admin/users/{staff.id}",
        {
            "profile-full_name": "Trần Thị An",
            "profile-username": "tran.an",
            "profile-email": "an@example.test",
        },
    )
    assert ok.status_code == 303
    changed = _user(db, "tran.an")
    assert changed.full_name == "Trần Thị An" and changed.email == "an@example.test"


def test_granting_and_removing_roles(login_as, world, db):
    client = login_as("admin")
    staff = world.users["staff_a"]
    page = f"/admin/users/{staff.id}"
    add = client.post_form(
        f"{page}/grants",
        {"grant-role": "head", "grant-unit_id": world.units["a1"].id},
        token_from=page,
    )
    assert add.status_code == 303
    assert ("head", world.units["a1"].id) in {
        (g.role, g.unit_id) for g in _user(db, "staff.a").grants
    }
    again = client.post_form(
        f"{page}/grants",
        {"grant-role": "head", "grant-unit_id": world.units["a1"].id},
        token_from=page,
    )
    assert again.status_code == 422 and "đã có vai trò Trưởng phòng tại Tổ A1" in again.get_data(
        as_text=True
    )
    grant = next(g for g in _user(db, "staff.a").grants if g.role == "head")
    removed = client.post_form(f"{page}/grants/{grant.id}/remove", token_from=page)
    assert removed.status_code == 303
    assert {g.role for g in _user(db, "staff.a").grants} == {"staff"}


def test_the_last_admin_cannot_lose_the_role(login_as, world, db):
    client = login_as("admin")
    admin = world.users["admin"]
    page = f"/admin/users/{admin.id}"
    grant = admin.grants[0]
    response = client.post_form(f"{page}/grants/{grant.id}/remove", token_from=page)
    assert response.status_code == 422
    assert "quản trị viên cuối cùng" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).where(RoleGrant.role == "admin")) == 1
    # With a second admin, the first may step down.
    director = world.users["director"]
    client.post_form(
        f"/admin/users/{director.id}/grants",
        {"grant-role": "admin", "grant-unit_id": world.units["root"].id},
        token_from=f"/admin/users/{director.id}",
    )
    assert client.post_form(f"{page}/grants/{grant.id}/remove", token_from=page).status_code == 303


def test_an_admin_cannot_lock_themselves_out(login_as, world, db):
    client = login_as("admin")
    admin = world.users["admin"]
    response = client.post_form(
        f"/admin/users/{admin.id}/deactivate", token_from=f"/admin/users/{admin.id}"
    )
    assert response.status_code == 422 and "tự khoá" in response.get_data(as_text=True)
    assert _user(db, "admin").active


# -- ending access ---------------------------------------------------------------------------


def test_deactivating_ends_sessions_and_tokens(app, admin, world, db, other):
    head = world.users["head_a"]
    other.login("head.a")
    assert other.get("/").status_code == 200
    token = _token(db, head)
    assert _bearer(app, token) == 200
    client = admin
    response = client.post_form(
        f"/admin/users/{head.id}/deactivate",
        token_from=f"/admin/users/{head.id}",
        follow_redirects=True,
    )
    assert "mọi phiên đăng nhập đã kết thúc và thu hồi 1 token API" in response.get_data(
        as_text=True
    )
    assert other.get("/").status_code == 302  # the open session has ended
    assert _bearer(app, token) == 401
    db.session.expire_all()
    assert db.session.scalar(select(ApiToken.revoked_at)) is not None
    refused = other.post_form("/login", {"username": "head.a", "password": "Password123"})
    assert "không đúng" in refused.get_data(as_text=True)
    # Unlocked, they sign in again; the revoked token stays revoked.
    client.post_form(f"/admin/users/{head.id}/reactivate", token_from=f"/admin/users/{head.id}")
    other.login("head.a")
    assert other.get("/").status_code == 200
    assert _bearer(app, token) == 401


def test_an_admin_reset_ends_sessions_and_shows_the_new_password(admin, world, db, other):
    staff = world.users["staff_a"]
    other.login("staff.a")
    client = admin
    page = f"/admin/users/{staff.id}"
    weak = client.post_form(f"{page}/password", {"reset-password": "short1"}, token_from=page)
    assert weak.status_code == 422
    assert "Mật khẩu phải có ít nhất 10 ký tự." in weak.get_data(as_text=True)
    assert other.get("/").status_code == 200  # nothing happened yet
    response = client.post_form(f"{page}/password", {"reset-password": ""}, token_from=page)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    password = re.search(r'readonly value="([^"]+)" id="temporary-password"', html).group(1)
    assert other.get("/").status_code == 302
    old = other.post_form("/login", {"username": "staff.a", "password": "Password123"})
    assert "không đúng" in old.get_data(as_text=True)
    other.login("staff.a", password)
    assert other.get("/").status_code == 200
    chosen = client.post_form(
        f"{page}/password", {"reset-password": "Mua-Xuan-2027"}, token_from=page
    )
    assert chosen.status_code == 303
    assert other.get("/").status_code == 302
    other.login("staff.a", "Mua-Xuan-2027")
    assert other.get("/").status_code == 200


def test_resetting_ones_own_password_keeps_this_session(login_as, world):
    client = login_as("admin")
    admin = world.users["admin"]
    page = f"/admin/users/{admin.id}"
    response = client.post_form(
        f"{page}/password", {"reset-password": "Mat-Khau-Moi-9"}, token_from=page
    )
    assert response.status_code == 303
    assert client.get("/admin/").status_code == 200


def test_revoking_a_persons_tokens(app, login_as, world, db):
    staff = world.users["staff_b"]
    token = _token(db, staff)
    client = login_as("admin")
    page = f"/admin/users/{staff.id}"
    assert "script" in client.get(page).get_data(as_text=True)
    response = client.post_form(f"{page}/tokens/revoke", token_from=page, follow_redirects=True)
    assert "Đã thu hồi 1 token API" in response.get_data(as_text=True)
    assert _bearer(app, token) == 401
    assert _user(db, "staff.b").active  # the account itself stays open
