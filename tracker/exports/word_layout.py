"""The Word file's page, styles and the few XML builders python-docx lacks or makes slow. Pure.

Decree 30/2020/NĐ-CP (Appendix I) fixes the page: A4, margins 20–25 mm top and bottom,
30–35 mm left, 15–20 mm right, Times New Roman 13–14 pt. Paragraphs only name styles
defined once here (Normal and a few report styles), so a report with thousands of
achievements stays fast and small.
"""

from __future__ import annotations

import re
from itertools import islice

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import element_class_lookup
from docx.shared import Cm, Emu, Mm, Pt, Twips
from docx.text.paragraph import Paragraph
from lxml import etree

FONT = "Times New Roman"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
# Word keeps twips: 15 mm would round down to 14.99 mm, below the Decree's minimum.
TOP, BOTTOM, LEFT, RIGHT = Mm(20), Mm(20), Mm(30), Twips(851)
TEXT_WIDTH = Mm(165)  # 210 − 30 − 15
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


def page_setup(doc) -> None:
    """A4 with the Decree's margins; page numbers centred at the top, none on the first page."""
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = section.footer_distance = Mm(10)
    # An explicit empty first-page header keeps LibreOffice from falling back to the numbered one.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    par = section.header.paragraphs[0]
    fmt = par.paragraph_format
    fmt.alignment, fmt.first_line_indent, fmt.space_after = WD_ALIGN_PARAGRAPH.CENTER, 0, 0
    # The PAGE field, as Word writes one: begin, instruction, separator, shown value, end.
    for part in ("begin", " PAGE ", "separate", "2", "end"):
        run = append(par._p, "r")
        if part in ("begin", "separate", "end"):
            append(run, "fldChar", fldCharType=part)
        else:
            append(run, "instrText" if "PAGE" in part else "t").text = part


def define_styles(doc) -> None:
    """Set Normal (14 pt, justified, indented) and add the report's paragraph styles."""
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
    (append(rpr, "lang") if lang is None else lang).set(qn("w:val"), "vi-VN")


def paragraph(parent, text="", style=None, *, centre=False, before=0, keep=False) -> Paragraph:
    """Add a paragraph in `style` ("\\n" breaks the line) and return it.

    Built as XML: python-docx resolves a style per paragraph by scanning every style, which
    made a 5,000-item report take minutes. A cell's untouched first paragraph is reused.
    """
    in_cell = hasattr(parent, "_tc")
    container = parent._tc if in_cell else parent.element.body
    if in_cell and len(container[-1]) == 0:
        p = container[-1]  # python-docx's empty paragraph (ours in cells always have a pPr)
    elif in_cell:
        p = append(container, "p")
    else:  # the body ends with its section properties
        p = container.makeelement(_W + "p", {})
        container[-1].addprevious(p)
    if style or centre or before or keep or in_cell:
        ppr = append(p, "pPr")  # children in the schema's order
        if style:
            append(ppr, "pStyle", val=style)
        if keep:
            append(ppr, "keepNext")
        if before:
            append(ppr, "spacing", before=str(before * 20))
        if centre:
            append(ppr, "jc", val="center")
    if text:
        _add_text(p, text)
    return Paragraph(p, parent)


# Characters XML 1.0 refuses (a vertical tab pasted from Word into a title, say): lxml
# raises on them, so they are dropped rather than failing the whole export.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _add_text(p, text: str) -> None:
    """Append `text` to a paragraph as one run, a line break for each "\\n"."""
    text = _UNWRITABLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    run = append(p, "r")
    for i, line in enumerate(text.split("\n")):
        if i:
            append(run, "br")
        append(run, "t").text = line
        if "  " in line:  # runs of spaces, as in a number left blank, would collapse
            run[-1].set(qn("xml:space"), "preserve")


def rule(parent, width: int, length: int) -> Paragraph:
    """Draw a short centred line: the bottom border of an empty paragraph indented to `length`."""
    par = paragraph(parent, "", RULE)
    # Appended while pPr holds only pStyle, so the schema's element order is kept.
    borders = append(par._p.pPr, "pBdr")
    append(borders, "bottom", val="single", sz="6", space="1", color="000000")
    par.paragraph_format.left_indent = par.paragraph_format.right_indent = (width - length) // 2
    return par


