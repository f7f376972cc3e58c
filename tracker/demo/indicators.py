"""The demo department's chỉ tiêu: the sample report's figures over the last four quarters,
dated relative to the day the demo is loaded (the current quarter's as of that day)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from tracker.demo import data
from tracker.documents.linking import ensure_document
from tracker.domain.indicators import ratio_percent
from tracker.domain.legal_refs import parse_ref
from tracker.domain.periods import Kind, period_containing
from tracker.extensions import db
from tracker.indicators.models import Indicator, IndicatorChange, IndicatorTarget, IndicatorValue
from tracker.models import Section, Unit, User


def load_indicators(
    today: date, units: dict[str, Unit], sections: dict[str, Section], users: dict[str, User]
) -> int:
    """Add the demo's indicators, their targets and figures; return how many."""
    current = period_containing(today, Kind.QUARTER)
    quarters = [current]
    while len(quarters) < 4:
        quarters.insert(0, quarters[0].previous())
    heads = {g.unit_id: user for user in users.values() for g in user.grants if g.role == "head"}
    for order, spec in enumerate(data.INDICATORS):
        unit = units[spec["unit"]]
        years = {today.year + int(k): Decimal(v) for k, v in spec["targets"].items()}
        years.setdefault(quarters[0].year, years[today.year])  # the oldest quarter's year
        indicator = Indicator(
            code=spec["code"],
            name=spec["name"],
            measure=spec["measure"],
            kind=spec["kind"],
            direction=spec["direction"],
            unit=unit,
            section=sections[spec["section"]],
            first_year=min(years),
            last_year=max(years),
            sort_order=order,
            targets=[IndicatorTarget(period=str(y), value=v) for y, v in sorted(years.items())],
        )
        if spec.get("document"):
            indicator.documents = [ensure_document(parse_ref(spec["document"]))]
        db.session.add(indicator)
        db.session.flush()
        for quarter, figure in zip(quarters, spec["quarters"], strict=True):
            as_of = min(quarter.end, today)
            value = _stored(indicator, quarter.code, figure, as_of, heads.get(unit.id))
            db.session.add(value)
    return len(data.INDICATORS)


def _stored(indicator, period: str, figure, as_of: date, head: User | None) -> IndicatorValue:
    numerator = denominator = None
    if isinstance(figure, list):
        numerator, denominator = Decimal(figure[0]), Decimal(figure[1])
        value = ratio_percent(numerator, denominator)
    else:
        value = Decimal(figure)
    entered = datetime.combine(as_of, time(9, 30))  # UTC: 16:30 in Vietnam
    db.session.add(
        IndicatorChange(
            indicator_id=indicator.id,
            period=period,
            user_id=head.id if head else None,
            changes={"value": [None, str(value)]},
            created_at=entered,
        )
    )
    return IndicatorValue(
        indicator_id=indicator.id,
        period=period,
        value=value,
        numerator=numerator,
        denominator=denominator,
        as_of=as_of,
        entered_by_id=head.id if head else None,
        updated_at=entered,
    )
