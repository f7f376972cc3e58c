"""Read a past report's words in the tracker's terms: titles, dates, units, periods. Pure.

Used by services/report_import.py: a short title for each item, the day an item was done,
the unit an item names, the period a report's subject names, whether two headings are the
same heading. No Flask, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from tracker.domain.issuers import DEFAULT_ISSUERS
from tracker.domain.legal_refs import LegalRef
from tracker.domain.periods import Kind, Period, PeriodError
from tracker.domain.report.window import Window
from tracker.domain.roman import from_roman
from tracker.domain.text import fold_char

TITLE_MAX = 200
_CUT = ";\n"  # a clause ends at these (and at a sentence's full stop)
_TRAILING = " \t:;,.-–…"
_DMY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?!\d)")
_LONG_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)", re.I)


# -- folding that keeps positions -----------------------------------------------------------


class _FoldTable(dict):
    """str.translate table: each character to one lower-case, accent-free character."""

    def __missing__(self, code: int) -> str:
        base = fold_char(chr(code))
        folded = base if len(base) == 1 else (base[:1] or " ")
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold_chars(text: str) -> str:
    """Lower-case, accent-free text of exactly the same length (one character for one)."""
    return text.translate(_FOLD)


def words(text: str) -> list[str]:
    """The folded words of a name: letters, digits and "&" ("cntt&tt")."""
    return re.findall(r"[\w&]+", fold_chars(text))


def normal(text: str) -> str:
    """A name reduced for comparison: folded words separated by single spaces."""
    return " ".join(words(text))


# -- titles and dates -----------------------------------------------------------------------


def short_title(text: str, limit: int = TITLE_MAX) -> str:
    """The item's first clause, as a task title of at most `limit` characters."""
    clause, depth = [], 0
    for i, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        rest = text[i + 1 : i + 3]
        sentence_end = ch == "." and rest[:1] == " " and rest[1:2].isupper()
        if depth <= 0 and (ch in _CUT or sentence_end):
            break
        clause.append(ch)
    title = re.sub(r"\s+", " ", "".join(clause)).strip(_TRAILING).strip()
    if not title:
        title = re.sub(r"\s+", " ", text).strip(_TRAILING).strip() or "Nhiệm vụ"
    if len(title) > limit:
        cut = title[: limit - 1]
        title = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(_TRAILING) + "…"
    return title


def completion_date(text: str, period: Period | Window, refs: Sequence[LegalRef] = ()) -> date:
    """The latest day within the report's days (its period, or its data window) the item
    names (outside its references), else their last day.

    A reference's date is the day a document was issued, not the day the work was done.
    """
    spans = [(ref.start, ref.end) for ref in refs]
    found = []
    for pattern in (_DMY, _LONG_DATE):
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in spans):
                continue
            day, month, year = (int(g) for g in match.groups())
            try:
                named = date(year, month, day)
            except ValueError:
                continue
            if period.start <= named <= period.end:
                found.append(named)
    return max(found, default=period.end)


# -- periods --------------------------------------------------------------------------------

_PERIOD_WORDS = re.compile(
    r"\b(?:(?P<nine>9|chin) thang dau nam"
    r"|(?P<half>6|sau) thang (?P<which>dau|cuoi) nam"
    r"|quy (?P<quarter>iv|iii|ii|i|[1-4])\b"
    r"|(?<!\d )thang (?P<month>1[0-2]|0?[1-9])\b(?!/)"
    r"|(?P<year>nam) (?:19|20)\d\d)"
)


def period_from_subject(subject: str, fallback_year: int | None = None) -> Period | None:
    """The period a report's subject names first ("9 tháng đầu năm 2020" → 2020-9M)."""
    text = normal(subject)
    match = _PERIOD_WORDS.search(text)
    if match is None:
        return None
    # The year written after the period's words ("quý I và quý II năm 2021"), else before.
    after = re.search(r"\b((?:19|20)\d\d)\b", text[match.start() :])
    before = re.findall(r"\b((?:19|20)\d\d)\b", text[: match.start()])
    year = int(after[1]) if after else int(before[-1]) if before else fallback_year
    if year is None:
        return None
    try:
        if match["nine"]:
            return Period(year, Kind.NINE_MONTHS)
        if match["half"]:
            return Period(year, Kind.HALF, 1 if match["which"] == "dau" else 2)
        if match["quarter"]:
            q = match["quarter"]
            return Period(year, Kind.QUARTER, from_roman(q.upper()) or int(q))
        if match["month"]:
            return Period(year, Kind.MONTH, int(match["month"]))
        return Period(year, Kind.YEAR)
    except PeriodError:
        return None


