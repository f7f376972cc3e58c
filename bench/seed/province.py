"""A synthetic province for the benchmark: `flask --app app tracker bench-seed`.

Deterministic from its seed (one `random.Random` drives every choice) and dated relative to
today, like the demo: a department with its divisions, district offices and communes, some
1,500 people with their grants, the report's section tree, thousands of legal documents and
five years of tasks with their history. Everything is written in bulk (tracker/services/
bench_load.py); a province of 100,000 tasks loads in well under three minutes.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, inspect, select

from bench.seed import vocab as words
from bench.seed.load import (
    analyze,
    bulk_insert,
    rebuild_search_index,
    reset_sequences,
    suspend_search_index,
)
from bench.seed.tasks import TaskGenerator
from tracker.auth.passwords import hash_password
from tracker.common import clock
from tracker.common.exceptions import ValidationFailed
from tracker.common.freshness import session_changed
from tracker.demo import data as demo_data
from tracker.documents.linking import dedupe_key
from tracker.domain.issuers import DEFAULT_ISSUERS, issuer_name
from tracker.domain.text import fold_join
from tracker.extensions import db
from tracker.models import (
    Document,
    Extension,
    Issuer,
    RoleGrant,
    Section,
    Setting,
    Task,
    TaskUpdate,
    Unit,
    User,
    task_document,
    task_support_unit,
)
from tracker.models._base import utcnow

BENCH_PASSWORD = "Bench2026tracker"  # noqa: S105  (synthetic data for benchmarks only)
USERS_PER_UNIT = 7.5
TASKS_PER_DOCUMENT = 20
DOC_TYPE_WEIGHTS = (20, 30, 15, 5, 10, 4, 5, 3, 3, 5)
STAFF_WEIGHTS = {
    "department": 2.0,
    "office": 4.0,
    "inspectorate": 3.0,
    "division": 4.0,
    "center": 4.0,
    "district": 1.5,
    "commune": 1.0,
}


@dataclass
class Org:
    """The province's structure as plain rows, with the look-ups the task generator needs."""

    units: list[dict] = field(default_factory=list)
    users: list[dict] = field(default_factory=list)
    grants: list[dict] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    directors: list[int] = field(default_factory=list)
    unit_people: dict[int, list[int]] = field(default_factory=dict)
    heads: dict[int, int] = field(default_factory=dict)


@dataclass
class SeedSummary:
    counts: dict[str, int]
    timeliness: dict[str, int]
    seconds: float
    password: str = BENCH_PASSWORD
    logins: dict[str, str] = field(default_factory=dict)
    phases: dict[str, float] = field(default_factory=dict)


def database_is_empty() -> bool:
    """No units, people or tasks yet (the schema itself must exist)."""
    return not any(
        db.session.scalar(select(func.count()).select_from(m)) for m in (Unit, User, Task)
    )


def schema_exists() -> bool:
    return inspect(db.session.connection()).has_table(Task.__tablename__)


