"""What the overview is about: the period, the day it is judged on, the unit; and its links.

`Scope.args` gives the task list's query arguments (tracker/filters.py names) that select
exactly the tasks a figure counts, so that each number can link to its list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tracker.common.exceptions import NotAllowed, ValidationFailed
from tracker.common.lookup import resolve_unit
from tracker.domain.periods import Kind, Period, PeriodError, parse_period, period_containing
from tracker.domain.report import UnitStats
from tracker.domain.timeliness import Timeliness
from tracker.extensions import db
from tracker.models import Unit
from tracker.permissions import Action, Principal, can, subtree_index
from tracker.tasks.queries import TaskFilter

ALL_KINDS = tuple(k.value for k in Timeliness)
# The columns of the unit table (and of the report's "units"), as timeliness categories.
COLUMNS: dict[str, tuple[str, ...]] = {
    "assigned": tuple(k for k in ALL_KINDS if k != Timeliness.CANCELLED),
    "done_on_time": (Timeliness.DONE_ON_TIME.value, Timeliness.DONE_NO_DEADLINE.value),
    "done_late": (Timeliness.DONE_LATE.value,),
    "unfinished_on_time": (
        Timeliness.DUE_SOON.value,
        Timeliness.ON_TRACK.value,
        Timeliness.NO_DEADLINE.value,
    ),
    "overdue": (Timeliness.OVERDUE.value,),
}


@dataclass(frozen=True)
class Scope:
    """What the figures are about: a period judged as of a day, within a unit (or all)."""

    period: Period | None
    as_of: date
    today: date
    unit: Unit | None = None

    def args(self, kinds: Iterable[str] = (), unit: Unit | None = None, subtree: bool = True):
        """The task list's query arguments selecting these tasks (tracker/filters.py names)."""
        target = unit or self.unit
        args: dict[str, str] = {}
        if self.period is not None:
            args["period"] = self.period.code
        if target is not None:
            args["unit"] = str(target.id)
            if not subtree:
                args["subtree"] = "0"
        if kinds:
            args["timeliness"] = ",".join(kinds)
        if self.as_of != self.today:
            args["as_of"] = self.as_of.isoformat()
        return args

    def column_args(self, column: str, unit: Unit | None = None, subtree: bool = True):
        return self.args(COLUMNS[column], unit, subtree)

    def task_filter(self, due_soon_days: int, **kw) -> TaskFilter:
        return TaskFilter(
            unit_id=self.unit.id if self.unit else None,
            period=self.period,
            as_of=self.as_of,
            due_soon_days=due_soon_days,
            **kw,
        )


@dataclass
class UnitTree:
    """The unit tree once loaded: children by parent, each unit's subtree, what one may pick."""

    children: dict[int | None, list[Unit]]
    subtree: dict[int, frozenset[int]]
    choices: list[tuple[Unit, int]]

    @property
    def tops(self) -> list[Unit]:
        return [unit for unit, depth in self.choices if depth == 0]


def load_unit_tree(visible: frozenset[int]) -> UnitTree:
    """All units in one query, arranged as a tree; `choices` are the visible ones, indented."""
    units = list(db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.name)))
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    choices: list[tuple[Unit, int]] = []
    stack = [(unit, 0) for unit in reversed(children.get(None, []))]
    seen: set[int] = set()
    while stack:
        unit, depth = stack.pop()
        if unit.id in seen:  # a cycle would be a data error; do not loop forever
            continue
        seen.add(unit.id)
        shown = unit.id in visible
        if shown:
            choices.append((unit, depth))
        below = depth + 1 if shown else depth
        stack.extend((child, below) for child in reversed(children.get(unit.id, [])))
    subtree = subtree_index((unit.id, unit.parent_id) for unit in units)
    return UnitTree(children, subtree, choices)


def as_of_for(period: Period, today: date) -> date:
    """The day a period is judged on: today while it runs (or lies ahead), else its last day."""
    return period.end if period.end < today else today


def stats_of(name: str, counts: dict[str, int]) -> UnitStats:
    """The report's per-unit figures from counts by timeliness category."""
    return UnitStats(
        unit=name,
        **{column: sum(counts.get(k, 0) for k in kinds) for column, kinds in COLUMNS.items()},
    )


def resolve_scope(principal: Principal, period_code, unit_value, today: date):
    """(scope, previous period's scope, unit tree) asked for; defaults for what is missing.

    The period defaults to the current quarter; the unit to the principal's top unit (or
    every unit they see, when their grants have several tops).
    """
    if not can(principal, Action.VIEW_REPORT):
        raise NotAllowed("Bạn không có quyền xem số liệu tổng quan.")
    try:
        period = (
            parse_period(period_code) if period_code else period_containing(today, Kind.QUARTER)
        )
    except PeriodError as error:
        raise ValidationFailed(str(error), field="period") from None
    visible = principal.visible_units
    tree = load_unit_tree(visible)
    if unit_value:
        unit = resolve_unit(unit_value, field="unit")
        if unit.id not in visible:
            raise NotAllowed("Bạn không được xem số liệu của đơn vị này.")
    else:
        unit = tree.tops[0] if len(tree.tops) == 1 else None
    previous = period.previous()
    return (
        Scope(period, as_of_for(period, today), today, unit),
        Scope(previous, as_of_for(previous, today), today, unit),
        tree,
    )


def period_choices(selected: Period, today: date) -> list[tuple[int, list[Period]]]:
    """Periods to pick from, by year (newest first): quarters, halves, nine months, year, months."""
    years = set(range(today.year - 2, today.year + 2)) | {selected.year}
    result = []
    for year in sorted(years, reverse=True):
        periods = [Period(year, Kind.QUARTER, i) for i in range(1, 5)]
        periods += [Period(year, Kind.HALF, i) for i in (1, 2)]
        periods += [Period(year, Kind.NINE_MONTHS), Period(year, Kind.YEAR)]
        periods += [Period(year, Kind.MONTH, i) for i in range(1, 13)]
        result.append((year, periods))
    return result
