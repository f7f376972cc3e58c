"""Build Word documents for the report parser tests, the way people really type reports.

`build_sample_docx` turns the sample report (.txt) into a .docx that exercises what Word does
and a text file cannot: a header laid out as a 2-column table, section IV's plan as a real
numbered list (no typed digits), one section's "- " bullets as a Word bullet list, a soft line
break and a page break inside sentences, a page break before a heading, empty paragraphs, a
small data table, and the recipients and signer side by side in a table.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

PLAN_LIST = "901"  # a decimal list "1.", "2.", ...
BULLET_LIST = "902"  # a bullet list
DATA_TABLE = [
    ("Chỉ tiêu", "Số lượng"),
    ("Thuê bao cố định", "16.217"),
    ("Thuê bao di động", "710.767"),
]
HEADER = [
    (["UBND TỈNH TRÀ VINH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"],
     ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]),
    (["Số: 245/BC-STTTT"], ["Trà Vinh, ngày 25 tháng 9 năm 2020"]),
]  # fmt: skip


def add_list(doc, num_id: str, levels: list[tuple[str, str]]) -> None:
    """Define Word list num_id with one (numFmt, lvlText) per level, e.g. ("decimal", "%1.")."""
    numbering = doc.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), num_id)
    for ilvl, (fmt, text) in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            child = OxmlElement(tag)
            child.set(qn("w:val"), val)
            lvl.append(child)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))  # the schema wants every abstractNum first
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), num_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), num_id)
    num.append(ref)
    numbering.append(num)


def numbered(paragraph, num_id: str, ilvl: int = 0):
    """Attach paragraph to Word list num_id at level ilvl; return the paragraph."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = int(num_id)
    return paragraph


def _blocks(text: str) -> list[str]:
    """The sample's paragraphs (separated by blank lines), markdown bold removed."""
    return [b.replace("**", "").strip() for b in re.split(r"\n\s*\n", text) if b.strip()]


def _fill_cell(cell, lines: list[str]) -> None:
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def build_sample_docx(text: str) -> bytes:
    """Return the sample report, given as text, as the bytes of a .docx."""
    doc = Document()
    add_list(doc, PLAN_LIST, [("decimal", "%1.")])
    add_list(doc, BULLET_LIST, [("bullet", "•")])
    header = doc.add_table(rows=len(HEADER), cols=2)
    for row, cells in zip(header.rows, HEADER, strict=True):
        for cell, lines in zip(row.cells, cells, strict=True):
            _fill_cell(cell, lines)
    doc.add_paragraph()

    blocks = _blocks(text)
    tail = next(i for i, b in enumerate(blocks) if b.startswith("Nơi nhận"))
    roman = number = ""
    last = None
    for block in blocks[:tail]:
        if block.startswith("chức; 1.583"):  # the sample's broken sentence, as a soft break
            last.add_run().add_break()
            last.add_run(block)
            continue
        if block.startswith("năm 2020 định hướng"):  # another one, as a page break
            last.add_run().add_break(WD_BREAK.PAGE)
            last.add_run(block)
            continue
        doc.add_paragraph()  # the empty paragraph people leave between paragraphs
        if m := re.match(r"([IVX]+)\. ", block):
            roman, number = m[1], ""
        elif roman != "IV" and (m := re.match(r"(\d+(?:\.\d+)?)\. ", block)):
            number = m[1]
        last = doc.add_paragraph()
        if block.startswith("II. "):
            last.add_run().add_break(WD_BREAK.PAGE)
        if roman == "IV" and (m := re.match(r"\d+\. (.*)", block)):
            block = m[1]
            numbered(last, PLAN_LIST)
        elif (roman, number) == ("I", "5") and block.startswith("- "):
            block = block[2:]
            numbered(last, BULLET_LIST)
        last.add_run(block).bold = bool(re.match(r"[IVX]+\. |\d+(\.\d+)?\. ", block))
        if block.startswith("- Tổng doanh thu các dịch vụ viễn thông"):
            table = doc.add_table(rows=len(DATA_TABLE), cols=2)
            for row, values in zip(table.rows, DATA_TABLE, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value

    recipients, *signer = blocks[tail:]
    closing = doc.add_table(rows=1, cols=2)
    _fill_cell(closing.rows[0].cells[0], recipients.splitlines())
    _fill_cell(closing.rows[0].cells[1], [*signer[0].splitlines(), "", *signer[1:]])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
