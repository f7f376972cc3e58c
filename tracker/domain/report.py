"""The periodic report (báo cáo định kỳ) rolled up from task facts. Pure.

The query layer hands over plain `TaskFact` rows; `build_report` turns them into the one
`Report` object that the page, the JSON API, the Excel and the Word exports all render.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from .periods import Period
from .timeliness import (
    DONE_KINDS,
    UNFINISHED_ON_TIME,
    Status,
    Timeliness,
    classify,
    days_overdue,
    is_finished,
)


@dataclass(frozen=True)
class SectionNode:
    """A heading of the report (Lĩnh vực / mục báo cáo) as stored."""

    id: int
    code: str
    title: str
    parent_id: int | None
    order: int = 0


@dataclass(frozen=True)
class TaskFact:
    """What the report needs to know of one task."""

    id: int
    title: str
    result: str | None
    section_id: int | None
    unit_id: int
    unit_name: str
    status: str
    due_date: date | None
    completed_on: date | None
    planned_period: str | None = None
    section_order: tuple[int, ...] = ()


@dataclass(frozen=True)
class Organisation:
    """Who issues the report: the header of a Decree 30 document."""

    parent_body: str = "UBND TỈNH"
    name: str = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    code: str = "STTTT"
    place: str = ""

    @property
    def prose_name(self) -> str:
        """The upper-case name as prose writes it: "Sở Thông tin và Truyền thông"."""
        text = self.name.strip().lower()
        kind = next((k for k in _ORG_KINDS if text.startswith(k + " ")), "")
        # The kind and each field after it ("Thông tin", "Truyền thông") take a capital.
        parts = re.split(r"(\s+và\s+|,\s*)", text[len(kind) :].strip())
        rest = "".join(p if i % 2 else p[:1].upper() + p[1:] for i, p in enumerate(parts))
        return f"{kind[:1].upper() + kind[1:]} {rest}".strip()


_ORG_KINDS = ("ủy ban nhân dân", "trung tâm", "văn phòng", "chi cục", "sở", "bộ", "cục", "ban")


@dataclass(frozen=True)
class ReportTexts:
    """The director's own words for the period, with the signature and recipients."""

    introduction: str = ""
    assessment: str = ""
    difficulties: str = ""
    proposals: str = ""
    signer_title: str = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    signer_name: str = ""
    recipients: str = ""
    number: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "introduction": self.introduction,
            "assessment": self.assessment,
            "difficulties": self.difficulties,
            "proposals": self.proposals,
            "signer_title": self.signer_title,
            "signer_name": self.signer_name,
            "recipients": self.recipients,
        }


@dataclass(frozen=True)
class Achievement:
    task_id: int
    title: str
    result: str
    unit: str
    completed_on: date | None
    timeliness: Timeliness


@dataclass
class SectionReport:
    code: str
    title: str
    id: int | None = None
    achievements: list[Achievement] = field(default_factory=list)
    sections: list[SectionReport] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        """Achievements in this section and every section below it."""
        return len(self.achievements) + sum(s.item_count for s in self.sections)

    def walk(self, depth: int = 0) -> Iterable[tuple[int, SectionReport]]:
        """This section and its descendants in reading order, with their depth."""
        yield depth, self
        for child in self.sections:
            yield from child.walk(depth + 1)


@dataclass(frozen=True)
class UnfinishedItem:
    task_id: int
    title: str
    unit: str
    due_date: date | None
    days_overdue: int


@dataclass(frozen=True)
class PlanItem:
    no: int
    task_id: int
    title: str
    lead_unit: str
    due_date: date | None
    carried_over: bool


@dataclass(frozen=True)
class UnitStats:
    unit: str
    assigned: int = 0
    done_on_time: int = 0
    done_late: int = 0
    unfinished_on_time: int = 0
    overdue: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """Share of the decided tasks (done, or past their deadline) done on time, 0–1."""
        decided = self.done_on_time + self.done_late + self.overdue
        return None if decided == 0 else self.done_on_time / decided

    def to_dict(self) -> dict:
        rate = self.on_time_rate
        return {
            "unit": self.unit,
            "assigned": self.assigned,
            "done_on_time": self.done_on_time,
            "done_late": self.done_late,
            "unfinished_on_time": self.unfinished_on_time,
            "overdue": self.overdue,
            "on_time_rate": None if rate is None else round(rate, 4),
        }


