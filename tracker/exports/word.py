"""The periodic report as a Word file, laid out per Decree 30/2020/NĐ-CP (Appendix I). Pure.

Paragraphs only name styles defined once on the document (Normal and a few report styles), so
a report with thousands of achievements stays fast and small.
"""

from __future__ import annotations

import io
import os
import re
from datetime import date
from typing import BinaryIO

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import nsmap, qn
from docx.shared import Cm, Mm, Pt, Twips
from docx.text.paragraph import Paragraph
from lxml import etree

from tracker.domain.periods import Kind, Period
from tracker.domain.report import PlanItem, Report, SectionReport, UnitStats

FONT = "Times New Roman"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
# Word keeps twips: 15 mm would round down to 14.99 mm, below the Decree's minimum.
TOP, BOTTOM, LEFT, RIGHT = Mm(20), Mm(20), Mm(30), Twips(851)
TEXT_WIDTH = Mm(165)  # 210 − 30 − 15
ORG_COLUMN = Mm(68)  # the national motto line (12 pt bold, ~90 mm) needs the rest
# Every format is a style (id = name without spaces): size pt, bold, italic, then centred for
# single-spaced blocks, or the outline level for headings (justified and indented as Normal).
_STYLES = {
    "ReportHeading1": (14, True, False, 0),
    "ReportHeading2": (14, True, False, 1),
    "ReportHeading3": (14, True, True, 2),
    "ReportTitle": (14, True, False, True),
    "ReportDate": (14, False, True, True),
    "ReportCentre": (13, False, False, True),
    "ReportOrganisation": (13, True, False, True),
    "ReportTableHead": (12, True, False, True),
    "ReportCell": (12, False, False, False),
    "ReportNote": (12, True, True, False),
    "ReportSmall": (11, False, False, False),
    "ReportRule": (2, False, False, True),
}
H1, H2, H3, TITLE, DATE, CENTRE, ORG, HEAD, CELL, NOTE, SMALL, RULE = _STYLES
_W = f"{{{nsmap['w']}}}"
_BULLET = re.compile(r"^[-–•]\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0c\x0e-\x1f]")  # not allowed in XML; pastes carry them


def write_report_docx(
    report: Report, out: str | os.PathLike | BinaryIO, *, issued_on: date | None = None
) -> None:
    """Write the report as a .docx file to a path or a binary stream."""
    doc = Document()
    _page_setup(doc)
    _styles(doc)
    _header(doc, report, issued_on or report.generated_at.date())
    _title(doc, report)
    for line in _split(report.texts.introduction):
        _p(doc, line)
    number = _body(doc, report)
    _assessment(doc, report, number + 1)
    _plan(doc, report, number + 2)
    _closing(doc, report)
    _signature(doc, report)
    doc.save(os.fspath(out) if isinstance(out, str | os.PathLike) else out)


def report_docx_bytes(report: Report, issued_on: date | None = None) -> bytes:
    """Return the report as .docx bytes."""
    buffer = io.BytesIO()
    write_report_docx(report, buffer, issued_on=issued_on)
    return buffer.getvalue()


def period_phrase(period: Period, following: Period) -> str:
    """Name both periods as prose does: "9 tháng đầu năm và phương hướng, ... năm 2020"."""
    this, then = _lower_first(period.label), _lower_first(following.label)
    if period.year == following.year and period.kind is not Kind.YEAR:
        # Like the sample report, name a shared year once, at the end.
        this = this.removesuffix(f" {period.year}")
        this = this if this.endswith(("đầu năm", "cuối năm")) else this.removesuffix(" năm")
    return f"{this} và phương hướng, nhiệm vụ {then}"


# -- page and styles ------------------------------------------------------------------------


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = section.footer_distance = Mm(10)
    # Decree 30: page numbers centred at the top, none on the first page. An explicit empty
    # first-page header keeps LibreOffice from falling back to the numbered one.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    par = section.header.paragraphs[0]
    fmt = par.paragraph_format
    fmt.alignment, fmt.first_line_indent, fmt.space_after = WD_ALIGN_PARAGRAPH.CENTER, 0, 0
    # The PAGE field, as Word writes one: begin, instruction, separator, shown value, end.
    for part in ("begin", " PAGE ", "separate", "2", "end"):
        run = _append(par._p, "r")
        if part in ("begin", "separate", "end"):
            _append(run, "fldChar", fldCharType=part)
        else:
            _append(run, "instrText" if "PAGE" in part else "t").text = part


