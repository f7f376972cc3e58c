"""Periods: parsing every documented form, bounds, stepping and Vietnamese labels."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.periods import Kind, Period, PeriodError, parse_period, period_containing


@pytest.mark.parametrize(
    ("code", "start", "end", "label"),
    [
        ("2020", date(2020, 1, 1), date(2020, 12, 31), "Năm 2020"),
        ("2020-H1", date(2020, 1, 1), date(2020, 6, 30), "6 tháng đầu năm 2020"),
        ("2020-H2", date(2020, 7, 1), date(2020, 12, 31), "6 tháng cuối năm 2020"),
        ("2020-Q1", date(2020, 1, 1), date(2020, 3, 31), "Quý I năm 2020"),
        ("2020-Q4", date(2020, 10, 1), date(2020, 12, 31), "Quý IV năm 2020"),
        ("2020-9M", date(2020, 1, 1), date(2020, 9, 30), "9 tháng đầu năm 2020"),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29), "Tháng 2 năm 2020"),
        ("2021-02", date(2021, 2, 1), date(2021, 2, 28), "Tháng 2 năm 2021"),
    ],
)
def test_parse_bounds_and_label(code, start, end, label):
    period = parse_period(code)
    assert (period.start, period.end, period.label, period.code) == (start, end, label, code)


@pytest.mark.parametrize(
    ("code", "following"),
    [
        ("2020-9M", "2020-Q4"),
        ("2020-Q4", "2021-Q1"),
        ("2020-Q2", "2020-Q3"),
        ("2020-H2", "2021-H1"),
        ("2020", "2021"),
        ("2020-12", "2021-01"),
    ],
)
def test_next_period(code, following):
    assert parse_period(code).next().code == following


@pytest.mark.parametrize("code", ["1900", "1900-H1", "1900-Q1", "1900-9M", "1900-01"])
def test_the_first_periods_that_parse_still_have_a_previous_one(code):
    assert parse_period(code).previous().year == 1899


@pytest.mark.parametrize("code", ["2100", "2100-H2", "2100-Q4", "2100-12"])
def test_the_last_periods_that_parse_still_have_a_next_one(code):
    assert parse_period(code).next().year == 2101


@pytest.mark.parametrize("code", ["1899", "1899-Q4", "2101-Q1", "0001", "0000", "2999"])
def test_a_year_out_of_range_does_not_parse(code):
    with pytest.raises(PeriodError, match="ngoài khoảng 1900–2100"):
        parse_period(code)


def test_lower_case_and_spaces_are_accepted():
    assert parse_period(" 2020-q3 ").code == "2020-Q3"
    assert parse_period("2020-9m").code == "2020-9M"


@pytest.mark.parametrize(
    "bad", ["", "20", "2020-Q5", "2020-H3", "2020-13", "2020-00", "2020-8M", "Q1-2020", "abc"]
)
def test_bad_input_is_a_clear_error(bad):
    with pytest.raises(PeriodError) as error:
        parse_period(bad)
    assert "không hợp lệ" in str(error.value)


def test_subperiods_of_a_quarter():
    assert parse_period("2020-Q4").subperiod_codes() == ["2020-Q4", "2020-10", "2020-11", "2020-12"]
    assert "2020-Q3" in parse_period("2020-9M").subperiod_codes()
    assert "2020-Q4" not in parse_period("2020-9M").subperiod_codes()


periods = st.builds(
    lambda year, choice: choice(year),
    st.integers(1990, 2100),
    st.sampled_from(
        [lambda y: Period(y, Kind.YEAR)]
        + [lambda y, i=i: Period(y, Kind.HALF, i) for i in (1, 2)]
        + [lambda y, i=i: Period(y, Kind.QUARTER, i) for i in range(1, 5)]
        + [lambda y, i=i: Period(y, Kind.MONTH, i) for i in range(1, 13)]
    ),
)


@given(periods)
def test_next_starts_the_day_after_and_has_the_same_length(period):
    following = period.next()
    assert following.start == period.end + timedelta(days=1)
    assert following.kind == period.kind and following.months == period.months
    assert following.previous() == period


@given(periods)
def test_code_round_trips(period):
    assert parse_period(period.code) == period
    assert period.start <= period.end
    assert period.contains(period)


@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)), st.sampled_from(list(Kind)))
def test_period_containing_a_day_contains_it(day, kind):
    if kind is Kind.NINE_MONTHS and day.month > 9:
        with pytest.raises(PeriodError):
            period_containing(day, kind)
        return
    assert period_containing(day, kind).contains_date(day)


# Typed text: anything, and text made of the characters a period code is made of.
typed = st.one_of(
    st.text(),
    st.text(alphabet="0123456789-QqHhMm \t", max_size=12),
    st.from_regex(r"\s*\d{1,5}(-([QqHh]\d|\d{1,3}[Mm]?))?\s*", fullmatch=True),
)


@given(typed)
def test_any_text_is_a_period_or_a_period_error(text):
    """The parser's only failure is PeriodError, with a message; a success round-trips."""
    try:
        period = parse_period(text)
    except PeriodError as error:
        assert str(error)
        return
    assert parse_period(period.code) == period
    assert period.start <= period.end
