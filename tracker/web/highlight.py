"""Mark searched words in a text the way search finds them: without accents, đ as d.

"tuyen truyen" marks "Tuyên truyền" in the original spelling. The text is folded letter by
letter while remembering where each folded letter came from, so marks land on the original.
The task list marks a term anywhere (its filter matches inside words); the search page only
at the start of a word (full-text search matches word prefixes).
"""

from __future__ import annotations

import unicodedata

from markupsafe import Markup, escape

from tracker.domain.text import fold_char


def spans(text: str, terms, word_start: bool = False) -> list[tuple[int, int]]:
    """Merged (start, end) ranges of the original text that match any folded term."""
    folded: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(unicodedata.normalize("NFC", text)):
        for piece in fold_char(ch):
            folded.append(piece)
            origin.append(index)
    haystack = "".join(folded)
    found: list[tuple[int, int]] = []
    for term in terms:
        if not term:
            continue
        start = haystack.find(term)
        while start != -1:
            end = start + len(term)
            if not word_start or start == 0 or not haystack[start - 1].isalnum():
                found.append((origin[start], origin[end - 1] + 1))
            start = haystack.find(term, start + 1 if word_start else end)
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str | None, terms, word_start: bool = False) -> Markup:
    """The text, escaped, with each match wrapped in <mark>."""
    if not text:
        return Markup("")
    text = unicodedata.normalize("NFC", text)
    if not terms:
        return escape(text)
    parts: list[str] = []
    last = 0
    for start, end in spans(text, terms, word_start):
        parts.append(escape(text[last:start]))
        parts.append(Markup("<mark>{}</mark>").format(text[start:end]))
        last = end
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
