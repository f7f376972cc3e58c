"""The period report's JSON (CONTRACT.md), as a schema.

The report of a province's quarter holds tens of thousands of rows: the domain's own
`Report.to_dict` writes it (a schema's dump would take about a second). This schema says in
openapi.json what that JSON is, and tests load every report the suite builds through it, so
that the two cannot part.
"""

from __future__ import annotations

from marshmallow import Schema, fields

from tracker.api.schemas import PERIOD_PATTERN, Day, Moment
from tracker.domain.report.header import JSON_TEXTS
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
    figures = fields.List(
        fields.String(),
        metadata={"description": "The section's chỉ tiêu, each a sentence (absent before them)."},
    )
    sections = fields.List(fields.Nested(lambda: ReportSectionSchema()), required=True)


class ReportIndicator(Schema):
    """A chỉ tiêu in the period (as GET /indicators gives it, with the report's sentence)."""

    code = fields.String(required=True)
    name = fields.String(required=True)
    measure = fields.String(required=True)
    kind = fields.String(required=True, metadata={"enum": ["count", "cumulative", "ratio"]})
    unit = fields.String(required=True)
    section = fields.String(required=True, allow_none=True)
    value = fields.Float(required=True, allow_none=True)
    numerator = fields.Float(required=True, allow_none=True)
    denominator = fields.Float(required=True, allow_none=True)
    as_of = Day(required=True, allow_none=True)
    target = fields.Float(required=True, allow_none=True)
    percent_of_target = fields.Float(required=True, allow_none=True)
    status = fields.String(required=True)
    sentence = fields.String(required=True, allow_none=True)


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
    wording = fields.String(required=True, allow_none=True)
    lead_unit = fields.String(required=True)
    support_units = fields.List(fields.String(), required=True)
    product = fields.String(required=True, allow_none=True)
    due_date = Day(required=True, allow_none=True)
    carried_over = fields.Boolean(required=True)


class UnitStatsSchema(Schema):
    unit = fields.String(required=True)
    assigned = fields.Integer(required=True)
    done_on_time = fields.Integer(required=True)
    done_late = fields.Integer(required=True)
    unfinished_on_time = fields.Integer(required=True)
    overdue = fields.Integer(required=True)
    pending = fields.Integer(required=True, metadata={"description": "Awaiting confirmation."})
    on_time_rate = fields.Float(
        required=True, allow_none=True, metadata={"minimum": 0, "maximum": 1}
    )


ReportTexts = Schema.from_dict(
    {name: fields.String(required=True) for name in JSON_TEXTS}, name="ReportTexts"
)


class Window(Schema):
    """The days the report counts (thời gian chốt số liệu) and the rule that set them."""

    start = Day(required=True)
    end = Day(required=True)
    rule = fields.String(required=True, metadata={"enum": ["calendar", "decree_09"]})


class IssueStampSchema(Schema):
    number = fields.String(required=True)
    date = Day(required=True)
    signer_title = fields.String(required=True)
    signer_name = fields.String(required=True)
    recipients = fields.List(fields.String(), required=True)
    version = fields.Integer(required=True)
    replaces = fields.String(required=True, allow_none=True)


class ReportSchema(Schema):
    """The report of a period (CONTRACT.md), as the Excel and Word exports render it."""

    period = fields.String(required=True, metadata={"pattern": PERIOD_PATTERN})
    label = fields.String(required=True)
    as_of = Day(required=True)
    next_period = fields.String(required=True)
    next_label = fields.String(required=True)
    window = fields.Nested(Window, required=True)
    sections = fields.List(fields.Nested(ReportSectionSchema), required=True)
    pending_confirmation = fields.List(fields.Nested(lambda: PendingItem()), required=True)
    unfinished = fields.List(fields.Nested(Unfinished), required=True)
    plan = fields.List(fields.Nested(PlanItem), required=True)
    units = fields.List(fields.Nested(UnitStatsSchema), required=True)
    previous_units = fields.List(fields.Nested(UnitStatsSchema))
    totals = fields.Nested(UnitStatsSchema)
    texts = fields.Nested(ReportTexts, required=True)
    indicators = fields.List(
        fields.Nested(ReportIndicator),
        metadata={"description": "Kết quả thực hiện các chỉ tiêu (absent before them)."},
    )
    generated_at = fields.String(metadata={"description": "Local time, ISO 8601."})
    issue = fields.Nested(lambda: IssueStampSchema(), metadata={"description": "Once issued."})


PeriodParam = {
    "name": "period",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": PERIOD_PATTERN},
    "description": "2020, 2020-H1, 2020-Q3, 2020-9M or 2020-07.",
}


class PendingItem(Schema):
    task_id = fields.Integer(required=True)
    title = fields.String(required=True)
    unit = fields.String(required=True)
    completed_on = Day(required=True, allow_none=True)
    submitted_on = Day(required=True, allow_none=True)


class IssuedSchema(Schema):
    """An issued version of a report: who issued it, when, under which number."""

    id = fields.Integer(required=True)
    period = fields.String(required=True)
    unit = fields.Function(lambda row: row.unit.code, required=True, metadata={"type": "string"})
    number = fields.String(required=True)
    date = Day(required=True, attribute="issued_on")
    as_of = Day(required=True)
    window_start = Day(required=True)
    version = fields.Integer(required=True)
    replaces = fields.Integer(required=True, allow_none=True, attribute="replaces_id")
    signer_name = fields.String(required=True)
    signer_title = fields.String(required=True)
    issued_by = fields.Function(
        lambda row: row.issued_by.full_name if row.issued_by else None,
        required=True,
        metadata={"type": ["string", "null"]},
    )
    issued_at = Moment(required=True)
    docx_sha256 = fields.String(required=True)
    xlsx_sha256 = fields.String(required=True)


IssuedList = Schema.from_dict(
    {"items": fields.List(fields.Nested(IssuedSchema), required=True)}, name="IssuedList"
)
