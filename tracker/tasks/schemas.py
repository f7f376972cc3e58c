"""A task as the API reads and writes it (CONTRACT.md), one schema per resource.

`TaskWrite` reads what a form or a JSON body says about a task (the use cases call `clean`);
`TaskSchema` and its companions write tasks out; both describe themselves in openapi.json.
"""

from __future__ import annotations

from marshmallow import Schema, fields
from marshmallow.experimental.context import Context

from tracker.api.schemas import (
    ID,
    NAMED,
    PERIOD_PATTERN,
    ApiSchema,
    Bool,
    Day,
    DocumentRef,
    Moment,
    Parsed,
    SectionRef,
    Text,
    UnitRef,
    UserRef,
    load,
    page_of,
)
from tracker.common.lookup import resolve_section, resolve_unit, resolve_units, resolve_user
from tracker.domain.timeliness import Status, Timeliness, classify, days_overdue
from tracker.models import EXTENSION_STATES, PRIORITIES, UPDATE_KINDS
from tracker.tasks import fields as read

STATUSES = [s.value for s in Status]
TIMELINESS = [t.value for t in Timeliness]
DAY = {"type": "string", "format": "date"}
NULLABLE_DAY = {"type": ["string", "null"], "format": "date"}


def _text(name: str, limit: int, required: bool = False, single_line: bool = False) -> Parsed:
    describe = {"type": "string" if required else ["string", "null"], "maxLength": limit}
    if required:
        describe["minLength"] = 1
    return Parsed(lambda v: read.text(v, name, required, limit, single_line), describe)


def _day(name: str) -> Parsed:
    return Parsed(lambda v: read.parse_day(v, name), NULLABLE_DAY)


class TaskWrite(ApiSchema):
    """The writable fields of a task; each may be left out of a PATCH."""

    title = _text("title", 500, required=True, single_line=True)
    description = _text("description", 20_000)
    result = _text("result", 20_000)
    product = _text("product", 2_000)
    report_wording = _text("report_wording", 20_000)
    weight = Parsed(read.weight, {"type": "number", "exclusiveMinimum": 0, "maximum": 10})
    section = Parsed(resolve_section, NAMED)
    lead_unit = Parsed(resolve_unit, NAMED)
    support_units = Parsed(resolve_units, {"type": ["array", "null"], "items": NAMED})
    assignee = Parsed(resolve_user, {"anyOf": [*NAMED["anyOf"], {"type": "null"}]})
    documents = Parsed(
        read.documents,
        {
            "type": ["array", "null"],
            "items": NAMED,
            "description": "Ids, symbols, or references such as “Quyết định 135/QĐ-TTg”.",
        },
    )
    planned_period = Parsed(
        read.period_code, {"type": ["string", "null"], "pattern": PERIOD_PATTERN}
    )
    start_date = _day("start_date")
    due_date = _day("due_date")
    completed_on = _day("completed_on")
    progress = Parsed(
        lambda v: read.int_in(v, "progress", 0, 100),
        {"type": "integer", "minimum": 0, "maximum": 100},
    )
    priority = Parsed(
        lambda v: read.int_in(v, "priority", min(PRIORITIES), max(PRIORITIES)),
        {"type": "integer", "minimum": min(PRIORITIES), "maximum": max(PRIORITIES)},
    )
    status = Parsed(read.status, {"type": "string", "enum": STATUSES})
    parent = Parsed(
        lambda v: None if v in (None, "", 0) else read.parent(v), {"anyOf": [ID, {"type": "null"}]}
    )


def clean(data: dict) -> dict:
    """The fields present in `data`, parsed and resolved; ValidationFailed naming each bad one."""
    return load(TaskWrite(), data, partial=True)


VERSION = fields.Integer(metadata={"minimum": 1, "description": "The version read (or If-Match)."})


class TaskPatch(TaskWrite):
    """A PATCH body: any writable field, the version read and a note for the history."""

    version = VERSION
    note = Text(20_000)


class VersionBody(ApiSchema):
    version = VERSION


class ReturnBody(ApiSchema):
    reason = Text(5_000, blank=False, required=True)
    version = VERSION


class ExtensionRequest(ApiSchema):
    due_date = Day(required=True)
    reason = Text(5_000, blank=False, required=True)


class DecisionBody(ApiSchema):
    approve = Bool(required=True)
    note = Text(5_000)


# -- what goes out ---------------------------------------------------------------------------


def _judged():
    """The day timeliness is judged on and the "due soon" window of the answer being written."""
    return Context.get(default={}).get("as_of"), Context.get(default={}).get("due_soon_days", 7)


