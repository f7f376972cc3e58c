"""Every registered route, for every role and the anonymous, against route_table.py.

A route added without a row in the table fails `test_every_route_has_a_row`. Each role
walks the whole table in one world; a refused request (and every GET) must leave the
database exactly as it was. The guessed-id tests check that division B cannot read or
change A's task by its id: the answer is the 404 of an id that does not exist.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from route_scene import PDF, SECRET_WORD, Caller, Scene, build_scene, changed_tables, snapshot
from route_table import ROLES, ROWS

from tracker.extensions import db

SKIPPED_ENDPOINTS = {"static", "bootstrap.static"}
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def _routes(app) -> set[tuple[str, str]]:
    return {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in SKIPPED_ENDPOINTS
        for method in rule.methods - IGNORED_METHODS
    }


def test_every_route_has_a_row(app):
    routes = _routes(app)
    listed = {(row.endpoint, row.method) for row in ROWS}
    missing = sorted(routes - listed)
    assert not missing, (
        "routes without a row in tests/route_table.py (add the status each role gets): "
        + ", ".join(f"{endpoint} {method}" for endpoint, method in missing)
    )
    stale = sorted(listed - routes)
    assert not stale, f"rows for routes that no longer exist: {stale}"


def test_every_row_reaches_the_endpoint_it_names(app):
    adapter = app.url_map.bind("tracker.test")
    for row in ROWS:
        path = re.sub(r"\{[a-z_0-9]+\}", "7", urlsplit(row.path).path)
        endpoint, _ = adapter.match(path, method=row.method)
        assert endpoint == row.endpoint, f"{row} reaches {endpoint}"


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_the_table_says(app, client, world, role):
    ids = build_scene(world)
    checked, problems = Caller(client, world, ids, role).walk(ROWS)
    assert checked == len(ROWS)
    assert not problems, f"{len(problems)} of {checked} rows:\n" + "\n".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_the_api_answers_bearer_tokens_as_the_table_says(app, client, world, role):
    ids = build_scene(world)
    rows = [row for row in ROWS if row.api]
    assert len(rows) >= 25
    checked, problems = Caller(client, world, ids, role, bearer=True).walk(rows)
    assert not problems, f"{len(problems)} of {checked} rows:\n" + "\n".join(problems)


@pytest.mark.parametrize("role", ["admin", "staff_a"])
def test_every_write_needs_a_csrf_token(client, world, role):
    """A form without its token is a 400, a session write to the API without one a 403."""
    ids = build_scene(world)
    caller = Caller(client, world, ids, role)
    caller.csrf = ""  # a form field left empty, and no X-CSRFToken header
    public = {"api.issue_api_token"}  # the password is the proof; no session involved
    rows = [
        replace(row, expect={role: 403 if row.api else 400})
        for row in ROWS
        if row.method != "GET" and not row.bearer and row.endpoint not in public
    ]
    assert len(rows) >= 60
    checked, problems = caller.walk(rows)
    assert not problems, f"{len(problems)} of {checked} rows:\n" + "\n".join(problems)


# -- guessing another unit's ids ---------------------------------------------------------

GUESSERS = ("head_b", "viewer_b", "staff_b")
MISSING = 10**6  # an id no row has
FEEDBACK = re.compile(r'class="invalid-feedback">([^<]*)<')
CSRF_VALUE = re.compile(r'(name="csrf_token"[^>]*value=")[^"]+"')


def guesses(ids: dict[str, int], versions: dict[str, int], world) -> list[tuple]:
    """Requests that would read or change A's task if allowed: (method, path, form, json)."""
    a, s = ids["task_a"], ids["submitted_a"]
    ext, att = ids["ext_pending"], ids["attachment"]
    va, vs = versions["task_a"], versions["submitted_a"]
    later = world.days(60).isoformat()
    update = {"status": "done", "progress": 100, "result": "Xong", "version": va}
    edit = {"title": "Đổi tên", "section": ids["section"], "lead_unit": world.units["b"].id}
    return [
        ("GET", f"/tasks/{a}", None, None),
        ("GET", f"/tasks/{a}/edit", None, None),
        ("POST", f"/tasks/{a}/edit", edit | {"version": va, "priority": 2}, None),
        ("POST", f"/tasks/{a}/update", update, None),
        ("POST", f"/tasks/{s}/confirm", {"version": vs}, None),
        ("POST", f"/tasks/{s}/return", {"version": vs, "reason": "Thiếu số liệu"}, None),
        ("POST", f"/tasks/{a}/extension", {"due_date": later, "reason": "Chờ vốn"}, None),
        ("POST", f"/tasks/{a}/extensions/{ext}", {"decision": "approve"}, None),
        ("POST", f"/tasks/{a}/remind", {"note": "Nhắc"}, None),
        ("POST", f"/tasks/{a}/attachments", {"file": (io.BytesIO(PDF), "x.pdf")}, None),
        ("GET", f"/tasks/{a}/attachments/{att}", None, None),
        ("GET", f"/api/v1/tasks/{a}", None, None),
        ("PATCH", f"/api/v1/tasks/{a}", None, {"version": va, "title": "Đổi tên"}),
        ("POST", f"/api/v1/tasks/{a}/confirm", None, {"version": va}),
        ("POST", f"/api/v1/tasks/{s}/confirm", None, {"version": vs}),
        ("POST", f"/api/v1/tasks/{s}/return", None, {"version": vs, "reason": "Thiếu"}),
        ("POST", f"/api/v1/tasks/{a}/extensions", None, {"due_date": later, "reason": "Bận"}),
        ("POST", f"/api/v1/extensions/{ext}/decision", None, {"approve": True}),
    ]


