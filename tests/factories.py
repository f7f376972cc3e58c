"""Small factories for tests: a department, people with roles, sections and tasks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import count

from tracker.common import clock
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import Section, Task, Unit, User
from tracker.org.users import create_user
from tracker.tasks.operations import refresh_search_text

PASSWORD = "Password123"
_seq = count(1)


def make_unit(code: str, name: str | None = None, parent: Unit | None = None, kind="division"):
    unit = Unit(
        code=code, name=name or f"Đơn vị {code}", kind=kind, parent=parent, sort_order=next(_seq)
    )
    db.session.add(unit)
    db.session.flush()
    return unit


def make_section(code: str, title: str | None = None, parent: Section | None = None):
    section = Section(code=code, title=title or f"Mục {code}", parent=parent, sort_order=next(_seq))
    db.session.add(section)
    db.session.flush()
    return section


def make_user(username: str, role: str, unit: Unit, full_name: str | None = None) -> User:
    return create_user(
        username,
        PASSWORD,
        role,
        unit,
        full_name=full_name or username.title(),
        email=f"{username}@example.test",
        check_password=False,
    )


def make_task(
    unit: Unit,
    section: Section,
    title: str | None = None,
    *,
    status: str = Status.IN_PROGRESS,
    due: date | None = None,
    done: date | None = None,
    assignee: User | None = None,
    result: str | None = None,
    planned: str | None = None,
    support: list[Unit] | None = None,
    **extra,
) -> Task:
    """A task stored directly (no service rules), for setting up a scene."""
    task = Task(
        title=title or f"Nhiệm vụ {next(_seq)}",
        section=section,
        lead_unit=unit,
        status=str(status),
        due_date=due,
        original_due_date=due,
        completed_on=done,
        assignee=assignee,
        result=result or ("Kết quả" if status in (Status.DONE, Status.SUBMITTED) else None),
        planned_period=planned,
        progress=100 if status in (Status.DONE, Status.SUBMITTED) else extra.pop("progress", 0),
        **extra,
    )
    task.support_units = list(support or [])
    db.session.add(task)
    db.session.flush()
    refresh_search_text(task)
    db.session.flush()
    return task


@dataclass
class World:
    units: dict[str, Unit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    today: date = field(default_factory=clock.today)

    def task(self, unit="a", section="I.1", **kw) -> Task:
        task = make_task(self.units[unit], self.sections[section], **kw)
        db.session.commit()
        return task

    def days(self, n: int) -> date:
        return self.today + timedelta(days=n)


def build_world() -> World:
    """Department D with divisions A (and its team A1) and B; one person per role."""
    world = World()
    root = make_unit("D", "Sở Thử nghiệm", kind="department")
    world.units = {
        "root": root,
        "a": make_unit("A", "Phòng A", root),
        "b": make_unit("B", "Phòng B", root),
    }
    world.units["a1"] = make_unit("A1", "Tổ A1", world.units["a"])
    world.sections["I"] = make_section("I", "CÔNG TÁC QUẢN LÝ")
    world.sections["I.1"] = make_section("I.1", "Lĩnh vực một", world.sections["I"])
    world.sections["I.2"] = make_section("I.2", "Lĩnh vực hai", world.sections["I"])
    people = [
        ("admin", "admin", "root"),
        ("director", "director", "root"),
        ("viewer", "viewer", "root"),
        ("head_a", "head", "a"),
        ("staff_a", "staff", "a"),
        ("head_b", "head", "b"),
        ("staff_b", "staff", "b"),
        ("viewer_b", "viewer", "b"),
    ]
    for key, role, unit in people:
        world.users[key] = make_user(key.replace("_", "."), role, world.units[unit])
    db.session.commit()
    return world
