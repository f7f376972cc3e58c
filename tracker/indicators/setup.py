"""Chỉ tiêu, setting them up (director, admin): the indicator, its years and its targets.

A target is set for a year ("2026") or for a period within it ("2026-Q4", "2026-9M"). The
kind of an indicator never changes once it has figures: they would mean something else.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from tracker.common import clock
from tracker.common.exceptions import Conflict, NotAllowed, ValidationFailed
from tracker.common.lookup import as_id, resolve_section
from tracker.domain.indicators import Direction, Kind
from tracker.domain.periods import PeriodError, parse_period
from tracker.extensions import db
from tracker.indicators.fields import read_choice, read_number, read_text, read_unit
from tracker.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from tracker.permissions import Action, Principal, can
from tracker.tasks.fields import documents as read_documents


def create_indicator(user, principal: Principal, data: dict) -> Indicator:
    """Set up a chỉ tiêu with its targets (director, admin)."""
    _require(principal)
    values = _values(data)
    indicator = Indicator(**{k: v for k, v in values.items() if k not in _RELATIONS})
    _relate(indicator, values)
    db.session.add(indicator)
    db.session.flush()
    return indicator


def update_indicator(user, principal: Principal, indicator: Indicator, data: dict, version):
    """Change an indicator's set-up; a stale `version` is a Conflict."""
    _require(principal)
    if version not in (None, "") and str(version) != str(indicator.version):
        raise Conflict("Chỉ tiêu vừa được người khác sửa; hãy tải lại trang rồi sửa lại.")
    values = _values(data, indicator)
    years = _figure_years(indicator)
    if years and values["kind"] != indicator.kind:
        raise ValidationFailed("Chỉ tiêu đã có số liệu: không đổi loại được.", field="kind")
    if years and (min(years) < values["first_year"] or max(years) > values["last_year"]):
        raise ValidationFailed(
            f"Chỉ tiêu có số liệu các năm {min(years)}–{max(years)}: "
            "năm áp dụng phải gồm các năm đó.",
            field="first_year",
        )
    for name, value in values.items():
        if name not in _RELATIONS:
            setattr(indicator, name, value)
    _relate(indicator, values)
    try:
        db.session.flush()
    except StaleDataError:
        raise Conflict("Chỉ tiêu vừa được người khác sửa; hãy tải lại trang rồi sửa lại.") from None
    return indicator


_RELATIONS = ("documents", "targets")


def _require(principal: Principal) -> None:
    if not can(principal, Action.MANAGE_INDICATORS):
        raise NotAllowed("Chỉ lãnh đạo Sở thiết lập chỉ tiêu.")


def _values(data: dict, current: Indicator | None = None) -> dict:
    """The indicator's fields as `data` gives them, every one checked."""
    code = read_text(data, "code", 30).upper()
    taken = select(Indicator.id).where(Indicator.code == code)
    if current is not None:
        taken = taken.where(Indicator.id != current.id)
    if db.session.scalar(taken) is not None:
        raise ValidationFailed(f"Đã có chỉ tiêu mã “{code}”.", field="code")
    targets = read_targets(data.get("targets"))
    years = sorted({int(period[:4]) for period in targets}) or [clock.today().year]
    if not 2000 <= years[0] <= years[-1] <= 2100:
        raise ValidationFailed(
            "Năm của chỉ tiêu giao phải trong khoảng 2000–2100.", field="targets"
        )
    first = _year(data.get("first_year"), "first_year", years[0])
    last = _year(data.get("last_year"), "last_year", years[-1])
    if first > last or any(not first <= y <= last for y in years):
        raise ValidationFailed(
            f"Năm áp dụng {first}–{last} phải gồm các năm có chỉ tiêu giao.", field="first_year"
        )
    section = data.get("section")
    return {
        "code": code,
        "name": read_text(data, "name", 500),
        "measure": read_text(data, "measure", 60),
        "kind": read_choice(data, "kind", Kind, None).value,
        "direction": read_choice(data, "direction", Direction, Direction.UP).value,
        "unit": read_unit(data.get("unit")),
        "section": resolve_section(section) if section not in (None, "") else None,
        "first_year": first,
        "last_year": last,
        "documents": read_documents(data.get("documents")),
        "targets": targets,
    }


def _relate(indicator: Indicator, values: dict) -> None:
    indicator.documents = values["documents"]
    stored = {t.period: t for t in indicator.targets}
    kept = []
    for period, value in sorted(values["targets"].items()):
        target = stored.get(period) or IndicatorTarget(period=period)
        target.value = value
        kept.append(target)
    indicator.targets = kept


def _year(value, field: str, default: int) -> int:
    if value in (None, ""):
        return default
    year = as_id(value)
    if year is None or not 2000 <= year <= 2100:
        raise ValidationFailed("Năm phải trong khoảng 2000–2100.", field=field)
    return year


def _figure_years(indicator: Indicator) -> set[int]:
    if indicator.id is None:
        return set()
    periods = db.session.scalars(
        select(func.distinct(IndicatorValue.period)).where(
            IndicatorValue.indicator_id == indicator.id
        )
    )
    return {int(period[:4]) for period in periods}


def read_targets(value) -> dict[str, Decimal]:
    if value in (None, {}):
        return {}
    if not isinstance(value, dict):
        raise ValidationFailed('Chỉ tiêu giao phải có dạng {"2026": 70}.', field="targets")
    found = {}
    for code, target in value.items():
        try:
            period = parse_period(str(code))
        except PeriodError as error:
            raise ValidationFailed(str(error), field="targets") from None
        found[period.code] = read_number(target, "targets")
    return found
