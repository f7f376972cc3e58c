"""The demo's tasks made real: dates relative to the day the demo is loaded, and a history.

`when` places a task in time relative to that day:
  ["past", k, due, done]     done k quarters ago; due/done = days after that quarter began
  ["done_now", due, ago]     done `ago` days ago this quarter; due `due` days from today
  ["submitted", due, ago]    reported done `ago` days ago, awaiting confirmation
  ["overdue", days, pct]     due `days` ago, not done, `pct` % progress
  ["soon", days, pct]        due within the reminder window
  ["track", days, pct]       due later
  ["open", pct]              planned for this quarter, no deadline
  ["next", due]              planned for next quarter, due `due` days after it begins
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from tracker.documents.linking import link_cited_documents
from tracker.domain.periods import Kind, period_containing
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import Task, User
from tracker.tasks.history import record
from tracker.tasks.operations import refresh_search_text


class TaskBuilder:
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
        # Units that support the lead (phối hợp), as the report's "phối hợp với" names them.
        task.support_units = [self.units[code] for code in spec.get("support", [])]
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
            task.submitted_on = task.completed_on
            if task.status == Status.DONE:
                # confirmed the next morning (Vietnamese time), or today at the latest
                task.confirmed_on = min(task.completed_on + timedelta(days=1), self.today)
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
