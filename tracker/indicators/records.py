"""Chỉ tiêu, a period's figure: entered or corrected by the owning unit, each change kept
with who, when, old → new (setting indicators up is setup.py's).

A figure can be corrected until a report covering its period is issued; after that only a
leader corrects it, and the change is marked as made after issue (the issued report keeps
what it said: its JSON and files are frozen).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from tracker.common import clock
from tracker.common.exceptions import Conflict, NotAllowed, ServiceError, ValidationFailed
from tracker.domain.indicators import Kind, ratio_percent
from tracker.domain.numbers import format_figure
from tracker.domain.periods import Period, PeriodError, parse_period
from tracker.domain.text import clean_text
from tracker.extensions import db
from tracker.indicators.fields import FIELD_LABELS, read_number
from tracker.indicators.models import Indicator, IndicatorChange, IndicatorValue
from tracker.models import IssuedReport
from tracker.permissions import Action, Principal, can
from tracker.tasks.fields import parse_day
from tracker.tasks.queries import unit_subtree


def set_figure(
    user,
    principal: Principal,
    indicator: Indicator,
    period_code,
    data: dict,
    expected_version=None,
    today: date | None = None,
) -> IndicatorValue:
    """Enter or correct the figure of a period; a stale `expected_version` is a Conflict."""
    today = today or clock.today()
    if not can(principal, Action.ENTER_FIGURES, unit_id=indicator.unit_id):
        raise NotAllowed("Chỉ đơn vị chủ trì chỉ tiêu này nhập số liệu.", field="unit")
    period = _period(period_code, indicator, today)
    stored = db.session.scalar(
        select(IndicatorValue).where(
            IndicatorValue.indicator_id == indicator.id, IndicatorValue.period == period.code
        )
    )
    if stored is not None and expected_version not in (None, ""):
        if str(expected_version) != str(stored.version):
            raise Conflict("Số liệu vừa được người khác cập nhật; hãy tải lại rồi nhập lại.")
    figure = _figure(indicator, data)
    as_of = _as_of(data.get("as_of"), period, today)
    note = clean_text(data.get("note") or "").strip() or None
    before = _terms(stored) if stored is not None else {}
    if stored is not None and not note and before == _terms_of(figure, as_of):
        return stored  # the same figure again (a whole form saved): nothing to record
    issued = issued_over(indicator, period)
    if issued is not None and stored is not None and not can(principal, Action.MANAGE_INDICATORS):
        raise NotAllowed(
            f"Kỳ này đã có {issued.label}: chỉ lãnh đạo Sở sửa được số liệu đã báo cáo.",
            field="value",
        )
    if stored is None:
        stored = IndicatorValue(indicator_id=indicator.id, period=period.code)
        db.session.add(stored)
    stored.value, stored.numerator, stored.denominator = figure
    stored.as_of, stored.note, stored.entered_by_id = as_of, note, user.id if user else None
    stored.updated_at = clock.now().replace(tzinfo=None)
    after = _terms(stored)
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if changes or note:
        db.session.add(
            IndicatorChange(
                indicator_id=indicator.id,
                period=period.code,
                user_id=user.id if user else None,
                changes=changes,
                note=note,
                after_issue=issued is not None,
            )
        )
    try:
        db.session.flush()
    except StaleDataError:
        raise Conflict("Số liệu vừa được người khác cập nhật; hãy tải lại rồi nhập lại.") from None
    return stored


def set_figures(user, principal: Principal, indicators, given: dict, period, today: date):
    """A unit's figures of a period from one form: (how many saved, {indicator id: why
    refused}). Each row goes through `set_figure`; with any refusal the caller saves none."""
    saved, errors = 0, {}
    for indicator in indicators:
        if indicator.id not in given:
            continue  # a row left empty
        data = dict(given[indicator.id])
        version = data.pop("version", None)
        try:
            set_figure(user, principal, indicator, period.code, data, version, today)
            saved += 1
        except ServiceError as error:
            errors[indicator.id] = error.message
    return saved, errors


def issued_over(indicator: Indicator, period: Period) -> IssuedReport | None:
    """The latest issued report that covers the period and carries the indicator: the
    department's, or the owning unit's or one above it."""
    rows = db.session.scalars(
        select(IssuedReport)
        .where(IssuedReport.year == period.year)
        .order_by(IssuedReport.issued_at.desc())
    ).all()
    for row in rows:
        if indicator.unit_id in unit_subtree(row.unit_id) and parse_period(row.period).contains(
            period
        ):
            return row
    return None


# -- reading what was sent ------------------------------------------------------------------


def _period(value, indicator: Indicator, today: date) -> Period:
    try:
        period = parse_period(str(value))
    except PeriodError as error:
        raise ValidationFailed(str(error), field="period") from None
    if not indicator.first_year <= period.year <= indicator.last_year:
        raise ValidationFailed(
            f"Chỉ tiêu “{indicator.code}” áp dụng từ năm {indicator.first_year} đến năm "
            f"{indicator.last_year}; kỳ {period.label} nằm ngoài.",
            field="period",
        )
    if period.start > today:
        raise ValidationFailed(f"{period.label} chưa bắt đầu: chưa có số liệu.", field="period")
    return period


def _figure(indicator: Indicator, data: dict) -> tuple[Decimal, Decimal | None, Decimal | None]:
    """(value, numerator, denominator) from what was sent, by the indicator's kind."""
    if indicator.kind != Kind.RATIO:
        if data.get("numerator") is not None or data.get("denominator") is not None:
            raise ValidationFailed(
                "Chỉ tiêu này nhập một giá trị, không có tử số và mẫu số.", field="numerator"
            )
        if data.get("value") in (None, ""):
            raise ValidationFailed("Chưa nhập giá trị.", field="value")
        return read_number(data["value"], "value"), None, None
    if data.get("value") not in (None, ""):
        raise ValidationFailed(
            "Chỉ tiêu tỷ lệ nhập tử số và mẫu số; tỷ lệ được tính ra.", field="value"
        )
    for name in ("numerator", "denominator"):
        if data.get(name) in (None, ""):
            raise ValidationFailed(f"Chưa nhập {FIELD_LABELS[name].lower()}.", field=name)
    numerator = read_number(data["numerator"], "numerator")
    denominator = read_number(data["denominator"], "denominator")
    if denominator == 0:
        raise ValidationFailed("Mẫu số phải lớn hơn 0.", field="denominator")
    if numerator > denominator:
        raise ValidationFailed(
            f"Tử số ({format_figure(numerator)}) lớn hơn mẫu số ({format_figure(denominator)}).",
            field="numerator",
        )
    return ratio_percent(numerator, denominator), numerator, denominator


def _as_of(value, period: Period, today: date) -> date:
    latest = min(period.end, today)
    if value in (None, ""):
        return latest
    day = parse_day(value, "as_of", FIELD_LABELS["as_of"])
    if day is None or not period.start <= day <= latest:
        raise ValidationFailed(
            f"Ngày tính số liệu phải trong {period.label} và không sau hôm nay.", field="as_of"
        )
    return day


def _terms(row: IndicatorValue) -> dict[str, str | None]:
    return _terms_of((row.value, row.numerator, row.denominator), row.as_of)


def _terms_of(figure: tuple, as_of: date | None) -> dict[str, str | None]:
    """A figure as its history records it: exact decimal text, the day as ISO."""

    def text(number):
        return None if number is None else format(Decimal(number).normalize(), "f")

    value, numerator, denominator = figure
    return {
        "value": text(value),
        "numerator": text(numerator),
        "denominator": text(denominator),
        "as_of": as_of.isoformat() if as_of else None,
    }
