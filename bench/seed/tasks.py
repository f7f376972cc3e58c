"""Five years of a synthetic province's tasks, with their history, as plain rows.

Tasks are spread evenly over the last twenty quarters (the current one included), with a
few planned for the next. What became of each is decided as of today: most past work is
done (some late), about 15 % is overdue, recent work is under way, submitted or due soon.
The first tasks of the current quarter cover every status and timeliness, so that even a
tiny province shows every case. History entries (created, progress, submitted, confirmed,
reminded, extensions) average four per task.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate

from bench.seed import vocab as words
from tracker.domain.periods import Kind, Period, period_containing
from tracker.domain.text import fold
from tracker.domain.timeliness import FINISHED, Status, classify

QUARTERS = 20
NEXT_SHARE = 0.025  # of the tasks, planned for the next quarter
UPDATES_PER_TASK = 4
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
UNIT_WEIGHTS = {
    "department": 2,
    "office": 5,
    "inspectorate": 4,
    "division": 7,
    "center": 6,
    "district": 2,
    "commune": 1,
}
# status, due (days from today, None: no deadline), completed (days from today), progress
SHOWCASE = [
    (Status.IN_PROGRESS, 3, None, 60),  # due soon
    (Status.NOT_STARTED, 40, None, 0),  # on track
    (Status.IN_PROGRESS, None, None, 30),  # no deadline
    (Status.DONE, None, -5, 100),  # done, no deadline
    (Status.IN_PROGRESS, -12, None, 40),  # overdue
    (Status.PAUSED, -4, None, 20),  # overdue, paused
    (Status.DONE, -3, -6, 100),  # done on time
    (Status.DONE, -20, -2, 100),  # done late
    (Status.SUBMITTED, 10, -1, 100),  # submitted, on time
    (Status.CANCELLED, 20, None, 10),
]


@dataclass(frozen=True)
class Quarter:
    """A quarter's facts, computed once (Period computes them on every access)."""

    code: str
    start: date
    end: date
    year: int
    index: int

    @classmethod
    def of(cls, period: Period) -> Quarter:
        return cls(period.code, period.start, period.end, period.year, period.index)


@dataclass
class Generated:
    tasks: list[dict] = field(default_factory=list)
    support: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    extensions: list[dict] = field(default_factory=list)
    timeliness: dict[str, int] = field(default_factory=dict)


