"""The body of a past report: classify its lines, join broken sentences, grow the tree.

A line is a top heading ("I. ...", an upper-case title), a numbered heading ("6.1. ..."),
an item ("- ..."), a sub-item ("+ ..."), a plan item (numbered, under the plan heading) or
plain text; plain text broken across lines is joined back into its sentence. A builder then
grows the section tree and collects the assessment, difficulties, proposals and plan.
Pure: no Flask, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.domain.roman import from_roman, to_roman
from tracker.domain.text import fold
from tracker.imports.report_model import MARKER, NUMBER, Line, ParsedItem, ParsedSection

_TEXT_KINDS = ("assessment", "difficulties", "proposals")
_END = (".", ";", ":", "!", "?", ")", "”", '"', "…")  # a paragraph ending so is complete
_SENTENCE_END = (".", ";", "!", "?")  # a heading never ends so
_ROMAN_HEADING = re.compile(r"([IVX]{1,6})\s*[.):–-]\s*(\S.*)")
SIGNER = re.compile(r"^(KT|TM|TL|TUQ|Q)\.|GIAM DOC|CHU TICH")  # on folded text
_ROUTES = {  # where a top-level heading goes, by a keyword near its start (folded)
    "proposals": re.compile(r"\b(KIEN NGHI|DE XUAT)\b"),
    "difficulties": re.compile(r"\b(KHO KHAN|VUONG MAC|TON TAI|HAN CHE)\b"),
    "assessment": re.compile(r"\b(DANH GIA|NHAN XET)\b"),
}


@dataclass
class _Tok:
    """A classified body line."""

    kind: str  # top, heading, item, sub, plain, planitem
    raw: str  # as written
    text: str  # without its marker or number
    number: str = ""
    table: bool = False


# --- text helpers (the parser reads the regions with them too) -----------------------------


def fold_upper(text: str) -> str:
    """Upper-case text without accents, đ as D: what the keyword patterns match."""
    return fold(text).upper()


def is_upper(text: str) -> bool:
    """Whether the text is written in capitals (and has letters at all)."""
    return text == text.upper() and text != text.lower()


def roman_value(digits: str) -> int:
    """The value of a heading's Roman numeral; 0 past XXX, where reports never go."""
    value = from_roman(digits)
    return value if value <= 30 else 0


def continues(prev: str, text: str) -> bool:
    """Whether text is the rest of a sentence broken after prev (a blank line, a soft break)."""
    return text[0].islower() or not (prev.endswith(_END) or is_upper(text))


def _route(title: str) -> str:
    """Which part of the report a heading opens: section, plan or one of _TEXT_KINDS."""
    folded = fold_upper(title)
    if folded.startswith("PHUONG HUONG") or (
        folded.startswith(("NHIEM VU", "KE HOACH")) and not re.search(r"\b(DA|KET QUA)\b", folded)
    ):
        return "plan"
    found = [(m.start(), kind) for kind, rx in _ROUTES.items() if (m := rx.search(folded))]
    return min(found)[1] if found and min(found)[0] <= 12 else "section"


def _heading_like(title: str) -> bool:
    return title[0].isupper() and len(title) <= 200 and not title.endswith(_SENTENCE_END)


# --- body: classify lines, join broken sentences, grow the tree ------------------------------


def _token(line: Line, mode: str, has_roman: bool) -> _Tok:
    text = line.text
    if line.table:
        return _Tok("plain", text, text, table=True)
    if (m := _ROMAN_HEADING.fullmatch(text)) and roman_value(m[1]) and _heading_like(m[2]):
        return _Tok("top", text, m[2].rstrip(" :"), m[1])
    if (m := NUMBER.fullmatch(text)) and (m[2] or "." in m[1]):
        number, title = m[1], m[3]
        top = not has_roman and "." not in number  # a report without I., II. starts at 1.
        if mode == "plan" and "." not in number and not (top and _route(title) in _TEXT_KINDS):
            return _Tok("planitem", text, title, number)
        if _heading_like(title):
            return _Tok("top" if top else "heading", text, title.rstrip(" :"), number)
        return _Tok("item", text, text)  # a numbered sentence, not a heading
    if m := MARKER.fullmatch(text):
        return _Tok("sub" if m[1] == "+" else "item", text, m[2])
    if (
        is_upper(text)
        and len(text) <= 150
        and _heading_like(text)
        and (" " in text or _route(text) != "section")
        and not SIGNER.search(fold_upper(text))
    ):
        return _Tok("top", text, text)  # an un-numbered upper-case title
    return _Tok("plain", text, text)


