"""The sign-in throttle's rule (domain/throttle.py), at its edges."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.throttle import (
    Attempts,
    ThrottleRules,
    ceiling_wait,
    pair_wait,
    wait_before_sign_in,
    wait_words,
)

NOW = datetime(2026, 12, 8, 9, 0, 0)
RULES = ThrottleRules()  # 15 min window, 5 free tries, 30 s first wait, ceilings 50 / 30


def ago(seconds: float) -> datetime:
    return NOW - timedelta(seconds=seconds)


def failures(*seconds_ago: float) -> list[tuple[datetime, bool]]:
    return [(ago(s), False) for s in seconds_ago]


def test_the_defaults_are_the_documented_ones():
    assert RULES.window == timedelta(minutes=15)
    assert (RULES.free_attempts, RULES.first_wait) == (5, timedelta(seconds=30))
    assert (RULES.account_ceiling, RULES.address_ceiling) == (50, 30)


def test_four_failures_cost_nothing_the_fifth_costs_thirty_seconds():
    assert pair_wait(failures(1, 2, 3, 4), NOW, RULES) == timedelta(0)
    assert pair_wait(failures(0, 1, 2, 3, 4), NOW, RULES) == timedelta(seconds=30)
    assert pair_wait(failures(10, 11, 12, 13, 14), NOW, RULES) == timedelta(seconds=20)


def test_each_further_failure_doubles_the_wait_up_to_the_window():
    base = [0, 100, 101, 102, 103]
    assert pair_wait(failures(*base, 104), NOW, RULES) == timedelta(seconds=60)
    assert pair_wait(failures(*base, 104, 105), NOW, RULES) == timedelta(seconds=120)
    many = failures(*range(0, 20))
    assert pair_wait(many, NOW, RULES) == timedelta(minutes=15)  # capped at the window


def test_the_wait_ends_when_its_time_is_up():
    assert pair_wait(failures(30, 31, 32, 33, 34), NOW, RULES) == timedelta(0)
    assert pair_wait(failures(29, 31, 32, 33, 34), NOW, RULES) == timedelta(seconds=1)


def test_a_success_starts_the_count_again_and_old_failures_fall_out_of_the_window():
    recent_success = [(ago(0), False), (ago(1), True), *failures(2, 3, 4, 5, 6)]
    assert pair_wait(recent_success, NOW, RULES) == timedelta(0)
    window = RULES.window.total_seconds()
    aged = failures(0, 1, 2, 3, window)  # the fifth is exactly a window old: it no longer counts
    assert pair_wait(aged, NOW, RULES) == timedelta(0)
    aged = failures(0, 1, 2, 3, window - 1)
    assert pair_wait(aged, NOW, RULES) == timedelta(seconds=30)


def test_a_ceiling_waits_until_the_count_falls_under_it():
    rules = ThrottleRules(account_ceiling=3)
    assert ceiling_wait([ago(0), ago(10)], 3, NOW, rules) == timedelta(0)
    assert ceiling_wait([ago(0), ago(10), ago(60)], 3, NOW, rules) == timedelta(minutes=14)
    four = [ago(0), ago(10), ago(60), ago(120)]  # the third newest must age out
    assert ceiling_wait(four, 3, NOW, rules) == timedelta(minutes=14)
    old = [ago(0), ago(10), ago(900)]  # exactly a window old: not counted
    assert ceiling_wait(old, 3, NOW, rules) == timedelta(0)


def test_the_longest_of_the_three_waits_applies():
    rules = ThrottleRules(account_ceiling=2, address_ceiling=3)
    attempts = Attempts(
        pair=failures(0),
        account_failures=[ago(0), ago(300)],
        address_failures=[ago(0)],
    )
    assert wait_before_sign_in(attempts, NOW, rules) == timedelta(minutes=10)
    attempts = Attempts(pair=[], account_failures=[], address_failures=[ago(5), ago(6), ago(7)])
    assert wait_before_sign_in(attempts, NOW, rules) == timedelta(minutes=15, seconds=-7)


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(0, "khoảng 1 phút"), (1, "khoảng 1 phút"), (60, "khoảng 1 phút"), (61, "khoảng 2 phút")],
)
def test_the_wait_in_words_rounds_up_to_whole_minutes(seconds, words):
    assert wait_words(timedelta(seconds=seconds)) == words


@given(st.lists(st.integers(min_value=0, max_value=2000), max_size=40))
def test_a_wait_is_never_negative_nor_longer_than_the_window(seconds_ago):
    pair = failures(*sorted(seconds_ago))
    found = wait_before_sign_in(
        Attempts(pair, [when for when, _ in pair], [when for when, _ in pair]), NOW, RULES
    )
    assert timedelta(0) <= found <= RULES.window
