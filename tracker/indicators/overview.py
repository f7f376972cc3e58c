"""“Chỉ tiêu có nguy cơ không đạt”: the director's overview block, per owning unit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.domain.indicators import Standing
from tracker.domain.periods import Period
from tracker.indicators.queries import IndicatorFilter, IndicatorRow, UnitName, indicator_rows

WATCHED = (Standing.AT_RISK, Standing.NOT_ACHIEVED)


@dataclass
class UnitRisks:
    unit: UnitName
    at_risk: int = 0
    not_achieved: int = 0


@dataclass
class Risks:
    period: Period
    total: int  # indicators of the period in scope, whatever their standing
    by_unit: list[UnitRisks] = field(default_factory=list)
    rows: list[IndicatorRow] = field(default_factory=list)  # the watched ones, worst first


def indicator_risks(period: Period, unit_id: int | None, today: date) -> Risks:
    """How many indicators of each unit are at risk or not achieved in the period."""
    rows = indicator_rows(period, IndicatorFilter(unit_id=unit_id), today)
    watched = [r for r in rows if r.standing in WATCHED]
    by_unit: dict[int, UnitRisks] = {}
    for row in watched:
        tally = by_unit.setdefault(row.indicator.unit_id, UnitRisks(row.indicator.unit))
        if row.standing is Standing.AT_RISK:
            tally.at_risk += 1
        else:
            tally.not_achieved += 1
    ordered = sorted(
        by_unit.values(), key=lambda t: (-(t.at_risk + t.not_achieved), t.unit.display_name)
    )
    worst_first = sorted(
        watched, key=lambda r: (r.standing is not Standing.NOT_ACHIEVED, r.percent_of_target or 0)
    )
    return Risks(period=period, total=len(rows), by_unit=ordered, rows=worst_first)
