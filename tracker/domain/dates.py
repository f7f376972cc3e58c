"""Dates as people type and read them: dd/mm/yyyy (the civil-service form) or ISO. Pure."""

from __future__ import annotations

import re
from datetime import date, datetime

_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# Spreadsheet cells hold what was typed in any local habit: 15.03.2021, 15-03-2021, 2021-3-5.
_SHEET_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_SHEET_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


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
    return date.fromisoformat(text)


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
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
