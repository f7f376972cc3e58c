"""Load the demo department, dated relative to the day it is loaded."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from tracker.common import clock
from tracker.demo import data
from tracker.demo import tasks as plan
from tracker.documents.linking import ensure_document, link_cited_documents
from tracker.documents.linking import refresh_search_text as refresh_document_text
from tracker.domain.issuers import DEFAULT_ISSUERS
from tracker.domain.legal_refs import parse_ref
from tracker.domain.periods import Kind, period_containing
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import Extension, Issuer, Section, Setting, Task, Unit, User
from tracker.org.users import create_user
from tracker.tasks.history import record
from tracker.tasks.operations import refresh_search_text


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
    builder = _TaskBuilder(today, units, sections, users)
    tasks = [builder.build(spec) for spec in plan.PAST + plan.CURRENT + plan.NEXT]
    parent = builder.build(plan.PARENT)
    for spec in plan.SUBTASKS:
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
    return {
        "units": len(units),
        "users": len(users),
        "sections": len(sections),
        "documents": len(data.DOCUMENTS),
        "tasks": len(tasks),
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


class _TaskBuilder:
    """Turns a task description with a relative `when` into a task with its history.

    Times are stored in UTC: 01:30 UTC is 08:30 in Hà Nội, 09:00 UTC is 16:00.
    """

    def __init__(self, today, units, sections, users):
        self.today = today
        self.quarter = period_containing(today, Kind.QUARTER)
        self.units, self.sections, self.users = units, sections, users
        self.director = users["giamdoc"]
        self.by_title: dict[str, Task] = {}

    def _quarter_back(self, k: int):
        quarter = self.quarter
        for _ in range(k):
            quarter = quarter.previous()
        return quarter

    def dates(self, when) -> dict:
        """Status, dates and planned period of a task from its relative `when`."""
        kind, *args = when
        today, q = self.today, self.quarter
        if kind == "past":
            past = self._quarter_back(args[0])
            done = min(past.start + timedelta(days=args[2]), past.end)
            return dict(
                status=Status.DONE,
                due=past.start + timedelta(days=args[1]),
                done=done,
                start=past.start,
                period=past.code,
                progress=100,
            )
        if kind in ("done_now", "submitted"):
            done = max(q.start, today - timedelta(days=args[1]))
            status = Status.DONE if kind == "done_now" else Status.SUBMITTED
            return dict(
                status=status,
                due=today + timedelta(days=args[0]),
                done=done,
                start=q.start,
                period=q.code,
                progress=100,
            )
        if kind in ("overdue", "soon", "track"):
            days = -args[0] if kind == "overdue" else args[0]
            status = Status.IN_PROGRESS if args[1] else Status.NOT_STARTED
            return dict(
                status=status,
                due=today + timedelta(days=days),
                done=None,
                start=min(q.start, today - timedelta(days=30)),
                period=q.code,
                progress=args[1],
            )
        if kind == "open":
            return dict(
                status=Status.IN_PROGRESS,
                due=None,
                done=None,
                start=q.start,
                period=q.code,
                progress=args[0],
            )
        upcoming = q.next()
        return dict(
            status=Status.NOT_STARTED,
            due=upcoming.start + timedelta(days=args[0]),
            done=None,
            start=upcoming.start,
            period=upcoming.code,
            progress=0,
        )

    def build(self, spec: dict) -> Task:
        when = self.dates(spec["when"])
        assignee = self.users[spec["who"]]
        first_day = min(when["start"] - timedelta(days=3), self.today - timedelta(days=1))
        created = datetime.combine(first_day, time(1, 30))
        task = Task(
            title=spec["title"],
            description=spec.get("description"),
            section=self.sections[spec["section"]],
            lead_unit=self.units[spec["unit"]],
            assignee=assignee,
            planned_period=when["period"],
            start_date=when["start"],
            due_date=when["due"],
            original_due_date=when["due"],
            status=when["status"].value,
            progress=when["progress"],
            completed_on=when["done"],
            result=spec.get("result"),
            priority=spec.get("priority", 2),
            created_by=self.director,
            created_at=created,
            updated_at=created,
        )
        db.session.add(task)
        db.session.flush()
        link_cited_documents(task)
        refresh_search_text(task)
        self._history(task, assignee, created)
        self.by_title[task.title] = task
        return task

    def _history(self, task: Task, assignee: User, created: datetime) -> None:
        """Backdated history: assigned, a progress update, submitted and confirmed."""
        entries = [
            record(
                task,
                self.director,
                "created",
                {"title": (None, task.title), "due_date": (None, task.due_date)},
            )
        ]
        entries[-1].created_at = created
        if task.progress and task.completed_on is None:
            entries.append(
                record(
                    task,
                    assignee,
                    "updated",
                    {"progress": (0, task.progress)},
                    "Cập nhật tiến độ thực hiện.",
                )
            )
            entries[-1].created_at = max(
                created,
                min(
                    datetime.combine(self.today, time(2)) - timedelta(days=1),
                    created + timedelta(days=10),
                ),
            )
        if task.completed_on is not None:
            entries.append(
                record(
                    task,
                    assignee,
                    "submitted",
                    {"status": (Status.IN_PROGRESS.value, Status.SUBMITTED.value)},
                )
            )
            entries[-1].created_at = datetime.combine(task.completed_on, time(9, 0))
            if task.status == Status.DONE:
                entries.append(
                    record(
                        task,
                        self.director,
                        "confirmed",
                        {"status": (Status.SUBMITTED.value, Status.DONE.value)},
                    )
                )
                entries[-1].created_at = min(
                    entries[-2].created_at + timedelta(hours=18),
                    datetime.combine(self.today, time(0)),
                )
        task.updated_at = max(e.created_at for e in entries)


def _extensions(builder: _TaskBuilder, users: dict[str, User]) -> None:
    for title, days, reason, decision in plan.EXTENSIONS:
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
