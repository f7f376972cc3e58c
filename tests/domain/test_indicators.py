"""Chỉ tiêu, the pure rules: a ratio's percentage, the standing against a target, and the
figure of a longer period."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.indicators import (
    Direction,
    Figure,
    Kind,
    Standing,
    combine,
    percent_of_target,
    projection,
    ratio_percent,
    reaches,
    share_of_year,
    standing,
)

D = Decimal
UP, DOWN = Direction.UP, Direction.DOWN
YEAR_END = date(2026, 12, 31)
MID_YEAR = date(2026, 6, 30)  # day 181 of 365


def judge(kind, direction, value, target, *, as_of=MID_YEAR, end=YEAR_END, today=MID_YEAR):
    figure = None if value is None else Figure(D(value), as_of)
    return standing(kind, direction, figure, None if target is None else D(target), end, today)


# -- a ratio ----------------------------------------------------------------------------------


def test_the_sample_reports_signed_documents_make_74_18_per_cent():
    assert ratio_percent(D(87292), D(117681)) == D("74.18")


@pytest.mark.parametrize(
    ("numerator", "denominator", "percent"),
    [(1, 8, "12.50"), (1, 3, "33.33"), (2, 3, "66.67"), (1, 200, "0.50"), (1, 400, "0.25")],
)
def test_a_ratio_rounds_half_up_to_two_decimals(numerator, denominator, percent):
    assert ratio_percent(D(numerator), D(denominator)) == D(percent)


def test_the_half_hundredth_rounds_up_not_to_even():
    assert ratio_percent(D(1), D(800)) == D("0.13")  # 0.125 → 0.13 (banker's would say 0.12)


@pytest.mark.parametrize("denominator", [0, -5])
def test_a_ratio_needs_a_positive_denominator(denominator):
    with pytest.raises(ValueError, match="Mẫu số"):
        ratio_percent(D(1), D(denominator))


# -- the at-risk rule on a cumulative indicator ----------------------------------------------


def test_the_share_of_the_year_counts_the_day_itself():
    assert share_of_year(MID_YEAR) == D(181) / D(365)
    assert share_of_year(date(2026, 1, 1)) == D(1) / D(365)
    assert share_of_year(date(2028, 12, 31)) == 1  # a leap year: 366 / 366


def test_forty_of_a_hundred_by_the_end_of_june_is_at_risk():
    assert projection(D(40), MID_YEAR).quantize(D("0.1")) == D("80.7")
    assert judge(Kind.CUMULATIVE, UP, 40, 100) == Standing.AT_RISK


def test_fifty_five_of_a_hundred_by_the_end_of_june_is_on_track():
    assert judge(Kind.CUMULATIVE, UP, 55, 100) == Standing.ON_TRACK


def test_the_pace_edge_is_on_track():
    # 100 × 181 / 365 is the pace exactly; a hair under it is not.
    exact = D(100) * D(181) / D(365)
    assert judge(Kind.CUMULATIVE, UP, exact, 100) == Standing.ON_TRACK
    assert judge(Kind.CUMULATIVE, UP, exact - D("0.0001"), 100) == Standing.AT_RISK


def test_a_cumulative_that_reached_its_target_is_achieved_before_the_year_ends():
    assert judge(Kind.CUMULATIVE, UP, 100, 100) == Standing.ACHIEVED
    assert judge(Kind.CUMULATIVE, UP, D("99.99"), 100, as_of=date(2026, 12, 30)) == (
        Standing.ON_TRACK
    )


def test_downward_the_comparison_is_reversed():
    # At most 100 complaints in the year: 40 by June projects to 80.7, within; 55 to 110.9.
    assert judge(Kind.CUMULATIVE, DOWN, 40, 100) == Standing.ON_TRACK
    assert judge(Kind.CUMULATIVE, DOWN, 55, 100) == Standing.AT_RISK
    exact = D(100) * D(181) / D(365)
    assert judge(Kind.CUMULATIVE, DOWN, exact, 100) == Standing.ON_TRACK
    assert judge(Kind.CUMULATIVE, DOWN, exact + D("0.0001"), 100) == Standing.AT_RISK


def test_a_downward_total_under_its_target_is_not_achieved_before_the_year_ends():
    assert judge(Kind.CUMULATIVE, DOWN, 1, 100) == Standing.ON_TRACK


# -- the other kinds, and the period's end ---------------------------------------------------


QUARTER_END = date(2026, 9, 30)


@pytest.mark.parametrize(
    ("direction", "value", "running", "over"),
    [
        (UP, 120, Standing.ACHIEVED, Standing.ACHIEVED),
        (UP, 100, Standing.ACHIEVED, Standing.ACHIEVED),
        (UP, 99, Standing.ON_TRACK, Standing.NOT_ACHIEVED),
        (DOWN, 99, Standing.ON_TRACK, Standing.ACHIEVED),
        (DOWN, 100, Standing.ON_TRACK, Standing.ACHIEVED),
        (DOWN, 101, Standing.AT_RISK, Standing.NOT_ACHIEVED),
    ],
)
def test_a_count_is_judged_when_its_period_ends(direction, value, running, over):
    during = judge(Kind.COUNT, direction, value, 100, end=QUARTER_END, today=QUARTER_END)
    after = judge(
        Kind.COUNT, direction, value, 100, end=QUARTER_END, today=QUARTER_END + timedelta(1)
    )
    assert (during, after) == (running, over)


@pytest.mark.parametrize(
    ("direction", "value", "expected"),
    [
        (UP, "70", Standing.ACHIEVED),
        (UP, "69.99", Standing.AT_RISK),
        (DOWN, "70.01", Standing.AT_RISK),
    ],
)
def test_a_ratio_is_compared_directly(direction, value, expected):
    assert judge(Kind.RATIO, direction, value, 70, end=QUARTER_END, today=QUARTER_END) == expected


@pytest.mark.parametrize("kind", list(Kind))
def test_without_a_target_there_is_nothing_to_judge(kind):
    assert judge(kind, UP, 10, None) == Standing.NO_TARGET


@pytest.mark.parametrize("kind", list(Kind))
def test_without_a_figure_a_running_period_waits_and_an_ended_one_failed(kind):
    assert judge(kind, UP, None, 10) == Standing.ON_TRACK
    assert judge(kind, UP, None, 10, today=YEAR_END + timedelta(1)) == Standing.NOT_ACHIEVED


figures = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(
    kind=st.sampled_from(list(Kind)),
    direction=st.sampled_from(list(Direction)),
    value=figures,
    target=figures,
    as_of=days,
)
def test_once_the_period_is_over_only_the_target_counts(kind, direction, value, target, as_of):
    end = date(as_of.year, 12, 31)
    got = standing(kind, direction, Figure(value, as_of), target, end, end + timedelta(1))
    assert got == (
        Standing.ACHIEVED if reaches(value, target, direction) else Standing.NOT_ACHIEVED
    )


@given(value=figures, more=figures, target=figures, as_of=days)
def test_a_larger_running_total_never_stands_worse_upward(value, more, target, as_of):
    order = [Standing.AT_RISK, Standing.ON_TRACK, Standing.ACHIEVED]
    end = date(as_of.year, 12, 31)
    low = standing(Kind.CUMULATIVE, UP, Figure(value, as_of), target, end, as_of)
    high = standing(Kind.CUMULATIVE, UP, Figure(value + more, as_of), target, end, as_of)
    assert order.index(high) >= order.index(low)


# -- longer periods ---------------------------------------------------------------------------


def quarter(n: int, value=None, numerator=None, denominator=None) -> Figure:
    day = date(2026, 3 * n, 28)
    return Figure(D(value if value is not None else 0), day, numerator, denominator)


def test_a_count_of_nine_months_sums_its_quarters():
    got = combine(Kind.COUNT, [quarter(2, 200), quarter(1, 149), quarter(3, 100)])
    assert (got.value, got.as_of) == (D(449), date(2026, 9, 28))


def test_a_cumulative_takes_the_latest_figure():
    got = combine(Kind.CUMULATIVE, [quarter(3, 6897), quarter(1, 6000), quarter(2, 6500)])
    assert got.value == D(6897)


def test_a_ratio_sums_both_terms_rather_than_averaging_the_percentages():
    parts = [quarter(1, None, D(1), D(4)), quarter(2, None, D(99), D(100))]
    got = combine(Kind.RATIO, parts)
    assert (got.numerator, got.denominator, got.value) == (D(100), D(104), D("96.15"))
    assert combine(Kind.RATIO, []) is None


def test_percent_of_target():
    assert percent_of_target(D(449), D(400)) == D("112.3")
    assert percent_of_target(D(5), D(0)) is None


def test_a_running_total_held_to_a_half_years_target_is_projected_to_its_end():
    # 40 by 31/05 (day 151) at that pace is 40 × 181 / 151 ≈ 47,9 by 30/06: short of 50.
    half = standing(
        Kind.CUMULATIVE, UP, Figure(D(40), date(2026, 5, 31)), D(50), date(2026, 6, 30),
        date(2026, 6, 1),
    )  # fmt: skip
    assert half == Standing.AT_RISK
    assert projection(D(40), date(2026, 5, 31), date(2026, 6, 30)).quantize(D("0.1")) == D("47.9")
