"""Figures as Vietnamese write them: 1.009.186 (dots group thousands), 74,18 (a decimal
comma), 74,18 % — read strictly (Babel's `vi` rules), with a message that says why not."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal

# "1,009,186" is how English writes a million: in Vietnamese the comma starts the decimals,
# so the number would be read a thousand times too small. It is refused, and said so.
_ENGLISH_GROUPS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
MAX_DIGITS = 15  # a province's largest figure has ten; more is a typing slip
_VIETNAMESE = str.maketrans(",.", ".,")


def read_figure(value, label: str) -> Decimal:
    """A figure typed or sent (a JSON number, "1.009.186", "74,18", "74,18 %"); ValueError
    naming the field (`label`) otherwise."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{label}: hãy nhập một số.")
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    elif isinstance(value, str):
        number = _parse(value.strip().removesuffix("%").strip(), label)
    else:
        raise ValueError(f"{label}: hãy nhập một số.")
    if not number.is_finite():
        raise ValueError(f"{label}: hãy nhập một số.")
    # Digits and magnitude both: "1E+30" has one digit and thirty places.
    if len(number.as_tuple().digits) > MAX_DIGITS or number.adjusted() >= MAX_DIGITS:
        raise ValueError(f"{label}: số quá lớn.")
    return number


def _parse(text: str, label: str) -> Decimal:
    if not text:
        raise ValueError(f"{label}: hãy nhập một số.")
    if _ENGLISH_GROUPS.fullmatch(text):
        vietnamese = text.replace(",", " ").replace(".", ",").replace(" ", ".")
        raise ValueError(
            f"{label}: “{text}” viết theo kiểu tiếng Anh. Dấu phẩy là dấu thập phân, dấu chấm "
            f"ngăn cách hàng nghìn: hãy viết {vietnamese}."
        )
    try:
        return parse_decimal(text, locale="vi", strict=True)
    except (NumberFormatError, InvalidOperation):
        raise ValueError(
            f"{label}: “{text}” không phải là số. Viết hàng nghìn bằng dấu chấm, phần thập "
            "phân bằng dấu phẩy: 1.009.186 hoặc 74,18."
        ) from None


def format_figure(value: Decimal | int | None, places: int = 0) -> str:
    """1.009.186; 74,18 (with `places` decimals, rounded half up, trailing zeros kept); "—"
    for none. (Python's own formatting, with the separators swapped: a province's report
    writes thousands of figures, and Babel's formatter costs ten times as much.)"""
    if value is None:
        return "—"
    exact = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{exact:,.{places}f}".translate(_VIETNAMESE)


def json_number(value: Decimal | None, places: int | None = None):
    """A figure as a JSON number: whole ones as integers, others as floats (rounded to
    `places` decimals when given: a ratio's percentage has two)."""
    if value is None:
        return None
    value = Decimal(value)
    if places is not None:
        return float(round(value, places))
    if value == value.to_integral_value():
        return int(value)
    return float(value.normalize())
