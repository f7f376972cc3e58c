"""The director's overview ("Tổng quan"): figures by timeliness and by unit, with their lists."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from flask import current_app, g, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required
from markupsafe import Markup

from ..answer_cache import remembered
from ..charts import stacked_bars
from ..services.access import current_principal
from ..services.overview import build_overview, describe_update, period_choices
from ..services.settings import due_soon_days
from . import bp

CHART_COLUMNS = ("done_on_time", "done_late", "unfinished_on_time", "overdue")


def list_url(args: dict[str, str]) -> str | None:
    """The task list showing exactly what `args` select (None while the list is missing).

    The page links every cell of a 200-unit table: the list's address is built once per
    request and only the query string per link (url_for each time cost a third of the page).
    """
    if "tasks.index" not in current_app.view_functions:
        return None
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
        label = f"{scope.period.label} (đến {scope.as_of:%d/%m/%Y})"
        rows.append((label, {c: getattr(totals, c) for c in CHART_COLUMNS}, links))
    title = f"{overview.scope.period.label} so với {overview.previous.period.label}"
    return Markup(stacked_bars(rows, title=title, ident="period-chart", width=320))  # noqa: S704


@bp.get("/overview")
@login_required
def overview():
    today = date.today()
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
    )


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
