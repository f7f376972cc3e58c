"""How far back finished work may be dated: each bound exactly, and who is exempt."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.completion import (
    DEFAULT_BACKDATE_DAYS,
    completion_problem,
    earliest_completion,
)

TODAY = date(2026, 12, 7)
CREATED = date(2026, 3, 2)


def problem(done: date, **kw) -> str | None:
    kw = {"today": TODAY, "start_date": None, "created_on": CREATED} | kw
    return completion_problem(done, **kw)


def test_by_default_today_and_thirty_days_back_pass_and_the_day_before_does_not():
    assert DEFAULT_BACKDATE_DAYS == 30  # the default the setting starts from
    assert problem(TODAY) is None
    assert problem(TODAY - timedelta(days=30)) is None
    refused = problem(TODAY - timedelta(days=31))
    assert refused is not None and "tối đa 30 ngày" in refused and "07/12/2026" in refused


def test_tomorrow_is_the_future():
    assert problem(TODAY + timedelta(days=1)) == "Ngày hoàn thành không được ở tương lai."


def test_the_window_counts_back_from_the_day_the_work_was_handed_in():
    handed_in = date(2026, 11, 1)
    assert problem(date(2026, 10, 2), handed_in=handed_in) is None
    assert problem(date(2026, 10, 1), handed_in=handed_in) is not None


def test_the_window_is_a_setting():
    assert problem(TODAY - timedelta(days=10), backdate_days=10) is None
    assert "tối đa 9 ngày" in problem(TODAY - timedelta(days=10), backdate_days=9)


def test_a_leader_may_date_further_back_but_never_before_the_start():
    start = date(2026, 4, 1)
    assert problem(start, start_date=start, leader=True) is None
    assert problem(start, start_date=start) is not None  # the unit: the 30-day window
    before = problem(start - timedelta(days=1), start_date=start, leader=True)
    assert before == "Ngày hoàn thành không được trước ngày bắt đầu (01/04/2026)."


def test_work_finished_ahead_of_its_planned_start_is_handed_in_the_day_it_is_done():
    start = TODAY + timedelta(days=10)
    assert problem(TODAY, start_date=start) is None
    assert problem(TODAY - timedelta(days=1), start_date=start, leader=True) is not None
    handed_in = TODAY - timedelta(days=3)  # dated the day it was handed in, three days ago
    assert problem(handed_in, start_date=start, handed_in=handed_in) is None


def test_without_a_start_the_floor_is_new_year_of_the_year_before_creation():
    assert earliest_completion(None, CREATED) == date(2025, 1, 1)
    assert earliest_completion(date(2026, 5, 5), CREATED) == date(2026, 5, 5)
    assert problem(date(2025, 1, 1), leader=True) is None
    refused = problem(date(2024, 12, 31), leader=True)
    assert refused == "Ngày hoàn thành không được trước ngày 01/01/2025."
    assert problem(date(1900, 1, 1), leader=True) is not None


@given(
    done=st.dates(date(2000, 1, 1), date(2030, 12, 31)),
    start=st.none() | st.dates(date(2000, 1, 1), date(2030, 12, 31)),
    leader=st.booleans(),
    days=st.integers(0, 400),
)
def test_accepted_dates_lie_within_every_bound(done, start, leader, days):
    found = problem(done, start_date=start, leader=leader, backdate_days=days)
    inside = done <= TODAY and done >= min(earliest_completion(start, CREATED), TODAY)
    inside = inside and (leader or done >= TODAY - timedelta(days=days))
    assert (found is None) == inside


@pytest.mark.parametrize("leader", [True, False])
def test_the_future_is_refused_to_everyone(leader):
    assert problem(TODAY + timedelta(days=400), leader=leader) is not None
