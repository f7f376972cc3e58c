"""The period report's JSON (CONTRACT.md), as a schema.

The report of a province's quarter holds tens of thousands of rows: the domain's own
`Report.to_dict` writes it (a schema's dump would take about a second). This schema says in
openapi.json what that JSON is, and tests load every report the suite builds through it, so
that the two cannot part.
"""

from __future__ import annotations

from marshmallow import Schema, fields

from tracker.api.schemas import PERIOD_PATTERN, Day
from tracker.domain.report_types import JSON_TEXTS
from tracker.domain.timeliness import Timeliness

TIMELINESS = [t.value for t in Timeliness]


class Achievement(Schema):
    task_id = fields.Integer(required=True)
    title = fields.String(required=True)
    result = fields.String(required=True, allow_none=True)
    unit = fields.String(required=True)
    completed_on = Day(required=True, allow_none=True)
    timeliness = fields.String(required=True, metadata={"enum": TIMELINESS})


class ReportSectionSchema(Schema):
    code = fields.String(required=True)
    title = fields.String(required=True)
    achievements = fields.List(fields.Nested(Achievement), required=True)
    sections = fields.List(fields.Nested(lambda: ReportSectionSchema()), required=True)


class Unfinished(Schema):
    task_id = fields.Integer(required=True)
    title = fields.String(required=True)
    unit = fields.String(required=True)
    due_date = Day(required=True, allow_none=True)
    days_overdue = fields.Integer(required=True, metadata={"minimum": 0})


class PlanItem(Schema):
    no = fields.Integer(required=True, metadata={"minimum": 1})
    task_id = fields.Integer(required=True)
    title = fields.String(required=True)
    lead_unit = fields.String(required=True)
    due_date = Day(required=True, allow_none=True)
    carried_over = fields.Boolean(required=True)


class UnitStatsSchema(Schema):
    unit = fields.String(required=True)
    assigned = fields.Integer(required=True)
    done_on_time = fields.Integer(required=True)
    done_late = fields.Integer(required=True)
    unfinished_on_time = fields.Integer(required=True)
    overdue = fields.Integer(required=True)
    on_time_rate = fields.Float(
        required=True, allow_none=True, metadata={"minimum": 0, "maximum": 1}
    )


ReportTexts = Schema.from_dict(
    {name: fields.String(required=True) for name in JSON_TEXTS}, name="ReportTexts"
)


class ReportSchema(Schema):
    """The report of a period (CONTRACT.md), as the Excel and Word exports render it."""

    period = fields.String(required=True, metadata={"pattern": PERIOD_PATTERN})
    label = fields.String(required=True)
    as_of = Day(required=True)
    next_period = fields.String(required=True)
    next_label = fields.String(required=True)
    sections = fields.List(fields.Nested(ReportSectionSchema), required=True)
    unfinished = fields.List(fields.Nested(Unfinished), required=True)
    plan = fields.List(fields.Nested(PlanItem), required=True)
    units = fields.List(fields.Nested(UnitStatsSchema), required=True)
    previous_units = fields.List(fields.Nested(UnitStatsSchema))
    totals = fields.Nested(UnitStatsSchema)
    texts = fields.Nested(ReportTexts, required=True)
    generated_at = fields.String(metadata={"description": "Local time, ISO 8601."})


PeriodParam = {
    "name": "period",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": PERIOD_PATTERN},
    "description": "2020, 2020-H1, 2020-Q3, 2020-9M or 2020-07.",
}
