"""Two app servers (gunicorn, two workers each) on one database behave as one.

Each server has its own instance folder, as two machines would: nothing may depend on one
server's disk or memory. Written through one, read through the other: sessions, sign-in
counts, pages, the API, kept answers, evidence files; and the daily job runs once.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from security_support import PASSWORD

from tracker.extensions import db

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.slow
pytest_plugins = ["mail_support"]


class Browser(requests.Session):
    """A client with cookies, never waiting forever on a server."""

    def request(self, method, url, **kw):
        kw.setdefault("timeout", 30)
        return super().request(method, url, **kw)


def shared_redis() -> dict[str, str]:
    """REDIS_URL for both servers when the local Redis answers (the production shape)."""
    import redis

    url = os.environ.get("TRACKER_TEST_REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return {}
    return {"REDIS_URL": url, "TRACKER_RATELIMIT_PREFIX": f"tracker-two-servers-{os.getpid()}"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppServer:
    def __init__(self, name: str, database_url: str, tmp_path: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = (
            os.environ
            | {
                "TRACKER_ENV": "production",
                "TRACKER_SECRET_KEY": "one-secret-for-every-server-of-the-test",
                "TRACKER_DATABASE_URL": database_url,
                "TRACKER_INSTANCE_PATH": str(tmp_path / name),
                "TRACKER_LOG_LEVEL": "WARNING",
            }
            | shared_redis()
        )
        self.log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(GUNICORN), "-w", "2", "-b", f"127.0.0.1:{self.port}", "app:app"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self) -> AppServer:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if Browser().get(self.url + "/readyz", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:  # not listening yet, or still starting
                time.sleep(0.2)
        raise AssertionError(f"{self.url} never became ready")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


@pytest.fixture
def servers(database_url, world, tmp_path):
    db.session.commit()
    started = [AppServer(name, database_url, tmp_path) for name in ("one", "two")]
    try:
        yield [server.wait_ready() for server in started]
    finally:
        for server in started:
            server.stop()


def sign_in(browser: Browser, server: AppServer, username: str, password=PASSWORD):
    page = browser.get(server.url + "/login").text
    form = {"csrf_token": CSRF.search(page).group(1), "username": username, "password": password}
    return browser.post(server.url + "/login", data=form, allow_redirects=False)


def csrf_of(browser: Browser, url: str) -> str:
    return CSRF.search(browser.get(url).text).group(1)


def test_a_session_opened_on_one_server_works_and_ends_on_the_other(servers):
    one, two = servers
    browser = Browser()
    assert sign_in(browser, one, "head.a").status_code == 302
    assert browser.get(two.url + "/account", allow_redirects=False).status_code == 200
    stolen = dict(browser.cookies)
    token = csrf_of(browser, two.url + "/account")
    browser.post(two.url + "/logout", data={"csrf_token": token}, allow_redirects=False)
    replay = Browser().get(one.url + "/account", cookies=stolen, allow_redirects=False)
    assert replay.status_code == 302  # logged out on two: ended on one too


def test_wrong_passwords_are_counted_once_for_both_servers(servers):
    one, two = servers
    statuses = [
        sign_in(Browser(), servers[n % 2], "head.b", "wrong-password-1").status_code
        for n in range(6)
    ]
    assert statuses == [200] * 5 + [303]  # five free tries in all, not five on each


def test_written_through_one_read_through_the_other(servers, world):
    one, two = servers
    issued = Browser().post(
        one.url + "/api/v1/auth/token", json={"username": "director", "password": PASSWORD}
    )
    bearer = {"Authorization": f"Bearer {issued.json()['token']}"}
    before = Browser().get(two.url + "/api/v1/tasks?per_page=100", headers=bearer).json()
    Browser().get(two.url + "/api/v1/tasks?per_page=100", headers=bearer)  # kept on two now
    created = Browser().post(
        one.url + "/api/v1/tasks",
        headers=bearer,
        json={"title": "Viết qua máy một", "section": "I.1", "lead_unit": "A"},
    )
    assert created.status_code == 201, created.text
    task_id = created.json()["id"]
    after = Browser().get(two.url + "/api/v1/tasks?per_page=100", headers=bearer).json()
    assert after["total"] == before["total"] + 1
    assert task_id in [item["id"] for item in after["items"]]
    browser = Browser()
    sign_in(browser, two, "director")
    assert "Viết qua máy một" in browser.get(two.url + f"/tasks/{task_id}").text
    # Evidence uploaded through one is downloaded through the other.
    upload = browser.post(
        one.url + f"/tasks/{task_id}/attachments",
        data={"csrf_token": csrf_of(browser, one.url + f"/tasks/{task_id}")},
        files={"file": ("bao-cao.pdf", PDF, "application/pdf")},
        allow_redirects=False,
    )
    assert upload.status_code in (302, 303), upload.text[:500]
    links = re.findall(
        rf"/tasks/{task_id}/attachments/(\d+)", browser.get(two.url + f"/tasks/{task_id}").text
    )
    assert links, "the evidence is not listed on the other server"
    download = browser.get(two.url + f"/tasks/{task_id}/attachments/{links[0]}")
    assert download.status_code == 200 and download.content == PDF


def test_the_daily_job_runs_once_from_both_servers(
    servers, app, smtp, tmp_path, database_url, world
):
    world.task(unit="a", title="Quá hạn", due=world.days(-3), assignee=world.users["staff_a"])
    env = os.environ | {
        "TRACKER_ENV": "production",
        "TRACKER_SECRET_KEY": "one-secret-for-every-server-of-the-test",
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(app.config["SMTP_PORT"]),
    }
    command = [sys.executable, "-m", "flask", "--app", "app", "tracker", "remind"]
    runs = [
        subprocess.Popen(
            command,
            cwd=ROOT,
            env=env | {"TRACKER_INSTANCE_PATH": str(tmp_path / name)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for name in ("one", "two")
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert sum("already ran or are running elsewhere" in out for out in outputs) == 1, outputs
    recipients = [message["To"] for message in smtp.messages]
    assert recipients and len(recipients) == len(set(recipients)), recipients
