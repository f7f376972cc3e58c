"""How long a sign-in must wait after failed attempts. Pure.

Three counts, all of failed attempts only (a whole office signing in from one address at
7:30 is no attack; a run of wrong passwords is):

- one account from one address: a few free tries, then a wait that doubles with each
  further failure (30 s, 1 min, 2 min, …, at most the window). A success from that
  address starts the count again. This is what stops guessing, and it does not lock the
  account's owner out from anywhere else;
- one account from every address: a generous ceiling, for a guess spread over many
  addresses; only then does the owner wait too;
- one address over every account: a ceiling for trying one password on many accounts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ThrottleRules:
    window: timedelta = timedelta(minutes=15)
    free_attempts: int = 5
    first_wait: timedelta = timedelta(seconds=30)
    account_ceiling: int = 50
    address_ceiling: int = 30


@dataclass(frozen=True)
class Attempts:
    """Recent attempts, newest first, each (when, succeeded)."""

    pair: Sequence[tuple[datetime, bool]]
    account_failures: Sequence[datetime]
    address_failures: Sequence[datetime]


def pair_wait(attempts: Sequence[tuple[datetime, bool]], now: datetime, rules: ThrottleRules):
    """The backoff of one account from one address: how long until it may try again."""
    failures = []
    for when, succeeded in attempts:
        if succeeded:
            break
        if now - when < rules.window:
            failures.append(when)
    extra = len(failures) - rules.free_attempts
    if extra < 0:
        return timedelta(0)
    delay = min(rules.first_wait * 2**extra, rules.window)
    return max(timedelta(0), failures[0] + delay - now)


def ceiling_wait(failures: Sequence[datetime], ceiling: int, now: datetime, rules) -> timedelta:
    """How long until fewer than `ceiling` of these failures lie within the window."""
    recent = [when for when in failures if now - when < rules.window]
    if len(recent) < ceiling:
        return timedelta(0)
    # The failure whose ageing out brings the count under the ceiling.
    oldest_that_counts = recent[ceiling - 1]
    return max(timedelta(0), oldest_that_counts + rules.window - now)


def wait_before_sign_in(attempts: Attempts, now: datetime, rules: ThrottleRules) -> timedelta:
    """The longest of the three waits; zero when the attempt may go ahead."""
    return max(
        pair_wait(attempts.pair, now, rules),
        ceiling_wait(attempts.account_failures, rules.account_ceiling, now, rules),
        ceiling_wait(attempts.address_failures, rules.address_ceiling, now, rules),
    )


def wait_words(wait: timedelta) -> str:
    """The wait in words for the message: "khoảng N phút" (never zero minutes)."""
    return f"khoảng {max(1, math.ceil(wait.total_seconds() / 60))} phút"
