"""Reading one cell of the plan template: a title, a unit or section by code or name, a list
of units, a date. Each reader gives (value, None) or (None, why it cannot), in Vietnamese. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from tracker.domain.dates import parse_sheet_day
from tracker.domain.text import fold

TITLE_MAX = 500
FIRST_YEAR, LAST_YEAR = 2000, 2100


def cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    return value


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    return str(value).strip()


def quoted(value: Any) -> str:
    text = as_text(value)
    return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"


def read_plain(value: Any) -> tuple[str, None]:
    return as_text(value), None


def read_title(value: Any) -> tuple[str | None, str | None]:
    text = " ".join(as_text(value).split())
    if not text:
        return None, "chưa nhập tên nhiệm vụ."
    if len(text) > TITLE_MAX:
        return None, f"tên nhiệm vụ dài {len(text)} ký tự, tối đa {TITLE_MAX} ký tự."
    return text, None


def find_code(text: str, codes: Mapping[str, int], names: Mapping[str, int]) -> int | None:
    key = fold(text)
    return codes[key] if key in codes else names.get(key)


def read_one(
    value: Any, codes: Mapping, names: Mapping, what: str, missing: str
) -> tuple[Any, Any]:
    if not as_text(value):
        return None, f"chưa nhập {missing}."
    found = find_code(as_text(value), codes, names)
    return (found, None) if found is not None else (None, f"không có {what} mã {quoted(value)}.")


def read_units(value: Any, lookup) -> tuple[tuple[int, ...], str | None]:
    text = as_text(value)
    whole = find_code(text, lookup.units, lookup.unit_names) if text else None
    if whole is not None:
        return (whole,), None  # a unit's name may itself contain a comma
    parts = [p.strip() for p in re.split(r"[,;\n]", text) if p.strip()]
    found = [(p, find_code(p, lookup.units, lookup.unit_names)) for p in parts]
    unknown = [quoted(p) for p, id_ in found if id_ is None]
    if unknown:
        return (), f"không có đơn vị mã {', '.join(unknown[:5])}{'…' if len(unknown) > 5 else ''}."
    return tuple(dict.fromkeys(id_ for _, id_ in found if id_ is not None)), None


def read_date(value: Any) -> tuple[date | None, str | None]:
    if value is None:
        return None, None
    if isinstance(value, datetime):
        day: date | None = value.date()
    elif isinstance(value, date):
        day = value
    else:  # a plain number is refused too: it may be anything, not a date that lost its format
        day = parse_sheet_day(value) if isinstance(value, str) else None
    if day is None:
        return None, f"{quoted(value)} không phải là ngày hợp lệ; nhập ngày dạng dd/mm/yyyy."
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None, f"ngày {as_text(day)} nằm ngoài khoảng năm {FIRST_YEAR}–{LAST_YEAR}."
    return day, None
