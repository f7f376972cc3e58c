"""Legal documents, with the tasks that implement each and how far those tasks are.

The list, the progress figures and a document's tasks and companions come from
documents/progress.py, as on the document pages, and count only the tasks the caller sees.
"""

from __future__ import annotations

from flask import jsonify, request

from tracker.api.blueprint import bp
from tracker.api.schemas import Extended
from tracker.api.spec import operation
from tracker.common import clock
from tracker.common.access import current_principal
from tracker.common.pagination import paginate
from tracker.documents.linking import get_document as registered_document
from tracker.documents.progress import document_overview, document_progress
from tracker.documents.queries import DocumentListArgs, document_filter_from_args, document_list
from tracker.documents.schemas import DocumentDetailSchema, DocumentPageSchema
from tracker.org.settings import due_soon_days
from tracker.tasks.filters import page_args, page_schema
from tracker.tasks.schemas import dumped

# A document page lists this many of its tasks; `task_total` says how many there are.
DETAIL_TASK_LIMIT = 200


@bp.get("/documents")
@operation(
    summary="Legal documents with the progress of the tasks implementing them",
    tag="documents",
    response=DocumentPageSchema,
    errors=("401", "422"),
    query=DocumentListArgs,
    extra_query=page_schema(),
)
def list_documents():
    """The document registry, filtered and paginated, with each document's progress."""
    f = document_filter_from_args(request.args)
    page, per_page = page_args(request.args)
    result = paginate(document_list(f), page, per_page)
    progress = document_progress(
        current_principal(), [d.id for d in result.items], clock.today(), due_soon_days()
    )
    result.items = [Extended(d, progress=progress[d.id]) for d in result.items]
    return jsonify(DocumentPageSchema().dump(result.envelope()))


@bp.get("/documents/<int:document_id>")
@operation(
    summary="One document, its visible tasks and the documents cited with it",
    tag="documents",
    response=DocumentDetailSchema,
    errors=("401", "404"),
)
def get_document(document_id: int):
    """One document, its progress, the visible tasks implementing it, its companions."""
    document = registered_document(document_id)
    as_of, window = clock.today(), due_soon_days()
    overview = document_overview(
        current_principal(), document, as_of, window, limit=DETAIL_TASK_LIMIT
    )
    detail = Extended(
        document,
        progress=overview.progress,
        tasks=overview.tasks,
        task_total=overview.task_total,
        by_timeliness=overview.by_timeliness,
        cited_with=[Extended(other, shared_tasks=n) for other, n in overview.cited_with],
    )
    return jsonify(dumped(DocumentDetailSchema(), detail, as_of, window))