class TaskGenerator:
    def __init__(self, rng: random.Random, org, today: date, now: datetime):
        self.rng, self.org, self.today, self.now = rng, org, today, now
        self.units = org.units
        self.unit_by_id = {u["id"]: u for u in self.units}
        self.unit_cumulative = list(accumulate(UNIT_WEIGHTS.get(u["kind"], 1) for u in self.units))
        self.sections = [s["id"] for s in org.sections if s["parent_id"] is not None]
        self.doc_days = [d["issued_on"] for d in org.documents]
        self.out = Generated()
        self.history: list[list[tuple]] = []  # per task: (time, user, kind, changes, note)
        self._folded: dict[str, str] = {}

    def generate(self, count: int) -> Generated:
        current = period_containing(self.today, Kind.QUARTER)
        quarters = [current]
        for _ in range(QUARTERS - 1):
            quarters.insert(0, quarters[0].previous())
        planned_next = round(count * NEXT_SHARE)
        per_quarter = (count - planned_next) / QUARTERS
        made = 0
        for index, period in enumerate(quarters):
            target = round(per_quarter * (index + 1)) - made
            showcase = SHOWCASE if period == current else []
            quarter = Quarter.of(period)
            for k in range(target):
                self._task(quarter, showcase[k] if k < len(showcase) else None)
            made += target
        upcoming = Quarter.of(current.next())
        for _ in range(count - made):
            self._task(upcoming, None)
        self._progress_updates(count * UPDATES_PER_TASK)
        self._write_history()
        return self.out

    # -- one task ----------------------------------------------------------------------------

    def _task(self, quarter: Quarter, forced) -> None:
        rng, today = self.rng, self.today
        task_id = len(self.out.tasks) + 1
        unit = rng.choices(self.units, cum_weights=self.unit_cumulative)[0]
        parent = self._parent(quarter)
        if parent is not None:
            unit = self.unit_by_id[parent["lead_unit_id"]]
        length = (quarter.end - quarter.start).days
        start = quarter.start + timedelta(days=rng.randint(0, 20))
        due = None if rng.random() < 0.06 else start + timedelta(days=rng.randint(10, length))
        if parent is not None and parent["due_date"] and due:
            due = max(start, min(due, parent["due_date"]))
        if forced:
            status, due_days, done_days, progress = forced
            start = min(start, today - timedelta(days=60))
            due = None if due_days is None else today + timedelta(days=due_days)
            completed = None if done_days is None else today + timedelta(days=done_days)
        else:
            status, completed, progress = self._outcome(start, due, quarter)
        created = datetime.combine(start - timedelta(days=rng.randint(1, 10)), time(8))
        created += timedelta(minutes=rng.randint(0, 540))
        # Work planned ahead was still assigned in the past.
        created = min(created, self.now - timedelta(minutes=rng.randint(60, 60 * 24 * 20)))
        documents = self._documents(start)
        labels = [
            self.org.documents[i]["doc_type"] + " " + self.org.documents[i]["symbol"]
            for i in documents
        ]
        title = self._title(quarter, unit, labels)
        description = None
        if rng.random() < 0.4:
            text = rng.choice(words.DESCRIPTIONS)
            description = text.format(document=labels[0] if labels else "chỉ đạo của UBND tỉnh")
        result = self._result(title) if status in FINISHED else None
        people = self.org.unit_people.get(unit["id"]) or [self.org.heads.get(unit["id"])]
        assignee = rng.choice(people) if rng.random() < 0.9 else None
        creator = (
            rng.choice(self.org.directors)
            if rng.random() < 0.7
            else self.org.heads.get(unit["id"], self.org.directors[0])
        )
        task = {
            "id": task_id,
            "title": title,
            "description": description,
            "section_id": rng.choice(self.sections),
            "lead_unit_id": unit["id"],
            "assignee_id": assignee,
            "parent_id": parent["id"] if parent else None,
            "planned_period": quarter.code,
            "start_date": start,
            "due_date": due,
            "original_due_date": due,
            "status": str(status),
            "progress": progress,
            "priority": rng.choices((1, 2, 3, 4), (10, 65, 20, 5))[0],
            "completed_on": completed,
            # handed in the day it was finished; confirmed the next day (today at the latest)
            "submitted_on": completed,
            "confirmed_on": (
                min(completed + timedelta(days=1), self.today)
                if completed and status == Status.DONE
                else None
            ),
            "result": result,
            "version": 1,
            "created_by_id": creator,
            "created_at": created,
            "updated_at": created,
            "search_text": self._fold(title, description, result, *sorted(labels)),
        }
        self.out.tasks.append(task)
        for i in documents:
            self.out.documents.append(
                {"task_id": task_id, "document_id": self.org.documents[i]["id"]}
            )
        self._support(task_id, unit)
        self._events(task, creator, assignee)
        kind = classify(task["status"], due, completed, today).value
        self.out.timeliness[kind] = self.out.timeliness.get(kind, 0) + 1

    def _outcome(self, start: date, due: date | None, quarter: Quarter):
        """Status, completion day and progress as of today."""
        rng, today = self.rng, self.today
        deadline = due or quarter.end
        if rng.random() < 0.02:
            return Status.CANCELLED, None, rng.choice((0, 10, 20))
        if deadline < today:
            age = (today - deadline).days
            if rng.random() < 0.15 + 0.45 * math.exp(-age / 120):
                status = Status.PAUSED if rng.random() < 0.06 else Status.IN_PROGRESS
                if rng.random() < 0.2:
                    status = Status.NOT_STARTED
                return status, None, 0 if status == Status.NOT_STARTED else rng.randint(1, 18) * 5
            if due is None:
                done = start + timedelta(days=rng.randint(5, max(5, (quarter.end - start).days)))
            elif rng.random() < 0.18:
                done = due + timedelta(days=rng.randint(1, 40))
            else:
                done = due - timedelta(days=rng.randint(0, min(20, (due - start).days)))
        elif start < today and rng.random() < 0.15:
            done = start + timedelta(days=rng.randint(0, (today - start).days))
        else:
            if start >= today or rng.random() < 0.3:
                return Status.NOT_STARTED, None, 0
            status = Status.PAUSED if rng.random() < 0.03 else Status.IN_PROGRESS
            return status, None, rng.randint(1, 18) * 5
        done = max(start, min(done, today))
        recent = (today - done).days <= 20
        status = Status.SUBMITTED if recent and rng.random() < 0.35 else Status.DONE
        return status, done, 100

    def _parent(self, quarter: Quarter) -> dict | None:
        """One task in twelve is a subtask of a recent top-level task of the same quarter."""
        if self.rng.random() >= 1 / 12:
            return None
        for task in reversed(self.out.tasks[-30:]):
            if task["parent_id"] is None and task["planned_period"] == quarter.code:
                return task
        return None

    def _documents(self, start: date) -> list[int]:
        """Indexes of one or two documents issued before the task began (for half the tasks)."""
        available = bisect.bisect_right(self.doc_days, start)
        if not available or self.rng.random() >= 0.5:
            return []
        picks = {self.rng.randrange(available) for _ in range(self.rng.choice((1, 1, 2)))}
        return sorted(picks)

    def _support(self, task_id: int, unit: dict) -> None:
        if self.rng.random() >= 0.2:
            return
        others = {self.rng.choice(self.units)["id"] for _ in range(self.rng.randint(1, 3))}
        for unit_id in sorted(others - {unit["id"]}):
            self.out.support.append({"task_id": task_id, "unit_id": unit_id})

    def _title(self, quarter: Quarter, unit: dict, labels: list[str]) -> str:
        rng = self.rng
        suffix = rng.choice(words.SUFFIXES)
        if "{document}" in suffix and not labels:
            suffix = ""
        place = unit["short_name"] or unit["name"]
        suffix = suffix.format(
            year=quarter.year,
            quarter=ROMAN[quarter.index],
            place=place,
            round=rng.randint(1, 3),
            document=labels[0] if labels else "",
        )
        return f"{rng.choice(words.VERBS)} {rng.choice(words.OBJECTS)}{suffix}"

    def _result(self, title: str) -> str:
        rng = self.rng
        verb, _, rest = title.partition(" ")
        return rng.choice(words.RESULTS).format(
            verb=verb.lower(),
            object=rest,
            pct=rng.randint(80, 100),
            n=rng.randint(5, 1500),
            k=rng.randint(2, 12),
        )

    def _fold(self, *parts: str | None) -> str:
        """`fold_join` of the parts, word by word through a cache (folding is per character)."""
        cache, out = self._folded, []
        for part in parts:
            for word in (part or "").split():
                value = cache.get(word)
                if value is None:
                    value = cache[word] = fold(word)
                out.append(value)
        return " ".join(w for w in out if w)

    # -- history -----------------------------------------------------------------------------

    def _at(self, day: date, hour: int) -> datetime:
        moment = datetime.combine(day, time(hour)) + timedelta(minutes=self.rng.randint(0, 50))
        return min(moment, self.now - timedelta(minutes=self.rng.randint(1, 120)))

    def _events(self, task: dict, creator: int, assignee: int | None) -> None:
        """The fixed entries of a task's history: created, extension, finished, reminded."""
        rng, today = self.rng, self.today
        worker = assignee or self.org.heads.get(task["lead_unit_id"], creator)
        director = rng.choice(self.org.directors)
        due = task["due_date"]
        events = [
            (
                task["created_at"],
                creator,
                "created",
                {"title": [None, task["title"]], "due_date": [None, _iso(due)]},
                None,
            )
        ]
        status = task["status"]
        if due and status != Status.CANCELLED and rng.random() < 0.035:
            self._extension(task, worker, director, events)
        if task["completed_on"]:
            submitted = self._at(task["completed_on"], 15)
            events.append(
                (submitted, worker, "submitted", {"status": ["in_progress", "submitted"]}, None)
            )
            if status == Status.DONE:
                confirmed = min(submitted + timedelta(hours=18), self.now - timedelta(minutes=5))
                events.append(
                    (confirmed, director, "confirmed", {"status": ["submitted", "done"]}, None)
                )
        elif status in (Status.CANCELLED, Status.PAUSED):
            day = min(today, (task["start_date"] or today) + timedelta(days=rng.randint(5, 40)))
            events.append(
                (
                    self._at(day, 10),
                    director,
                    "updated",
                    {"status": ["in_progress", str(status)]},
                    None,
                )
            )
        if due and due < today and not task["completed_on"] and status != Status.CANCELLED:
            for _ in range(rng.choice((0, 1, 1, 2))):
                day = min(today, due + timedelta(days=rng.randint(1, 30)))
                events.append(
                    (
                        self._at(day, 8),
                        director,
                        "reminded",
                        {},
                        "Đề nghị khẩn trương hoàn thành nhiệm vụ đã quá hạn.",
                    )
                )
        self.history.append(events)

    def _extension(self, task: dict, worker: int, director: int, events: list) -> None:
        rng, due = self.rng, task["due_date"]
        asked_day = max(task["start_date"], due - timedelta(days=rng.randint(1, 7)))
        asked = self._at(min(asked_day, self.today), 9)
        decided = min(asked + timedelta(hours=20), self.now - timedelta(minutes=1))
        reason = rng.choice(words.EXTENSION_REASONS)
        pending = due >= self.today and not task["completed_on"] and rng.random() < 0.3
        original = due - timedelta(days=rng.randint(7, 30))
        if pending:
            wanted, original = due + timedelta(days=rng.randint(10, 30)), due
        else:
            if original < task["start_date"]:
                return
            wanted = due
            task["original_due_date"] = original
        extension = {
            "id": len(self.out.extensions) + 1,
            "task_id": task["id"],
            "requested_by_id": worker,
            "requested_at": asked,
            "previous_due_date": original,
            "requested_due_date": wanted,
            "reason": reason,
            "status": "pending" if pending else "approved",
            "decided_by_id": None if pending else director,
            "decided_at": None if pending else decided,
        }
        self.out.extensions.append(extension)
        change = {"due_date": [_iso(original), _iso(wanted)]}
        events.append((asked, worker, "extension_requested", change, reason))
        if not pending:
            events.append((decided, director, "extension_approved", change, None))

    def _progress_updates(self, target: int) -> None:
        """Spread progress reports over the tasks until the history holds `target` entries."""
        rng, tasks = self.rng, self.out.tasks
        missing = target - sum(len(events) for events in self.history)
        if missing <= 0:
            return
        weights = [
            0 if t["status"] == Status.CANCELLED else (2 if t["completed_on"] is None else 1)
            for t in tasks
        ]
        counts: dict[int, int] = {}
        for index in rng.choices(range(len(tasks)), weights, k=missing):
            counts[index] = counts.get(index, 0) + 1
        for index in sorted(counts):
            task, k = tasks[index], counts[index]
            worker = task["assignee_id"] or self.org.heads.get(task["lead_unit_id"])
            first = task["created_at"]
            last = datetime.combine(task["completed_on"] or self.today, time(8))
            last = max(first + timedelta(minutes=k), min(last, self.now - timedelta(minutes=30)))
            span = (last - first).total_seconds()
            final = task["progress"] if task["completed_on"] is None else rng.randint(6, 18) * 5
            moments = sorted(
                first + timedelta(seconds=rng.uniform(60, max(61, span))) for _ in range(k)
            )
            previous = 0
            for step, moment in enumerate(moments, start=1):
                value = round(final * step / k / 5) * 5
                note = rng.choice(words.NOTES)
                if value != previous:
                    change, kind = {"progress": [previous, value]}, "updated"
                else:
                    change, kind = {}, "note"
                    note = note or words.NOTES[0]
                self.history[index].append((moment, worker, kind, change, note))
                previous = value

    def _write_history(self) -> None:
        updates = self.out.updates
        for task, events in zip(self.out.tasks, self.history, strict=True):
            events.sort(key=lambda e: e[0])
            for moment, user, kind, changes, note in events:
                updates.append(
                    {
                        "id": len(updates) + 1,
                        "task_id": task["id"],
                        "user_id": user,
                        "kind": kind,
                        "changes": changes,
                        "note": note,
                        "created_at": moment,
                    }
                )
            task["version"] = len(events)
            task["updated_at"] = max(task["created_at"], events[-1][0])


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
