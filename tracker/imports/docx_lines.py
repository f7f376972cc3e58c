"""A Word report's body as lines: Word's automatic numbers typed back in, tables flattened.

The parser reads a .docx like a .txt: each paragraph a line (soft breaks split it), list
numbers written out as Word shows them ("I.", "1.2.", "-", "+"), a data table's row one line
joined with " | ", a layout table (header, signature) cell by cell. Pure: no Flask, no db.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from tracker.domain.roman import to_roman
from tracker.domain.text import whole_number
from tracker.imports.report_model import MARKER, NUMBER, Line, NotAReportError, clean_line


def docx_lines(doc) -> list[Line]:
    """The lines of a python-docx Document's body that hold any word, in body order."""
    return [line for line in _DocxLines(doc).read(doc.element.body) if re.search(r"\w", line.text)]


def _val(el, tag: str, default: str = "") -> str:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


def _int(text: str | None, default: int) -> int:
    """A number of Word's list markup (a level, a list's first number); `default` if absent.

    Word writes a few digits; anything else (a 5,000-digit w:start, "²") is a broken or
    forged file, refused as such rather than read as some other number.
    """
    if not text:
        return default
    number = whole_number(text, 6)
    if number is None:
        raise NotAReportError(
            f"Tệp Word có số thứ tự tự động không hợp lệ (“{text[:20]}…”): hãy lưu lại tệp "
            "bằng Word rồi tải lên lần nữa."
        )
    return number


def _format(n: int, fmt: str) -> str:
    """A list number as Word shows it in `fmt` (numFmt): 4 → "IV", "iv", "D", "d", "04", "4"."""
    if fmt in ("upperRoman", "lowerRoman") and 0 < n <= 30:
        return to_roman(n) if fmt == "upperRoman" else to_roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter") and 0 < n <= 26:
        return chr((64 if fmt == "upperLetter" else 96) + n)
    return f"{n:02d}" if fmt == "decimalZero" else str(n)


def _levels(abstract) -> dict[int, tuple[str, str, int]]:
    """(numFmt, lvlText, start) of each level of a w:abstractNum."""
    return {
        _int(lvl.get(qn("w:ilvl")), 0): (
            _val(lvl, "w:numFmt", "decimal"),
            _val(lvl, "w:lvlText", "%1."),
            _int(_val(lvl, "w:start"), 1),
        )
        for lvl in abstract.findall(qn("w:lvl"))
    }


class _DocxLines:
    """Reads body paragraphs as lines, typing Word's automatic numbers back in."""

    def __init__(self, doc) -> None:
        self.lists: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}  # numId → level → last number shown
        self.styles = {s.get(qn("w:styleId")): s for s in doc.styles.element.findall(qn("w:style"))}
        try:
            numbering = doc.part.part_related_by(RT.NUMBERING).element
        except KeyError:
            return
        abstract = {}
        for definition in numbering.findall(qn("w:abstractNum")):
            abstract[definition.get(qn("w:abstractNumId"))] = _levels(definition)
        for num in numbering.findall(qn("w:num")):
            self.lists[num.get(qn("w:numId"))] = abstract.get(_val(num, "w:abstractNumId"), {})

    def read(self, parent, table: bool = False) -> Iterator[Line]:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                yield from self._paragraph(child, table)
            elif child.tag == qn("w:tbl"):
                yield from self._table(child)
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
                yield from self.read(child, table)

    def _table(self, tbl) -> Iterator[Line]:
        rows = [
            [list(self.read(cell, True)) for cell in row.iterchildren(qn("w:tc"))]
            for row in tbl.iterchildren(qn("w:tr"))
        ]
        if all(len(row) == 1 for row in rows):  # a one-column box only frames ordinary text
            yield from (Line(line.text) for row in rows for line in row[0])
            return
        for row in rows:
            if all(len(cell) <= 1 for cell in row):  # a data row: one line
                yield Line(" | ".join(cell[0].text for cell in row if cell), True)
            else:  # a layout row (header, signature): each cell's lines in turn
                yield from (line for cell in row for line in cell)

    def _paragraph(self, p, table: bool) -> Iterator[Line]:
        pieces = [""]
        for el in p.xpath(".//w:r/*"):
            if el.tag in (qn("w:br"), qn("w:cr")):  # a soft or page break ends a line
                pieces.append("")
            elif el.tag == qn("w:t"):
                pieces[-1] += el.text or ""
            else:  # "245/BC‑STTTT" is often typed with Word's non-breaking hyphen
                pieces[-1] += {qn("w:tab"): " ", qn("w:noBreakHyphen"): "-"}.get(el.tag, "")
        pieces = [c for piece in pieces if (c := clean_line(piece))]
        if not pieces:
            return  # an empty paragraph does not count in its list either
        label = self._label(p)
        typed = MARKER.match(pieces[0]) or NUMBER.fullmatch(pieces[0])
        if label and not (typed and (typed[2] or "." in typed[1])):
            pieces[0] = f"{label} {pieces[0]}"
        yield from (Line(piece, table) for piece in pieces)

    def _num_pr(self, p):
        ppr = p.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        style_id, hops = _val(ppr, "w:pStyle"), 0
        while num_pr is None and style_id in self.styles and hops < 10:  # numbered by its style
            style = self.styles[style_id]
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            style_id, hops = _val(style, "w:basedOn"), hops + 1
        return num_pr

    def _label(self, p) -> str:
        num_pr = self._num_pr(p)
        if num_pr is None or (num_id := _val(num_pr, "w:numId", "0")) not in self.lists:
            return ""
        levels, ilvl = self.lists[num_id], _int(_val(num_pr, "w:ilvl"), 0)
        fmt, text, start = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        if fmt == "bullet":
            return "-" if ilvl == 0 else "+"
        if fmt == "none":
            return ""
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:  # "1." after "1.2." restarts level 2
            del counts[deeper]

        def shown(m: re.Match) -> str:
            fmt_k, _, start_k = levels.get(int(m[1]) - 1, ("decimal", "", 1))
            return _format(counts.get(int(m[1]) - 1, start_k), fmt_k)

        return re.sub(r"%([1-9])", shown, text)
