"""Dates are written one way everywhere: dd/mm/yyyy, exactly as Babel writes them for vi."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.dates import format_day


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_a_day_reads_as_babel_writes_it(day):
    assert format_day(day) == format_date(day, "dd/MM/yyyy", locale="vi")


def test_a_moment_is_written_as_its_day_and_nothing_is_blank():
    assert format_day(datetime(2026, 3, 5, 23, 59)) == "05/03/2026"
    assert format_day(None) == ""
