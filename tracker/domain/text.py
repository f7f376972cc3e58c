"""Text as people type it: cleaned of what no one types, folded for accent-insensitive search
("Tuyên truyền" → "tuyen truyen"), whole numbers read in ASCII digits only. Pure."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# C0 controls but tab, LF and CR; DEL; lone surrogates (JSON can write "\ud800", no database
# stores it, and no keyboard types any of them).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# What breaks a line or moves to a tab stop: a single-line field holds none of them.
_BREAKS = re.compile(r"\r\n|[\t\n\r\x85\u2028\u2029]")
_DIGITS = re.compile(r"[0-9]+")
# đ/Đ are letters of their own, not d with a combining mark, so NFD leaves them alone.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics, map đ to d and collapse white space."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def same_name(one: str, other: str) -> bool:
    """Whether two names are one but for case and spacing ("Sở  Tư pháp" = "SỞ TƯ PHÁP")."""
    return _SPACES.sub(" ", one).strip().casefold() == _SPACES.sub(" ", other).strip().casefold()


def fold_char(ch: str) -> str:
    """One character folded as `fold` folds it: "Ế" → "e", "đ" → "d", a combining mark → ""."""
    decomposed = unicodedata.normalize("NFD", ch.translate(_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_join(*parts: str | None) -> str:
    """Fold several fields into one searchable string."""
    return " ".join(p for p in (fold(x) for x in parts) if p)


def search_terms(query: str | None) -> list[str]:
    """The folded words of a query, in order, without duplicates."""
    seen: list[str] = []
    for word in fold(query).split(" "):
        if word and word not in seen:
            seen.append(word)
    return seen


def clean_text(text: str, multiline: bool = True) -> str:
    """Text without control characters or lone surrogates; tab, CR and LF are kept where the
    field holds several lines, and folded to a space where it holds one (a title)."""
    text = _CONTROLS.sub("", text)
    return text if multiline else _BREAKS.sub(" ", text)


def whole_number(text: str | None, max_digits: int = 9) -> int | None:
    """The number written in ASCII digits (at most `max_digits` of them, spaces around
    allowed); None for anything else ("²", "٣", "-1", "1e3", a 5,000-digit string)."""
    text = (text or "").strip()
    if len(text) > max_digits or not _DIGITS.fullmatch(text):
        return None
    return int(text)
