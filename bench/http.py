"""The operations over HTTP, against gunicorn started (and stopped) by the benchmark.

gunicorn runs `app:app` with two workers of four threads on a free loopback port, on the
benchmark's database. Clients keep their connections alive (http.client, standard library)
and carry the session cookie of a form sign-in. Every run is bounded in time and count,
and nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import http.client
import json as jsonlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.measure import Result, percentile

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent
MAX_THROUGHPUT_REQUESTS = 50_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class HttpClient:
    """One keep-alive connection with a cookie jar (the session cookie is all we need)."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.connection = http.client.HTTPConnection(HOST, port, timeout=120)

    def request(self, method, path, *, json=None, form=None, headers=None):
        headers = dict(headers or {})
        body = None
        if json is not None:
            body = jsonlib.dumps(json).encode()
            headers["Content-Type"] = "application/json"
        elif form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A worker closed an idle keep-alive connection: reconnect once.
                self.connection.close()
                if attempt == 2:
                    raise
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def close(self) -> None:
        self.connection.close()


class Server:
    """gunicorn on the benchmark's database, for the duration of a `with` block."""

    def __init__(
        self,
        database_url: str,
        instance: Path,
        workers: int = 2,
        threads: int = 4,
        secret: str | None = None,
    ):
        self.port = free_port()
        # Servers behind one balancer share the secret: a cookie from one opens the other.
        self.secret = secret or os.urandom(24).hex()
        self.url = database_url
        self.instance = instance
        self.command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "-w",
            str(workers),
            "--threads",
            str(threads),
            "-b",
            f"{HOST}:{self.port}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
            "app:app",
        ]
        self.process: subprocess.Popen | None = None
        self.log = instance / "gunicorn.log"

    def __enter__(self) -> Server:
        env = os.environ | {
            "TRACKER_DATABASE_URL": self.url,
            "TRACKER_INSTANCE_PATH": str(self.instance),
            "TRACKER_ENV": "production",
            "TRACKER_SECRET_KEY": self.secret,
        }
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
            )
        self._wait_ready()
        return self

    def _wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: see {self.log}")
            try:
                client = HttpClient(self.port)
                status, _ = client.request("GET", "/login")
                client.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer /login within {seconds:.0f} s")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def throughput(port: int, path: str, cookies: dict, clients: int, seconds: float) -> Result:
    """`clients` threads requesting `path` back to back for `seconds`: answers per second."""
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    times: list[float] = []
    errors: list[str] = []

    def work() -> None:
        client = HttpClient(port, cookies)
        try:
            while time.monotonic() < stop and len(times) < MAX_THROUGHPUT_REQUESTS:
                started = time.perf_counter()
                try:
                    status, _ = client.request("GET", path)
                except OSError as error:
                    status = f"{type(error).__name__}"
                elapsed = time.perf_counter() - started
                with lock:
                    if status == 200:
                        times.append(elapsed)
                    else:
                        errors.append(str(status))
        finally:
            client.close()

    started = time.monotonic()
    threads = [threading.Thread(target=work) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    result = Result(f"Overdue JSON, {clients} clients, {seconds:g} s", "http", times=times)
    result.errors = len(errors)
    rps = len(times) / elapsed
    result.extra = {
        "requests_per_second": round(rps, 1),
        "clients": clients,
        "seconds": round(elapsed, 1),
        "answered": len(times),
    }
    if errors:
        result.extra["first_error"] = errors[0]
    result.extra["p95_under_load_ms"] = round(percentile(times, 0.95) * 1000, 1) if times else None
    return result
