"""The one clock: the department's calendar day, and the time as stored (UTC).

Deadlines are judged on the Vietnamese calendar day, not on the server's (often UTC): at
20:00 UTC it is already tomorrow in Hà Nội. The zone is the configuration's TIMEZONE
(TRACKER_TIMEZONE, Asia/Ho_Chi_Minh by default); outside an application (a pure test, a
script) the default zone applies. Times are stored as naive UTC (`utcnow`).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

from tracker.models._base import utcnow

DEFAULT_ZONE = "Asia/Ho_Chi_Minh"

__all__ = ["DEFAULT_ZONE", "local_zone", "now", "today", "utcnow"]


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_zone() -> ZoneInfo:
    """The department's time zone."""
    name = current_app.config.get("TIMEZONE", DEFAULT_ZONE) if has_app_context() else DEFAULT_ZONE
    return _zone(name)


def now() -> datetime:
    """The department's wall-clock time (aware)."""
    return datetime.now(local_zone())


def today() -> date:
    """The department's calendar day."""
    return now().date()
