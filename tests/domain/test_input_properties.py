"""Properties of the readers every form and API field goes through (the "input robustness"
issue): any text at all is cleaned or refused, never an exception of another kind."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.api.schemas import PERIOD_PATTERN
from tracker.domain.dates import EARLIEST_DAY, LATEST_DAY, read_day
from tracker.domain.periods import PeriodError, parse_period
from tracker.domain.text import clean_text, whole_number

# Every code point, lone surrogates and controls included: what a JSON body can carry.
ANY_TEXT = st.text(st.characters(codec=None, blacklist_categories=()), max_size=60)
UNICODE_DIGITS = st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=8)
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


@given(ANY_TEXT, st.booleans())
def test_clean_text_leaves_nothing_a_database_or_a_title_cannot_hold(text, multiline):
    cleaned = clean_text(text, multiline)
    assert not CONTROLS.search(cleaned)
    cleaned.encode("utf-8")  # no lone surrogate left to fail here
    if not multiline:
        assert not set(cleaned) & set("\r\n\t\u2028\u2029\x85")
    assert clean_text(cleaned, multiline) == cleaned  # once is enough


@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=60))
def test_clean_text_keeps_ordinary_text_as_it_is(text):
    assert clean_text(text) == text


@given(st.one_of(ANY_TEXT, UNICODE_DIGITS, st.integers(-(10**30), 10**30).map(str)))
def test_whole_number_reads_ascii_digits_only_and_never_raises(text):
    number = whole_number(text)
    if number is not None:
        assert text.strip().isascii() and 0 <= number < 10**9


def test_whole_number_refuses_the_lookalikes():
    assert [whole_number(t) for t in ("²", "٣", "９", "9" * 5000, "-1", "1e3", "")] == [None] * 7
    assert whole_number(" 042 ") == 42


@given(st.one_of(ANY_TEXT, UNICODE_DIGITS, st.dates().map(str), st.dates().map(date.isoformat)))
def test_read_day_gives_a_day_in_range_or_a_message_naming_the_field(text):
    try:
        day = read_day(text, "Hạn hoàn thành")
    except ValueError as refused:
        assert str(refused).startswith("Hạn hoàn thành")
    else:
        assert EARLIEST_DAY <= day <= LATEST_DAY


@given(st.dates())
def test_read_day_takes_exactly_the_days_in_range(day):
    inside = EARLIEST_DAY <= day <= LATEST_DAY
    for written in (day.isoformat(), f"{day.day:02d}/{day.month:02d}/{day.year:04d}", day):
        if inside:
            assert read_day(written, "Ngày") == day
        else:
            with pytest.raises(ValueError, match="01/01/1900–31/12/2100"):
                read_day(written, "Ngày")


PERIODISH = st.from_regex(r"\A[0-9²٣]{4}(-(H[0-9]|Q[0-9]|9M|[0-9]{2}))?\Z")


@given(st.one_of(PERIODISH, ANY_TEXT))
def test_the_described_period_pattern_is_what_the_server_parses(code):
    described = re.search(PERIOD_PATTERN, code) is not None
    try:
        parse_period(code)
        parsed = True
    except PeriodError:
        parsed = False
    if described:
        assert parsed, code
    if parsed and code == code.strip().upper():
        assert described, code
