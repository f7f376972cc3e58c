"""Chỉ tiêu through the API (CONTRACT.md, "Indicators"): the list of a period, a new
indicator, a period's figure."""

from __future__ import annotations

from flask import current_app, jsonify, request, url_for
from flask_login import current_user

from tracker.api.blueprint import bp
from tracker.api.common import check_id, json_body
from tracker.api.schemas import load
from tracker.api.spec import WRITE_ERRORS, operation
from tracker.common import clock
from tracker.common.access import current_principal
from tracker.common.answer_cache import remembered
from tracker.common.exceptions import NotAllowed, NotFound
from tracker.common.lookup import resolve_section, resolve_unit
from tracker.domain.periods import Kind as PeriodKind
from tracker.domain.periods import Period, parse_period, period_containing
from tracker.extensions import db
from tracker.indicators.fields import read_period
from tracker.indicators.models import Indicator
from tracker.indicators.queries import IndicatorFilter, indicator_rows, row_of
from tracker.indicators.records import set_figure
from tracker.indicators.schemas import (
    FigureWrite,
    IndicatorArgs,
    IndicatorList,
    IndicatorSchema,
    IndicatorWrite,
    indicator_json,
)
from tracker.indicators.setup import create_indicator
from tracker.permissions import Action, can


@bp.get("/indicators")
@operation(
    summary="The indicators of a period, with figure, target and status",
    tag="indicators",
    response=IndicatorList,
    errors=("401", "403", "422"),
    query=IndicatorArgs,
)
def list_indicators():
    """Every indicator active in the period's year (filtered), as the list page shows it."""
    _may_read()
    args = load(IndicatorArgs(), request.args.to_dict())
    today = clock.today()
    f = IndicatorFilter(
        unit_id=resolve_unit(args["unit"], field="unit").id if args.get("unit") else None,
        section_id=resolve_section(args["section"]).id if args.get("section") else None,
        q=args.get("q"),
    )
    period = read_period(args.get("period"), today)

    def answer() -> bytes:
        rows = indicator_rows(period, f, today)
        return jsonify({"items": [indicator_json(row) for row in rows]}).get_data()

    # Everyone who may read indicators reads the same ones: one answer per question and day,
    # kept until anything is written.
    key = ("api.indicators", period, f, today)
    return current_app.response_class(remembered(key, answer), mimetype="application/json")


@bp.post("/indicators")
@operation(
    summary="Set up an indicator with its targets (director, admin)",
    tag="indicators",
    status="201",
    response=IndicatorSchema,
    errors=WRITE_ERRORS,
    body=IndicatorWrite,
    example={
        "code": "KYSO",
        "name": "Tỷ lệ văn bản đi được ký số",
        "measure": "%",
        "kind": "ratio",
        "direction": "up",
        "unit": "VP",
        "section": "I.2",
        "targets": {"2026": 70},
    },
)
def create_indicator_view():
    if not can(current_principal(), Action.MANAGE_INDICATORS):
        raise NotAllowed("Chỉ lãnh đạo Sở thiết lập chỉ tiêu.")  # before reading the body
    body = json_body()
    load(IndicatorWrite(), body)  # unknown members and texts refused, naming the field
    indicator = create_indicator(current_user, current_principal(), body)
    today = clock.today()
    response = jsonify(indicator_json(row_of(indicator, _latest(indicator, today), {}, today)))
    response.headers["Location"] = url_for("api.list_indicators", unit=indicator.unit.code)
    return response, 201


@bp.put("/indicators/<int:indicator_id>/values/<period>")
@operation(
    summary="Enter or correct the figure of a period (the owning unit)",
    tag="indicators",
    response=IndicatorSchema,
    errors=(*WRITE_ERRORS, "404", "409"),
    body=FigureWrite,
    example={"numerator": 87292, "denominator": 117681, "note": "Theo hệ thống iOffice"},
    description=(
        "A ratio takes `numerator` and `denominator` (its value is the percentage, two"
        " decimals); the other kinds take `value`. Numbers may be typed the Vietnamese way"
        ' ("1.009.186", "74,18"); "1,009,186" is refused. `version` (or If-Match) guards'
        " a correction: a stale one is a 409."
    ),
)
def put_figure(indicator_id: int, period: str):
    _may_read()
    indicator = db.session.get(Indicator, check_id(indicator_id))
    if indicator is None:
        raise NotFound("Không tìm thấy chỉ tiêu.")
    body = json_body()
    load(FigureWrite(), body)
    version = body.get("version", request.headers.get("If-Match", "").strip('"') or None)
    today = clock.today()
    stored = set_figure(current_user, current_principal(), indicator, period, body, version, today)
    period_ = parse_period(stored.period)
    values = {stored.period: stored}
    return jsonify(indicator_json(row_of(indicator, period_, values, today)))


def _may_read() -> None:
    if not can(current_principal(), Action.VIEW_REPORT):
        raise NotAllowed("Bạn không có quyền xem chỉ tiêu.")


def _latest(indicator: Indicator, today) -> Period:
    """The period a new indicator is first shown in: the current quarter, within its years."""
    year = min(max(today.year, indicator.first_year), indicator.last_year)
    if year == today.year:
        return period_containing(today, PeriodKind.QUARTER)
    return parse_period(str(year))