def answer(response) -> tuple:
    """What a caller learns from a response (the page's CSRF token aside)."""
    if response.is_json:
        return response.status_code, response.get_json()
    return response.status_code, CSRF_VALUE.sub(r"\1", response.get_data(as_text=True))


def stored_files(app) -> set[str]:
    root = Path(app.instance_path)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("who", GUESSERS)
def test_division_b_cannot_reach_a_task_of_a_by_its_id(app, client, world, who):
    ids = build_scene(world)
    versions = {name: Scene(world, ids, who).version(name) for name in ("task_a", "submitted_a")}
    missing = dict.fromkeys(ids, MISSING)
    client.login(world.users[who].username)
    headers = {"X-CSRFToken": client.csrf("/account")}
    db.session.expire_all()
    before, files = snapshot(), stored_files(app)
    real, ghost = guesses(ids, versions, world), guesses(missing, versions, world)
    for (method, path, form, payload), (_, ghost_path, ghost_form, _) in zip(
        real, ghost, strict=True
    ):
        answers = []
        for url, data in ((path, form), (ghost_path, ghost_form)):
            if payload is not None or url.startswith("/api/"):
                response = client.open(url, method=method, json=payload, headers=headers)
            elif method == "GET":
                response = client.get(url)
            else:
                data = data | {"csrf_token": headers["X-CSRFToken"]}
                response = client.post(url, data=data, content_type="multipart/form-data")
            answers.append(answer(response))
            response.close()
        (status, body), ghost_answer = answers
        assert status == 404, (method, path, status)
        assert (status, body) == ghost_answer, f"{method} {path}: differs from a missing id"
        assert SECRET_WORD not in str(body), (method, path)
    db.session.expire_all()
    assert changed_tables(before, snapshot()) == []
    assert stored_files(app) == files


# Where A's task shows up for whoever may see it (True: it must show for the director).
PAGES = (
    ("/", False),
    ("/tasks/", True),
    ("/tasks/unit", False),
    (f"/search/?q={SECRET_WORD.lower()}", True),
    ("/overview", False),
    ("/documents/", False),
    ("/documents/{document}", True),
    ("/reports/{period}", False),
    ("/notifications", False),
    ("/calendar/{my_calendar}.ics", False),
    ("/api/v1/tasks", True),
    (f"/api/v1/tasks?q={SECRET_WORD.lower()}", True),
    ("/api/v1/documents/{document}", True),
    ("/api/v1/reports/{period}", False),
)


@pytest.mark.parametrize("who", ["director", *GUESSERS])
def test_lists_show_a_task_of_a_only_to_those_who_may_see_it(client, world, who):
    ids = build_scene(world)
    scene = Scene(world, ids, who)
    client.login(world.users[who].username)
    for template, listed in PAGES:
        response = client.get(scene.fill(template))
        assert response.status_code == 200, template
        shown = SECRET_WORD in response.get_data(as_text=True)
        if who == "director":
            assert shown or not listed, f"{template} should list A's task for the director"
        else:
            assert not shown, f"{template} shows A's task to {who}"


@pytest.mark.parametrize("who", ["head_b", "viewer_b", "staff_b"])
def test_a_guessed_parent_id_answers_like_a_missing_one(client, world, who):
    ids = build_scene(world)
    version = Scene(world, ids, who).version("task_b")
    client.login(world.users[who].username)
    headers = {"X-CSRFToken": client.csrf("/account")}
    form_token = {"csrf_token": headers["X-CSRFToken"]}
    new = {"title": "Việc con", "section": ids["section"], "lead_unit": world.units["b"].id}
    answers = {}
    for parent in (ids["task_a"], MISSING):
        page = client.post("/tasks/new", data=new | form_token | {"parent": parent})
        answers[parent] = [
            (page.status_code, FEEDBACK.findall(page.get_data(as_text=True))),
            answer(client.post("/api/v1/tasks", json=new | {"parent": parent}, headers=headers)),
            answer(
                client.patch(
                    f"/api/v1/tasks/{ids['task_b']}",
                    json={"version": version, "parent": parent},
                    headers=headers,
                )
            ),
        ]
    assert [status for status, _ in answers[MISSING]] != [201, 201, 200]
    assert answers[ids["task_a"]] == answers[MISSING], "A's task answers unlike a missing id"