# -- headings -------------------------------------------------------------------------------


def same_heading(a: str, b: str) -> bool:
    """Whether two section titles name the same heading (case, accents, small edits aside)."""
    left, right = normal(a), normal(b)
    if not left or not right:
        return False
    if left == right:
        return True
    short, long_ = sorted((left, right), key=len)
    if long_.startswith(short + " ") and 2 * len(short.split()) >= len(long_.split()) >= 3:
        return True  # "CÔNG TÁC QUẢN LÝ" and "CÔNG TÁC QUẢN LÝ NHÀ NƯỚC", not "Bưu chính ..."
    return SequenceMatcher(None, left, right).ratio() >= 0.85


# -- units ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitMention:
    unit_id: int
    text: str  # as written in the item


class UnitMatcher:
    """Find the unit an item names by its name or short name; the longest mention wins.

    A name is written with a capital ("thanh tra việc ..." is a verb, not "Thanh tra"), and a
    mention directly followed by a capitalised word is part of another body's name ("Văn
    phòng UBND tỉnh", "Thanh tra Bộ ..."), not the unit's.
    """

    def __init__(self, units: Iterable[tuple[int, str, str | None]]):
        self.patterns: list[tuple[int, int, re.Pattern[str]]] = []
        for unit_id, *names in units:
            for name in {n for n in names if n and len(words(n)) >= 2}:
                body = r"[^\w&]+".join(re.escape(w) for w in words(name))
                pattern = re.compile(rf"(?<![\w&]){body}(?![\w&])")
                self.patterns.append((len(normal(name)), unit_id, pattern))
        self.patterns.sort(key=lambda p: -p[0])

    def find(self, text: str, proper_only: bool = True) -> UnitMention | None:
        """The unit named in the text, or None; a heading may name it in small letters."""
        folded = fold_chars(text)
        best: tuple[int, int, UnitMention] | None = None
        for length, unit_id, pattern in self.patterns:
            if best is not None and length < best[0]:
                break
            for match in pattern.finditer(folded):
                proper = text[match.start()].isupper()
                if (proper_only and not proper) or _continues_as_a_name(text, match.end()):
                    continue
                mention = UnitMention(unit_id, text[match.start() : match.end()])
                candidate = (length, -match.start(), mention)
                if best is None or candidate[:2] > best[:2]:
                    best = candidate
                break
        return best[2] if best else None


def _continues_as_a_name(text: str, end: int) -> bool:
    following = re.match(r"[ \t]+(\w)", text[end:])
    return bool(following and following[1].isupper())


# -- the organisation -----------------------------------------------------------------------


def as_written(name: str, *texts: str) -> str:
    """The name as the report writes it in running text, when the header has it in capitals."""
    if name != name.upper():
        return name
    target = normal(name)
    for text in texts:
        folded = fold_chars(text)
        body = r"[^\w&]+".join(re.escape(w) for w in words(name))
        if target and (match := re.search(rf"(?<![\w&]){body}(?![\w&])", folded)):
            return text[match.start() : match.end()]
    return name[:1] + name[1:].lower()


def organisation_code(name: str) -> str:
    """A unit code for the organisation: its issuer code ("STTTT"), else its initials."""
    target = normal(name)
    for code, full in sorted(DEFAULT_ISSUERS.items(), key=lambda kv: -len(kv[1])):
        if target == normal(full) or target.startswith(normal(full) + " "):
            return code
    initials = [w[0] for w in words(name) if w not in ("va", "&")]
    return ("".join(initials).upper() or "DONVI")[:20]
