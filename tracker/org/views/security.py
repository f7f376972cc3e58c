"""The log of logins and failed logins, newest first."""

from __future__ import annotations

from flask import current_app, render_template, request

from tracker.common.pagination import paginate
from tracker.org.directory import (
    OUTCOMES,
    REASONS,
    LoginFilter,
    failed_bursts,
    login_events,
    login_filter_from_args,
)
from tracker.org.views.blueprint import bp
from tracker.tasks.filters import list_request


@bp.get("/logins")
def logins():
    asked = list_request(
        request.args, login_filter_from_args, LoginFilter(), current_app.config["PER_PAGE"]
    )
    f = asked.filter
    if asked.error:
        page = asked.empty_page()
    else:
        page = paginate(login_events(f), asked.page, asked.per_page)
    html = render_template(
        "admin/logins.html",
        page=page,
        f=f,
        error=asked.error,
        outcomes=OUTCOMES,
        reasons=REASONS,
        bursts=failed_bursts(),
    )
    return html, asked.status
