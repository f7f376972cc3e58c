"""Load the demo department, dated relative to the day it is loaded."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from tracker.common import clock
from tracker.demo import data
from tracker.demo.builder import TaskBuilder
from tracker.demo.indicators import load_indicators
from tracker.documents.linking import ensure_document
from tracker.documents.linking import refresh_search_text as refresh_document_text
from tracker.domain.issuers import DEFAULT_ISSUERS
from tracker.domain.legal_refs import parse_ref
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import Extension, Issuer, Section, Setting, Unit, User
from tracker.org.users import create_user
from tracker.tasks.history import record


def database_is_empty() -> bool:
    return not db.session.scalar(select(func.count()).select_from(Unit))


def load_demo(today: date | None = None) -> dict[str, int] | None:
    """Fill an empty database with the demo department; None if data already exists."""
    if not database_is_empty():
        return None
    today = today or clock.today()
    for key, value in data.ORGANISATION.items():
        db.session.add(Setting(key=key, value=value))
    for code, name in DEFAULT_ISSUERS.items():
        db.session.add(Issuer(code=code, name=name))
    units = _units()
    sections = _sections()
    users = {
        username: create_user(
            username,
            data.DEMO_PASSWORD,
            role,
            units[unit],
            full_name=name,
            job_title=title,
            email=f"{username}@demo.tracker.local",
        )
        for username, name, title, role, unit in data.USERS
    }
    for text, title in data.DOCUMENTS:
        document = ensure_document(parse_ref(text))
        document.title, document.needs_title = title, False
        refresh_document_text(document)  # the title was set after ensure_document folded it
    builder = TaskBuilder(today, units, sections, users)
    planned = data.TASKS
    tasks = [builder.build(s) for s in planned["past"] + planned["current"] + planned["next"]]
    parent = builder.build(planned["parent"])
    for spec in planned["subtasks"]:
        child = builder.build(spec)
        child.parent = parent
        tasks.append(child)
    done_children = [c for c in parent.subtasks if c.status == Status.DONE]
    parent.progress = round(
        sum(100 if c in done_children else c.progress for c in parent.subtasks)
        / len(parent.subtasks)
    )
    tasks.append(parent)
    _extensions(builder, users)
    db.session.flush()
    indicators = load_indicators(today, units, sections, users)
    db.session.flush()
    return {
        "units": len(units),
        "users": len(users),
        "sections": len(sections),
        "documents": len(data.DOCUMENTS),
        "tasks": len(tasks),
        "indicators": indicators,
    }


def _units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for order, (code, name, short, kind, parent) in enumerate(data.UNITS):
        unit = Unit(
            code=code,
            name=name,
            short_name=short,
            kind=kind,
            sort_order=order,
            parent=units.get(parent),
        )
        db.session.add(unit)
        units[code] = unit
    db.session.flush()
    return units


def _sections() -> dict[str, Section]:
    sections: dict[str, Section] = {}
    for order, (code, title) in enumerate(data.SECTIONS):
        parent = sections.get(code.rsplit(".", 1)[0]) if "." in code else None
        section = Section(code=code, title=title, sort_order=order, parent=parent)
        db.session.add(section)
        sections[code] = section
    db.session.flush()
    return sections


def _extensions(builder: TaskBuilder, users: dict[str, User]) -> None:
    for title, days, reason, decision in data.EXTENSIONS:
        task = builder.by_title[title]
        requester = task.assignee
        wanted = task.due_date + timedelta(days=days)
        asked = datetime.combine(builder.today - timedelta(days=2), time(3))
        extension = Extension(
            task_id=task.id,
            requested_by_id=requester.id,
            requested_at=asked,
            previous_due_date=task.due_date,
            requested_due_date=wanted,
            reason=reason,
        )
        db.session.add(extension)
        record(
            task, requester, "extension_requested", {"due_date": (task.due_date, wanted)}, reason
        ).created_at = asked
        if decision is not None:
            extension.status = "approved" if decision else "declined"
            extension.decided_by_id = users["giamdoc"].id
            extension.decided_at = asked + timedelta(hours=20)
            if decision:
                record(
                    task,
                    users["giamdoc"],
                    "extension_approved",
                    {"due_date": (task.due_date, wanted)},
                ).created_at = extension.decided_at
                task.due_date = wanted
