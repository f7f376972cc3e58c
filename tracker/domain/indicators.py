"""Chỉ tiêu: how an indicator's figure stands against its target (pure, no database).

Three kinds of figure:
- `count`: a number for the period (accounts issued this quarter); a longer period sums
  its quarters;
- `cumulative`: a running total since the start of the year (documents signed so far); a
  longer period takes the latest figure;
- `ratio`: a numerator over a denominator, shown as a percentage with two decimals
  (87.292 / 117.681 = 74,18 %); a longer period sums the numerators and the denominators.

The standing of a figure against its target (`standing`), the rule the indicator page
states in words (`RULE_TEXT`):
- the period is over: `achieved` when the figure reaches the target, else `not_achieved`
  (no figure at all is not achieved either);
- the period runs, no figure yet: `on_track` (nothing to judge yet);
- a `count` is judged when its period ends: until then it is `achieved` once an upward
  count reaches its target (it cannot fall back), `at_risk` once a downward count has
  passed it, else `on_track`;
- a `cumulative` is projected over the year: the figure divided by the share of the year
  elapsed at the figure's date (days elapsed / days in the year) is compared with the
  year's target (a target of a half-year or a quarter: the figure carried at the same pace
  to that period's end); `achieved` once an upward total reaches the target;
- a `ratio` is compared directly: `achieved` when it reaches the target, else `at_risk`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class Kind(StrEnum):
    COUNT = "count"
    CUMULATIVE = "cumulative"
    RATIO = "ratio"


class Direction(StrEnum):
    UP = "up"  # higher is better
    DOWN = "down"  # lower is better


class Standing(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    NOT_ACHIEVED = "not_achieved"
    NO_TARGET = "no_target"


STANDING_LABELS_VI = {
    Standing.ACHIEVED: "Đạt, vượt",
    Standing.ON_TRACK: "Đúng tiến độ",
    Standing.AT_RISK: "Có nguy cơ không đạt",
    Standing.NOT_ACHIEVED: "Không đạt",
    Standing.NO_TARGET: "Chưa giao chỉ tiêu",
}
KIND_LABELS_VI = {
    Kind.COUNT: "Số của kỳ",
    Kind.CUMULATIVE: "Lũy kế từ đầu năm",
    Kind.RATIO: "Tỷ lệ (tử số / mẫu số)",
}
RULE_TEXT = (
    "Hết kỳ: đạt khi số liệu đạt chỉ tiêu, ngược lại là không đạt. Trong kỳ: chỉ tiêu lũy kế "
    "được ước cả năm bằng số liệu chia cho phần năm đã qua (số ngày đã qua / số ngày trong "
    "năm) rồi so với chỉ tiêu năm; chỉ tiêu tỷ lệ so trực tiếp với chỉ tiêu; chỉ tiêu số của "
    "kỳ được đánh giá khi hết kỳ. Chỉ tiêu “càng thấp càng tốt” so sánh theo chiều ngược lại."
)

PERCENT_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Figure:
    """One entered figure: its value (a ratio's percentage), the day it stands at, and a
    ratio's two terms."""

    value: Decimal
    as_of: date
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def ratio_percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    """The percentage a ratio's terms make, two decimals rounded half up (74,18)."""
    if denominator <= 0:
        raise ValueError("Mẫu số phải lớn hơn 0.")
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        PERCENT_PLACES, rounding=ROUND_HALF_UP
    )


def reaches(value: Decimal, target: Decimal, direction: Direction) -> bool:
    """Whether a figure meets its target in the indicator's direction."""
    return value >= target if direction is Direction.UP else value <= target


def share_of_year(day: date) -> Decimal:
    """The share of `day`'s year elapsed at the end of that day (30/06/2026: 181/365)."""
    elapsed = (day - date(day.year, 1, 1)).days + 1
    in_year = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days
    return Decimal(elapsed) / Decimal(in_year)


def projection(value: Decimal, as_of: date, until: date | None = None) -> Decimal:
    """A running total carried at the pace it has kept so far to `until` (the year's end
    by default; a half-year's or a quarter's end when the target is that period's)."""
    reach = share_of_year(until) if until is not None else Decimal(1)
    return Decimal(value) * reach / share_of_year(as_of)


def standing(
    kind: Kind,
    direction: Direction,
    figure: Figure | None,
    target: Decimal | None,
    period_end: date,
    today: date,
) -> Standing:
    """How the figure stands against the target on `today` (see the module's rule)."""
    if target is None:
        return Standing.NO_TARGET
    if today > period_end:
        if figure is not None and reaches(figure.value, target, direction):
            return Standing.ACHIEVED
        return Standing.NOT_ACHIEVED
    if figure is None:
        return Standing.ON_TRACK
    met = reaches(figure.value, target, direction)
    if kind is Kind.COUNT:
        if direction is Direction.UP:
            return Standing.ACHIEVED if met else Standing.ON_TRACK
        return Standing.ON_TRACK if met else Standing.AT_RISK
    if kind is Kind.CUMULATIVE:
        if met and direction is Direction.UP:
            return Standing.ACHIEVED
        projected = projection(figure.value, figure.as_of, period_end)
        on_pace = reaches(projected, target, direction)
        return Standing.ON_TRACK if on_pace else Standing.AT_RISK
    return Standing.ACHIEVED if met else Standing.AT_RISK


def combine(kind: Kind, figures: list[Figure]) -> Figure | None:
    """The figure of a longer period from its parts' (quarters' or months'), in date order:
    a count sums them, a cumulative takes the latest, a ratio sums both terms."""
    if not figures:
        return None
    ordered = sorted(figures, key=lambda f: f.as_of)
    latest = ordered[-1]
    if kind is Kind.CUMULATIVE:
        return latest
    if kind is Kind.COUNT:
        return Figure(sum((f.value for f in ordered), Decimal(0)), latest.as_of)
    numerator = sum((f.numerator or Decimal(0) for f in ordered), Decimal(0))
    denominator = sum((f.denominator or Decimal(0) for f in ordered), Decimal(0))
    return Figure(ratio_percent(numerator, denominator), latest.as_of, numerator, denominator)


def percent_of_target(value: Decimal, target: Decimal) -> Decimal | None:
    """How far the figure has come towards the target, in per cent (one decimal)."""
    if target == 0:
        return None
    return (Decimal(value) * 100 / Decimal(target)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
