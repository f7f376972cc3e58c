"""A legal document as the API writes it, with the progress of the tasks implementing it."""

from __future__ import annotations

from marshmallow import Schema, fields

from tracker.api.schemas import Day, DocumentRef, page_of
from tracker.domain.timeliness import Timeliness
from tracker.tasks.schemas import TaskBriefSchema

COUNT = {"minimum": 0}


class DocumentProgressSchema(Schema):
    """The document's visible tasks by outcome, as of today."""

    total = fields.Integer(required=True, metadata=COUNT)
    done = fields.Integer(required=True, metadata=COUNT)
    overdue = fields.Integer(required=True, metadata=COUNT)
    cancelled = fields.Integer(required=True, metadata=COUNT)
    summary = fields.String(required=True)


class DocumentSchema(Schema):
    id = fields.Integer(required=True)
    type = fields.String(required=True, attribute="doc_type")
    symbol = fields.String(required=True)
    number = fields.String(required=True, allow_none=True)
    year = fields.Integer(required=True, allow_none=True)
    issuer_code = fields.String(required=True, allow_none=True)
    issuer_name = fields.String(required=True, allow_none=True)
    issued_on = Day(required=True, allow_none=True)
    title = fields.String(required=True, allow_none=True)
    link = fields.String(required=True, allow_none=True)
    needs_title = fields.Boolean(required=True)
    progress = fields.Nested(DocumentProgressSchema, required=True)


class CitedWithSchema(DocumentRef):
    shared_tasks = fields.Integer(required=True)


ByTimeliness = Schema.from_dict(
    {kind.value: fields.Integer(required=True, metadata=COUNT) for kind in Timeliness},
    name="ByTimeliness",
)


class DocumentDetailSchema(DocumentSchema):
    """One document, its visible tasks and the documents cited with it."""

    tasks = fields.List(fields.Nested(TaskBriefSchema), required=True)
    task_total = fields.Integer(required=True, metadata=COUNT)
    by_timeliness = fields.Nested(ByTimeliness, required=True)
    cited_with = fields.List(fields.Nested(CitedWithSchema), required=True)


DocumentPageSchema = page_of(DocumentSchema, "DocumentPage")