def heading_number(line: Line, has_roman: bool) -> str:
    """The number of the heading a line is ("I", "6.1"); "" when it is no heading."""
    tok = _token(line, "section", has_roman)
    return tok.number if tok.kind in ("top", "heading") else ""


def _tokens(lines: Iterable[Line], has_roman: bool) -> list[_Tok]:
    out: list[_Tok] = []
    mode = "section"
    for line in lines:
        tok = _token(line, mode, has_roman)
        mode = _route(tok.text) if tok.kind == "top" else mode
        prev = out[-1] if out else None
        if (
            tok.kind == "plain"
            and prev is not None
            and prev.kind not in ("top", "heading")  # headings end unpunctuated: never join
            and not (tok.table or prev.table)
            and continues(prev.raw, tok.raw)
        ):
            prev.raw, prev.text = f"{prev.raw} {tok.raw}", f"{prev.text} {tok.text}"
        else:
            out.append(tok)
    return out


class _Builder:
    def __init__(self, has_roman: bool) -> None:
        self.base = 1 if has_roman else 0  # decimal headings sit under a roman one if any
        self.sections: list[ParsedSection] = []
        self.stack: list[ParsedSection] = []  # the open sections, top first
        self.codes: set[str] = set()
        self.last_top = 0
        self.mode = "section"
        self.texts: dict[str, list[str]] = {kind: [] for kind in (*_TEXT_KINDS, "plan_intro")}
        self.plan_heading = ""
        self.plan_items: list[str] = []
        self.plan_numbered = False

    def feed(self, tok: _Tok) -> None:
        if tok.kind == "top":
            self.stack.clear()
            self.last_top = roman_value(tok.number) or self.last_top + 1
            self.mode = _route(tok.text)
            if self.mode == "plan":
                self.plan_heading = tok.text
            elif self.mode == "section":
                self._open(tok.number or to_roman(self.last_top), tok.text, top=True)
        elif self.mode == "plan":
            self._plan(tok)
        elif self.mode in _TEXT_KINDS:
            route = _route(tok.text) if tok.kind == "heading" else ""
            if route in _TEXT_KINDS:
                self.mode = route  # "2. Khó khăn" inside "III. ĐÁNH GIÁ" switches the block
            else:
                self.texts[self.mode].append(tok.raw)
        elif tok.kind == "heading":
            self._open(tok.number, tok.text, top=False)
        else:
            self._content(tok)

    def _open(self, number: str, title: str, top: bool) -> None:
        depth = 1 if top else self.base + number.count(".") + 1
        while self.stack and self.stack[-1].level >= depth:
            self.stack.pop()
        code = wanted = (f"{self.stack[0].code}." if self.base and self.stack else "") + number
        copies = 1
        while code in self.codes:  # a numbering slip in the report must not merge two sections
            copies += 1
            code = f"{wanted}-{copies}"
        self.codes.add(code)
        section = ParsedSection(code, number, title, len(self.stack) + 1)
        (self.stack[-1].children if self.stack else self.sections).append(section)
        self.stack.append(section)

    def _content(self, tok: _Tok) -> None:
        items = self.stack[-1].items
        if tok.kind == "sub" and items:
            items[-1].subitems.append(tok.text)
        elif tok.kind == "plain" and items:  # a paragraph under an item continues it
            last = items[-1]
            if last.subitems:
                last.subitems[-1] += "\n" + tok.text
            else:
                last.text += "\n" + tok.text
        else:
            items.append(ParsedItem(tok.text))

    def _plan(self, tok: _Tok) -> None:
        if tok.kind == "planitem" or (tok.kind == "item" and not self.plan_numbered):
            self.plan_items.append(tok.text)
            self.plan_numbered |= tok.kind == "planitem"
        elif self.plan_items:
            self.plan_items[-1] += "\n" + tok.raw
        else:
            self.texts["plan_intro"].append(tok.raw)


@dataclass
class Body:
    """What the body holds: the section tree, the director's text blocks and the plan."""

    sections: list[ParsedSection]
    texts: dict[str, list[str]]
    plan_heading: str
    plan_items: list[str]


def read_body(lines: Iterable[Line], has_roman: bool) -> Body:
    """Read the body's lines (from the first heading to the closing) into its parts."""
    builder = _Builder(has_roman)
    for tok in _tokens(lines, has_roman):
        builder.feed(tok)
    return Body(builder.sections, builder.texts, builder.plan_heading, builder.plan_items)
