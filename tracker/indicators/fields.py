"""What an indicator's forms, JSON bodies and workbook rows say, read the same way: texts,
choices and figures, each refusal naming its field in Vietnamese."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.common.exceptions import ValidationFailed
from tracker.common.lookup import resolve_unit
from tracker.domain.numbers import read_figure
from tracker.domain.periods import Kind as PeriodKind
from tracker.domain.periods import Period, PeriodError, parse_period, period_containing
from tracker.domain.text import clean_text

FIELD_LABELS = {
    "code": "Mã chỉ tiêu",
    "name": "Tên chỉ tiêu",
    "measure": "Đơn vị tính",
    "kind": "Loại chỉ tiêu",
    "direction": "Chiều đánh giá",
    "unit": "Đơn vị chủ trì",
    "section": "Mục báo cáo",
    "targets": "Chỉ tiêu giao",
    "first_year": "Áp dụng từ năm",
    "last_year": "Đến năm",
    "documents": "Văn bản giao chỉ tiêu",
    "period": "Kỳ",
    "value": "Giá trị",
    "numerator": "Tử số",
    "denominator": "Mẫu số",
    "as_of": "Số liệu tính đến ngày",
    "note": "Ghi chú",
}


def read_text(data: dict, name: str, limit: int) -> str:
    value = data.get(name)
    label = FIELD_LABELS[name]
    if not isinstance(value, str) or not clean_text(value, False).strip():
        raise ValidationFailed(f"Chưa nhập {label.lower()}.", field=name)
    value = clean_text(value, False).strip()
    if len(value) > limit:
        raise ValidationFailed(f"{label} dài quá {limit} ký tự.", field=name)
    return value


def read_unit(value):
    if value in (None, ""):
        raise ValidationFailed("Chưa chọn đơn vị chủ trì.", field="unit")
    return resolve_unit(value, field="unit")


def read_choice(data: dict, name: str, kind, default):
    value = data.get(name)
    if value in (None, "") and default is not None:
        return default
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(k.value for k in kind)
        raise ValidationFailed(
            f"{FIELD_LABELS[name]} phải là một trong: {allowed}.", field=name
        ) from None


def read_number(value, name: str) -> Decimal:
    try:
        number = read_figure(value, FIELD_LABELS[name])
    except ValueError as error:
        raise ValidationFailed(str(error), field=name) from None
    if number < 0:
        raise ValidationFailed(f"{FIELD_LABELS[name]} không được âm.", field=name)
    return number


def read_period(code, today: date) -> Period:
    """The period a request names (the current quarter when it names none); ValidationFailed
    naming the field when the code names no period."""
    if code in (None, ""):
        return period_containing(today, PeriodKind.QUARTER)
    try:
        return parse_period(str(code))
    except PeriodError as error:
        raise ValidationFailed(str(error), field="period") from None
