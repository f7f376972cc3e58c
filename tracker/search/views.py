"""The search box: tasks (within the user's reach) and documents, ranked and highlighted."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import login_required

from tracker.common import clock
from tracker.common.access import current_principal
from tracker.org.settings import due_soon_days
from tracker.search.results import highlight, search
from tracker.tasks.filters import page_args

bp = Blueprint("search", __name__)

PER_PAGE = 20


@bp.get("/")
@login_required
def results():
    query = (request.args.get("q") or "").strip()[:200]
    page, _ = page_args(request.args, PER_PAGE, PER_PAGE)
    found = search(current_principal(), query, PER_PAGE, (page - 1) * PER_PAGE)
    pages = max(1, -(-max(found.task_total, found.document_total) // PER_PAGE))
    return render_template(
        "search/results.html",
        found=found,
        query=query,
        page=page,
        pages=pages,
        mark=lambda text: highlight(text, found.terms),
        today=clock.today(),
        due_soon_days=due_soon_days(),
    )
