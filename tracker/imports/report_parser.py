"""Read a past report (.txt or .docx shaped like the sample) into plain data. Pure: no Flask, no db.

Both readers produce the same lines (a .docx has its Word numbering typed back in, its breaks
split and its table rows flattened). The lines are cut into regions (header, title and subject,
body, closing, recipients, signer); body lines are classified, sentences broken across lines are
joined, and a builder grows the section tree and the text blocks.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import BinaryIO, NamedTuple

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

NOT_A_REPORT = "Tệp không phải là một báo cáo: "
_TEXT_KINDS = ("assessment", "difficulties", "proposals")
_END = (".", ";", ":", "!", "?", ")", "”", '"', "…")  # a paragraph ending so is complete
_SENTENCE_END = (".", ";", "!", "?")  # a heading never ends so
_ROMAN = re.compile(r"([IVX]{1,6})\s*[.):–-]\s*(\S.*)")
_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)([.)])?\s+(\S.*)")
_MARKER = re.compile(r"([-–—•·▪●+]|\*+[.)]?)\s*(\S.*)")
_TITLE = re.compile(r"BÁO\s+CÁO\b\s*:?\s*(.*)")
_SIGNER = re.compile(r"^(KT|TM|TL|TUQ|Q)\.|GIAM DOC|CHU TICH")  # on folded text
_PAREN = re.compile(r"\(.*\)")  # "(Đã ký)" under a signature
_DOC_NO = re.compile(r"Số\s*:\s*([^\s/]*\s*/\s*\S+|\S+)", re.I)
_DATE = re.compile(
    r"(?:([^,]*),\s*)?ngày\s+(\d{1,2})(?:\s+tháng\s+|/)(\d{1,2})(?:\s+năm\s+|/)(\d{4})", re.I
)
_CLOSING_ORG = re.compile(r",\s*([^,]+?)\s+(?:xin\s+|kính\s+)?báo\s+cáo\b")
_ROUTES = {  # where a top-level heading goes, by a keyword near its start (folded)
    "proposals": re.compile(r"\b(KIEN NGHI|DE XUAT)\b"),
    "difficulties": re.compile(r"\b(KHO KHAN|VUONG MAC|TON TAI|HAN CHE)\b"),
    "assessment": re.compile(r"\b(DANH GIA|NHAN XET)\b"),
}


class NotAReportError(ValueError):
    """The file is not a report in the structure of the sample; the message says why."""


@dataclass
class ParsedItem:
    text: str
    subitems: list[str] = field(default_factory=list)

    @property
    def full_text(self) -> str:
        """Return the item with its "+ " sub-items, one per line."""
        return "\n".join([self.text, *(f"+ {sub}" for sub in self.subitems)])


@dataclass
class ParsedSection:
    code: str  # the database's path code: "I", "I.6", "I.6.1"
    number: str  # as written: "I", "6", "6.1"
    title: str
    level: int
    items: list[ParsedItem] = field(default_factory=list)
    children: list[ParsedSection] = field(default_factory=list)

    def walk(self) -> Iterator[ParsedSection]:
        """Yield this section and its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ParsedReport:
    organisation: str | None = None
    parent_body: str | None = None
    number: str | None = None
    issued_on: date | None = None
    place: str | None = None
    title: str = ""
    subject: str = ""
    introduction: str = ""  # paragraphs between the subject and the first heading
    sections: list[ParsedSection] = field(default_factory=list)
    assessment: str = ""
    difficulties: str = ""
    proposals: str = ""
    plan_heading: str = ""
    plan_intro: str = ""
    plan_items: list[str] = field(default_factory=list)
    closing: str = ""
    recipients: list[str] = field(default_factory=list)
    signer_title: str = ""
    signer_name: str = ""

    def walk(self) -> Iterator[ParsedSection]:
        """Yield every achievement section depth first, in report order."""
        for section in self.sections:
            yield from section.walk()

    @property
    def item_count(self) -> int:
        """Return the number of achievement items in all sections."""
        return sum(len(section.items) for section in self.walk())


class _Line(NamedTuple):
    text: str
    table: bool = False  # from a table: content, never a heading, never joined to a sentence


