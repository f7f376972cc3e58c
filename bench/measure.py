"""Timing operations and judging them: clients, statistics, results and verdicts."""

from __future__ import annotations

import math
import re
import statistics
import time
from dataclasses import dataclass, field
from typing import Protocol

from bench.workloads import PASSWORD, Operation, Target

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Client(Protocol):
    def request(
        self, method: str, path: str, *, json=None, form=None, headers=None
    ) -> tuple[int, bytes]: ...


class FlaskClient:
    """Flask's test client behind the benchmark's client interface (in-process)."""

    def __init__(self, app):
        self.raw = app.test_client()

    def request(self, method, path, *, json=None, form=None, headers=None):
        response = self.raw.open(path, method=method, json=json, data=form, headers=headers or {})
        return response.status_code, response.get_data()


def sign_in(client: Client, username: str) -> None:
    """Sign in through the login form, CSRF token included."""
    _, page = client.request("GET", "/login")
    match = CSRF.search(page.decode())
    if not match:
        raise RuntimeError("no CSRF token on /login")
    form = {"csrf_token": match.group(1), "username": username, "password": PASSWORD}
    status, _ = client.request("POST", "/login", form=form)
    if status not in (302, 303):
        raise RuntimeError(f"signing in as {username} failed with HTTP {status}")


def api_token(client: Client, username: str) -> str:
    """A bearer token for the API."""
    import json

    status, body = client.request(
        "POST", "/api/v1/auth/token", json={"username": username, "password": PASSWORD}
    )
    if status not in (200, 201):
        raise RuntimeError(f"no API token for {username}: HTTP {status}")
    return json.loads(body)["token"]


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (p95 of 20 runs is the 19th fastest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class Result:
    operation: str
    mode: str  # "in-process" or "http"
    times: list[float] = field(default_factory=list)
    errors: int = 0
    target: Target | None = None
    floor: float | None = None
    ratio: float | None = None
    peak_mb: float | None = None
    queries: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.times)

    def stat(self, name: str) -> float:
        if not self.times:
            return math.nan
        if name == "median":
            return statistics.median(self.times)
        if name == "p95":
            return percentile(self.times, 0.95)
        return max(self.times)

    @property
    def verdict(self) -> str:
        if self.errors:
            return f"ERROR ({self.errors})"
        if self.target is None:
            return ""
        t = self.target
        missed = []
        if t.seconds is not None and self.stat(t.stat) > t.seconds:
            missed.append(t.stat)
        if t.ratio and self.ratio is not None and self.ratio > t.ratio:
            missed.append("ratio")
        if t.peak_mb and self.peak_mb is not None and self.peak_mb > t.peak_mb:
            missed.append("memory")
        if t.rps and self.extra.get("requests_per_second", 0) < t.rps:
            missed.append("req/s")
        return "met" if not missed else "MISSED: " + ", ".join(missed)

    def to_dict(self) -> dict:
        data = {
            "operation": self.operation,
            "mode": self.mode,
            "n": self.n,
            "errors": self.errors,
            "target": self.target.describe() if self.target else None,
            "verdict": self.verdict,
            "floor_ms": None if self.floor is None else round(self.floor * 1000, 2),
            "ratio": None if self.ratio is None else round(self.ratio, 2),
            "peak_mb": None if self.peak_mb is None else round(self.peak_mb, 1),
            "queries": self.queries,
        }
        if self.times:
            for name in ("median", "p95", "max"):
                data[f"{name}_ms"] = round(self.stat(name) * 1000, 2)
        return data | self.extra


def headers_for(op: Operation, token: str | None) -> dict:
    return {"Authorization": f"Bearer {token}"} if op.bearer and token else {}


def time_operation(
    op: Operation,
    client: Client,
    token: str | None,
    mode: str,
    before=None,
    name: str | None = None,
) -> Result:
    """Run the operation's warm-up and timed runs; count the answers that are not 2xx.

    `before`, when given, runs untimed before each request (emptying the answer cache).
    """
    result = Result(name or op.name, mode, target=None if name else op.target)
    headers = headers_for(op, token)
    for run in range(op.warmup + op.repeat):
        body = op.body(run) if op.body else None
        if before is not None:
            before()
        started = time.perf_counter()
        status, data = client.request(op.method, op.path(run), json=body, headers=headers)
        elapsed = time.perf_counter() - started
        if op.after:
            op.after(run, status, data)
        if run < op.warmup:
            continue
        result.times.append(elapsed)
        if not 200 <= status < 300:
            result.errors += 1
            result.extra.setdefault("first_error", f"HTTP {status} on {op.path(run)}")
    return result
