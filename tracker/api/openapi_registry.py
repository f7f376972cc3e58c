"""The JSON Schemas of the document registry and the period report (CONTRACT.md)."""

from __future__ import annotations

from tracker.api.openapi_schemas import (
    BOOL,
    DAY,
    INT,
    STATUSES,
    STR,
    TIMELINESS,
    nullable,
    obj,
    ref,
)
from tracker.domain.report_types import JSON_TEXTS

PROGRESS = obj(
    {
        "total": {"type": "integer", "minimum": 0},
        "done": {"type": "integer", "minimum": 0},
        "overdue": {"type": "integer", "minimum": 0},
        "cancelled": {"type": "integer", "minimum": 0},
        "summary": STR,
    },
    description="The document's visible tasks by outcome, as of today.",
)

DOCUMENT = obj(
    {
        "id": INT,
        "type": STR,
        "symbol": STR,
        "number": nullable(STR),
        "year": nullable(INT),
        "issuer_code": nullable(STR),
        "issuer_name": nullable(STR),
        "issued_on": nullable(DAY),
        "title": nullable(STR),
        "link": nullable(STR),
        "needs_title": BOOL,
        "progress": ref("DocumentProgress"),
    }
)

TASK_BRIEF = obj(
    {
        "id": INT,
        "title": STR,
        "lead_unit": ref("UnitRef"),
        "status": {"type": "string", "enum": STATUSES},
        "progress": INT,
        "due_date": nullable(DAY),
        "timeliness": {"type": "string", "enum": TIMELINESS},
        "days_overdue": INT,
    }
)

DOCUMENT_DETAIL = {
    "allOf": [
        ref("Document"),
        obj(
            {
                "tasks": {"type": "array", "items": ref("TaskBrief")},
                "task_total": {"type": "integer", "minimum": 0},
                "by_timeliness": {
                    "type": "object",
                    "properties": {kind: {"type": "integer", "minimum": 0} for kind in TIMELINESS},
                    "required": TIMELINESS,
                },
                "cited_with": {
                    "type": "array",
                    "items": {"allOf": [ref("DocumentRef"), obj({"shared_tasks": INT})]},
                },
            }
        ),
    ]
}

UNIT_STATS = obj(
    {
        "unit": STR,
        "assigned": INT,
        "done_on_time": INT,
        "done_late": INT,
        "unfinished_on_time": INT,
        "overdue": INT,
        "on_time_rate": nullable({"type": "number", "minimum": 0, "maximum": 1}),
    }
)

REPORT_SECTION = obj(
    {
        "code": STR,
        "title": STR,
        "achievements": {
            "type": "array",
            "items": obj(
                {
                    "task_id": INT,
                    "title": STR,
                    "result": nullable(STR),
                    "unit": STR,
                    "completed_on": nullable(DAY),
                    "timeliness": {"type": "string", "enum": TIMELINESS},
                }
            ),
        },
        "sections": {"type": "array", "items": ref("ReportSection")},
    }
)

REPORT = obj(
    {
        "period": STR,
        "label": STR,
        "as_of": DAY,
        "next_period": STR,
        "next_label": STR,
        "sections": {"type": "array", "items": ref("ReportSection")},
        "unfinished": {
            "type": "array",
            "items": obj(
                {
                    "task_id": INT,
                    "title": STR,
                    "unit": STR,
                    "due_date": nullable(DAY),
                    "days_overdue": INT,
                }
            ),
        },
        "plan": {
            "type": "array",
            "items": obj(
                {
                    "no": INT,
                    "task_id": INT,
                    "title": STR,
                    "lead_unit": STR,
                    "due_date": nullable(DAY),
                    "carried_over": BOOL,
                }
            ),
        },
        "units": {"type": "array", "items": ref("UnitStats")},
        "previous_units": {"type": "array", "items": ref("UnitStats")},
        "totals": ref("UnitStats"),
        "texts": obj({name: STR for name in JSON_TEXTS}),
        "generated_at": {"type": "string", "description": "Local time, ISO 8601."},
    },
    required=[
        "period",
        "label",
        "as_of",
        "next_period",
        "next_label",
        "sections",
        "unfinished",
        "plan",
        "units",
        "texts",
    ],
    description="The report of a period (CONTRACT.md), as the Excel and Word exports render it.",
)


SCHEMAS = {
    "Document": DOCUMENT,
    "DocumentDetail": DOCUMENT_DETAIL,
    "DocumentProgress": PROGRESS,
    "TaskBrief": TASK_BRIEF,
    "Report": REPORT,
    "ReportSection": REPORT_SECTION,
    "UnitStats": UNIT_STATS,
}
