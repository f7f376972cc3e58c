"""Chỉ tiêu as the API writes and reads them (CONTRACT.md, "Indicators").

Figures are JSON numbers: a count as an integer when it is whole, a ratio's value as the
percentage with two decimals (74.18). What comes in is read by the use cases (records.py),
which accept numbers or text typed the Vietnamese way ("1.009.186", "74,18").
"""

from __future__ import annotations

from marshmallow import Schema, fields

from tracker.api.schemas import (
    NAMED,
    PERIOD_PATTERN,
    ApiSchema,
    Day,
    SectionRef,
    Text,
    UnitRef,
)
from tracker.domain.indicators import Direction, Kind, Standing
from tracker.domain.numbers import json_number
from tracker.indicators.queries import IndicatorRow


class Given(fields.Raw):
    """Any JSON value, read by the use case; its absence said in Vietnamese."""

    default_error_messages = {"required": "Chưa có giá trị."}


FIGURE = {"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "minLength": 1}]}


class IndicatorSchema(Schema):
    id = fields.Integer(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    measure = fields.String(required=True)
    kind = fields.String(required=True, metadata={"enum": [k.value for k in Kind]})
    direction = fields.String(required=True, metadata={"enum": [d.value for d in Direction]})
    unit = fields.Nested(UnitRef, required=True)
    section = fields.Nested(SectionRef, required=True, allow_none=True)
    period = fields.String(required=True, metadata={"pattern": PERIOD_PATTERN})
    value = fields.Float(
        required=True, allow_none=True, metadata={"description": "A ratio: its percentage."}
    )
    numerator = fields.Float(required=True, allow_none=True)
    denominator = fields.Float(required=True, allow_none=True)
    as_of = Day(required=True, allow_none=True)
    target = fields.Float(required=True, allow_none=True)
    percent_of_target = fields.Float(required=True, allow_none=True)
    status = fields.String(required=True, metadata={"enum": [s.value for s in Standing]})
    version = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "Of the figure entered for this period (null: none yet)."},
    )


class IndicatorList(Schema):
    items = fields.List(fields.Nested(IndicatorSchema), required=True)


def indicator_json(row: IndicatorRow) -> dict:
    """One indicator in one period, as CONTRACT's list and PUT answer give it (IndicatorSchema
    describes it; written by hand, as a province's list holds 4,000 of them)."""
    indicator, figure = row.indicator, row.figure
    ratio = row.kind is Kind.RATIO
    unit, section = indicator.unit, indicator.section
    return {
        "id": indicator.id,
        "code": indicator.code,
        "name": indicator.name,
        "measure": indicator.measure,
        "kind": indicator.kind,
        "direction": indicator.direction,
        "unit": {"id": unit.id, "code": unit.code, "name": unit.name},
        "section": (
            {"id": section.id, "code": section.code, "title": section.title} if section else None
        ),
        "period": row.period.code,
        "value": json_number(figure.value, 2 if ratio else None) if figure else None,
        "numerator": json_number(figure.numerator) if figure else None,
        "denominator": json_number(figure.denominator) if figure else None,
        "as_of": figure.as_of.isoformat() if figure else None,
        "target": json_number(row.target),
        "percent_of_target": json_number(row.percent_of_target),
        "status": row.standing.value,
        "version": row.version,
    }


class IndicatorArgs(ApiSchema):
    period = fields.String(
        metadata={"pattern": PERIOD_PATTERN, "description": "Default: the current quarter."}
    )
    unit = fields.String(metadata={"description": "A unit (code or id) and the units under it."})
    section = fields.String(metadata={"description": "A report section's code or id."})
    q = fields.String(metadata={"description": "Words of the code or name, accents optional."})


class IndicatorWrite(ApiSchema):
    """A new indicator (described here; read by records.create_indicator)."""

    code = Text(30, blank=False, required=True)
    name = Text(500, blank=False, required=True)
    measure = Text(60, blank=False, required=True)
    kind = Given(required=True, metadata={"enum": [k.value for k in Kind]})
    direction = Given(metadata={"enum": [d.value for d in Direction]})
    unit = Given(required=True, metadata=NAMED)
    section = Given(metadata={"anyOf": [*NAMED["anyOf"], {"type": "null"}]})
    documents = Given(metadata={"type": "array", "items": NAMED})
    targets = fields.Dict(
        keys=fields.String(metadata={"pattern": PERIOD_PATTERN}),
        values=Given(metadata=FIGURE),
        # (marshmallow formats its messages: the braces are doubled)
        error_messages={"invalid": 'Chỉ tiêu giao phải có dạng {{"2026": 70}}.'},
        metadata={"description": 'Per year or period: {"2026": 70, "2026-Q4": 70}.'},
    )


class FigureWrite(ApiSchema):
    """A period's figure: `value`, or a ratio's `numerator` and `denominator`."""

    value = Given(metadata=FIGURE)
    numerator = Given(metadata=FIGURE)
    denominator = Given(metadata=FIGURE)
    as_of = Given(metadata={"type": "string", "format": "date"})
    note = Text(2_000)
    version = Given(metadata={"type": "integer", "minimum": 1})