def _styles(doc) -> None:
    # The template's defaults name theme fonts, which win over plain names in Word: replace them.
    _fonts(doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))[0])
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    _fonts(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.alignment, fmt.first_line_indent = WD_ALIGN_PARAGRAPH.JUSTIFY, Cm(1.27)
    fmt.space_before, fmt.space_after, fmt.line_spacing = 0, Pt(6), 1.2
    for style_id, (size, bold, italic, place) in _STYLES.items():
        name = re.sub(r"(?<=.)([A-Z0-9])", r" \1", style_id)  # python-docx drops the spaces
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style, style.quick_style = normal, True
        style.font.size, style.font.bold, style.font.italic = Pt(size), bold, italic
        fmt = style.paragraph_format
        if isinstance(place, bool):  # blocks and table text: single-spaced, no indent, no gap
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if place else WD_ALIGN_PARAGRAPH.LEFT
            fmt.first_line_indent, fmt.space_after, fmt.line_spacing = 0, 0, 1.0
        else:  # headings: kept with their text, listed in the navigation pane
            fmt.keep_with_next = True
            style.element.get_or_add_pPr().get_or_add_outlineLvl().val = place
    doc.styles["Report Rule"].paragraph_format.line_spacing = Pt(2)


def _fonts(rpr) -> None:
    """Name Times New Roman for every script, so Vietnamese never falls back to another font."""
    fonts = rpr.get_or_add_rFonts()
    fonts.attrib.clear()
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)
    lang = rpr.find(qn("w:lang"))
    (_append(rpr, "lang") if lang is None else lang).set(qn("w:val"), "vi-VN")


# -- header, title, body ------------------------------------------------------------------


