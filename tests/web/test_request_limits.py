"""Requests no one should send get a 4xx that says why, not a server error (the "input
robustness" issue, item 11): deep or huge JSON, Unicode digits, a method a route lacks."""

from __future__ import annotations

import pytest
from api_support import api_factory

from tracker.web.json_bodies import MAX_DEPTH, nesting_depth

DEEP = "[" * 3000 + "]" * 3000


@pytest.fixture
def api_as(client, world):
    return api_factory(client, world)


def deep_object(levels: int) -> str:
    return '{"a":' * levels + "1" + "}" * levels


@pytest.mark.parametrize("body", [DEEP, deep_object(3000), '{"username": ' + DEEP + "}"])
def test_deep_json_is_a_400_even_before_signing_in(client, world, body):
    answer = client.post("/api/v1/auth/token", data=body, content_type="application/json")
    assert answer.status_code == 400
    assert "lồng nhau quá 64 cấp" in answer.get_json()["error"]["message"]


def test_deep_json_is_a_400_on_a_write_and_changes_nothing(world, api_as):
    task = world.task(title="Giữ nguyên")
    body = '{"version": 1, "support_units": ' + DEEP + "}"
    answer = api_as("director").patch(
        f"/tasks/{task.id}", data=body, content_type="application/json"
    )
    assert answer.status_code == 400 and answer.get_json()["error"]["code"] == "bad_request"


def test_json_nested_to_the_limit_is_still_read(world, api_as):
    body = '{"title": "x", "extra": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}"
    answer = api_as("director").post("/tasks", data=body, content_type="application/json")
    assert answer.status_code == 422  # read, then refused for its unknown member
    assert "extra" in answer.get_json()["error"]["fields"]


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert nesting_depth(b'{"a": "[[[[{{{{", "b": [1, [2]], "c": "\\"[["}') == 3
    assert nesting_depth(DEEP.encode()) == 3000
    assert nesting_depth(b"12") == 0


def test_a_json_body_over_the_limit_is_a_413_before_parsing(client, world):
    body = '{"username": "' + "x" * (1024 * 1024 + 10) + '"}'
    answer = client.post("/api/v1/auth/token", data=body, content_type="application/json")
    assert answer.status_code == 413 and answer.get_json()["error"]["code"] == "too_large"


@pytest.mark.parametrize("year", ["²", "٣٠٢٠", "9" * 5000, "-1", "0000", "2101"])
def test_a_documents_year_in_other_digits_is_a_422(login_as, year):
    client = login_as("director")
    page = client.get("/documents/", query_string={"year": year})
    assert page.status_code == 422 and "Năm" in page.get_data(as_text=True)
    answer = client.get("/api/v1/documents", query_string={"year": year})
    assert answer.status_code == 422 and "year" in answer.get_json()["error"]["fields"]


@pytest.mark.parametrize("assignee", ["²", "9" * 5000])
def test_a_task_lists_assignee_in_other_digits_is_no_server_error(login_as, assignee):
    client = login_as("director")
    assert client.get("/tasks/", query_string={"assignee": assignee}).status_code == 422
    assert client.get("/tasks/unit", query_string={"assignee": assignee}).status_code < 500
    answer = client.get("/api/v1/tasks", query_string={"assignee": assignee})
    assert answer.status_code == 422


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/api/v1/tasks", {"GET", "POST"}),
        ("PUT", "/api/v1/auth/token", {"POST", "DELETE"}),
        ("DELETE", "/tasks/", {"GET"}),
        ("PUT", "/login", {"GET", "POST"}),
    ],
)
def test_every_405_says_which_methods_are_allowed(login_as, method, path, allowed):
    answer = login_as("director").open(path, method=method)
    assert answer.status_code == 405
    given = {m.strip() for m in answer.headers.get("Allow", "").split(",") if m.strip()}
    assert allowed <= given, answer.headers


@pytest.mark.parametrize("path", ["/tasks/?q=a%00b", "/documents/?type=%00", "/overview?unit=%00"])
def test_a_nul_in_the_address_is_a_400_that_names_the_parameter(login_as, path):
    """PostgreSQL refuses NUL in text: passing one on was a 500 there (not on SQLite)."""
    response = login_as("director").get(path)
    assert response.status_code == 400
    assert "trong địa chỉ chứa ký tự không hợp lệ" in response.get_data(as_text=True)


def test_a_nul_in_an_api_address_is_a_400_json(client, world):
    response = client.get("/api/v1/tasks?q=a%00b")
    assert response.status_code == 400
    assert "“q”" in response.get_json()["error"]["message"]
