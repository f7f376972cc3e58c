"""The log of logins and failed logins, newest first."""

from __future__ import annotations

from flask import current_app, render_template, request

from ..filters import page_args
from ..queries import Page, paginate
from ..services import ValidationFailed
from ..services.user_directory import (
    OUTCOMES,
    REASONS,
    LoginFilter,
    failed_bursts,
    login_events,
    login_filter_from_args,
)
from . import bp


@bp.get("/logins")
def logins():
    error = None
    try:
        f = login_filter_from_args(request.args)
        page_no, per_page = page_args(request.args, current_app.config["PER_PAGE"])
    except ValidationFailed as failure:
        error, f, page_no, per_page = failure, LoginFilter(), 1, current_app.config["PER_PAGE"]
    page = Page([], 0, 1, per_page) if error else paginate(login_events(f), page_no, per_page)
    html = render_template(
        "admin/logins.html",
        page=page,
        f=f,
        error=error,
        outcomes=OUTCOMES,
        reasons=REASONS,
        bursts=failed_bursts(),
    )
    return html, (error.status if error else 200)
