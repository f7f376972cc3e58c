"""The registry's reading pages: the list, one document, the director's directive view."""

from __future__ import annotations

from flask import current_app, render_template, request
from flask_login import login_required

from tracker.common import clock
from tracker.common.access import current_principal
from tracker.common.exceptions import NotAllowed, ValidationFailed
from tracker.common.pagination import paginate
from tracker.documents.linking import get_document
from tracker.documents.progress import (
    directive_ranking,
    directive_totals,
    document_overview,
    document_progress,
)
from tracker.documents.queries import (
    SORT_LABELS,
    DocumentFilter,
    document_filter_from_args,
    document_list,
    registry_facets,
)
from tracker.documents.views.blueprint import bp
from tracker.models import DIRECTIVE_TYPES, Document
from tracker.org.settings import due_soon_days
from tracker.permissions import Action, Principal, can
from tracker.tasks.filters import list_request


def reader() -> Principal:
    """The current principal, if they may read the registry (any role); else NotAllowed."""
    principal = current_principal()
    if not can(principal, Action.READ_REGISTRY):
        raise NotAllowed("Tài khoản của bạn chưa được phân quyền xem văn bản.")
    return principal


@bp.get("/")
@login_required
def index():
    principal = reader()
    asked = list_request(
        request.args, document_filter_from_args, DocumentFilter(), current_app.config["PER_PAGE"]
    )
    f = asked.filter
    if asked.error:
        page = asked.empty_page()
    else:
        page = paginate(document_list(f), asked.page, asked.per_page)
    progress = document_progress(
        principal, [d.id for d in page.items], clock.today(), due_soon_days()
    )
    html = render_template(
        "documents/index.html",
        page=page,
        progress=progress,
        f=f,
        facets=registry_facets(),
        sorts=SORT_LABELS,
        error=asked.error,
    )
    return html, asked.status


@bp.get("/<int:document_id>")
@login_required
def show(document_id: int):
    return render_document(reader(), get_document(document_id))


def render_document(principal: Principal, document: Document) -> str:
    """The document's page: its fields, file, tasks and their progress, its neighbours."""
    soon = due_soon_days()
    overview = document_overview(principal, document, clock.today(), soon)
    return render_template(
        "documents/show.html", document=document, overview=overview, due_soon_days=soon
    )


@bp.get("/directives")
@login_required
def directives():
    principal = reader()
    doc_type = request.args.get("type") or None
    if doc_type is not None and doc_type not in DIRECTIVE_TYPES:
        raise ValidationFailed(f"Loại văn bản chỉ đạo “{doc_type}” không hợp lệ.", field="type")
    only_overdue = request.args.get("overdue") == "1"
    today = clock.today()
    rows = directive_ranking(principal, today, due_soon_days(), doc_type)
    totals = directive_totals(rows)
    if only_overdue:
        rows = [r for r in rows if r.progress.overdue]
    return render_template(
        "documents/directives.html",
        rows=rows,
        totals=totals,
        doc_type=doc_type,
        only_overdue=only_overdue,
        directive_types=DIRECTIVE_TYPES,
        today=today,
    )
