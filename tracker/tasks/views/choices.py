"""What an actor may pick in the task forms and filters: units, sections, people, periods.

Each list is one query, whatever the number of tasks on the page.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import select

from tracker.domain.periods import Kind, Period, PeriodError, parse_period, periods_of_year
from tracker.extensions import db
from tracker.models import Document, RoleGrant, Section, Unit, User
from tracker.permissions import MANAGERS, Principal, Role
from tracker.web.fields import SelectChoice

ASSIGNABLE_ROLES = ("director", "head", "staff")


def unit_tree() -> list[tuple[Unit, int]]:
    """Every active unit in tree order, with its depth."""
    units = db.session.scalars(select(Unit).where(Unit.active)).all()
    children: dict[int | None, list[Unit]] = {}
    ids = {u.id for u in units}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in ids else None
        children.setdefault(parent, []).append(unit)
    for siblings in children.values():
        siblings.sort(key=lambda u: (u.sort_order, u.name))
    ordered: list[tuple[Unit, int]] = []

    def walk(parent_id, depth):
        for unit in children.get(parent_id, []):
            ordered.append((unit, depth))
            walk(unit.id, depth + 1)

    walk(None, 0)
    return ordered


def _indent(label: str, depth: int) -> str:
    return "\u2003" * depth + label


def unit_choices(allowed_ids=None, blank: str | None = None) -> list[SelectChoice]:
    """Units (indented by depth), only those in `allowed_ids` when given."""
    found = [SelectChoice(value="", label=blank)] if blank is not None else []
    for unit, depth in unit_tree():
        if allowed_ids is None or unit.id in allowed_ids:
            found.append(SelectChoice(value=str(unit.id), label=_indent(unit.name, depth)))
    return found


def lead_unit_choices(principal: Principal) -> list[SelectChoice]:
    """The units the actor may assign tasks to."""
    return unit_choices(principal.units_for(*MANAGERS), blank="— Chọn đơn vị —")


def section_choices(blank: str | None = "— Chọn lĩnh vực —", keep=None) -> list[SelectChoice]:
    """Active sections (and `keep`, the current one, even if retired), by report order."""
    sections = db.session.scalars(select(Section)).all()
    by_parent: dict[int | None, list[Section]] = {}
    for section in sections:
        by_parent.setdefault(section.parent_id, []).append(section)
    found = [SelectChoice(value="", label=blank)] if blank is not None else []

    def walk(parent_id, depth):
        for section in sorted(by_parent.get(parent_id, []), key=lambda s: (s.sort_order, s.code)):
            if section.active or section.id == keep:
                label = _indent(f"{section.code}. {section.title}", depth)
                found.append(SelectChoice(value=str(section.id), label=label))
            walk(section.id, depth + 1)

    walk(None, 0)
    return found


class Person(NamedTuple):
    id: int
    full_name: str
    job_title: str | None


class UnitName(NamedTuple):
    id: int
    name: str
    short_name: str | None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


def people(principal: Principal, roles=ASSIGNABLE_ROLES) -> list[tuple[Person, UnitName]]:
    """Active people with one of `roles` on a unit the actor sees, with that unit.

    Plain rows, not ORM objects: a province has some 1,500 people, and every task list
    offers them all (as full objects with their grants, that cost seconds per page).
    """
    stmt = (
        select(User.id, User.full_name, User.job_title, Unit.id, Unit.name, Unit.short_name)
        .join(RoleGrant, RoleGrant.user_id == User.id)
        .join(Unit, Unit.id == RoleGrant.unit_id)
        .where(User.active, RoleGrant.role.in_(roles))
        .order_by(Unit.sort_order, Unit.name, User.full_name)
    )
    if not principal.sees_everything:
        stmt = stmt.where(RoleGrant.unit_id.in_(sorted(principal.visible_units)))
    seen: set[int] = set()
    found = []
    for user_id, full_name, job_title, unit_id, name, short_name in db.session.execute(stmt):
        if user_id not in seen:
            seen.add(user_id)
            found.append(
                (Person(user_id, full_name, job_title), UnitName(unit_id, name, short_name))
            )
    return found


def assignee_choices(principal: Principal, current: User | None = None) -> list[SelectChoice]:
    """People to assign, grouped by unit; the current assignee stays listed."""
    found = [SelectChoice(value="", label="— Chưa phân công —")]
    listed = people(principal)
    if current is not None and current.id not in {u.id for u, _ in listed}:
        found.append(SelectChoice(value=str(current.id), label=current.full_name))
    for user, unit in listed:
        label = user.full_name + (f" ({user.job_title})" if user.job_title else "")
        found.append(SelectChoice(value=str(user.id), label=label, optgroup=unit.display_name))
    return found


def period_list(today: date, extra: str | None = None) -> list[Period]:
    """The periods people plan and report by: last year to next year, and `extra`."""
    found: list[Period] = []
    for year in (today.year - 1, today.year, today.year + 1):
        found += [p for p in periods_of_year(year) if p.kind is not Kind.MONTH]
    if extra:
        try:
            period = parse_period(extra)
        except PeriodError:
            period = None
        if period is not None and period.code not in {p.code for p in found}:
            found.append(period)
    return found


def period_choices(today: date, current: str | None = None, blank="— Không —"):
    """Periods as select options, grouped by year."""
    found = [SelectChoice(value="", label=blank)]
    for period in period_list(today, current):
        found.append(
            SelectChoice(value=period.code, label=period.label, optgroup=str(period.start.year))
        )
    return found


def registry_documents(limit: int = 400) -> list[Document]:
    """The most recent documents of the registry, offered for picking."""
    stmt = select(Document).order_by(Document.created_at.desc(), Document.id.desc()).limit(limit)
    return list(db.session.scalars(stmt))


def head_units(principal: Principal) -> frozenset[int]:
    """Units where the actor is a head or staff member: "their" units."""
    return principal.units_for(Role.HEAD, Role.STAFF)
