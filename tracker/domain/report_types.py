"""The report object (what the page, the JSON API and the exports all render) and its parts.

Plain dataclasses, built by the roll-up in report.py; `Report.to_dict` is CONTRACT's JSON.
The rows a province's report holds by the ten thousand (task facts, achievements, unfinished
and plan items) are named tuples instead: made at a fraction of a frozen dataclass's cost,
and just as immutable (`_replace` makes a changed copy). Pure: no Flask, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from tracker.domain.periods import Period
from tracker.domain.timeliness import Timeliness


@dataclass(frozen=True)
class SectionNode:
    """A heading of the report (Lĩnh vực / mục báo cáo) as stored."""

    id: int
    code: str
    title: str
    parent_id: int | None
    order: int = 0


class TaskFact(NamedTuple):
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


# The texts of CONTRACT's JSON `texts`, in order (the number is not part of it).
JSON_TEXTS = (
    "introduction",
    "assessment",
    "difficulties",
    "proposals",
    "signer_title",
    "signer_name",
    "recipients",
)


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
        """The texts as CONTRACT's JSON `texts` (the number is not part of it)."""
        return {name: getattr(self, name) for name in JSON_TEXTS}


class Achievement(NamedTuple):
    """A task finished within the period, under its section: what section I lists."""

    task_id: int
    title: str
    result: str
    unit: str
    completed_on: date | None
    timeliness: Timeliness


@dataclass
class SectionReport:
    """A heading of the report with its achievements and the headings below it."""

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


class UnfinishedItem(NamedTuple):
    """A task due by the period's end and not finished: it is carried over."""

    task_id: int
    title: str
    unit: str
    due_date: date | None
    days_overdue: int


class PlanItem(NamedTuple):
    """A numbered line of the next period's plan (section IV)."""

    no: int
    task_id: int
    title: str
    lead_unit: str
    due_date: date | None
    carried_over: bool


@dataclass(frozen=True)
class UnitStats:
    """A unit's counts in the period: assigned, done on time or late, unfinished, overdue."""

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
        """The counts as CONTRACT's JSON, the rate rounded to four places."""
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
    """The report of a period: what the page, the JSON API and both exports render."""

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
        """The period whose plan the report lists."""
        return self.period.next()

    @property
    def previous_period(self) -> Period:
        """The period the figures are compared with."""
        return self.period.previous()

    @property
    def totals(self) -> UnitStats:
        """All units' counts added up."""
        return _sum_stats("Tổng cộng", self.units)

    @property
    def previous_totals(self) -> UnitStats:
        """All units' counts of the previous period added up."""
        return _sum_stats("Tổng cộng", self.previous_units.values())

    @property
    def achievement_count(self) -> int:
        """How many achievements the report lists."""
        return sum(s.item_count for s in self.sections)

    def walk_sections(self) -> Iterable[tuple[int, SectionReport]]:
        """Every section in reading order, with its depth."""
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
