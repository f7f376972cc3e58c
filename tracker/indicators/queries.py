"""Chỉ tiêu of a period as the list, the API, the overview and the report show them: each
with its figure (entered for the period, or made from its parts), target and standing.

One query for the indicators, one for the figures of their year: a province's 4,000
indicators cost two statements, whatever the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import select

from tracker.common.answer_cache import remembered, rows_of
from tracker.domain.indicators import (
    Direction,
    Figure,
    Kind,
    Standing,
    combine,
    percent_of_target,
    standing,
)
from tracker.domain.periods import Kind as PeriodKind
from tracker.domain.periods import Period, parse_period
from tracker.domain.text import fold
from tracker.extensions import db
from tracker.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from tracker.models import Section, Unit
from tracker.tasks.queries import unit_subtree


class UnitName(NamedTuple):
    id: int
    code: str
    name: str
    short_name: str | None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class SectionName(NamedTuple):
    id: int
    code: str
    title: str

    @property
    def heading(self) -> str:
        """As the report heads it: "4. Lĩnh vực …" for I.4 (models.Section.heading)."""
        parts = self.code.split(".")
        number = parts[0] if len(parts) == 1 else ".".join(parts[1:])
        return f"{number}. {self.title}"


class IndicatorInfo(NamedTuple):
    """An indicator as a list shows it: plain values, not an ORM object (a province lists
    4,000 of them; `models.Indicator` has the same attribute names)."""

    id: int
    code: str
    name: str
    measure: str
    kind: str
    direction: str
    unit_id: int
    unit: UnitName
    section_id: int | None
    section: SectionName | None


class Stored(NamedTuple):
    """A figure as stored (models.IndicatorValue has the same attribute names)."""

    value: Decimal
    numerator: Decimal | None
    denominator: Decimal | None
    as_of: date
    version: int


@dataclass(frozen=True)
class IndicatorRow:
    indicator: IndicatorInfo  # (or a models.Indicator, for one indicator's page)
    period: Period
    figure: Figure | None
    target: Decimal | None
    standing: Standing
    percent_of_target: Decimal | None
    version: int | None  # of the figure entered for this very period (None: none, or made)

    @property
    def kind(self) -> Kind:
        return Kind(self.indicator.kind)


@dataclass(frozen=True)
class IndicatorFilter:
    unit_id: int | None = None
    section_id: int | None = None
    q: str | None = None
    standings: tuple[str, ...] = ()


def indicator_rows(period: Period, f: IndicatorFilter, today: date) -> list[IndicatorRow]:
    """The indicators active in the period's year that match the filter, in report order.

    Three plain queries (indicators, the year's targets, the year's figures), whatever the
    number of indicators; the standings are worked out here. The rows are plain data, kept
    for the current data version like any other answer.
    """
    key = ("indicator_rows", period, f, today)
    return remembered(key, lambda: _indicator_rows(period, f, today))


def _indicator_rows(period: Period, f: IndicatorFilter, today: date) -> list[IndicatorRow]:
    where = [Indicator.first_year <= period.year, Indicator.last_year >= period.year]
    if f.unit_id is not None:
        where.append(Indicator.unit_id.in_(sorted(unit_subtree(f.unit_id))))
    if f.section_id is not None:
        where.append(Indicator.section_id == f.section_id)
    stmt = (
        select(
            Indicator.id, Indicator.code, Indicator.name, Indicator.measure, Indicator.kind,
            Indicator.direction, Indicator.unit_id, Unit.code, Unit.name, Unit.short_name,
            Indicator.section_id, Section.code, Section.title,
        )
        .join(Unit, Unit.id == Indicator.unit_id)
        .outerjoin(Section, Section.id == Indicator.section_id)
        .where(*where)
        .order_by(Indicator.section_id.is_(None), Section.code, Indicator.sort_order,
                  Indicator.code)
    )  # fmt: skip
    infos = [_info(row) for row in rows_of(stmt)]
    if f.q and (words := fold(f.q).split()):
        infos = [i for i in infos if all(w in fold(f"{i.code} {i.name}") for w in words)]
    if not infos:
        return []  # (a department without chỉ tiêu pays one query on its overview)
    year = f"{period.year}%"
    targets = _by_indicator(
        select(IndicatorTarget.indicator_id, IndicatorTarget.period, IndicatorTarget.value)
        .join(Indicator, Indicator.id == IndicatorTarget.indicator_id)
        .where(*where, IndicatorTarget.period.like(year))
    )
    figures = _by_indicator(
        select(
            IndicatorValue.indicator_id, IndicatorValue.period, IndicatorValue.value,
            IndicatorValue.numerator, IndicatorValue.denominator, IndicatorValue.as_of,
            IndicatorValue.version,
        )
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .where(*where, IndicatorValue.period.like(year))
    )  # fmt: skip
    rows = [row_of(i, period, figures.get(i.id, {}), today, targets.get(i.id, {})) for i in infos]
    if f.standings:
        rows = [r for r in rows if r.standing.value in f.standings]
    return rows


def _info(row) -> IndicatorInfo:
    (id_, code, name, measure, kind, direction, unit_id, unit_code, unit_name, unit_short,
     section_id, section_code, section_title) = row  # fmt: skip
    section = None if section_id is None else SectionName(section_id, section_code, section_title)
    unit = UnitName(unit_id, unit_code, unit_name, unit_short)
    return IndicatorInfo(
        id_, code, name, measure, kind, direction, unit_id, unit, section_id, section
    )


def _by_indicator(stmt) -> dict[int, dict[str, object]]:
    """{indicator id: {period code: the rest of the row}} (a target's value, or a Stored)."""
    found: dict[int, dict[str, object]] = {}
    for indicator_id, period, *rest in rows_of(stmt):
        found.setdefault(indicator_id, {})[period] = rest[0] if len(rest) == 1 else Stored(*rest)
    return found


def row_of(
    indicator, period: Period, values: dict, today: date, targets: dict | None = None
) -> IndicatorRow:
    """One indicator in one period, from the figures of its year (by period code) and its
    targets (by period code; an ORM indicator's own when not given)."""
    if targets is None:
        targets = {t.period: t.value for t in indicator.targets}
    kind, direction = Kind(indicator.kind), Direction(indicator.direction)
    own = values.get(period.code)
    figure = _as_figure(own) if own is not None else _made(kind, period, values)
    target, judged_until = target_for(kind, targets, period)
    return IndicatorRow(
        indicator=indicator,
        period=period,
        figure=figure,
        target=target,
        standing=standing(kind, direction, figure, target, judged_until, today),
        percent_of_target=(
            percent_of_target(figure.value, target)
            if figure is not None and target is not None
            else None
        ),
        version=own.version if own is not None else None,
    )


def target_for(kind: Kind, targets: dict, period: Period) -> tuple[Decimal | None, date]:
    """The target a period's figure is held to, and the day it is judged on.

    The period's own target first. Without one, a running total and a rate answer to the
    year's target: a running total is then judged at the year's end (projected until
    then), a rate at the period's; a count of a part of the year has no target of its own.
    """
    if period.code in targets:
        return targets[period.code], period.end
    year = str(period.year)
    if year in targets and period.kind is not PeriodKind.YEAR:
        if kind is Kind.CUMULATIVE:
            return targets[year], parse_period(year).end
        if kind is Kind.RATIO:
            return targets[year], period.end
    return None, period.end


def _as_figure(value) -> Figure:
    return Figure(value.value, value.as_of, value.numerator, value.denominator)


@lru_cache(maxsize=2048)
def _period_of(code: str) -> Period:
    return parse_period(code)  # (a province's 80,000 figures name a few dozen periods)


def _made(kind: Kind, period: Period, values: dict) -> Figure | None:
    """A longer period's figure from its parts: each quarter's own figure, else its months'
    (a quarter is made from its months)."""
    if period.kind is PeriodKind.MONTH:
        return None
    parts = []
    months = [(code, v) for code, v in values.items() if _period_of(code).kind is PeriodKind.MONTH]
    quarters = {c: v for c, v in values.items() if _period_of(c).kind is PeriodKind.QUARTER}
    for code, value in quarters.items():
        quarter = _period_of(code)
        if period.contains(quarter) and quarter != period:
            parts.append(_as_figure(value))
    for code, value in months:
        month = _period_of(code)
        if not period.contains(month):
            continue
        own = next((c for c in quarters if _period_of(c).contains(month)), None)
        if own is None or _period_of(own) == period:
            parts.append(_as_figure(value))  # its quarter has no figure of its own
    return combine(kind, parts)


def unit_indicators(unit_id: int, period: Period) -> list[tuple[Indicator, IndicatorValue | None]]:
    """The indicators a unit owns in the period's year (ORM objects, for its forms), with
    the figure each has for the period: (indicator, stored figure or None)."""
    indicators = db.session.scalars(
        select(Indicator)
        .where(
            Indicator.unit_id == unit_id,
            Indicator.first_year <= period.year,
            Indicator.last_year >= period.year,
        )
        .order_by(Indicator.section_id, Indicator.sort_order, Indicator.code)
    ).all()
    stored = {
        v.indicator_id: v
        for v in db.session.scalars(
            select(IndicatorValue).where(
                IndicatorValue.indicator_id.in_([i.id for i in indicators]),
                IndicatorValue.period == period.code,
            )
        )
    }
    return [(indicator, stored.get(indicator.id)) for indicator in indicators]