def seed_province(units: int, tasks: int, seed: int = 1, today: date | None = None) -> SeedSummary:
    """Fill an empty database with a synthetic province; flush only (the caller commits)."""
    if not database_is_empty():
        raise ValidationFailed("Cơ sở dữ liệu đã có dữ liệu: bench-seed chỉ nạp vào CSDL trống.")
    started = time.perf_counter()
    today = today or clock.today()
    rng = random.Random(seed)  # noqa: S311  (reproducible data, not secrets)
    # Stored times are UTC; nothing may lie after the moment of seeding (or, for a past
    # `today`, after 08:00 local that day, which is 01:00 UTC).
    now = min(utcnow(), datetime.combine(today, datetime.min.time()) + timedelta(hours=1))
    org = build_org(rng, units, max(20, tasks // TASKS_PER_DOCUMENT), today, now)
    generated = TaskGenerator(rng, org, today, now).generate(tasks)

    suspend_search_index()
    tables = [
        (Setting.__table__, [{"key": k, "value": v} for k, v in demo_data.ORGANISATION.items()]),
        (Issuer.__table__, [{"code": c, "name": n} for c, n in DEFAULT_ISSUERS.items()]),
        (Unit.__table__, org.units),
        (User.__table__, org.users),
        (RoleGrant.__table__, org.grants),
        (Section.__table__, org.sections),
        (Document.__table__, org.documents),
        (Task.__table__, generated.tasks),
        (task_support_unit, generated.support),
        (task_document, generated.documents),
        (TaskUpdate.__table__, generated.updates),
        (Extension.__table__, generated.extensions),
    ]
    phases = {"generate": time.perf_counter() - started}
    counts = {table.name: bulk_insert(table, rows) for table, rows in tables}
    reset_sequences(table for table, _ in tables)
    phases["load"] = time.perf_counter() - started - phases["generate"]
    rebuild_search_index()
    analyze()
    # The rows went in past the ORM session: mark the data as changed for every cache.
    session_changed(db.session)
    db.session.flush()
    phases["index"] = time.perf_counter() - started - phases["generate"] - phases["load"]
    logins = {"director": "giamdoc", "district_head": _district_head_login(org)}
    seconds = time.perf_counter() - started
    return SeedSummary(counts, generated.timeliness, seconds, logins=logins, phases=phases)


def _district_head_login(org: Org) -> str:
    office = next(u for u in org.units if u["code"].startswith("VHTT-"))
    return next(u["username"] for u in org.users if u["id"] == org.heads[office["id"]])


# -- the organisation ------------------------------------------------------------------------


def _sizes(n: int) -> tuple[int, int, int]:
    """How many provincial units, district offices and district-level units `n` units hold."""
    provincial = max(1, round(n * 0.08))
    offices = max(1, round(n * 0.045))
    district_level = max(offices, round(n * 0.36))
    if 1 + provincial + district_level > n:
        raise ValidationFailed(f"Cần ít nhất {1 + provincial + district_level} đơn vị.", "units")
    return provincial, offices, district_level


def build_org(rng: random.Random, n_units: int, n_documents: int, today: date, now: datetime):
    """Units, people, grants, sections and documents of the province."""
    org = Org()
    _units(org, rng, n_units)
    _people(org, rng, round(n_units * USERS_PER_UNIT), now)
    for order, (code, title) in enumerate(demo_data.SECTIONS, start=1):
        parent = code.rsplit(".", 1)[0] if "." in code else None
        parent_id = next(s["id"] for s in org.sections if s["code"] == parent) if parent else None
        org.sections.append(
            {
                "id": order,
                "code": code,
                "title": title,
                "parent_id": parent_id,
                "sort_order": order,
                "active": True,
            }
        )
    _documents(org, rng, n_documents, today, now)
    return org


def _units(org: Org, rng: random.Random, n: int) -> None:
    provincial, offices, district_level = _sizes(n)

    def add(code, name, short, kind, parent_id):
        unit_id = len(org.units) + 1
        org.units.append(
            {
                "id": unit_id,
                "code": code,
                "name": name,
                "short_name": short,
                "kind": kind,
                "parent_id": parent_id,
                "sort_order": unit_id,
                "active": True,
            }
        )
        return unit_id

    root = add(*words.ROOT, None)
    for i in range(provincial):
        if i < len(words.PROVINCIAL):
            add(*words.PROVINCIAL[i], root)
        else:
            add(f"DV{i + 1:02d}", f"Đơn vị trực thuộc Sở số {i + 1}", None, "center", root)
    office_ids = []
    for i in range(offices):
        code, place = (
            words.DISTRICTS[i] if i < len(words.DISTRICTS) else (f"H{i + 1}", f"huyện {i + 1}")
        )
        name = f"Phòng Văn hóa và Thông tin {place}"
        office_ids.append(
            (
                add(f"VHTT-{code}", name, f"P.VHTT {place.split(' ', 1)[1]}", "district", root),
                code,
                place,
            )
        )
    for i in range(district_level - offices):
        office_id, code, place = office_ids[i % offices]
        k = i // offices
        suffix, body = words.DISTRICT_BODIES[k % len(words.DISTRICT_BODIES)]
        if k >= len(words.DISTRICT_BODIES):
            suffix, body = f"{suffix}{k}", f"{body} (số {k})"
        add(f"{code}-{suffix}", f"{body} {place}", None, "district", office_id)
    names: set[str] = set()
    communes = n - len(org.units)
    for i in range(communes):
        office_id, code, _place = office_ids[i % offices]
        name = f"{rng.choice(words.COMMUNE_FIRST)} {rng.choice(words.COMMUNE_SECOND)}"
        while name in names:
            name = f"{rng.choice(words.COMMUNE_FIRST)} {rng.choice(words.COMMUNE_SECOND)}"
            if len(names) > len(words.COMMUNE_FIRST) * len(words.COMMUNE_SECOND) // 2:
                name = f"{name} {i}"
        names.add(name)
        add(
            f"X-{code}-{i // offices + 1:02d}",
            f"UBND xã {name}",
            f"Xã {name}",
            "commune",
            office_id,
        )


def _person(rng: random.Random) -> str:
    return f"{rng.choice(words.SURNAMES)} {rng.choice(words.MIDDLE)} {rng.choice(words.GIVEN)}"


def _people(org: Org, rng: random.Random, total: int, now: datetime) -> None:
    password_hash = hash_password(BENCH_PASSWORD)  # argon2 is slow by design: hash once
    root = org.units[0]["id"]
    created = now - timedelta(days=5 * 366)

    def add(username, title, role, unit_id):
        user_id = len(org.users) + 1
        org.users.append(
            {
                "id": user_id,
                "username": username,
                "full_name": _person(rng),
                "job_title": title,
                "email": f"{username}@bench.tracker.local",
                "password_hash": password_hash,
                "active": True,
                "session_version": 1,
                "calendar_token": f"{rng.getrandbits(128):032x}",
                "notify_prefs": {},
                "created_at": created,
            }
        )
        org.grants.append({"id": user_id, "user_id": user_id, "role": role, "unit_id": unit_id})
        if role in ("head", "staff"):
            org.unit_people.setdefault(unit_id, []).append(user_id)
        return user_id

    add("admin", "Quản trị hệ thống", "admin", root)
    org.directors.append(add("giamdoc", "Giám đốc Sở", "director", root))
    for k in (1, 2, 3):
        org.directors.append(add(f"phogiamdoc{k}", "Phó Giám đốc Sở", "director", root))
    for k in (1, 2):
        add(f"theodoi{k}", "Chuyên viên UBND tỉnh", "viewer", root)
    for unit in org.units[1:]:
        org.heads[unit["id"]] = add(
            f"truong.{unit['code'].lower()}", "Trưởng đơn vị", "head", unit["id"]
        )
    staffed = org.units[1:] or org.units
    weights = [STAFF_WEIGHTS.get(u["kind"], 1.0) for u in staffed]
    numbers: dict[int, int] = {}
    for unit in rng.choices(staffed, weights, k=max(0, total - len(org.users))):
        k = numbers[unit["id"]] = numbers.get(unit["id"], 0) + 1
        viewer = k % 10 == 0  # one in ten only follows the unit's work
        role, title = ("viewer", "Theo dõi") if viewer else ("staff", "Chuyên viên")
        add(f"cv.{unit['code'].lower()}.{k}", title, role, unit["id"])


def _documents(org: Org, rng: random.Random, n: int, today: date, now: datetime) -> None:
    numbers: dict[tuple, int] = {}
    first_year = today.year - 6
    for doc_id in range(1, n + 1):
        doc_type, code, issuers = rng.choices(words.DOCUMENT_TYPES, DOC_TYPE_WEIGHTS)[0]
        issuer = rng.choice(issuers)
        year = rng.randint(first_year, today.year)
        last = (today - date(year, 1, 1)).days if year == today.year else 364
        issued = date(year, 1, 1) + timedelta(days=rng.randint(0, max(0, last)))
        key = (doc_type, issuer, year)
        number = numbers[key] = numbers.get(key, rng.randint(1, 40)) + rng.randint(1, 12)
        if code is None:
            symbol = f"{number}/{issuer}-{rng.choice(('VX', 'THNV', 'KTTC', 'CNXD', 'VP'))}"
        elif doc_type in words.YEAR_IN_SYMBOL:
            symbol = f"{number}/{year}/{code}-{issuer}"
        else:
            symbol = f"{number}/{code}-{issuer}"
        title = rng.choice(words.DOCUMENT_SUBJECTS) + rng.choice(("", f" năm {year}", ""))
        name = issuer_name(issuer)
        org.documents.append(
            {
                "id": doc_id,
                "doc_type": doc_type,
                "symbol": symbol,
                "dedupe_key": dedupe_key(symbol, year),
                "number": str(number),
                "year": year,
                "issuer_code": issuer,
                "issuer_name": name,
                "issued_on": issued,
                "title": title,
                "needs_title": False,
                "search_text": fold_join(doc_type, symbol, title, name),
                "created_at": min(
                    now, datetime.combine(issued, datetime.min.time()) + timedelta(days=2)
                ),
            }
        )
    org.documents.sort(key=lambda d: (d["issued_on"], d["id"]))
