"""Signing in and out: hashed passwords, CSRF, a message that does not reveal accounts."""

from sqlalchemy import select

from tracker.models import LoginEvent, User


def test_login_page_is_vietnamese_and_has_a_csrf_token(client):
    page = client.get("/login").get_data(as_text=True)
    assert "Đăng nhập" in page and 'name="csrf_token"' in page


def test_a_signed_in_user_sees_their_tasks(client, world):
    world.task(title="Việc của chuyên viên A", assignee=world.users["staff_a"])
    client.login("staff.a")
    page = client.get("/").get_data(as_text=True)
    assert "Việc của tôi" in page and "Việc của chuyên viên A" in page


def test_wrong_password_and_unknown_user_get_the_same_message(client, world, db):
    wrong = client.post_form("/login", {"username": "staff.a", "password": "nope"})
    unknown = client.post_form("/login", {"username": "nobody", "password": "nope"})
    message = "Tên đăng nhập hoặc mật khẩu không đúng."
    assert message in wrong.get_data(as_text=True)
    assert message in unknown.get_data(as_text=True)
    events = db.session.scalars(select(LoginEvent).order_by(LoginEvent.id)).all()
    assert [(e.username, e.success) for e in events] == [("staff.a", False), ("nobody", False)]


def test_passwords_are_stored_as_argon2_hashes(world):
    user = world.users["staff_a"]
    assert user.password_hash.startswith("$argon2")
    assert "Password123" not in user.password_hash


def test_login_without_csrf_token_is_refused(client, world):
    response = client.raw.post("/login", data={"username": "staff.a", "password": "Password123"})
    assert response.status_code == 400
    assert "Phiên làm việc đã hết hạn" in response.get_data(as_text=True)


def test_pages_require_login(client, world):
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_logout_ends_the_session(client, world):
    client.login("head.a")
    assert client.get("/").status_code == 200
    client.logout()
    assert client.get("/").status_code == 302


def test_open_redirect_after_login_is_ignored(client, world):
    token = client.csrf()
    response = client.raw.post(
        "/login?next=https://evil.example/",
        data={"username": "head.a", "password": "Password123", "csrf_token": token},
    )
    assert response.headers["Location"] == "/"


def test_deactivated_user_cannot_sign_in_and_loses_sessions(client, world, db):
    client.login("head.a")
    user = db.session.scalar(select(User).where(User.username == "head.a"))
    user.active = False
    user.session_version += 1
    db.session.commit()
    assert client.get("/").status_code == 302
    response = client.post_form("/login", {"username": "head.a", "password": "Password123"})
    assert "không đúng" in response.get_data(as_text=True)


def test_security_headers_on_every_response(client):
    headers = client.get("/login").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