def table(doc, widths: list[int], rows: int, *, grid: bool = True, header_rows: int = 0):
    """Add a fixed-layout table and return its rows' cells; borderless unless `grid`.

    LibreOffice reads the <w:gridCol> widths and Word the cell widths, so both are set.
    """
    added = doc.add_table(rows, len(widths), style="Table Grid" if grid else None)
    added.autofit = False  # fixed layout: the widths are kept, whatever the text
    tbl_width = added._tbl.tblPr.find(qn("w:tblW"))  # python-docx writes an "auto" one
    tbl_width.set(qn("w:type"), "dxa")
    tbl_width.set(qn("w:w"), str(sum(widths) // 635))  # twips = EMU / 635
    for column, width in zip(added.columns, widths, strict=True):
        column.width = width
    cells = [row.cells for row in added.rows]
    for i, (row, row_cells) in enumerate(zip(added.rows, cells, strict=True)):
        tr_pr = row._tr.get_or_add_trPr()
        append(tr_pr, "cantSplit")
        if i < header_rows:  # repeated at the top of each page the table runs onto
            append(tr_pr, "tblHeader")
        for cell, width in zip(row_cells, widths, strict=True):
            cell.width = width
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER if grid else None
    return cells


def append(parent, tag: str, **attrs: str):
    """Append a w: element; SubElement keeps python-docx's classes and beats OxmlElement."""
    return etree.SubElement(parent, _W + tag, {_W + k: v for k, v in attrs.items()})


# -- long runs of paragraphs and rows, written as XML ---------------------------------------

# Text written straight into the XML below: no line breaks, runs of spaces or characters that
# XML refuses (those go through `_add_text`, as a paragraph's do).
_PLAIN = re.compile(r"[^\x00-\x1f\ufffe\uffff]*")
_MARKUP = re.compile(r"[&<>]")
_OPEN = f'<w:body xmlns:w="{nsmap["w"]}">'


def _run_xml(text: str) -> str | None:
    """The run `_add_text` makes of a text, as XML ("" for no text); None if it must make it."""
    if not text:
        return ""
    if "  " in text or not _PLAIN.fullmatch(text):
        return None
    if _MARKUP.search(text):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<w:r><w:t>{text}</w:t></w:r>"


def _parsed(parts: list[str]):
    """Parse XML parts written inside `_OPEN`: the element whose children they are."""
    # A parser of its own (lxml's may not be shared between threads) that makes python-docx's
    # element classes, as python-docx's own parser does.
    parser = etree.XMLParser(resolve_entities=False)
    parser.set_element_class_lookup(element_class_lookup)
    return etree.fromstring("".join([_OPEN, *parts, "</w:body>"]), parser)


def _batches(items, size: int = 1000):
    """The items in lists of `size`: a batch's XML stays small however long the table."""
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


def body_paragraphs(doc, lines) -> None:
    """Add a plain paragraph (Normal style) for each line, as `paragraph(doc, line)` does.

    Written as XML and parsed a batch at a time: a province's plan is thousands of lines.
    """
    body = doc.element.body
    for batch in _batches(lines):
        parts, later = [], []
        for i, line in enumerate(batch):
            run = _run_xml(line)
            if run is None:
                run = ""
                later.append((i, line))
            parts += ("<w:p>", run, "</w:p>")
        added = _parsed(parts)
        for i, line in later:
            _add_text(added[i], line)
        end = len(body) - 1  # the body ends with its section properties
        body[end:end] = list(added)


def text_rows(cells, widths: list[int], rows, style: str, *, centre=(), grid: bool = True):
    """Append rows of text cells to the table of `cells` (as `table` returns them).

    Each cell holds one paragraph in `style`, centred in the `centre` columns: the XML that
    `table` and `paragraph(cell, text, style, centre=...)` write, built as text and parsed a
    batch at a time, since python-docx's cell API costs a fraction of a millisecond a cell
    and a province's report has tables of fifteen thousand rows.
    """
    tbl = cells[0][0]._tc.getparent().getparent()
    v_align = '<w:vAlign w:val="center"/>' if grid else ""
    opens = [
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{Emu(width).twips}"/>{v_align}</w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>'
        + ('<w:jc w:val="center"/>' if col in centre else "")
        + "</w:pPr>"
        for col, width in enumerate(widths)
    ]
    for batch in _batches(rows):
        parts, later = [], []
        for r, values in enumerate(batch):
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for c, (start, text) in enumerate(zip(opens, values, strict=True)):
                run = _run_xml(text)
                if run is None:
                    run = ""
                    later.append((r, c, text))
                parts += (start, run, "</w:p></w:tc>")
            parts.append("</w:tr>")
        added = _parsed(parts)
        for r, c, text in later:
            _add_text(added[r][c + 1][-1], text)  # [0] is the row's trPr; then the cells
        tbl.extend(added)