@dataclass
class _Tok:
    kind: str  # top, heading, item, sub, plain, planitem
    raw: str  # as written
    text: str  # without its marker or number
    number: str = ""
    table: bool = False


# --- text helpers ----------------------------------------------------------------------------


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("**", "")  # markdown bold in a .txt
    return re.sub(r"\s+", " ", re.sub(r"[\u200b-\u200d\ufeff\u00ad]", "", text)).strip()


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def _is_upper(text: str) -> bool:
    return text == text.upper() and text != text.lower()


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _roman_value(digits: str) -> int:
    return next((n for n in range(1, 31) if _roman(n) == digits), 0)  # reports stop well before


def _continues(prev: str, text: str) -> bool:
    """Whether text is the rest of a sentence broken after prev (a blank line, a soft break)."""
    return text[0].islower() or not (prev.endswith(_END) or _is_upper(text))


def _route(title: str) -> str:
    """Which part of the report a heading opens: section, plan or one of _TEXT_KINDS."""
    folded = _fold(title)
    if folded.startswith("PHUONG HUONG") or (
        folded.startswith(("NHIEM VU", "KE HOACH")) and not re.search(r"\b(DA|KET QUA)\b", folded)
    ):
        return "plan"
    found = [(m.start(), kind) for kind, rx in _ROUTES.items() if (m := rx.search(folded))]
    return min(found)[1] if found and min(found)[0] <= 12 else "section"


def _heading_like(title: str) -> bool:
    return title[0].isupper() and len(title) <= 200 and not title.endswith(_SENTENCE_END)


