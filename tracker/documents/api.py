"""Legal documents, with the tasks that implement each and how far those tasks are.

The list, the progress figures and a document's tasks and companions come from
services.registry, as on the document pages, and count only the tasks the caller may see.
"""

from __future__ import annotations

from flask import jsonify, request

from tracker.api.blueprint import bp
from tracker.api.common import due_soon_window, today
from tracker.api.serializers import document_json, document_ref, page_json, task_brief
from tracker.common.access import current_principal
from tracker.documents.linking import get_document as registered_document
from tracker.documents.progress import document_overview, document_progress
from tracker.documents.queries import document_filter_from_args, document_list
from tracker.tasks.filters import page_args
from tracker.tasks.queries import paginate

# A document page lists this many of its tasks; `task_total` says how many there are.
DETAIL_TASK_LIMIT = 200


@bp.get("/documents")
def list_documents():
    """The document registry, filtered and paginated, with each document's progress."""
    f = document_filter_from_args(request.args)
    page, per_page = page_args(request.args)
    result = paginate(document_list(f), page, per_page)
    progress = document_progress(
        current_principal(), [d.id for d in result.items], today(), due_soon_window()
    )
    return jsonify(page_json(result, [document_json(d, progress[d.id]) for d in result.items]))


@bp.get("/documents/<int:document_id>")
def get_document(document_id: int):
    """One document, its progress, the visible tasks implementing it, its companions."""
    document = registered_document(document_id)
    as_of, window = today(), due_soon_window()
    overview = document_overview(
        current_principal(), document, as_of, window, limit=DETAIL_TASK_LIMIT
    )
    data = document_json(document, overview.progress)
    data["tasks"] = [task_brief(t, as_of, window) for t in overview.tasks]
    data["task_total"] = overview.task_total
    data["by_timeliness"] = overview.by_timeliness
    data["cited_with"] = [
        document_ref(other) | {"shared_tasks": shared} for other, shared in overview.cited_with
    ]
    return jsonify(data)
