"""The report object (what the page, the JSON API and the exports all render) and its parts.

Plain dataclasses, built by the roll-up in report.py; `Report.to_dict` is CONTRACT's JSON.
The rows a province's report holds by the ten thousand (task facts, achievements, unfinished
and plan items) are named tuples instead: made at a fraction of a frozen dataclass's cost,
and just as immutable (`_replace` makes a changed copy). Pure: no Flask, no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from tracker.domain.periods import Period
from tracker.domain.report.as_json import report_dict
from tracker.domain.report.header import IssueStamp, Organisation, ReportTexts
from tracker.domain.report.window import Window, WindowRule
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
    submitted_on: date | None = None
    confirmed_on: date | None = None
    product: str | None = None
    # The department's own place for the item among its section's results and in the plan,
    # and the plan item's whole wording as the department wrote it; None: not given.
    report_order: int | None = None
    wording: str | None = None
    support_units: tuple[str, ...] = ()
    plan_order: int | None = None


class Achievement(NamedTuple):
    """A task finished within the period, under its section: what section I lists."""

    task_id: int
    title: str
    result: str
    unit: str
    completed_on: date | None
    timeliness: Timeliness


class IndicatorResult(NamedTuple):
    """A chỉ tiêu's result in the period: the appendix's row and the section's sentence.

    Figures are exact decimals (a ratio's `value` is its percentage, two decimals)."""

    code: str
    name: str
    measure: str
    kind: str
    unit: str
    section_code: str | None
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    as_of: date | None
    target: Decimal | None
    percent_of_target: Decimal | None
    status: str
    status_label: str
    figure_text: str  # "74,18 % (87.292/117.681)", "449 tài khoản", "Chưa có số liệu"
    target_text: str
    figure_short: str  # for a table with a measure column: "74,18 %", "449", "–"
    target_short: str
    terms: str  # a ratio's "87.292/117.681", else ""
    sentence: str | None  # None without a figure: nothing to say in the achievements


@dataclass
class SectionReport:
    """A heading of the report with its achievements and the headings below it; `figures`
    are its chỉ tiêu's sentences, said before the tasks."""

    code: str
    title: str
    id: int | None = None
    achievements: list[Achievement] = field(default_factory=list)
    sections: list[SectionReport] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        """Achievements and figures in this section and every section below it."""
        own = len(self.achievements) + len(self.figures)
        return own + sum(s.item_count for s in self.sections)

    @property
    def task_count(self) -> int:
        """Achievements (tasks only) in this section and every section below it."""
        return len(self.achievements) + sum(s.task_count for s in self.sections)

    def walk(self, depth: int = 0) -> Iterable[tuple[int, SectionReport]]:
        """This section and its descendants in reading order, with their depth."""
        yield depth, self
        for child in self.sections:
            yield from child.walk(depth + 1)


class PendingItem(NamedTuple):
    """Work finished within the window that awaits the director's confirmation: not yet an
    achievement, listed on its own so that it is confirmed (or returned) before issuing."""

    task_id: int
    title: str
    unit: str
    completed_on: date | None
    submitted_on: date | None


class UnfinishedItem(NamedTuple):
    """A task due by the cut-off and not finished: it is carried over."""

    task_id: int
    title: str
    unit: str
    due_date: date | None
    days_overdue: int


class PlanItem(NamedTuple):
    """A numbered line of the next period's plan (section IV): what, by whom, producing what,
    by when. `wording` is the item's whole text as the department wrote it, when kept."""

    no: int
    task_id: int
    title: str
    lead_unit: str
    due_date: date | None
    carried_over: bool
    support_units: tuple[str, ...] = ()
    product: str | None = None
    wording: str | None = None


@dataclass(frozen=True)
class UnitStats:
    """A unit's counts in the period: assigned, done on time or late, unfinished, overdue."""

    unit: str
    assigned: int = 0
    done_on_time: int = 0
    done_late: int = 0
    unfinished_on_time: int = 0
    overdue: int = 0
    pending: int = 0  # reported done, awaiting confirmation: not counted as done

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
            "pending": self.pending,
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
    window_start: date | None = None  # the window's first day (the period's, by default)
    window_rule: str = WindowRule.CALENDAR.value
    pending: list[PendingItem] = field(default_factory=list)
    department: str = ""  # the name of the unit whose report it is (a plan item by it says so)
    issue: IssueStamp | None = None  # the number, date and signature of an issued report
    indicators: list[IndicatorResult] = field(default_factory=list)  # the chỉ tiêu appendix

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

    @property
    def window(self) -> Window:
        """The days the report counts, ending at its cut-off."""
        return Window(
            self.window_start or self.period.start, self.as_of, WindowRule(self.window_rule)
        )

    @property
    def overdue(self) -> list[UnfinishedItem]:
        """The unfinished tasks past their deadline (what a table titled "quá hạn" holds)."""
        return [u for u in self.unfinished if u.days_overdue >= 1]

    @property
    def not_yet_due(self) -> list[UnfinishedItem]:
        """The unfinished tasks whose deadline has not passed at the cut-off."""
        return [u for u in self.unfinished if u.days_overdue < 1]

    def to_dict(self) -> dict:
        """The report as CONTRACT.md's JSON."""
        return report_dict(self)


def _sum_stats(name: str, rows: Iterable[UnitStats]) -> UnitStats:
    rows = list(rows)
    return UnitStats(
        unit=name,
        assigned=sum(r.assigned for r in rows),
        done_on_time=sum(r.done_on_time for r in rows),
        done_late=sum(r.done_late for r in rows),
        unfinished_on_time=sum(r.unfinished_on_time for r in rows),
        overdue=sum(r.overdue for r in rows),
        pending=sum(r.pending for r in rows),
    )
