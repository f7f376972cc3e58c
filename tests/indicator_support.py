"""Helpers for the chỉ tiêu tests: set one up through the API, as a director would."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.extensions import db as _db
from tracker.indicators.models import Indicator, IndicatorTarget, IndicatorValue

YEAR = 2026


def set_up(api, **extra) -> dict:
    """POST /indicators the signed-documents rate of division A (or what `extra` changes)."""
    body = {
        "code": "KYSO",
        "name": "Tỷ lệ văn bản đi được ký số",
        "measure": "%",
        "kind": "ratio",
        "unit": "A",
        "section": "I.2",
        "targets": {str(YEAR): 70},
    } | extra
    response = api.post("/indicators", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def indicator(world, code, kind, unit="a", measure="%", target=None, direction="up"):
    made = Indicator(
        code=code,
        name=f"Chỉ tiêu {code}",
        measure=measure,
        kind=kind,
        direction=direction,
        unit=world.units[unit],
        section=world.sections["I.2"],
        first_year=YEAR,
        last_year=YEAR,
        targets=[IndicatorTarget(period=str(YEAR), value=Decimal(target))] if target else [],
    )
    _db.session.add(made)
    _db.session.commit()
    return made


def figure(made, period, value, numerator=None, denominator=None, as_of=date(YEAR, 9, 30)):
    _db.session.add(
        IndicatorValue(
            indicator_id=made.id,
            period=period,
            value=Decimal(value),
            numerator=numerator,
            denominator=denominator,
            as_of=as_of,
        )
    )
    _db.session.commit()
