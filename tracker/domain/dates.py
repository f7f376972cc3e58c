"""Dates as people type and read them: dd/mm/yyyy (the civil-service form) or ISO. Pure."""

from __future__ import annotations

import re
from datetime import date, datetime

# ASCII digits only: \d also matches "²" and "٣", which int() refuses or misreads.
_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
# Spreadsheet cells hold what was typed in any local habit: 15.03.2021, 15-03-2021, 2021-3-5.
_SHEET_DMY = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_SHEET_YMD = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
# The days anyone may enter (a deadline, a start, a completion, a document's date): a year
# 0001 or 9999 is a slip of the keyboard, and the last one overflows any "day after".
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2100, 12, 31)


def format_day(value: date | datetime | None) -> str:
    """A date as dd/mm/yyyy, as every page, mail and file writes it ("" for none).

    The same text as Babel's pattern "dd/MM/yyyy" for locale vi (a test holds them equal):
    written directly because a province's report writes tens of thousands of them.
    """
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def parse_day_text(text: str) -> date:
    """A date from "dd/mm/yyyy" or ISO "yyyy-mm-dd"; ValueError otherwise."""
    text = text.strip()
    if match := _DMY.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
        return date(year, month, day)
    if not text.isascii() or len(text) > 10:
        raise ValueError(f"not a date: {text[:20]!r}")
    return date.fromisoformat(text)


def in_range(day: date) -> bool:
    """Whether a day lies within the days anyone may enter (EARLIEST_DAY to LATEST_DAY)."""
    return EARLIEST_DAY <= day <= LATEST_DAY


def out_of_range(label: str) -> str:
    """Why a day outside EARLIEST_DAY..LATEST_DAY is refused, naming its field."""
    return f"{label} phải trong khoảng {format_day(EARLIEST_DAY)}–{format_day(LATEST_DAY)}."


def read_day(value: date | str, label: str) -> date:
    """A day a person entered (a date, "dd/mm/yyyy" or ISO), within the range anyone may
    enter; ValueError with a message naming the field (`label`) otherwise."""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        try:
            value = parse_day_text(str(value))
        except ValueError:
            shown = str(value).strip()[:40]
            raise ValueError(
                f"{label}: “{shown}” không phải là ngày hợp lệ (dd/mm/yyyy)."
            ) from None
    if not in_range(value):
        raise ValueError(out_of_range(label))
    return value


def parse_sheet_day(text: str) -> date | None:
    """A date typed into a spreadsheet cell (dd/mm/yyyy, dd.mm.yyyy, dd-mm-yyyy, yyyy-m-d).

    Lenient on purpose: a plan's author types dates as their own office does, and the
    importer names the cell it cannot read; None for anything that is not a real date.
    """
    if match := _SHEET_DMY.fullmatch(text):
        day, month, year = match.groups()
    elif match := _SHEET_YMD.fullmatch(text):
        year, month, day = match.groups()
    else:
        return None
    try:
        day = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return day if in_range(day) else None
