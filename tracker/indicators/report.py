"""Chỉ tiêu in the periodic report: each indicator of the report's unit (and the units under
it) as an `IndicatorResult`, with its sentence for the achievements and its appendix row."""

from __future__ import annotations

from datetime import date

from tracker.domain.periods import Period
from tracker.domain.report import IndicatorResult
from tracker.indicators.queries import IndicatorFilter, IndicatorRow, indicator_rows
from tracker.indicators.words import (
    amount,
    figure_text,
    sentence,
    standing_label,
    target_text,
    terms_text,
)


def report_indicators(period: Period, unit_id: int | None, today: date) -> list[IndicatorResult]:
    """The report's chỉ tiêu: the department's all, a division's its own subtree's."""
    return [
        result_of(row) for row in indicator_rows(period, IndicatorFilter(unit_id=unit_id), today)
    ]


def result_of(row: IndicatorRow) -> IndicatorResult:
    indicator, figure = row.indicator, row.figure
    return IndicatorResult(
        code=indicator.code,
        name=indicator.name,
        measure=indicator.measure,
        kind=indicator.kind,
        unit=indicator.unit.name,
        section_code=indicator.section.code if indicator.section else None,
        value=figure.value if figure else None,
        numerator=figure.numerator if figure else None,
        denominator=figure.denominator if figure else None,
        as_of=figure.as_of if figure else None,
        target=row.target,
        percent_of_target=row.percent_of_target,
        status=row.standing.value,
        status_label=standing_label(row),
        figure_text=figure_text(row),
        target_text=target_text(row),
        figure_short=_short(figure.value if figure else None, row, exact=False),
        target_short=_short(row.target, row, exact=True),
        terms=terms_text(row),
        sentence=sentence(row),
    )


def _short(value, row: IndicatorRow, exact: bool) -> str:
    """A figure without its measure (the table has a column for it), a rate with its %."""
    if value is None:
        return "–"
    return amount(value, "", row.kind, exact=exact)
