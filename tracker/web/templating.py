"""Jinja filters and globals: Vietnamese dates and numbers, labels, permission checks."""

from __future__ import annotations

from datetime import date

from flask import Flask, request, url_for
from markupsafe import Markup, escape

from tracker.common import clock
from tracker.common.access import allowed, current_principal
from tracker.domain.dates import format_day
from tracker.domain.periods import Kind, period_containing, period_label
from tracker.domain.timeliness import LABELS_VI, STATUS_LABELS_VI, classify, days_overdue
from tracker.models import PRIORITIES, ROLE_LABELS
from tracker.permissions import Action, Role
from tracker.web.highlight import highlight
from tracker.web.i18n import format_moment, format_number, format_rate, format_size

TIMELINESS_CLASSES = {
    "done_on_time": "success",
    "done_late": "warning",
    "done_no_deadline": "success",
    "overdue": "danger",
    "due_soon": "warning",
    "on_track": "primary",
    "no_deadline": "secondary",
    "cancelled": "secondary",
}
STATUS_CLASSES = {
    "not_started": "secondary",
    "in_progress": "primary",
    "submitted": "info",
    "done": "success",
    "paused": "warning",
    "cancelled": "dark",
}


def task_timeliness(task, as_of: date | None = None, due_soon_days: int = 7) -> str:
    return classify(
        task.status, task.due_date, task.completed_on, as_of or clock.today(), due_soon_days
    ).value


def task_days_overdue(task, as_of: date | None = None) -> int:
    return days_overdue(task.status, task.due_date, task.completed_on, as_of or clock.today())


def badge(label: str, css: str) -> Markup:
    return Markup('<span class="badge text-bg-{}">{}</span>').format(css, label)


def url_with(**changes) -> str:
    """The current page's URL with some query arguments changed (None removes one)."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [str(value)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def nl2br(text: str | None) -> Markup:
    if not text:
        return Markup("")
    return Markup("<br>").join(escape(line) for line in text.splitlines())


NAV = (
    ("main.home", "house-door", "Việc của tôi", None),
    ("main.overview", "speedometer2", "Tổng quan", None),
    ("tasks.index", "list-check", "Nhiệm vụ", None),
    ("documents.index", "journal-text", "Văn bản", None),
    ("indicators.index", "bullseye", "Chỉ tiêu", Action.VIEW_REPORT),
    ("reports.index", "file-earmark-bar-graph", "Báo cáo", Action.VIEW_REPORT),
    ("admin.index", "gear", "Quản trị", Action.ADMINISTER),
)


def nav_items() -> list[tuple[str, str, str]]:
    """The menu entries this user may use."""
    return [
        (endpoint, icon, label)
        for endpoint, icon, label, action in NAV
        if action is None or allowed(action)
    ]


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        day=format_day,
        moment=format_moment,
        number=format_number,
        rate=format_rate,
        nl2br=nl2br,
        filesize=format_size,
        highlight=highlight,
        period_label=period_label,
        status_label=lambda s: STATUS_LABELS_VI.get(s, s),
        timeliness_label=lambda s: LABELS_VI.get(s, s),
        role_label=lambda r: ROLE_LABELS.get(r, r),
        priority_label=lambda p: PRIORITIES.get(p, p),
    )
    app.jinja_env.globals.update(
        Action=Action,
        Role=Role,
        allowed=allowed,
        principal=current_principal,
        task_timeliness=task_timeliness,
        task_days_overdue=task_days_overdue,
        timeliness_class=TIMELINESS_CLASSES.get,
        status_class=STATUS_CLASSES.get,
        badge=badge,
        url_with=url_with,
        nav_items=nav_items,
        STATUS_LABELS=STATUS_LABELS_VI,
        TIMELINESS_LABELS=LABELS_VI,
    )

    @app.context_processor
    def layout_context() -> dict:
        return {
            "current_quarter": period_containing(clock.today(), Kind.QUARTER),
            "today": clock.today(),
        }
