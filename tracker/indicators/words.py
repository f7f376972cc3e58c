"""Chỉ tiêu in words, the same on the pages and in the report: the figure, the target, and
the sentence a department writes ("… 87.292/117.681, đạt 74,18 % (chỉ tiêu 70 %)")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.domain.dates import format_day
from tracker.domain.indicators import STANDING_LABELS_VI, Kind, Standing
from tracker.domain.numbers import format_figure
from tracker.indicators.queries import IndicatorRow

# How each standing looks: a Bootstrap colour and an icon, always beside its words.
STANDING_LOOKS = {
    Standing.ACHIEVED: ("success", "check-circle"),
    Standing.ON_TRACK: ("primary", "arrow-right-circle"),
    Standing.AT_RISK: ("warning", "exclamation-triangle"),
    Standing.NOT_ACHIEVED: ("danger", "x-circle"),
    Standing.NO_TARGET: ("secondary", "dash-circle"),
}


def amount(value: Decimal | None, measure: str, kind: Kind, exact: bool = False) -> str:
    """A figure with its measure: "74,18 %", "1.009.186 hồ sơ", "—". A ratio's figure has
    two decimals; a target (`exact`) as many as it was given ("chỉ tiêu 70 %")."""
    if value is None:
        return "—"
    if kind is Kind.RATIO or measure.strip() == "%":
        places = 2 if kind is Kind.RATIO and not exact else _places(value)
        return f"{format_figure(value, places)} %"
    return f"{format_figure(value, _places(value))} {measure}".strip()


def _places(value: Decimal) -> int:
    exponent = Decimal(value).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def figure_text(row: IndicatorRow, with_terms: bool = True) -> str:
    """The figure as the list shows it: a ratio with its terms (unless `with_terms` is
    False: then `terms_text` gives them)."""
    figure = row.figure
    if figure is None:
        return "Chưa có số liệu"
    text = amount(figure.value, row.indicator.measure, row.kind)
    if with_terms and terms_text(row):
        text += f" ({terms_text(row)})"
    return text


def terms_text(row: IndicatorRow) -> str:
    """A ratio's terms, "87.292/117.681"; "" for other kinds or without a figure."""
    figure = row.figure
    if figure is None or row.kind is not Kind.RATIO or not figure.denominator:
        return ""
    return f"{format_figure(figure.numerator)}/{format_figure(figure.denominator)}"


def target_text(row: IndicatorRow) -> str:
    if row.target is None:
        return "—"
    return amount(row.target, row.indicator.measure, row.kind, exact=True)


CHANGE_LABELS = {"value": "Giá trị", "numerator": "Tử số", "denominator": "Mẫu số"}


def change_words(field: str, value: str | None) -> str:
    """One side of a recorded change as people read it: "87.292", "74,18", "30/09/2026"."""
    if value is None:
        return "—"
    if field == "as_of":
        return format_day(date.fromisoformat(value))
    number = Decimal(value)
    return format_figure(number, _places(number))


def exact(value: Decimal | None) -> str:
    """A stored figure with all its decimals (a form shows it so that saving it again
    changes nothing): "12,5", "1.009.186"."""
    return "" if value is None else format_figure(value, _places(value))


def target_words(indicator, value: Decimal) -> str:
    """A target as given: "70 %", "550 tài khoản"."""
    return amount(value, indicator.measure, Kind(indicator.kind), exact=True)


def standing_label(row: IndicatorRow) -> str:
    return STANDING_LABELS_VI[row.standing]


def sentence(row: IndicatorRow) -> str | None:
    """The indicator's result as the report's achievements write it; None without a figure.

    "Tỷ lệ văn bản đi được ký số: 87.292/117.681, đạt 74,18 % (chỉ tiêu 70 %)."
    "Tài khoản iOffice cấp mới: 449 tài khoản (chỉ tiêu 400 tài khoản, đạt 112,3 %)."
    """
    figure, indicator = row.figure, row.indicator
    if figure is None:
        return None
    if row.kind is Kind.RATIO:
        terms = f"{format_figure(figure.numerator)}/{format_figure(figure.denominator)}, "
        text = f"{indicator.name}: {terms}đạt {amount(figure.value, '%', row.kind)}"
        if row.target is not None:
            text += f" (chỉ tiêu {amount(row.target, '%', row.kind, exact=True)})"
        return text + "."
    text = f"{indicator.name}: {amount(figure.value, indicator.measure, row.kind)}"
    if row.target is not None:
        reached = ""
        if row.percent_of_target is not None:
            reached = f", đạt {format_figure(row.percent_of_target, 1)} %"
        text += f" (chỉ tiêu {target_text(row)}{reached})"
    return text + "."
