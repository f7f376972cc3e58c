"""API authentication: tokens (hashed, expiring, revocable), the session with CSRF, errors."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from api_support import API, Api, api_factory, issue_token
from sqlalchemy import select

from tracker.models import ApiToken, LoginEvent
from tracker.models._base import utcnow


@pytest.fixture
def api_as(client, world):
    return api_factory(client, world)


def test_a_token_is_issued_for_a_password_and_stored_only_as_its_hash(client, world, db):
    response = client.post(
        f"{API}/auth/token", json={"username": "head.a", "password": "Password123", "name": "bot"}
    )
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) >= {"token", "expires_at"}
    assert response.headers["Cache-Control"] == "no-store"
    stored = db.session.scalars(select(ApiToken)).one()
    assert stored.token_hash == hashlib.sha256(body["token"].encode()).hexdigest()
    assert body["token"] not in (stored.token_hash, stored.name)
    assert stored.name == "bot" and stored.user_id == world.users["head_a"].id
    lifetime = stored.expires_at - stored.created_at
    assert lifetime == timedelta(days=30)
    assert body["expires_at"] == stored.expires_at.isoformat(timespec="seconds") + "Z"
    event = db.session.scalars(select(LoginEvent)).one()
    assert (event.username, event.success) == ("head.a", True)


def test_wrong_password_and_unknown_user_get_the_same_401_and_are_recorded(client, world, db):
    wrong = client.post(f"{API}/auth/token", json={"username": "head.a", "password": "nope"})
    unknown = client.post(f"{API}/auth/token", json={"username": "ghost", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json() == unknown.get_json()
    assert wrong.get_json()["error"]["code"] == "unauthorized"
    events = db.session.scalars(select(LoginEvent).order_by(LoginEvent.id)).all()
    assert [(e.username, e.success, e.reason) for e in events] == [
        ("head.a", False, "wrong"),
        ("ghost", False, "wrong"),
    ]
    assert db.session.scalars(select(ApiToken)).all() == []


def test_an_inactive_account_gets_no_token(client, world, db):
    world.users["staff_a"].active = False
    db.session.commit()
    response = client.post(
        f"{API}/auth/token", json={"username": "staff.a", "password": "Password123"}
    )
    assert response.status_code == 401


def test_credentials_must_be_strings_in_a_json_object(client, world):
    response = client.post(f"{API}/auth/token", json={"username": 5, "password": None})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"username", "password"}
    assert client.post(f"{API}/auth/token", json=["head.a"]).status_code == 400
    form = client.post(f"{API}/auth/token", data={"username": "head.a", "password": "x"})
    assert form.status_code == 415
    assert "application/json" in form.get_json()["error"]["message"]


def test_without_credentials_the_api_answers_401_json_never_a_redirect(client, world):
    for path in ("/tasks", "/units", "/documents", "/reports/2020-9M", "/tasks/1", "/me"):
        response = client.get(API + path)
        assert response.status_code == 401, path
        assert response.get_json()["error"]["code"] == "unauthorized"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.patch(f"{API}/tasks/1", json={}).status_code == 401


def test_the_description_is_public(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response.get_json()["openapi"].startswith("3.")


def test_a_bad_expired_or_revoked_token_is_refused(client, world, db, api_as):
    assert Api(client, "not-a-token").get("/tasks").status_code == 401
    api = api_as("staff_a")
    assert api.get("/tasks").status_code == 200
    row = db.session.scalars(select(ApiToken)).one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    refused = api.get("/tasks")
    assert refused.status_code == 401
    assert "hết hạn" in refused.get_json()["error"]["message"]


def test_a_password_change_ends_the_tokens_issued_before_it(client, world, db, api_as):
    from tracker.auth.passwords import set_password

    before = api_as("head_a")
    set_password(world.users["head_a"], "Another-pass-2026")
    db.session.commit()
    assert before.get("/tasks").status_code == 401
    after = Api(client, issue_token(client, "head.a", "Another-pass-2026"))
    assert after.get("/tasks").status_code == 200


def test_a_bad_token_is_refused_even_with_a_signed_in_session(client, world):
    client.login("director")
    assert client.get(f"{API}/tasks").status_code == 200
    assert Api(client, "forged").get("/tasks").status_code == 401


def test_delete_auth_token_revokes_the_token_used(client, world, db, api_as):
    first, second = api_as("head_a"), api_as("head_a")
    assert first.delete("/auth/token").status_code == 204
    assert first.get("/tasks").status_code == 401
    assert second.get("/tasks").status_code == 200
    revoked = db.session.scalars(select(ApiToken).where(ApiToken.revoked_at.is_not(None))).one()
    assert revoked.revoked_at is not None


def test_tokens_are_listed_without_secrets_and_revoked_by_id(client, world, api_as):
    api, other = api_as("head_a"), api_as("head_a")
    listed = api.get("/auth/tokens").get_json()["items"]
    assert len(listed) == 2
    assert all("token" not in item and "token_hash" not in item for item in listed)
    assert [item["current"] for item in listed].count(True) == 1
    other_id = next(item["id"] for item in listed if not item["current"])
    assert api.delete(f"/auth/tokens/{other_id}").status_code == 204
    assert other.get("/tasks").status_code == 401
    assert len(api.get("/auth/tokens").get_json()["items"]) == 1


def test_nobody_revokes_someone_elses_token(client, world, db, api_as):
    victim = api_as("head_b")
    victim_id = db.session.scalars(select(ApiToken)).one().id
    attacker = api_as("director")
    assert attacker.delete(f"/auth/tokens/{victim_id}").status_code == 404
    assert victim.get("/tasks").status_code == 200


def test_session_writes_need_the_csrf_header_bearer_writes_do_not(client, world, api_as):
    task = world.task(title="Việc A")
    client.login("director")
    body = {"progress": 10, "version": task.version}
    refused = client.patch(f"{API}/tasks/{task.id}", json=body)
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "csrf_failed"
    token = client.get(f"{API}/auth/csrf").get_json()["csrf_token"]
    accepted = client.patch(f"{API}/tasks/{task.id}", json=body, headers={"X-CSRFToken": token})
    assert accepted.status_code == 200, accepted.get_json()
    client.logout()
    bearer = api_as("director")
    version = accepted.get_json()["version"]
    again = bearer.patch(f"/tasks/{task.id}", json={"progress": 20, "version": version})
    assert again.status_code == 200, again.get_json()


def test_me_tells_the_caller_their_roles(client, world, api_as):
    me = api_as("head_a").get("/me").get_json()
    assert me["username"] == "head.a"
    assert me["roles"] == [
        {
            "role": "head",
            "label": "Trưởng phòng",
            "unit": {"id": world.units["a"].id, "code": "A", "name": "Phòng A"},
        }
    ]


def test_unknown_routes_and_methods_answer_json(client, world, api_as):
    api = api_as("viewer")
    missing = api.get("/nothing-here")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    wrong = api.delete("/units")
    assert wrong.status_code == 405 and wrong.get_json()["error"]["code"] == "method_not_allowed"


def test_bodies_must_be_json_objects_of_reasonable_size(client, world, api_as):
    api = api_as("director")
    task = world.task()
    path = f"/tasks/{task.id}"
    assert api.patch(path, data="progress=5").status_code == 415
    bad = api.patch(path, data="{oops", content_type="application/json")
    assert bad.status_code == 400 and "JSON" in bad.get_json()["error"]["message"]
    assert api.patch(path, json=[1, 2]).status_code == 400
    huge = api.patch(path, json={"description": "x" * (2 * 1024 * 1024), "version": 1})
    assert huge.status_code == 413
    assert huge.get_json()["error"]["code"] == "too_large"
    # Control characters are cleaned as a form's are (domain/text.clean_text), not refused.
    nul = api.patch(path, json={"title": "a\x00b", "version": task.version})
    assert nul.status_code == 200 and nul.get_json()["title"] == "ab"


def test_token_requests_are_throttled_per_account(app, client, world):
    """As in production: after the free tries, the next attempt gets 429 JSON."""
    app.config["LOGIN_FREE_ATTEMPTS"] = 3
    statuses = [
        client.post(f"{API}/auth/token", json={"username": "head.a", "password": "x"}).status_code
        for _ in range(4)
    ]
    assert statuses == [401, 401, 401, 429]
    again = client.post(f"{API}/auth/token", json={"username": "head.a", "password": "x"})
    assert again.get_json()["error"]["code"] == "too_many_requests"
