"""Chỉ tiêu pages: the list of a period, one indicator, and a unit's figures in one screen."""

from __future__ import annotations

from itertools import groupby

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy import select

from tracker.common import clock
from tracker.common.access import current_principal
from tracker.common.exceptions import NotAllowed
from tracker.common.lookup import as_id
from tracker.common.pagination import Page
from tracker.domain.indicators import Kind, Standing
from tracker.domain.periods import Kind as PeriodKind
from tracker.domain.periods import Period, PeriodError, parse_period, period_containing
from tracker.extensions import db
from tracker.indicators.chart import figure_chart
from tracker.indicators.evidence import evidence_of
from tracker.indicators.models import Indicator, IndicatorChange, IndicatorValue
from tracker.indicators.queries import IndicatorFilter, indicator_rows, row_of, unit_indicators
from tracker.indicators.records import set_figures
from tracker.indicators.views.blueprint import STANDINGS, bp
from tracker.models import Section, Unit
from tracker.permissions import Action, Role, can
from tracker.tasks.views.choices import period_choices, unit_choices


@bp.get("/")
@login_required
def index():
    _reader()
    today = clock.today()
    period = _period(request.args.get("period"), today)
    f = IndicatorFilter(
        unit_id=as_id(request.args.get("unit")),
        section_id=as_id(request.args.get("section")),
        q=(request.args.get("q") or "").strip()[:200] or None,
        standings=tuple(s for s in request.args.getlist("status") if s in STANDINGS),
    )
    rows = indicator_rows(period, f, today)
    counts = {s: sum(1 for r in rows if r.standing is s) for s in Standing}
    # A province's 4,000 indicators: a page of them at a time, the counts over them all.
    per_page = current_app.config["PER_PAGE"]
    number = min(max(1, as_id(request.args.get("page")) or 1), max(1, -(-len(rows) // per_page)))
    page = Page(rows[(number - 1) * per_page : number * per_page], len(rows), number, per_page)
    return render_template(
        "indicators/index.html",
        rows=rows,
        page=page,
        groups=[(k, list(g)) for k, g in groupby(page.items, lambda r: r.indicator.section)],
        counts=counts,
        period=period,
        f=f,
        periods=period_choices(today, period.code, blank=None)[1:],
        units=unit_choices(blank="Tất cả đơn vị"),
        sections=_sections(),
        entry_units=entry_units(),
    )


@bp.get("/<int:indicator_id>")
@login_required
def show(indicator_id: int):
    _reader()
    indicator = db.session.get(Indicator, indicator_id) or abort(404)
    today = clock.today()
    values = {
        v.period: v
        for v in db.session.scalars(
            select(IndicatorValue).where(IndicatorValue.indicator_id == indicator.id)
        )
    }
    years = range(indicator.first_year, min(indicator.last_year, today.year) + 1)
    quarters = [
        row_of(indicator, Period(year, PeriodKind.QUARTER, q), values, today)
        for year in years
        for q in (1, 2, 3, 4)
        if Period(year, PeriodKind.QUARTER, q).start <= today
    ]
    whole_years = [row_of(indicator, Period(y, PeriodKind.YEAR), values, today) for y in years]
    history = db.session.scalars(
        select(IndicatorChange)
        .where(IndicatorChange.indicator_id == indicator.id)
        .order_by(IndicatorChange.created_at.desc(), IndicatorChange.id.desc())
    ).all()
    return render_template(
        "indicators/show.html",
        indicator=indicator,
        quarters=quarters,
        whole_years=whole_years,
        chart=figure_chart(indicator, quarters),
        history=history,
        may_enter=can(current_principal(), Action.ENTER_FIGURES, unit_id=indicator.unit_id),
        evidence=evidence_of(indicator),
    )


@bp.route("/entry", methods=["GET", "POST"])
@login_required
def entry():
    """Nhập số liệu: every indicator a unit owns, for one period, in one form."""
    principal = current_principal()
    units = entry_units()
    if not units:
        raise NotAllowed("Bạn không nhập số liệu chỉ tiêu của đơn vị nào.")
    today = clock.today()
    unit = chosen_unit(units)
    period = _period(request.values.get("period"), today)
    owned = unit_indicators(unit.id, period)
    indicators = [indicator for indicator, _ in owned]
    errors: dict[int, str] = {}
    if request.method == "POST":
        given = {i.id: g for i in indicators if (g := _given(i)) is not None}
        saved, errors = set_figures(current_user, principal, indicators, given, period, today)
        if not errors:
            flash(f"Đã lưu số liệu {period.label} của {saved} chỉ tiêu.", "success")
            return redirect(url_for(".entry", unit=unit.id, period=period.code), 303)
        db.session.rollback()  # all or nothing: one refused figure saves none of them
        owned = unit_indicators(unit.id, period)  # as stored again
    rows = [
        row_of(i, period, {period.code: stored} if stored is not None else {}, today)
        for i, stored in owned
    ]
    return render_template(
        "indicators/entry.html",
        rows=rows,
        unit=unit,
        units=units,
        period=period,
        periods=[p for p in period_choices(today, period.code, blank=None)[1:]],
        errors=errors,
        posted=request.form if errors else None,
    ), (422 if errors else 200)


# -- helpers ----------------------------------------------------------------------------------


def _reader() -> None:
    if not can(current_principal(), Action.VIEW_REPORT):
        raise NotAllowed("Tài khoản của bạn chưa được phân quyền xem chỉ tiêu.")


def _period(code, today) -> Period:
    """The period asked for; a code that names none is said (flashed), and the current
    quarter shown instead."""
    try:
        return parse_period(code) if code else period_containing(today, PeriodKind.QUARTER)
    except PeriodError as error:
        flash(f"{error} Đang hiển thị quý hiện tại.", "warning")
        return period_containing(today, PeriodKind.QUARTER)


def _sections() -> list[Section]:
    used = select(Indicator.section_id).where(Indicator.section_id.is_not(None))
    return db.session.scalars(
        select(Section).where(Section.id.in_(used)).order_by(Section.code)
    ).all()


def entry_units() -> list[Unit]:
    """The units whose figures the person enters: their own first, then (leaders) all."""
    principal = current_principal()
    if not can(principal, Action.ENTER_FIGURES):
        return []
    owners = select(Indicator.unit_id).distinct()
    units = db.session.scalars(
        select(Unit).where(Unit.id.in_(owners)).order_by(Unit.sort_order, Unit.name)
    ).all()
    own = {g.unit_id for g in current_user.grants if g.role in (Role.HEAD, Role.STAFF)}
    allowed = [u for u in units if can(principal, Action.ENTER_FIGURES, unit_id=u.id)]
    return sorted(allowed, key=lambda u: u.id not in own)


def chosen_unit(units: list[Unit]) -> Unit:
    wanted = as_id(request.values.get("unit"))
    for unit in units:
        if unit.id == wanted:
            return unit
    if wanted is not None:
        abort(404)
    return units[0]


def _given(indicator: Indicator) -> dict | None:
    """What the form says of one indicator; None when its row was left empty."""
    form = request.form
    names = ("numerator", "denominator") if indicator.kind == Kind.RATIO else ("value",)
    given = {name: (form.get(f"{name}-{indicator.id}") or "").strip() for name in names}
    note = (form.get(f"note-{indicator.id}") or "").strip()
    if not any(given.values()) and not note:
        return None
    return given | {"note": note, "version": form.get(f"version-{indicator.id}") or None}
