"""Cell values that spreadsheet programs will not execute (CSV/Excel injection)."""

from __future__ import annotations

# A leading = + - @ (or a tab/CR that some programs strip first) starts a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """Return the value as text, prefixed with an apostrophe if it could start a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text
