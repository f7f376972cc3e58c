"""Security headers on every page, and pages that work under the strict CSP.

The walk goes through `app.url_map`: a route added tomorrow is checked without anyone
remembering to add it here.
"""

from __future__ import annotations

import lxml.html
import pytest

ANSWERS_WITHOUT_PARAMETERS_AT_LEAST = 30


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_hardened(response, path: str) -> None:
    headers = response.headers
    where = f"{path} ({response.status_code})"
    csp = csp_directives(headers.get("Content-Security-Policy", ""))
    assert csp.get("default-src") == ["'self'"], where
    for directive in ("script-src", "style-src"):
        assert csp.get(directive) == ["'self'"], f"{where}: {directive} {csp.get(directive)}"
    assert csp.get("frame-ancestors") == ["'none'"], where
    assert csp.get("object-src") == ["'none'"], where
    assert "unsafe" not in headers["Content-Security-Policy"], where
    assert headers.get("X-Frame-Options") == "DENY", where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") in ("same-origin", "strict-origin-when-cross-origin")
    assert "Strict-Transport-Security" not in headers, f"{where}: HSTS over plain HTTP"
    assert headers.get("X-Request-Id"), where


def inline_code(html: str) -> list[str]:
    """What the CSP would block on a page: inline scripts, styles and event handlers."""
    tree = lxml.html.fromstring(html)
    found = [f"<script> {s.text_content()[:40]!r}" for s in tree.xpath("//script[not(@src)]")]
    found += [f"<style> {s.text_content()[:40]!r}" for s in tree.xpath("//style")]
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name in element.attrib:
            if name == "style" or name.startswith("on"):
                found.append(f"<{element.tag} {name}={element.attrib[name][:40]!r}>")
        href = element.attrib.get("href", "") + element.attrib.get("src", "")
        if href.strip().lower().startswith("javascript:"):
            found.append(f"<{element.tag} {href[:40]!r}>")
    return found


def parameterless_get_routes(app) -> list[str]:
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and not rule.arguments
    )


def walk(client, paths: list[str]) -> dict[str, int]:
    statuses = {}
    for path in paths:
        response = client.get(path)
        response.close()  # static files are streamed from an open file
        assert_hardened(response, path)
        assert response.status_code < 500, f"{path}: {response.status_code}"
        if response.status_code == 200 and response.mimetype == "text/html":
            assert inline_code(response.get_data(as_text=True)) == [], path
        statuses[path] = response.status_code
    return statuses


def test_the_walk_covers_the_application(app):
    paths = parameterless_get_routes(app)
    assert len(paths) >= ANSWERS_WITHOUT_PARAMETERS_AT_LEAST
    assert {"/", "/login", "/tasks/", "/api/v1/tasks", "/healthz", "/admin/users"} <= set(paths)


def test_every_route_for_the_anonymous(app, client, world):
    statuses = walk(client, parameterless_get_routes(app))
    assert statuses["/login"] == 200
    assert statuses["/tasks/"] == 302  # to the sign-in page, with the headers all the same
    assert statuses["/api/v1/tasks"] == 401
    assert statuses["/healthz"] == 200


@pytest.mark.parametrize("who", ["admin", "director", "staff_a"])
def test_every_route_for_signed_in_people(app, world, login_as, who):
    task = world.task(unit="a", title="Nhiệm vụ để xem")
    client = login_as(who)
    paths = parameterless_get_routes(app) + [
        f"/tasks/{task.id}",
        "/static/css/app.css",
        "/bootstrap/static/css/bootstrap.min.css",
        "/no-such-page",
        "/api/v1/no-such-thing",
    ]
    statuses = walk(client, paths)
    assert statuses["/"] == 200
    assert statuses["/no-such-page"] == 404
    assert statuses["/api/v1/tasks"] == 200
    if who == "admin":
        assert statuses["/admin/users"] == 200
    if who == "staff_a":
        assert statuses["/admin/users"] == 403  # a refusal carries the headers too
    opened = [path for path, status in statuses.items() if status == 200]
    assert len(opened) >= 20, opened


def test_signed_in_pages_are_not_cached_static_files_are(world, login_as, client):
    assert "no-store" not in client.get("/login").headers.get("Cache-Control", "")
    login_as("head_a")
    assert client.get("/tasks/").headers["Cache-Control"] == "no-store"
    assert client.get("/api/v1/tasks").headers["Cache-Control"] == "no-store"
    static = client.get("/static/css/app.css")
    static.close()
    assert "no-store" not in static.headers.get("Cache-Control", "")


def test_posts_and_errors_carry_the_headers_too(world, login_as):
    client = login_as("head_a")
    refused = client.post("/tasks/new", data={"title": "x"})  # no CSRF token
    assert refused.status_code == 400
    assert_hardened(refused, "POST /tasks/new")
    api = client.post("/api/v1/tasks", json={"title": "x"})
    assert api.status_code in (403, 422)
    assert_hardened(api, "POST /api/v1/tasks")


def test_the_inline_code_check_catches_what_the_csp_would_block():
    page = (
        "<html><head><style>p{}</style></head><body><script>alert(1)</script>"
        '<script src="/static/js/ok.js"></script><p style="color:red">x</p>'
        '<button onclick="go()">y</button><a href="javascript:go()">z</a></body></html>'
    )
    assert len(inline_code(page)) == 5