def _header(doc, report: Report, issued_on: date) -> None:
    org, number = report.organisation, report.texts.number.strip()
    if not number:
        number = f"{' ' * 6}/BC-{org.code}"  # blanks for the clerk who registers it
    elif "/" not in number:
        number = f"{number}/BC-{org.code}"
    month = f"{issued_on.month:02d}" if issued_on.month < 3 else str(issued_on.month)
    when = f"ngày {issued_on.day:02d} tháng {month} năm {issued_on.year}"
    when = f"{org.place}, {when}" if org.place else _upper_first(when)
    widths = [ORG_COLUMN, TEXT_WIDTH - ORG_COLUMN]  # a second row puts "Số" beside the date
    (left, right), (below_left, below_right) = _table(doc, widths, 2, grid=False)
    _p(left, org.parent_body.upper(), CENTRE)
    _p(left, _balanced(org.name.upper(), 22), ORG)  # 22 capitals fit at 13 pt bold
    _rule(left, ORG_COLUMN, Mm(22))
    _p(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", HEAD)
    _p(right, "Độc lập - Tự do - Hạnh phúc", TITLE)
    _rule(right, TEXT_WIDTH - ORG_COLUMN, Mm(63))  # as long as the motto, as the Decree asks
    _p(below_left, f"Số: {number}", CENTRE, before=6)
    _p(below_right, when, DATE, before=6)


def _title(doc, report: Report) -> None:
    _p(doc, "BÁO CÁO", TITLE, before=24)
    first, rest = period_phrase(report.period, report.next_period).split(" và phương hướng", 1)
    _p(doc, f"Kết quả thực hiện nhiệm vụ {first}\nvà phương hướng{rest}", TITLE)
    _rule(doc, TEXT_WIDTH, Mm(50)).paragraph_format.space_after = Pt(18)


def _body(doc, report: Report) -> int:
    """Write the sections that have achievements, numbered afresh; return how many."""
    tops = [section for section in report.sections if section.item_count]
    for number, section in enumerate(tops, start=1):
        _section(doc, section, [number])
    return len(tops)


def _section(doc, section: SectionReport, path: list[int]) -> None:
    # Omitted sections would leave gaps in the codes' numbers, so every level is renumbered.
    if len(path) == 1:
        _p(doc, f"{_roman(path[0])}. {section.title.upper()}", H1)
    else:
        label = ".".join(str(n) for n in path[1:])
        _p(doc, f"{label}. {section.title}", H2 if len(path) == 2 else H3)
    for item in section.achievements:
        lines = _split(item.result) or _split(item.title)
        _p(doc, "- " + _BULLET.sub("", lines[0]))
        for line in lines[1:]:  # "+ ..." sub-items and continuation paragraphs
            _p(doc, line)
    children = [child for child in section.sections if child.item_count]
    for number, child in enumerate(children, start=1):
        _section(doc, child, [*path, number])


# -- assessment and plan ------------------------------------------------------------------


def _assessment(doc, report: Report, number: int) -> None:
    texts = report.texts
    _p(doc, f"{_roman(number)}. ĐÁNH GIÁ CHUNG", H1)
    parts = [("Khó khăn, vướng mắc", texts.difficulties), ("Đề xuất, kiến nghị", texts.proposals)]
    parts = [(heading, text) for heading, text in parts if text.strip()]
    if parts:
        _p(doc, "1. Kết quả thực hiện nhiệm vụ", H2)
    for line in [*_split(texts.assessment), _stats_sentence(report)]:
        _p(doc, line)
    _p(doc, "Tình hình thực hiện nhiệm vụ theo đơn vị", TITLE, before=6, keep=True)
    _unit_table(doc, [*report.units, report.totals])
    if report.unfinished:
        _p(doc, "Nhiệm vụ chưa hoàn thành, quá hạn", TITLE, before=12, keep=True)
        _unfinished_table(doc, report)
    for sub, (heading, text) in enumerate(parts, start=2):
        _p(doc, f"{sub}. {heading}", H2, before=12 if sub == 2 else 0)  # clear of the table
        for line in _split(text):
            _p(doc, line)


def _stats_sentence(report: Report) -> str:
    t, rate = report.totals, report.totals.on_time_rate
    text = (
        f"Trong kỳ, các đơn vị được giao {_num(t.assigned)} nhiệm vụ; hoàn thành đúng hạn "
        f"{_num(t.done_on_time)}, hoàn thành quá hạn {_num(t.done_late)}, chưa hoàn thành trong "
        f"hạn {_num(t.unfinished_on_time)}, quá hạn {_num(t.overdue)}"
    )
    if rate is not None:
        text += f"; tỷ lệ hoàn thành đúng hạn {_pct(rate)}"
        if (before := report.previous_totals.on_time_rate) is not None:
            text += f" ({_lower_first(report.previous_period.label)}: {_pct(before)})"
    return text + "."


def _unit_table(doc, rows: list[UnitStats]) -> None:
    """Tabulate the units' counts under a two-row header; the last row is the total."""
    cells = _table(doc, [Mm(13), Mm(49), *[Mm(16)] * 5, Mm(23)], len(rows) + 2, header_rows=2)
    top, sub = cells[0], cells[1]
    for col, text in ((0, "STT"), (1, "Đơn vị"), (2, "Được giao"), (7, "Tỷ lệ đúng hạn")):
        _p(top[col].merge(sub[col]), text, HEAD)
    for col, text in ((3, "Đã hoàn thành"), (5, "Chưa hoàn thành")):
        _p(top[col].merge(top[col + 1]), text, HEAD)
    for col, text in zip(range(3, 7), ("Đúng hạn", "Quá hạn", "Trong hạn", "Quá hạn"), strict=True):
        _p(sub[col], text, HEAD)
    for i, (row, row_cells) in enumerate(zip(rows, cells[2:], strict=True), start=1):
        total = i == len(rows)  # bold and centred, as the table's head
        counts = (row.assigned, row.done_on_time, row.done_late, row.unfinished_on_time)
        rate = "–" if row.on_time_rate is None else _pct(row.on_time_rate)
        values = ["" if total else str(i), row.unit, *map(_num, [*counts, row.overdue]), rate]
        for col, (cell, text) in enumerate(zip(row_cells, values, strict=True)):
            _p(cell, text, HEAD if total else CELL, centre=col != 1)


def _unfinished_table(doc, report: Report) -> None:
    widths = [Mm(12), Mm(71), Mm(40), Mm(25), Mm(17)]
    cells = _table(doc, widths, len(report.unfinished) + 1, header_rows=1)
    heads = ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn hoàn thành", "Quá hạn (ngày)")
    for cell, text in zip(cells[0], heads, strict=True):
        _p(cell, text, HEAD)
    for i, (item, row_cells) in enumerate(zip(report.unfinished, cells[1:], strict=True), 1):
        values = (str(i), item.title, item.unit, _dmy(item.due_date), _num(item.days_overdue))
        for col, (cell, text) in enumerate(zip(row_cells, values, strict=True)):
            _p(cell, text, CELL, centre=col in (0, 3, 4))


def _plan(doc, report: Report, number: int) -> None:
    label = report.next_period.label
    _p(doc, f"{_roman(number)}. PHƯƠNG HƯỚNG, NHIỆM VỤ {label.upper()}", H1, before=12)
    if not report.plan:
        _p(doc, f"Chưa có nhiệm vụ nào được giao cho {_lower_first(label)}.")
        return
    org = report.organisation.prose_name
    _p(doc, f"Trong {_lower_first(label)}, {org} tập trung thực hiện các nhiệm vụ trọng tâm sau:")
    for item in (p for p in report.plan if not p.carried_over):
        _p(doc, _plan_line(item))
    carried = [p for p in report.plan if p.carried_over]
    if carried:  # under their own heading, keeping the plan's numbers
        _p(doc, "Nhiệm vụ chuyển tiếp từ kỳ trước:", H3)
    for item in carried:
        _p(doc, _plan_line(item))


def _plan_line(item: PlanItem) -> str:
    details = [item.lead_unit] if item.lead_unit else []
    if item.due_date:
        details.append(f"hạn: {_dmy(item.due_date)}")
    return f"{item.no}. {item.title.strip()}" + (f" ({'; '.join(details)})" if details else "")


# -- closing, recipients and signature -----------------------------------------------------


def _closing(doc, report: Report) -> None:
    org, names = report.organisation.prose_name, _recipients(report.texts.recipients)
    phrase = period_phrase(report.period, report.next_period)
    # The report goes up to those marked "(b/c)"; failing that, to all but the file copy.
    whom = [n.replace("(b/c)", "").strip() for n in names if "(b/c)" in n]
    whom = whom or [n for n in names if not n.lower().startswith("lưu")]
    if whom:
        listed = ", ".join(whom[:-1]) + (" và " if len(whom) > 1 else "") + whom[-1]
        text = f"Trên đây là kết quả thực hiện nhiệm vụ {phrase}, {org} báo cáo đến {listed}"
        text += " nắm, chỉ đạo"
    else:
        text = f"Trên đây là báo cáo kết quả thực hiện nhiệm vụ {phrase} của {org}"
    _p(doc, text + "./.", keep=True)  # so the signature never stands alone on the last page


def _signature(doc, report: Report) -> None:
    ((left, right),) = _table(doc, [Mm(75), TEXT_WIDTH - Mm(75)], 1, grid=False)
    _p(left, "Nơi nhận:", NOTE, before=12)
    names = _recipients(report.texts.recipients)
    kept = [n for n in names if not n.lower().startswith("lưu")]
    for name in kept:
        _p(left, f"- {name};", SMALL)
    for name in [n for n in names if n not in kept] or ["Lưu: VT"]:
        _p(left, f"- {name}.", SMALL)
    for i, line in enumerate(_split(report.texts.signer_title)):
        _p(right, line.upper(), TITLE, before=0 if i else 12)
    _p(right, report.texts.signer_name.strip(), TITLE, before=80)  # room for signature and seal


# -- small helpers: text ------------------------------------------------------------------


def _split(text: str | None) -> list[str]:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return [line.strip() for line in _CONTROL.sub("", text).split("\n") if line.strip()]


def _recipients(text: str) -> list[str]:
    return [_BULLET.sub("", line).rstrip(";.,").strip() for line in _split(text)]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _balanced(name: str, limit: int) -> str:
    """Break a name too long for its column into two even lines, the longer one first."""
    words = name.split()
    if len(name) <= limit or len(words) < 2:
        return name
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    return "\n".join(min(splits, key=lambda s: (max(map(len, s)), -len(s[0]))))


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += letters * count
    return out


def _num(n: int) -> str:
    """Write 1009186 as the department does: 1.009.186."""
    return f"{n:,}".replace(",", ".")


def _pct(rate: float) -> str:
    """Write 0.74183 as the department does: 74,18 %."""
    return f"{rate * 100:,.2f}".translate(str.maketrans(",.", ".,")) + " %"


def _dmy(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


# -- small helpers: XML python-docx lacks or makes slow -------------------------------------


def _p(parent, text="", style=None, *, centre=False, before=0, keep=False) -> Paragraph:
    """Add a paragraph in `style` ("\\n" breaks the line) and return it.

    Built as XML: python-docx resolves a style per paragraph by scanning every style, which
    made a 5,000-item report take minutes. A cell's untouched first paragraph is reused.
    """
    in_cell = hasattr(parent, "_tc")
    container = parent._tc if in_cell else parent.element.body
    if in_cell and len(container[-1]) == 0:
        p = container[-1]  # python-docx's empty paragraph (ours in cells always have a pPr)
    elif in_cell:
        p = _append(container, "p")
    else:  # the body ends with its section properties
        p = container.makeelement(_W + "p", {})
        container[-1].addprevious(p)
    if style or centre or before or keep or in_cell:
        ppr = _append(p, "pPr")  # children in the schema's order
        if style:
            _append(ppr, "pStyle", val=style)
        if keep:
            _append(ppr, "keepNext")
        if before:
            _append(ppr, "spacing", before=str(before * 20))
        if centre:
            _append(ppr, "jc", val="center")
    run = _append(p, "r") if text else None
    for i, line in enumerate(text.split("\n") if text else ()):
        if i:
            _append(run, "br")
        _append(run, "t").text = line
        if "  " in line:  # runs of spaces, as in a number left blank, would collapse
            run[-1].set(qn("xml:space"), "preserve")
    return Paragraph(p, parent)


def _rule(parent, width: int, length: int) -> Paragraph:
    """Draw a short centred line: the bottom border of an empty paragraph indented to `length`."""
    par = _p(parent, "", RULE)
    # Appended while pPr holds only pStyle, so the schema's element order is kept.
    borders = _append(par._p.pPr, "pBdr")
    _append(borders, "bottom", val="single", sz="6", space="1", color="000000")
    par.paragraph_format.left_indent = par.paragraph_format.right_indent = (width - length) // 2
    return par


def _table(doc, widths: list[int], rows: int, *, grid: bool = True, header_rows: int = 0):
    """Add a fixed-layout table and return its rows' cells; borderless unless `grid`.

    LibreOffice reads the <w:gridCol> widths and Word the cell widths, so both are set.
    """
    table = doc.add_table(rows, len(widths), style="Table Grid" if grid else None)
    table.autofit = False  # fixed layout: the widths are kept, whatever the text
    tbl_width = table._tbl.tblPr.find(qn("w:tblW"))  # python-docx writes an "auto" one
    tbl_width.set(qn("w:type"), "dxa")
    tbl_width.set(qn("w:w"), str(sum(widths) // 635))  # twips = EMU / 635
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    cells = [row.cells for row in table.rows]
    for i, (row, row_cells) in enumerate(zip(table.rows, cells, strict=True)):
        tr_pr = row._tr.get_or_add_trPr()
        _append(tr_pr, "cantSplit")
        if i < header_rows:  # repeated at the top of each page the table runs onto
            _append(tr_pr, "tblHeader")
        for cell, width in zip(row_cells, widths, strict=True):
            cell.width = width
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER if grid else None
    return cells


def _append(parent, tag: str, **attrs: str):
    """Append a w: element; SubElement keeps python-docx's classes and beats OxmlElement."""
    return etree.SubElement(parent, _W + tag, {_W + k: v for k, v in attrs.items()})
