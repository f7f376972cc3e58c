"""Timeliness categories and days overdue, as of any date (CONTRACT.md)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.timeliness import Status, Timeliness, classify, days_overdue

D = date(2020, 9, 30)


@pytest.mark.parametrize(
    ("status", "due", "done", "as_of", "expected"),
    [
        ("done", D, D - timedelta(days=1), D, Timeliness.DONE_ON_TIME),
        ("done", D, D, D, Timeliness.DONE_ON_TIME),
        ("done", D, D + timedelta(days=3), D + timedelta(days=5), Timeliness.DONE_LATE),
        ("done", None, D, D, Timeliness.DONE_NO_DEADLINE),
        ("submitted", D, D - timedelta(days=2), D, Timeliness.DONE_ON_TIME),
        ("in_progress", D, None, D + timedelta(days=1), Timeliness.OVERDUE),
        ("paused", D, None, D + timedelta(days=9), Timeliness.OVERDUE),
        ("in_progress", D, None, D, Timeliness.DUE_SOON),
        ("not_started", D, None, D - timedelta(days=7), Timeliness.DUE_SOON),
        ("not_started", D, None, D - timedelta(days=8), Timeliness.ON_TRACK),
        ("in_progress", None, None, D, Timeliness.NO_DEADLINE),
        ("cancelled", D, None, D + timedelta(days=30), Timeliness.CANCELLED),
        # Finished after the date we look from: not finished yet as of then.
        ("done", D, D + timedelta(days=1), D, Timeliness.DUE_SOON),
        ("done", D, D + timedelta(days=5), D + timedelta(days=2), Timeliness.OVERDUE),
    ],
)
def test_classify(status, due, done, as_of, expected):
    assert classify(status, due, done, as_of) is expected


def test_days_overdue_counts_whole_days_and_is_zero_otherwise():
    assert days_overdue("in_progress", D, None, D + timedelta(days=12)) == 12
    assert days_overdue("in_progress", D, None, D) == 0
    assert days_overdue("done", D, D + timedelta(days=4), D + timedelta(days=10)) == 0
    assert days_overdue("cancelled", D, None, D + timedelta(days=10)) == 0


def test_due_soon_window_is_a_setting():
    assert classify("in_progress", D, None, D - timedelta(days=10), 14) is Timeliness.DUE_SOON


dates = st.dates(date(2015, 1, 1), date(2030, 12, 31))


@given(st.sampled_from(list(Status)), st.none() | dates, st.none() | dates, dates)
def test_every_task_has_exactly_one_consistent_category(status, due, done, as_of):
    kind = classify(status, due, done, as_of)
    late = days_overdue(status, due, done, as_of)
    assert (late > 0) == (kind is Timeliness.OVERDUE and as_of > due)
    if kind is Timeliness.OVERDUE:
        assert late == (as_of - due).days
    if kind in (Timeliness.DONE_ON_TIME, Timeliness.DONE_LATE, Timeliness.DONE_NO_DEADLINE):
        assert status in ("done", "submitted") and done is not None and done <= as_of
