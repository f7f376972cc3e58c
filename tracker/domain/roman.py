"""Roman numerals, as report headings (I., IV.) and quarters (Quý III) write them. Pure."""

from __future__ import annotations

import re

_NUMERALS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
# The canonical form only: "IV", never "IIII"; a heading numbered "IIII." is not a heading.
CANONICAL = re.compile(
    r"^(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$"
)


def to_roman(n: int) -> str:
    """Write a positive number as a Roman numeral: 4 → "IV", 14 → "XIV"."""
    out = ""
    for value, letters in _NUMERALS:
        count, n = divmod(n, value)
        out += letters * count
    return out


def from_roman(text: str) -> int:
    """Read a Roman numeral in canonical form ("XIV" → 14); 0 for anything else."""
    if not CANONICAL.match(text):
        return 0
    total, rest = 0, text
    for value, letters in _NUMERALS:
        while rest.startswith(letters):
            total, rest = total + value, rest[len(letters) :]
    return total
