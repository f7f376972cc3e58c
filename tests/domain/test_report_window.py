"""The data windows of Decree 09/2019/NĐ-CP, Article 12, and the calendar's."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.periods import MAX_YEAR, MIN_YEAR, Kind, Period, parse_period
from tracker.domain.report.window import Window, WindowRule, report_window


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2026-01", date(2025, 12, 15), date(2026, 1, 14)),
        ("2026-03", date(2026, 2, 15), date(2026, 3, 14)),
        ("2026-12", date(2026, 11, 15), date(2026, 12, 14)),
        ("2026-Q1", date(2025, 12, 15), date(2026, 3, 14)),
        ("2026-Q2", date(2026, 3, 15), date(2026, 6, 14)),
        ("2026-Q3", date(2026, 6, 15), date(2026, 9, 14)),
        ("2026-Q4", date(2026, 9, 15), date(2026, 12, 14)),
        ("2026-H1", date(2025, 12, 15), date(2026, 6, 14)),
        ("2026-H2", date(2026, 6, 15), date(2026, 12, 14)),
        ("2026-9M", date(2025, 12, 15), date(2026, 9, 14)),
        ("2026", date(2025, 12, 15), date(2026, 12, 14)),
    ],
)
def test_the_windows_of_decree_09(code, start, end):
    window = report_window(parse_period(code), "decree_09")
    assert (window.start, window.end, window.as_of) == (start, end, end)
    assert window.rule is WindowRule.DECREE_09


def test_the_calendar_window_is_the_period():
    period = parse_period("2020-9M")
    assert report_window(period) == Window(date(2020, 1, 1), date(2020, 9, 30), WindowRule.CALENDAR)


def test_a_window_holds_its_ends_and_nothing_beyond():
    window = report_window(parse_period("2026-Q3"), WindowRule.DECREE_09)
    assert date(2026, 6, 15) in window and date(2026, 9, 14) in window
    assert date(2026, 6, 14) not in window and date(2026, 9, 15) not in window


def test_an_unknown_rule_is_refused():
    with pytest.raises(ValueError):
        report_window(parse_period("2026"), "weekly")


@given(st.integers(MIN_YEAR + 1, MAX_YEAR - 1), st.integers(1, 4))
def test_the_quarters_of_a_year_follow_each_other_without_gap(year, quarter):
    this = report_window(Period(year, Kind.QUARTER, quarter), "decree_09")
    if quarter < 4:
        after = report_window(Period(year, Kind.QUARTER, quarter + 1), "decree_09")
    else:
        after = report_window(Period(year + 1, Kind.QUARTER, 1), "decree_09")
    assert (after.start - this.end).days == 1
    assert this.end < Period(year, Kind.QUARTER, quarter).end


@given(st.integers(MIN_YEAR + 1, MAX_YEAR - 1), st.integers(1, 12))
def test_the_months_of_a_year_follow_each_other_without_gap(year, month):
    this = report_window(Period(year, Kind.MONTH, month), "decree_09")
    nxt = Period(year, Kind.MONTH, month + 1) if month < 12 else Period(year + 1, Kind.MONTH, 1)
    assert (report_window(nxt, "decree_09").start - this.end).days == 1
    assert (this.end.day, this.start.day) == (14, 15)
