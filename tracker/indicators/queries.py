"""Chỉ tiêu of a period as the list, the API, the overview and the report show them: each
with its figure (entered for the period, or made from its parts), target and standing.

One query for the indicators, one for the figures of their year: a province's 4,000
indicators cost two statements, whatever the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

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
from tracker.indicators.models import Indicator, IndicatorValue
from tracker.tasks.queries import unit_subtree


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
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
    """The indicators active in the period's year that match the filter, in report order."""
    stmt = (
        select(Indicator)
        .where(Indicator.first_year <= period.year, Indicator.last_year >= period.year)
        .options(selectinload(Indicator.targets), selectinload(Indicator.unit))
        .order_by(
            Indicator.section_id.is_(None),
            Indicator.section_id,
            Indicator.sort_order,
            Indicator.code,
        )
    )
    if f.unit_id is not None:
        stmt = stmt.where(Indicator.unit_id.in_(sorted(unit_subtree(f.unit_id))))
    if f.section_id is not None:
        stmt = stmt.where(Indicator.section_id == f.section_id)
    indicators = list(db.session.scalars(stmt))
    if f.q and (words := fold(f.q).split()):
        indicators = [i for i in indicators if all(w in fold(f"{i.code} {i.name}") for w in words)]
    figures = _figures_of_year([i.id for i in indicators], period.year)
    rows = [row_of(i, period, figures.get(i.id, {}), today) for i in indicators]
    if f.standings:
        rows = [r for r in rows if r.standing.value in f.standings]
    return rows


def _figures_of_year(ids: list[int], year: int) -> dict[int, dict[str, IndicatorValue]]:
    found: dict[int, dict[str, IndicatorValue]] = {}
    if not ids:
        return found
    stmt = select(IndicatorValue).where(
        IndicatorValue.indicator_id.in_(ids), IndicatorValue.period.like(f"{year}%")
    )
    for value in db.session.scalars(stmt):
        found.setdefault(value.indicator_id, {})[value.period] = value
    return found


def row_of(
    indicator: Indicator, period: Period, values: dict[str, IndicatorValue], today: date
) -> IndicatorRow:
    """One indicator in one period, from the figures of its year (by period code)."""
    kind, direction = Kind(indicator.kind), Direction(indicator.direction)
    own = values.get(period.code)
    figure = _as_figure(own) if own is not None else _made(kind, period, values)
    target, judged_until = target_for(indicator, period)
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


def target_for(indicator: Indicator, period: Period) -> tuple[Decimal | None, date]:
    """The target a period's figure is held to, and the day it is judged on.

    The period's own target first. Without one, a running total and a rate answer to the
    year's target: a running total is then judged at the year's end (projected until
    then), a rate at the period's; a count of a part of the year has no target of its own.
    """
    targets = {t.period: t.value for t in indicator.targets}
    if period.code in targets:
        return targets[period.code], period.end
    year = str(period.year)
    if year in targets and period.kind is not PeriodKind.YEAR:
        kind = Kind(indicator.kind)
        if kind is Kind.CUMULATIVE:
            return targets[year], parse_period(year).end
        if kind is Kind.RATIO:
            return targets[year], period.end
    return None, period.end


def _as_figure(value: IndicatorValue) -> Figure:
    return Figure(value.value, value.as_of, value.numerator, value.denominator)


def _made(kind: Kind, period: Period, values: dict[str, IndicatorValue]) -> Figure | None:
    """A longer period's figure from the figures of its quarters (else of its months)."""
    for level in (PeriodKind.QUARTER, PeriodKind.MONTH):
        parts = []
        for code, value in values.items():
            part = parse_period(code)
            if part.kind is level and period.contains(part) and part != period:
                parts.append(_as_figure(value))
        if parts:
            return combine(kind, parts)
    return None
