"""Vietnamese formatting through Babel: dates dd/mm/yyyy, numbers 1.009.186 and 74,18 %.

Vietnamese is the product's only language (BABEL_DEFAULT_LOCALE); these are the Jinja filters.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from babel import numbers as babel_numbers
from flask import current_app
from flask_babel import format_decimal, get_locale, get_timezone

from tracker.domain.dates import format_day

__all__ = [
    "format_day",
    "format_moment",
    "format_number",
    "format_rate",
    "format_size",
    "select_timezone",
]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def format_moment(value: datetime | None) -> str:
    """A stored UTC time shown in local time as dd/mm/yyyy HH:mm."""
    if value is None:
        return ""
    # The same as Babel's format_datetime(value, "dd/MM/yyyy HH:mm", rebase=True), at an
    # eighth of the cost: a list shows a time on every row.
    local = value.replace(tzinfo=UTC).astimezone(get_timezone())
    return local.strftime("%d/%m/%Y %H:%M")


def format_number(value: float | int | None, digits: int = 0) -> str:
    """A number with the locale's separators: 1.009.186 and 74,18 in Vietnamese."""
    if value is None:
        return "—"
    if isinstance(value, int) and not digits:
        # Counts fill the overview's 200-unit table: Babel's own rounding machinery is
        # kept for fractions, and whole numbers only take the locale's group separator.
        return _group(value, str(get_locale()))
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern)


@lru_cache(maxsize=4096)
def _group(value: int, locale: str) -> str:
    return babel_numbers.format_decimal(value, format="#,##0", locale=locale)


def format_rate(value: float | None, digits: int = 2) -> str:
    """A 0–1 share as a percentage: 0.7418 → "74,18 %"; no data → "—"."""
    if value is None:
        return "—"
    return f"{format_number(value * 100, digits)} %"


def format_size(size: int | None) -> str:
    """A byte count as people read it: 512 B, 34 KB, 2,5 MB, 20 MB (never split by a line)."""
    if not size:
        return "0\u00a0B"
    if size < 1024:
        return f"{size}\u00a0B"
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))}\u00a0KB"
    megabytes = f"{size / (1024 * 1024):.1f}".replace(".", ",").removesuffix(",0")
    return f"{megabytes}\u00a0MB"