class TaskSchema(Schema):
    """A task with exactly CONTRACT's fields (plus parent_id and priority)."""

    id = fields.Integer(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True, allow_none=True)
    section = fields.Nested(SectionRef, required=True)
    lead_unit = fields.Nested(UnitRef, required=True)
    support_units = fields.List(fields.Nested(UnitRef), required=True)
    assignee = fields.Nested(UserRef, required=True, allow_none=True)
    documents = fields.List(fields.Nested(DocumentRef), required=True)
    planned_period = fields.String(required=True, allow_none=True)
    start_date = Day(required=True, allow_none=True)
    due_date = Day(required=True, allow_none=True)
    original_due_date = Day(required=True, allow_none=True)
    status = fields.String(required=True, metadata={"enum": STATUSES})
    progress = fields.Integer(required=True, metadata={"minimum": 0, "maximum": 100})
    completed_on = Day(required=True, allow_none=True)
    submitted_on = Day(required=True, allow_none=True)
    confirmed_on = Day(required=True, allow_none=True)
    result = fields.String(required=True, allow_none=True)
    product = fields.String(required=True, allow_none=True)
    weight = fields.Float(required=True, metadata={"exclusiveMinimum": 0, "maximum": 10})
    timeliness = fields.Method(
        "_timeliness", required=True, metadata={"type": "string", "enum": TIMELINESS}
    )
    days_overdue = fields.Method(
        "_days_overdue", required=True, metadata={"type": "integer", "minimum": 0}
    )
    version = fields.Integer(required=True)
    created_at = Moment(required=True)
    updated_at = Moment(required=True)
    parent_id = fields.Integer(required=True, allow_none=True)
    priority = fields.Integer(required=True, metadata={"minimum": 1, "maximum": 4})
    # How the report words the item (an imported report's own words); null: its title.
    report_wording = fields.String(required=True, allow_none=True)

    def _timeliness(self, task) -> str:
        as_of, window = _judged()
        return classify(task.status, task.due_date, task.completed_on, as_of, window).value

    def _days_overdue(self, task) -> int:
        as_of, _ = _judged()
        return days_overdue(task.status, task.due_date, task.completed_on, as_of)


class TaskBriefSchema(Schema):
    """A task in a list of another record's tasks (a document's, a parent's)."""

    id = fields.Integer(required=True)
    title = fields.String(required=True)
    lead_unit = fields.Nested(UnitRef, required=True)
    status = fields.String(required=True, metadata={"enum": STATUSES})
    progress = fields.Integer(required=True)
    due_date = Day(required=True, allow_none=True)
    timeliness = fields.Method(
        "_timeliness", required=True, metadata={"type": "string", "enum": TIMELINESS}
    )
    days_overdue = fields.Method("_days_overdue", required=True, metadata={"type": "integer"})
    _timeliness = TaskSchema._timeliness
    _days_overdue = TaskSchema._days_overdue


class TaskUpdateSchema(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True, metadata={"enum": list(UPDATE_KINDS)})
    kind_label = fields.String(required=True)
    user = fields.Nested(UserRef, required=True, allow_none=True)
    created_at = Moment(required=True)
    changes = fields.Function(
        lambda update: update.changes or {},
        required=True,
        metadata={
            "type": "object",
            "description": "{field: [old, new]} with JSON values (dates as ISO strings).",
            "additionalProperties": {"type": "array"},
        },
    )
    note = fields.String(required=True, allow_none=True)


class ExtensionSchema(Schema):
    id = fields.Integer(required=True)
    task_id = fields.Integer(required=True)
    status = fields.String(required=True, metadata={"enum": list(EXTENSION_STATES)})
    requested_by = fields.Nested(UserRef, required=True, allow_none=True)
    requested_at = Moment(required=True)
    previous_due_date = Day(required=True, allow_none=True)
    requested_due_date = Day(required=True)
    reason = fields.String(required=True)
    decided_by = fields.Nested(UserRef, required=True, allow_none=True)
    decided_at = Moment(required=True, allow_none=True)
    decision_note = fields.String(required=True, allow_none=True)


PERMISSION_NAMES = (
    "edit",
    "update_progress",
    "move_due_date",
    "confirm",
    "request_extension",
    "decide_extension",
)
TaskPermissionsSchema = Schema.from_dict(
    {name: fields.Boolean(required=True) for name in PERMISSION_NAMES}, name="TaskPermissions"
)


class TaskDetailSchema(TaskSchema):
    """A task with its history, its extension requests and what the caller may do."""

    history = fields.List(fields.Nested(TaskUpdateSchema), required=True)
    extensions = fields.List(fields.Nested(ExtensionSchema), required=True)
    permissions = fields.Nested(TaskPermissionsSchema, required=True)


class ExtensionDecidedSchema(ExtensionSchema):
    task = fields.Nested(TaskDetailSchema, required=True)


TaskPageSchema = page_of(TaskSchema, "TaskPage", as_of=Day(required=True))


def dumped(schema: Schema, value, as_of, due_soon_days: int):
    """`value` written by `schema`, timeliness judged on `as_of`."""
    with Context({"as_of": as_of, "due_soon_days": due_soon_days}):
        return schema.dump(value)
