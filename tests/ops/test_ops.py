"""Operations: probes, the 500 page that tells nothing away, and logs a person can follow."""

from __future__ import annotations

import io
import json
import logging
import socket
from collections.abc import Iterator

import pytest
from security_support import fresh_app, sign_in

SERVER_ERROR = "Đã có lỗi ngoài ý muốn. Bộ phận kỹ thuật đã được ghi nhận."
SECRET_DETAIL = "password=hunter2 at /srv/tracker/secret.py"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def no_database(database_url) -> Iterator:
    """An app whose PostgreSQL is not there (a port nobody listens on)."""
    url = f"postgresql+psycopg://tracker@127.0.0.1:{closed_port()}/tracker"
    options = {"pool_pre_ping": True, "connect_args": {"connect_timeout": 2}}
    with fresh_app(url, SQLALCHEMY_ENGINE_OPTIONS=options) as app:
        yield app


def assert_tells_nothing(body: str) -> None:
    for leak in ("Traceback", 'File "', "OperationalError", "RuntimeError", SECRET_DETAIL):
        assert leak not in body, leak


def test_the_probes_answer_when_all_is_well(client, dialect):
    health = client.get("/healthz")
    assert health.status_code == 200 and health.get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json() == {"status": "ok", "database": dialect}
    assert ready.headers["X-Frame-Options"] == "DENY"


def test_without_a_database_the_process_is_alive_but_not_ready(no_database):
    client = no_database.test_client()
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.get_json()["status"] == "unavailable"
    assert client.get("/login").status_code == 200  # the sign-in page needs no database


def test_without_a_database_a_signed_in_page_is_the_vietnamese_500(client, world, no_database):
    sign_in(client, "head.a")
    stranded = no_database.test_client()
    stranded.set_cookie("session", client.get_cookie("session").value)
    response = stranded.get("/tasks/")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Lỗi hệ thống" in page and SERVER_ERROR in page
    assert_tells_nothing(page)
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    api = stranded.get("/api/v1/tasks")
    assert api.status_code == 500
    assert api.get_json() == {"error": {"code": "server_error", "message": SERVER_ERROR}}


@pytest.fixture
def json_logs() -> Iterator[io.StringIO]:
    """Capture the app's JSON log lines; put the "tracker" logger back as it was afterwards."""
    logger = logging.getLogger("tracker")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    buffer = io.StringIO()
    yield buffer
    logger.handlers[:], logger.level, logger.propagate = saved


@pytest.fixture
def breaking_app(database_url, json_logs) -> Iterator:
    """A fresh app, logging JSON as in production, with a route that fails."""
    with fresh_app(database_url, TESTING=False, LOG_FORMAT="json", LOG_LEVEL="INFO") as app:

        def boom():
            raise RuntimeError(SECRET_DETAIL)

        app.add_url_rule("/boom", view_func=boom)
        app.add_url_rule("/api/v1-test/boom", endpoint="api_boom", view_func=boom)
        logging.getLogger("tracker").handlers[0].setStream(json_logs)
        yield app


def log_lines(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_a_crash_shows_the_vietnamese_500_page_and_nothing_else(breaking_app, db):
    response = breaking_app.test_client().get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Lỗi hệ thống" in page and SERVER_ERROR in page and 'lang="vi"' in page
    assert_tells_nothing(page)
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_crash_under_the_api_is_json_and_tells_nothing(breaking_app, db):
    response = breaking_app.test_client().get("/api/v1-test/boom")
    assert response.status_code == 500
    assert response.get_json() == {"error": {"code": "server_error", "message": SERVER_ERROR}}


def test_the_crash_is_logged_as_json_with_its_request_id(breaking_app, json_logs, db):
    response = breaking_app.test_client().get("/boom", headers={"X-Request-Id": "req-2026.42"})
    assert response.headers["X-Request-Id"] == "req-2026.42"
    lines = log_lines(json_logs)
    error = next(line for line in lines if line["level"] == "ERROR")
    assert error["request_id"] == "req-2026.42"
    assert error["path"] == "/boom" and error["method"] == "GET"
    assert "RuntimeError" in error["exception"] and SECRET_DETAIL in error["exception"]
    request = next(line for line in lines if line["logger"] == "tracker.request")
    assert request["request_id"] == "req-2026.42"
    assert request["status"] == 500 and request["duration_ms"] >= 0


def test_every_request_gets_an_id_and_a_forged_one_is_replaced(breaking_app, json_logs, db):
    client = breaking_app.test_client()
    generated = client.get("/healthz").headers["X-Request-Id"]
    assert len(generated) == 16
    forged = '"}, {"level": "CRITICAL"} ' + "y" * 300  # quotes, spaces, far too long
    response = client.get("/healthz", headers={"X-Request-Id": forged})
    assert response.headers["X-Request-Id"] not in (forged, generated)
    assert len(response.headers["X-Request-Id"]) == 16
    ids = [line["request_id"] for line in log_lines(json_logs)]
    assert ids == [generated, response.headers["X-Request-Id"]]


def test_a_signed_in_request_is_logged_with_the_user_id_never_the_name(
    breaking_app, json_logs, world
):
    client = breaking_app.test_client()
    sign_in(client, "head.a")
    client.get("/tasks/")
    line = log_lines(json_logs)[-1]
    assert line["path"] == "/tasks/" and line["status"] == 200
    assert line["user_id"] == world.users["head_a"].id
    assert "head.a" not in json_logs.getvalue().replace('"path": "/login"', "")


def test_unknown_pages_get_the_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.get_data(as_text=True)
