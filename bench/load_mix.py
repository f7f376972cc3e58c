"""The load's traffic: what each client does, and the tally of every answer.

Four requests in five are reads (lists, task pages, the overview, the report as JSON,
search, the API's task list, and the read of a task's current version before an update);
one in five is a PATCH of a task's progress through the API with that version. A 409 is
the right answer when two clients raced on the same task: it is counted, not an error.
"""

from __future__ import annotations

import http.client
import json as jsonlib
import math
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from bench.http import HttpClient
from bench.load_prepare import Department, Person
from bench.measure import CSRF

PATCH = "PATCH progress (API)"
VERSION_READ = "task JSON before update (API)"


@dataclass
class Tally:
    """Every answer, by operation: latencies, statuses, and samples of what went wrong."""

    times: dict[str, list[float]] = field(default_factory=dict)
    statuses: dict[str, Counter] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)
    conflicts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, op: str, status, seconds: float, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.times.setdefault(op, []).append(seconds)
            self.statuses.setdefault(op, Counter())[str(status)] += 1
            if status == 409 and ok:
                self.conflicts += 1
            if not ok:
                self.errors[op] = self.errors.get(op, 0) + 1
                if len(self.samples) < 20:
                    self.samples.append(f"{op}: {status} {detail}"[:300])

    @property
    def requests(self) -> int:
        return sum(len(t) for t in self.times.values())


class Budget:
    """At most `limit` requests in all, shared by the clients."""

    def __init__(self, limit: int):
        self.left = limit
        self.lock = threading.Lock()

    def take(self, count: int = 1) -> bool:
        with self.lock:
            if self.left < count:
                return False
            self.left -= count
            return True


def sign_in(port: int, person: Person, password: str) -> dict[str, str]:
    """The session cookie of a sign-in through the form, as a browser gets it."""
    client = HttpClient(port)
    try:
        _, page = client.request("GET", "/login")
        match = CSRF.search(page.decode())
        if not match:
            raise RuntimeError("no CSRF token on /login")
        form = {"csrf_token": match.group(1), "username": person.username, "password": password}
        status, _ = client.request("POST", "/login", form=form)
        if status not in (302, 303):
            raise RuntimeError(f"signing in as {person.username} failed with HTTP {status}")
        return dict(client.cookies)
    finally:
        client.close()


class LoadClient:
    """One client: one keep-alive connection, acting as whichever person an operation needs."""

    def __init__(self, port: int, department: Department, sessions: dict, tally: Tally, seed):
        self.port = port
        self.department = department
        self.sessions = sessions
        self.tally = tally
        self.rng = random.Random(seed)
        self.http = HttpClient(port)
        self.operations: list[tuple[Callable[[], None], int]] = [
            (self.task_list, 17),
            (self.task_page, 17),
            (self.overview, 8),
            (self.home, 7),
            (self.report_json, 8),
            (self.search, 10),
            (self.api_list, 8),
            (self.update, 25),  # two requests: the version read, then the PATCH
        ]

    def run(self, deadline: float, budget: Budget) -> None:
        actions = [action for action, _ in self.operations]
        weights = [weight for _, weight in self.operations]
        try:
            while time.monotonic() < deadline:
                action = self.rng.choices(actions, weights)[0]
                if not budget.take(2 if action == self.update else 1):
                    return
                action()
        finally:
            self.http.close()

    # -- the requests -----------------------------------------------------------------------

    def request(self, op, method, path, person, *, bearer=False, json=None, expect=(200,)):
        """Make one request as `person`, time it and tally it; return (status, body)."""
        if bearer:
            self.http.cookies = {}
            headers = {"Authorization": f"Bearer {person.token}"}
        else:
            self.http.cookies = dict(self.sessions[person.username])
            headers = {}
        started = time.perf_counter()
        try:
            status, body = self.http.request(method, path, json=json, headers=headers)
        except (OSError, http.client.HTTPException) as error:
            elapsed = time.perf_counter() - started
            self.tally.add(op, type(error).__name__, elapsed, False, f"{method} {path}")
            self.http.close()
            self.http = HttpClient(self.port)
            return None, b""
        elapsed = time.perf_counter() - started
        ok = status in expect
        self.tally.add(op, status, elapsed, ok, "" if ok else f"{method} {path} {body[:160]!r}")
        return status, body

    def someone(self, need: str | None = None) -> Person:
        people = self.department.people
        if need:
            people = [p for p in people if getattr(p, need)]
        return self.rng.choice(people)

    def task_list(self) -> None:
        variants = ("", "?status=in_progress", "?timeliness=overdue", "?page=2", "?q=chuyen+doi")
        self.request("task list", "GET", "/tasks/" + self.rng.choice(variants), self.someone())

    def task_page(self) -> None:
        person = self.someone("visible")
        self.request("task page", "GET", f"/tasks/{self.rng.choice(person.visible)}", person)

    def overview(self) -> None:
        self.request("overview", "GET", "/overview", self.someone())

    def home(self) -> None:
        self.request("home", "GET", "/", self.someone())

    def report_json(self) -> None:
        path = f"/api/v1/reports/{self.department.period}"
        self.request("report JSON (API)", "GET", path, self.someone(), bearer=True)

    def search(self) -> None:
        term = quote(self.rng.choice(self.department.searches))
        self.request("search", "GET", f"/search/?q={term}", self.someone())

    def api_list(self) -> None:
        path = "/api/v1/tasks?per_page=50&timeliness=" + self.rng.choice(("overdue", "due_soon"))
        self.request("task list (API)", "GET", path, self.someone(), bearer=True)

    def update(self) -> None:
        """Read the task's version, then PATCH its progress with it (a script's update)."""
        person = self.someone("updatable")
        path = f"/api/v1/tasks/{self.rng.choice(person.updatable)}"
        status, body = self.request(VERSION_READ, "GET", path, person, bearer=True)
        if status != 200:
            return
        version = jsonlib.loads(body)["version"]
        change = {"progress": self.rng.randint(1, 95), "version": version}
        self.request(PATCH, "PATCH", path, person, bearer=True, json=change, expect=(200, 409))


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (as bench.measure does)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary(tally: Tally, elapsed: float) -> dict:
    """Requests, errors, 409s, requests per second and latencies, overall and by operation."""
    everything = [t for times in tally.times.values() for t in times]
    operations = []
    for op in sorted(tally.times, key=lambda name: -len(tally.times[name])):
        times = tally.times[op]
        operations.append(
            {
                "operation": op,
                "requests": len(times),
                "errors": tally.errors.get(op, 0),
                "statuses": dict(tally.statuses[op]),
                "p50_ms": round(percentile(times, 0.50) * 1000, 1),
                "p95_ms": round(percentile(times, 0.95) * 1000, 1),
                "max_ms": round(max(times) * 1000, 1),
            }
        )
    writes = len(tally.times.get(PATCH, []))
    return {
        "requests": len(everything),
        "errors": sum(tally.errors.values()),
        "conflicts_409": tally.conflicts,
        "seconds": round(elapsed, 1),
        "requests_per_second": round(len(everything) / elapsed, 1) if elapsed else 0.0,
        "write_share": round(writes / len(everything), 3) if everything else 0.0,
        "p50_ms": round(percentile(everything, 0.50) * 1000, 1) if everything else None,
        "p95_ms": round(percentile(everything, 0.95) * 1000, 1) if everything else None,
        "max_ms": round(max(everything) * 1000, 1) if everything else None,
        "operations": operations,
        "error_samples": tally.samples,
    }
