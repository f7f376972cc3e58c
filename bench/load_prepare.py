"""The load test's department: the demo data, more people and tasks, and API tokens.

Everything is written through the app's own services (create_user, create_task) so that
the rows look like real ones; only the API tokens are made directly (hashed, as the app
stores them), because signing in twenty scripts would only measure the sign-in.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from tracker.common import clock
from tracker.common.access import principal_for, task_ref
from tracker.demo.data import DEMO_PASSWORD
from tracker.demo.loader import load_demo
from tracker.domain.periods import Kind, period_containing
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import ApiToken, Section, Task, Unit, User
from tracker.models._base import utcnow
from tracker.org.users import create_user
from tracker.permissions import Action, Role, can
from tracker.tasks.operations import create_task
from tracker.web.requests import token_hash

TITLES = (
    "Triển khai chuyển đổi số tại {unit}",
    "Kiểm tra an toàn thông tin hệ thống của {unit}",
    "Tuyên truyền về dịch vụ công trực tuyến tại {unit}",
    "Báo cáo tình hình bưu chính, viễn thông quý của {unit}",
    "Rà soát thủ tục hành chính do {unit} thực hiện",
    "Nâng cấp cổng thông tin điện tử của {unit}",
)
SEARCHES = ("chuyển đổi số", "an toan thong tin", "tuyên truyền", "buu chinh", "thủ tục")
OPEN = (Status.NOT_STARTED.value, Status.IN_PROGRESS.value)


@dataclass
class Person:
    """Someone the load signs in: their password, role, API token and what they may touch."""

    username: str
    role: str
    token: str = ""
    visible: list[int] = field(default_factory=list)
    updatable: list[int] = field(default_factory=list)


@dataclass
class Department:
    people: list[Person]
    period: str
    searches: tuple[str, ...] = SEARCHES
    password: str = DEMO_PASSWORD
    tasks: int = 0


def prepare(tasks: int, people: int, seed: int = 1) -> Department:
    """Fill the (empty) database inside an app context; return who and what the load uses."""
    today = clock.today()
    rng = random.Random(seed)
    load_demo(today)
    db.session.flush()
    _more_staff(people)
    _more_tasks(tasks, today, rng)
    db.session.flush()
    chosen = _people(people)
    department = Department(
        people=chosen, period=period_containing(today, Kind.QUARTER).code, tasks=tasks
    )
    db.session.commit()
    department.tasks = db.session.query(Task).count()
    return department


def _units() -> list[Unit]:
    return list(db.session.scalars(select(Unit).where(Unit.parent_id.is_not(None))))


def _more_staff(people: int) -> None:
    """A second (third...) member of staff per unit until there are enough people."""
    units = _units()
    existing = db.session.query(User).count()
    for number in range(max(0, people + 1 - existing)):
        unit = units[number % len(units)]
        create_user(
            f"cv{2 + number // len(units)}.{unit.code.lower()}",
            DEMO_PASSWORD,
            Role.STAFF.value,
            unit,
            full_name=f"Chuyên viên {number + 2} {unit.short_name or unit.code}",
            check_password=False,
        )


def _more_tasks(total: int, today: date, rng: random.Random) -> None:
    """Tasks assigned by the director to every unit, until there are `total`."""
    director = db.session.scalar(select(User).where(User.username == "giamdoc"))
    principal = principal_for(director)
    units = _units()
    sections = list(db.session.scalars(select(Section).where(Section.parent_id.is_not(None))))
    staff = {}
    for user in db.session.scalars(select(User)):
        for grant in user.grants:
            if grant.role == Role.STAFF.value:
                staff.setdefault(grant.unit_id, []).append(user)
    for number in range(max(0, total - db.session.query(Task).count())):
        unit = units[number % len(units)]
        data = {
            "title": rng.choice(TITLES).format(unit=unit.name) + f" (đợt {number + 1})",
            "section": sections[number % len(sections)].id,
            "lead_unit": unit.id,
            "due_date": (today + timedelta(days=rng.randint(-30, 120))).isoformat(),
        }
        if staff.get(unit.id):
            data["assignee"] = rng.choice(staff[unit.id]).id
        task = create_task(director, principal, data, today)
        if rng.random() < 0.6:
            task.status, task.progress = Status.IN_PROGRESS.value, rng.randint(5, 80)


def _people(count: int) -> list[Person]:
    """Everyone but the admin, directors and viewers first, with a token and their tasks."""
    order = {"director": 0, "viewer": 1, "head": 2, "staff": 3}
    users = [u for u in db.session.scalars(select(User).order_by(User.id)) if u.active]
    users = [u for u in users if "admin" not in u.roles]
    users.sort(key=lambda u: min(order.get(r, 9) for r in u.roles))
    tasks = list(db.session.scalars(select(Task).order_by(Task.id)))
    # A parent's progress is rolled up from its subtasks: nobody types it in.
    parents = {t.parent_id for t in tasks if t.parent_id is not None}
    now = utcnow()
    people = []
    for user in users[:count]:
        principal = principal_for(user)
        token = secrets.token_urlsafe(32)
        db.session.add(
            ApiToken(
                user_id=user.id,
                token_hash=token_hash(token),
                name="bench-load",
                created_at=now,
                expires_at=now + timedelta(days=1),
            )
        )
        person = Person(user.username, sorted(user.roles)[0], token)
        for task in tasks:
            ref = task_ref(task)
            if can(principal, Action.VIEW_TASK, ref):
                person.visible.append(task.id)
                if (
                    task.status in OPEN
                    and task.id not in parents
                    and can(principal, Action.UPDATE_PROGRESS, ref)
                ):
                    person.updatable.append(task.id)
        people.append(person)
    return people
