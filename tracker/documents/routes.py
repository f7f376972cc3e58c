"""The registry's reading pages: the list, one document, the director's directive view."""

from __future__ import annotations

from datetime import date

from flask import current_app, render_template, request
from flask_login import login_required

from ..extensions import db
from ..filters import page_args
from ..models import DIRECTIVE_TYPES, Document
from ..permissions import Principal, Role
from ..queries import Page, paginate
from ..services import NotAllowed, NotFound, ValidationFailed
from ..services.access import current_principal
from ..services.document_search import SORT_LABELS, DocumentFilter
from ..services.registry import (
    directive_ranking,
    document_filter_from_args,
    document_list,
    document_overview,
    document_progress,
    registry_facets,
)
from ..services.settings import due_soon_days
from . import bp


def reader() -> Principal:
    """The current principal, if they may read the registry (any role); else NotAllowed."""
    principal = current_principal()
    if not principal.has_role(*Role):
        raise NotAllowed("Tài khoản của bạn chưa được phân quyền xem văn bản.")
    return principal


def get_document(document_id: int) -> Document:
    """A registered document, or NotFound."""
    document = db.session.get(Document, document_id)
    if document is None:
        raise NotFound("Không có văn bản này trong danh mục.")
    return document


@bp.get("/")
@login_required
def index():
    principal = reader()
    error = None
    try:
        f = document_filter_from_args(request.args)
        page_no, per_page = page_args(request.args, current_app.config["PER_PAGE"])
    except ValidationFailed as failure:
        error, f, page_no, per_page = failure, DocumentFilter(), 1, current_app.config["PER_PAGE"]
    page = Page([], 0, 1, per_page) if error else paginate(document_list(f), page_no, per_page)
    progress = document_progress(
        principal, [d.id for d in page.items], date.today(), due_soon_days()
    )
    html = render_template(
        "documents/index.html",
        page=page,
        progress=progress,
        f=f,
        facets=registry_facets(),
        sorts=SORT_LABELS,
        error=error,
    )
    return html, 422 if error else 200


@bp.get("/<int:document_id>")
@login_required
def show(document_id: int):
    return render_document(reader(), get_document(document_id))


def render_document(principal: Principal, document: Document) -> str:
    """The document's page: its fields, file, tasks and their progress, its neighbours."""
    soon = due_soon_days()
    overview = document_overview(principal, document, date.today(), soon)
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
    today = date.today()
    rows = directive_ranking(principal, today, due_soon_days(), doc_type)
    totals = {
        "documents": len(rows),
        "with_overdue": sum(1 for r in rows if r.progress.overdue),
        "overdue_tasks": sum(r.progress.overdue for r in rows),
        "done": sum(r.progress.done for r in rows),
        "active": sum(r.progress.active for r in rows),
    }
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


from . import editing, issuer_pages  # noqa: E402,F401  (more routes of this blueprint)