def _paragraphs(lines: Iterable[_Line]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and not line.table and _continues(out[-1], line.text):
            out[-1] += " " + line.text
        else:
            out.append(line.text)
    return out


def _index(lines: list, test: Callable, start: int = 0, stop: int | None = None) -> int | None:
    stop = len(lines) if stop is None else stop
    return next((i for i in range(start, stop) if test(lines[i])), None)


# --- body: classify lines, join broken sentences, grow the tree ------------------------------


def _token(line: _Line, mode: str, has_roman: bool) -> _Tok:
    text = line.text
    if line.table:
        return _Tok("plain", text, text, table=True)
    if (m := _ROMAN.fullmatch(text)) and _roman_value(m[1]) and _heading_like(m[2]):
        return _Tok("top", text, m[2].rstrip(" :"), m[1])
    if (m := _NUMBER.fullmatch(text)) and (m[2] or "." in m[1]):
        number, title = m[1], m[3]
        top = not has_roman and "." not in number  # a report without I., II. starts at 1.
        if mode == "plan" and "." not in number and not (top and _route(title) in _TEXT_KINDS):
            return _Tok("planitem", text, title, number)
        if _heading_like(title):
            return _Tok("top" if top else "heading", text, title.rstrip(" :"), number)
        return _Tok("item", text, text)  # a numbered sentence, not a heading
    if m := _MARKER.fullmatch(text):
        return _Tok("sub" if m[1] == "+" else "item", text, m[2])
    if (
        _is_upper(text)
        and len(text) <= 150
        and _heading_like(text)
        and (" " in text or _route(text) != "section")
        and not _SIGNER.search(_fold(text))
    ):
        return _Tok("top", text, text)  # an un-numbered upper-case title
    return _Tok("plain", text, text)


def _heading_number(line: _Line, has_roman: bool) -> str:
    tok = _token(line, "section", has_roman)
    return tok.number if tok.kind in ("top", "heading") else ""


def _tokens(lines: Iterable[_Line], has_roman: bool) -> list[_Tok]:
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
            and _continues(prev.raw, tok.raw)
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
            self.last_top = _roman_value(tok.number) or self.last_top + 1
            self.mode = _route(tok.text)
            if self.mode == "plan":
                self.plan_heading = tok.text
            elif self.mode == "section":
                self._open(tok.number or _roman(self.last_top), tok.text, top=True)
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


# --- the regions around the body -------------------------------------------------------------


def _header(lines: list[_Line]) -> dict:
    out: dict = {}
    names = []
    for part in (p.strip() for line in lines for p in line.text.split(" | ")):
        number, when = _DOC_NO.match(part), _DATE.search(part)
        if number:
            out["number"] = re.sub(r"\s+", "", number[1])
        if when:
            out["place"] = (when[1] or "").strip() or None
            try:
                out["issued_on"] = date(int(when[4]), int(when[3]), int(when[2]))
            except ValueError:
                out["issued_on"] = None
        elif not number and _is_upper(part) and "CONG HOA XA HOI" not in _fold(part):
            names.append(part)
    if names:  # the body the department belongs to is written above it
        out["parent_body"] = names[0] if len(names) > 1 else None
        out["organisation"] = " ".join(names[1:] or names)
    return out


def _split_signer(lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """Split a trailing signer block ("KT. GIÁM ĐỐC", ..., the name) off lines."""
    end = len(lines)
    while end and _PAREN.fullmatch(lines[end - 1].text):
        end -= 1
    words = lines[end - 1].text.split() if end else []
    if not (0 < len(words) <= 6 and all(w[0].isupper() and w.isalpha() for w in words)):
        return lines, []
    start = end - 1
    while start and (
        _PAREN.fullmatch(text := lines[start - 1].text) or (_is_upper(text) and len(text) <= 60)
    ):
        start -= 1
    if not any(_SIGNER.search(_fold(line.text)) for line in lines[start : end - 1]):
        return lines, []
    return lines[:start], lines[start:]


def _recipients(lines: list[_Line]) -> tuple[list[str], list[_Line]]:
    """Read the list after "Nơi nhận:"; return it and the lines after it."""
    head = lines[0].text.partition(":")[2].strip()  # "Nơi nhận: - Như trên;" on one line
    rest = [_Line(head), *lines[1:]] if head else lines[1:]
    out: list[str] = []
    for i, line in enumerate(rest):
        if m := _MARKER.fullmatch(line.text):
            out.append(m[2])
        elif out and _continues(out[-1], line.text):
            out[-1] += " " + line.text
        else:
            return out, rest[i:]
    return out, []


def _fill_body(report: ParsedReport, lines: list[_Line], has_roman: bool) -> None:
    builder = _Builder(has_roman)
    for tok in _tokens(lines, has_roman):
        builder.feed(tok)
    report.sections = builder.sections
    if not report.item_count:
        raise NotAReportError(NOT_A_REPORT + "không có mục kết quả nào có nội dung (dòng “- ...”).")
    for kind, paragraphs in builder.texts.items():
        setattr(report, kind, "\n".join(paragraphs))
    report.plan_heading, report.plan_items = builder.plan_heading, builder.plan_items


def _fill_tail(report: ParsedReport, lines: list[_Line]) -> None:
    cut = _index(lines, lambda ln: _fold(ln.text).startswith("NOI NHAN"))
    closing, signer = _split_signer(lines[:cut])
    if cut is not None:  # the signer may stand before "Nơi nhận" or after the list
        report.recipients, after = _recipients(lines[cut:])
        signer = after or signer
    report.closing = "\n".join(_paragraphs(closing))
    kept = [line.text for line in signer if not _PAREN.fullmatch(line.text)]
    if kept:
        report.signer_title, report.signer_name = "\n".join(kept[:-1]), kept[-1]
    if not report.organisation:  # "Trên đây là ..., Sở X báo cáo đến ..."
        found = [org for org in _CLOSING_ORG.findall(report.closing) if org[0].isupper()]
        report.organisation = found[-1] if found else None


def _parse_lines(lines: list[_Line]) -> ParsedReport:
    if not lines:
        raise NotAReportError(NOT_A_REPORT + "tệp trống.")
    first_roman = _index(lines, lambda ln: _roman_value(_heading_number(ln, True)) > 0)
    title_i = _index(lines, lambda ln: bool(_TITLE.fullmatch(ln.text)), stop=first_roman)
    if title_i is None and first_roman is None:
        why = "không tìm thấy tiêu đề “BÁO CÁO” và các mục I., II. ..."
        raise NotAReportError(NOT_A_REPORT + why)
    has_roman = first_roman is not None
    start = 0 if title_i is None else title_i + 1
    body_i = _index(lines, lambda ln: bool(_heading_number(ln, has_roman)), start)
    if body_i is None:
        raise NotAReportError(NOT_A_REPORT + "không tìm thấy các mục I., II. ... của báo cáo.")
    end_i = _index(lines, lambda ln: _fold(ln.text).startswith(("TREN DAY", "NOI NHAN")), body_i)
    end_i = len(lines) if end_i is None else end_i
    body, signer = _split_signer(lines[body_i:end_i])  # a signer with no closing sentence

    report = ParsedReport(**_header(lines[: body_i if title_i is None else title_i]))
    if title_i is not None:
        report.title = "BÁO CÁO"
        subject = [rest] if (rest := _TITLE.fullmatch(lines[title_i].text)[1]) else []
        pre = lines[start:body_i]
        while pre and (not subject or pre[0].text[0].islower()):  # a subject may wrap
            subject.append(pre.pop(0).text)
        report.subject, report.introduction = " ".join(subject), "\n".join(_paragraphs(pre))
    _fill_body(report, body, has_roman)
    _fill_tail(report, signer + lines[end_i:])
    return report


# --- .docx: the body as lines ----------------------------------------------------------------


def _val(el, tag: str, default: str = "") -> str:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() else default


def _format(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman") and 0 < n <= 30:
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
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

    def read(self, parent, table: bool = False) -> Iterator[_Line]:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                yield from self._paragraph(child, table)
            elif child.tag == qn("w:tbl"):
                yield from self._table(child)
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
                yield from self.read(child, table)

    def _table(self, tbl) -> Iterator[_Line]:
        rows = [
            [list(self.read(cell, True)) for cell in row.iterchildren(qn("w:tc"))]
            for row in tbl.iterchildren(qn("w:tr"))
        ]
        if all(len(row) == 1 for row in rows):  # a one-column box only frames ordinary text
            yield from (_Line(line.text) for row in rows for line in row[0])
            return
        for row in rows:
            if all(len(cell) <= 1 for cell in row):  # a data row: one line
                yield _Line(" | ".join(cell[0].text for cell in row if cell), True)
            else:  # a layout row (header, signature): each cell's lines in turn
                yield from (line for cell in row for line in cell)

    def _paragraph(self, p, table: bool) -> Iterator[_Line]:
        pieces = [""]
        for el in p.xpath(".//w:r/*"):
            if el.tag in (qn("w:br"), qn("w:cr")):  # a soft or page break ends a line
                pieces.append("")
            elif el.tag == qn("w:t"):
                pieces[-1] += el.text or ""
            else:  # "245/BC‑STTTT" is often typed with Word's non-breaking hyphen
                pieces[-1] += {qn("w:tab"): " ", qn("w:noBreakHyphen"): "-"}.get(el.tag, "")
        pieces = [c for piece in pieces if (c := _clean(piece))]
        if not pieces:
            return  # an empty paragraph does not count in its list either
        label = self._label(p)
        typed = _MARKER.match(pieces[0]) or _NUMBER.fullmatch(pieces[0])
        if label and not (typed and (typed[2] or "." in typed[1])):
            pieces[0] = f"{label} {pieces[0]}"
        yield from (_Line(piece, table) for piece in pieces)

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


# --- entry points ----------------------------------------------------------------------------


def parse_report_text(text: str) -> ParsedReport:
    """Parse a report's text: one paragraph per line, blank lines ignored."""
    lines = [_Line(clean) for raw in text.splitlines() if re.search(r"\w", clean := _clean(raw))]
    return _parse_lines(lines)


def parse_report_docx(data: bytes | BinaryIO) -> ParsedReport:
    """Parse a Word report: paragraphs and tables in body order, Word numbering restored."""
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    try:
        doc = Document(stream)
    except Exception as exc:  # python-docx raises many kinds for a file that is not .docx
        raise NotAReportError("Tệp .docx bị hỏng hoặc không phải là tệp Word (.docx).") from exc
    lines = [ln for ln in _DocxLines(doc).read(doc.element.body) if re.search(r"\w", ln.text)]
    return _parse_lines(lines)


def parse_report(filename: str, data: bytes) -> ParsedReport:
    """Parse an uploaded report, choosing the reader by the file's extension."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".txt":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise NotAReportError("Tệp .txt không đọc được: cần lưu với mã hóa UTF-8.") from exc
        return parse_report_text(text)
    if suffix == ".docx":
        return parse_report_docx(data)
    raise NotAReportError("Chỉ nhận tệp .docx hoặc .txt.")
