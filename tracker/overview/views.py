"""The two pages people see first: home ("Việc của tôi") and the overview ("Tổng quan").

Home: a head or staff member sees the tasks they answer for, grouped by urgency, each with an
inline quick update; a director first sees what waits for a decision (submissions to
confirm, extension requests). Grouping happens here, not in the template.

Overview: the director's figures by timeliness and by unit, each linked to its list.
The blueprint keeps its historical name `main`, which every `url_for("main...")` uses.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, g, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import or_

from tracker.common import clock
from tracker.common.access import current_principal
from tracker.common.answer_cache import remembered
from tracker.domain.dates import format_day
from tracker.indicators.overview import indicator_risks
from tracker.models import Task
from tracker.org.settings import due_soon_days
from tracker.overview.build import build_overview, describe_update
from tracker.overview.charts import stacked_bars
from tracker.overview.desk import leader_desk
from tracker.overview.scope import period_choices
from tracker.permissions import LEADERS, Role
from tracker.tasks.queries import TaskFilter, led_or_supported_by, unit_subtree
from tracker.tasks.views.boards import (
    awaiting_confirmation,
    board_tasks,
    extensions_to_decide,
    group_tasks,
    supported_only,
)
from tracker.tasks.views.common import stamp, status_choices
from tracker.tasks.views.rows import row_context

bp = Blueprint("main", __name__)


@bp.get("/")
@login_required
def home():
    principal = current_principal()
    today, soon = clock.today(), due_soon_days()
    head_units = sorted(principal.units_for(Role.HEAD))
    mine = Task.assignee_id == current_user.id
    if head_units:  # an empty IN would hide the assignee index from the planner
        # The units a head leads, and the work they support (phối hợp), marked as such.
        mine = or_(mine, led_or_supported_by(head_units))
    tasks, truncated = board_tasks(principal, TaskFilter(as_of=today, due_soon_days=soon), mine)
    to_confirm = awaiting_confirmation(principal)
    to_decide = extensions_to_decide(principal)
    is_leader = principal.has_role(*LEADERS)
    desk = leader_desk(principal, today, soon) if is_leader else None
    desk_tasks = desk.overdue.items if desk else []
    context = row_context([*tasks, *to_confirm, *(e.task for e in to_decide), *desk_tasks])
    # Whole groups are listable only when "mine" is one filter: the tasks assigned to me.
    list_args = None if head_units else {"assignee": current_user.id}
    return render_template(
        "main/home.html",
        groups=group_tasks(tasks, today, soon, list_args),
        supporting=supported_only(
            [t for t in tasks if t.assignee_id != current_user.id],
            frozenset().union(*(unit_subtree(u) for u in head_units)),
        ),
        has_tasks=bool(tasks),
        truncated=truncated,
        to_confirm=to_confirm,
        to_decide=to_decide,
        is_leader=is_leader,
        desk=desk,
        actor=principal,
        status_choices=status_choices,
        loaded_at=stamp(),
        next_url="/",
        today=today,
        due_soon_days=soon,
        **context,
    )


CHART_COLUMNS = ("done_on_time", "done_late", "unfinished_on_time", "overdue")


def list_url(args: dict[str, str]) -> str:
    """The task list showing exactly what `args` select.

    The page links every cell of a 200-unit table: the list's address is built once per
    request and only the query string per link (url_for each time cost a third of the page).
    """
    base = g.get("task_list_url")
    if base is None:
        base = g.task_list_url = url_for("tasks.index")
    query = urlencode(args, doseq=True, safe="/")
    return f"{base}?{query}" if query else base


def _chart(overview, width: int, ident: str) -> Markup:
    scope = overview.scope
    rows = []
    for row in overview.rows:
        subtree = not row.own
        links = {c: list_url(scope.column_args(c, row.unit, subtree)) for c in CHART_COLUMNS}
        label = f"{row.unit.display_name} (trực tiếp)" if row.own else row.unit.display_name
        rows.append((label, {c: getattr(row.current, c) for c in CHART_COLUMNS}, links))
    title = f"Tình hình thực hiện nhiệm vụ theo đơn vị – {scope.period.label}"
    # The chart module escapes every label and link; the markup is ours to trust.
    return Markup(stacked_bars(rows, title=title, ident=ident, width=width))  # noqa: S704


def _comparison(overview) -> Markup:
    """This period's totals beside the previous period's, as two bars."""
    rows = []
    for scope, totals in (
        (overview.scope, overview.totals),
        (overview.previous, overview.previous_totals),
    ):
        links = {c: list_url(scope.column_args(c)) for c in CHART_COLUMNS}
        label = f"{scope.period.label} (đến {format_day(scope.as_of)})"
        rows.append((label, {c: getattr(totals, c) for c in CHART_COLUMNS}, links))
    title = f"{overview.scope.period.label} so với {overview.previous.period.label}"
    return Markup(stacked_bars(rows, title=title, ident="period-chart", width=320))  # noqa: S704


@bp.get("/overview")
@login_required
def overview():
    today = clock.today()
    data = build_overview(
        current_principal(),
        request.args.get("period"),
        request.args.get("unit"),
        today,
        due_soon_days(),
    )
    return render_template(
        "main/overview.html",
        o=data,
        units_section=_units_section(data, today),
        periods=period_choices(data.scope.period, today),
        list_url=list_url,
        describe_update=describe_update,
        risks=_risks(data, today),
    )


def _risks(data, today: date):
    """The block of indicators at risk, for the period and unit the overview shows."""
    scope = data.scope
    if scope.period is None:
        return None
    return indicator_risks(scope.period, scope.unit.id if scope.unit else None, today)


def _units_section(data, today: date) -> Markup:
    """The table of units and the charts: half of the page's time for 200 units.

    It shows counts only (no form, nothing of the session), so the rendered section is kept
    per data version for the person, the period and unit asked, and the day.
    """

    def render() -> str:
        return render_template(
            "main/_overview_units.html",
            o=data,
            # A phone gets a narrower drawing, so that its text stays legible.
            chart=_chart(data, 480, "units-chart"),
            narrow_chart=_chart(data, 320, "units-chart-narrow"),
            comparison_chart=_comparison(data),
            list_url=list_url,
        )

    key = (
        "overview.units",
        current_user.id,
        request.args.get("period"),
        request.args.get("unit"),
        today,
        data.due_soon_days,
        str(get_locale()),  # numbers are written in the reader's language
    )
    return Markup(remembered(key, render))  # noqa: S704  (rendered by our autoescaping template)