@dataclass
class Report:
    period: Period
    as_of: date
    sections: list[SectionReport]
    unfinished: list[UnfinishedItem]
    plan: list[PlanItem]
    units: list[UnitStats]
    previous_units: dict[str, UnitStats]
    texts: ReportTexts
    organisation: Organisation
    generated_at: datetime

    @property
    def next_period(self) -> Period:
        return self.period.next()

    @property
    def previous_period(self) -> Period:
        return self.period.previous()

    @property
    def totals(self) -> UnitStats:
        return _sum_stats("Tổng cộng", self.units)

    @property
    def previous_totals(self) -> UnitStats:
        return _sum_stats("Tổng cộng", self.previous_units.values())

    @property
    def achievement_count(self) -> int:
        return sum(s.item_count for s in self.sections)

    def walk_sections(self) -> Iterable[tuple[int, SectionReport]]:
        for section in self.sections:
            yield from section.walk()

    def to_dict(self) -> dict:
        """The report as CONTRACT.md's JSON."""
        return {
            "period": self.period.code,
            "label": self.period.label,
            "as_of": self.as_of.isoformat(),
            "next_period": self.next_period.code,
            "next_label": self.next_period.label,
            "sections": [_section_dict(s) for s in self.sections],
            "unfinished": [
                {
                    "task_id": u.task_id,
                    "title": u.title,
                    "unit": u.unit,
                    "due_date": _iso(u.due_date),
                    "days_overdue": u.days_overdue,
                }
                for u in self.unfinished
            ],
            "plan": [
                {
                    "no": p.no,
                    "task_id": p.task_id,
                    "title": p.title,
                    "lead_unit": p.lead_unit,
                    "due_date": _iso(p.due_date),
                    "carried_over": p.carried_over,
                }
                for p in self.plan
            ],
            "units": [u.to_dict() for u in self.units],
            "previous_units": [u.to_dict() for u in self.previous_units.values()],
            "totals": self.totals.to_dict(),
            "texts": self.texts.to_dict(),
            "generated_at": self.generated_at.isoformat(timespec="seconds"),
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _section_dict(section: SectionReport) -> dict:
    return {
        "code": section.code,
        "title": section.title,
        "achievements": [
            {
                "task_id": a.task_id,
                "title": a.title,
                "result": a.result,
                "unit": a.unit,
                "completed_on": _iso(a.completed_on),
                "timeliness": str(a.timeliness),
            }
            for a in section.achievements
        ],
        "sections": [_section_dict(child) for child in section.sections],
    }


def _sum_stats(name: str, rows: Iterable[UnitStats]) -> UnitStats:
    rows = list(rows)
    return UnitStats(
        unit=name,
        assigned=sum(r.assigned for r in rows),
        done_on_time=sum(r.done_on_time for r in rows),
        done_late=sum(r.done_late for r in rows),
        unfinished_on_time=sum(r.unfinished_on_time for r in rows),
        overdue=sum(r.overdue for r in rows),
    )


# -- the roll-up ---------------------------------------------------------------------------


def section_tree(nodes: Sequence[SectionNode]) -> list[SectionReport]:
    """Empty report sections in tree order (siblings by `order`, then code)."""
    children: dict[int | None, list[SectionNode]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)

    def build(parent_id: int | None) -> list[SectionReport]:
        ordered = sorted(children.get(parent_id, []), key=lambda n: (n.order, n.code))
        return [SectionReport(n.code, n.title, n.id, sections=build(n.id)) for n in ordered]

    return build(None)


def achievements_of(
    period: Period, tasks: Iterable[TaskFact], as_of: date
) -> list[tuple[TaskFact, Achievement]]:
    """Tasks finished within the period (as of `as_of`) as achievements, oldest first."""
    found = []
    for task in tasks:
        finished = is_finished(task.status, task.completed_on, as_of)
        if finished and period.contains_date(task.completed_on):
            timeliness = classify(task.status, task.due_date, task.completed_on, as_of)
            item = Achievement(
                task.id,
                task.title,
                task.result or "",
                task.unit_name,
                task.completed_on,
                timeliness,
            )
            found.append((task, item))
    found.sort(key=lambda pair: (pair[0].completed_on, pair[0].id))
    return found


def unfinished_of(period: Period, tasks: Iterable[TaskFact], as_of: date) -> list[UnfinishedItem]:
    """Tasks due by the period's end and not finished as of `as_of`: the carry-over."""
    items = []
    for task in tasks:
        if task.status == Status.CANCELLED or is_finished(task.status, task.completed_on, as_of):
            continue
        if task.due_date is None or task.due_date > period.end:
            continue
        late = days_overdue(task.status, task.due_date, task.completed_on, as_of)
        items.append(UnfinishedItem(task.id, task.title, task.unit_name, task.due_date, late))
    items.sort(key=lambda u: (-u.days_overdue, u.due_date or date.max, u.task_id))
    return items


def plan_of(
    planned: Iterable[TaskFact], unfinished: Sequence[UnfinishedItem], as_of: date
) -> list[PlanItem]:
    """The next period's plan: its planned tasks in section order, then the carried-over ones."""
    carried_ids = {u.task_id for u in unfinished}
    fresh = [
        t
        for t in planned
        if t.id not in carried_ids
        and t.status != Status.CANCELLED
        and not is_finished(t.status, t.completed_on, as_of)
    ]
    fresh.sort(key=lambda t: (t.section_order, t.due_date or date.max, t.id))
    plan = [
        PlanItem(i, t.id, t.title, t.unit_name, t.due_date, False)
        for i, t in enumerate(fresh, start=1)
    ]
    start = len(plan) + 1
    plan += [
        PlanItem(start + i, u.task_id, u.title, u.unit, u.due_date, True)
        for i, u in enumerate(unfinished)
    ]
    return plan


def unit_stats(
    tasks: Iterable[TaskFact], as_of: date, unit_order: Sequence[str] = ()
) -> list[UnitStats]:
    """Counts by lead unit as of `as_of`, in `unit_order` (then by name)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for task in tasks:
        kind = classify(task.status, task.due_date, task.completed_on, as_of)
        if kind is Timeliness.CANCELLED:
            continue
        row = counts[task.unit_name]
        row["assigned"] += 1
        if kind in DONE_KINDS:
            row["done_late" if kind is Timeliness.DONE_LATE else "done_on_time"] += 1
        elif kind is Timeliness.OVERDUE:
            row["overdue"] += 1
        elif kind in UNFINISHED_ON_TIME:
            row["unfinished_on_time"] += 1
    rank = {name: i for i, name in enumerate(unit_order)}
    names = sorted(counts, key=lambda n: (rank.get(n, len(rank)), n))
    return [UnitStats(unit=name, **counts[name]) for name in names]


def build_report(
    period: Period,
    sections: Sequence[SectionNode],
    period_tasks: Sequence[TaskFact],
    planned_tasks: Sequence[TaskFact],
    previous_tasks: Sequence[TaskFact],
    *,
    texts: ReportTexts,
    organisation: Organisation,
    generated_at: datetime,
    unit_order: Sequence[str] = (),
    today: date | None = None,
) -> Report:
    """Roll the period's tasks up into the report, as of the period's last day.

    A period still running is judged as of `today` instead: a task due next week is not
    "overdue" yet just because the quarter ends after it.
    """
    as_of = min(period.end, today) if today is not None else period.end
    tree = section_tree(sections)
    by_id = {node.id: node for _, node in _walk_all(tree)}
    for task, item in achievements_of(period, period_tasks, as_of):
        target = by_id.get(task.section_id)
        if target is not None:
            target.achievements.append(item)
    unfinished = unfinished_of(period, period_tasks, as_of)
    previous = period.previous()
    return Report(
        period=period,
        as_of=as_of,
        sections=tree,
        unfinished=unfinished,
        plan=plan_of(planned_tasks, unfinished, as_of),
        units=unit_stats(period_tasks, as_of, unit_order),
        previous_units={s.unit: s for s in unit_stats(previous_tasks, previous.end, unit_order)},
        texts=texts,
        organisation=organisation,
        generated_at=generated_at,
    )


def _walk_all(tree: Sequence[SectionReport]) -> Iterable[tuple[int, SectionReport]]:
    for section in tree:
        yield from section.walk()
