"""Text folding for accent-insensitive search: "Tuyên truyền" → "tuyen truyen". Pure."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
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
