"""The periodic report as a Word file, laid out per Decree 30/2020/NĐ-CP (Appendix I). Pure.

The wording comes from tracker/domain/report_prose.py, which the report page reads too; the
page, styles and XML builders from word_layout.py.
"""

from __future__ import annotations

import io
import os
from datetime import date
from typing import BinaryIO

from docx import Document
from docx.shared import Mm, Pt

from tracker.domain.report import PlanItem, Report, UnitStats
from tracker.domain.report_prose import (
    achievement_lines,
    assessment_parts,
    closing_sentence,
    day_vi,
    issued_line,
    lower_first,
    number_line,
    number_vi,
    numbered_headings,
    percent_vi,
    recipient_lines,
    split_lines,
    stats_sentence,
    title_lines,
    top_heading_count,
)
from tracker.domain.roman import to_roman
from tracker.exports.word_layout import (
    CELL,
    CENTRE,
    DATE,
    H1,
    H2,
    H3,
    HEAD,
    NOTE,
    ORG,
    SMALL,
    TEXT_WIDTH,
    TITLE,
    body_paragraphs,
    define_styles,
    page_setup,
    paragraph,
    rule,
    table,
    text_rows,
)

ORG_COLUMN = Mm(68)  # the national motto line (12 pt bold, ~90 mm) needs the rest
_HEADING_STYLES = {1: H1, 2: H2, 3: H3}


def write_report_docx(
    report: Report, out: str | os.PathLike | BinaryIO, *, issued_on: date | None = None
) -> None:
    """Write the report as a .docx file to a path or a binary stream."""
    doc = Document()
    page_setup(doc)
    define_styles(doc)
    _header(doc, report, issued_on or report.generated_at.date())
    _title(doc, report)
    for line in split_lines(report.texts.introduction):
        paragraph(doc, line)
    _body(doc, report)
    tops = top_heading_count(report)
    _assessment(doc, report, tops + 1)
    _plan(doc, report, tops + 2)
    _closing(doc, report)
    _signature(doc, report)
    doc.save(os.fspath(out) if isinstance(out, str | os.PathLike) else out)


def report_docx_bytes(report: Report, issued_on: date | None = None) -> bytes:
    """Return the report as .docx bytes."""
    buffer = io.BytesIO()
    write_report_docx(report, buffer, issued_on=issued_on)
    return buffer.getvalue()


# -- header, title, body ------------------------------------------------------------------


def _header(doc, report: Report, issued_on: date) -> None:
    org = report.organisation
    widths = [ORG_COLUMN, TEXT_WIDTH - ORG_COLUMN]  # a second row puts "Số" beside the date
    (left, right), (below_left, below_right) = table(doc, widths, 2, grid=False)
    paragraph(left, org.parent_body.upper(), CENTRE)
    paragraph(left, _balanced(org.name.upper(), 22), ORG)  # 22 capitals fit at 13 pt bold
    rule(left, ORG_COLUMN, Mm(22))
    paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", HEAD)
    paragraph(right, "Độc lập - Tự do - Hạnh phúc", TITLE)
    rule(right, TEXT_WIDTH - ORG_COLUMN, Mm(63))  # as long as the motto, as the Decree asks
    # Blanks for the clerk who registers a report not numbered yet.
    paragraph(below_left, number_line(report.texts.number, org.code), CENTRE, before=6)
    paragraph(below_right, issued_line(issued_on, org.place), DATE, before=6)


def _title(doc, report: Report) -> None:
    paragraph(doc, "BÁO CÁO", TITLE, before=24)
    paragraph(doc, "\n".join(title_lines(report)), TITLE)
    rule(doc, TEXT_WIDTH, Mm(50)).paragraph_format.space_after = Pt(18)


def _body(doc, report: Report) -> None:
    """Write the sections that have achievements, numbered afresh at every level."""
    for heading in numbered_headings(report):
        paragraph(doc, f"{heading.label} {heading.text}", _HEADING_STYLES[heading.level])
        lines = []
        for item in heading.section.achievements:
            first, *rest = achievement_lines(item)
            lines += ["- " + first, *rest]  # rest: "+ ..." sub-items and continuations
        body_paragraphs(doc, lines)


# -- assessment and plan ------------------------------------------------------------------


def _assessment(doc, report: Report, number: int) -> None:
    paragraph(doc, f"{to_roman(number)}. ĐÁNH GIÁ CHUNG", H1)
    parts = assessment_parts(report.texts)
    if parts:
        paragraph(doc, "1. Kết quả thực hiện nhiệm vụ", H2)
    for line in [*split_lines(report.texts.assessment), stats_sentence(report)]:
        paragraph(doc, line)
    paragraph(doc, "Tình hình thực hiện nhiệm vụ theo đơn vị", TITLE, before=6, keep=True)
    _unit_table(doc, [*report.units, report.totals])
    if report.unfinished:
        paragraph(doc, "Nhiệm vụ chưa hoàn thành, quá hạn", TITLE, before=12, keep=True)
        _unfinished_table(doc, report)
    for sub, (heading, lines) in enumerate(parts, start=2):
        paragraph(doc, f"{sub}. {heading}", H2, before=12 if sub == 2 else 0)  # clear of the table
        for line in lines:
            paragraph(doc, line)


def _unit_table(doc, rows: list[UnitStats]) -> None:
    """Tabulate the units' counts under a two-row header; the last row is the total."""
    widths = [Mm(13), Mm(49), *[Mm(16)] * 5, Mm(23)]
    cells = table(doc, widths, 2, header_rows=2)
    top, sub = cells
    for col, text in ((0, "STT"), (1, "Đơn vị"), (2, "Được giao"), (7, "Tỷ lệ đúng hạn")):
        paragraph(top[col].merge(sub[col]), text, HEAD)
    for col, text in ((3, "Đã hoàn thành"), (5, "Chưa hoàn thành")):
        paragraph(top[col].merge(top[col + 1]), text, HEAD)
    for col, text in zip(range(3, 7), ("Đúng hạn", "Quá hạn", "Trong hạn", "Quá hạn"), strict=True):
        paragraph(sub[col], text, HEAD)
    values = []
    for i, row in enumerate(rows, start=1):
        counts = (row.assigned, row.done_on_time, row.done_late, row.unfinished_on_time)
        rate = "–" if row.on_time_rate is None else percent_vi(row.on_time_rate)
        values.append([str(i), row.unit, *map(number_vi, [*counts, row.overdue]), rate])
    values[-1][0] = ""  # the total: bold and centred, as the table's head
    centre = set(range(len(widths))) - {1}
    text_rows(cells, widths, values[:-1], CELL, centre=centre)
    text_rows(cells, widths, values[-1:], HEAD, centre=centre)


def _unfinished_table(doc, report: Report) -> None:
    widths = [Mm(12), Mm(71), Mm(40), Mm(25), Mm(17)]
    cells = table(doc, widths, 1, header_rows=1)
    heads = ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn hoàn thành", "Quá hạn (ngày)")
    for cell, text in zip(cells[0], heads, strict=True):
        paragraph(cell, text, HEAD)
    rows = (
        (str(i), item.title, item.unit, day_vi(item.due_date), number_vi(item.days_overdue))
        for i, item in enumerate(report.unfinished, 1)
    )
    text_rows(cells, widths, rows, CELL, centre=(0, 3, 4))


def _plan(doc, report: Report, number: int) -> None:
    label = report.next_period.label
    paragraph(doc, f"{to_roman(number)}. PHƯƠNG HƯỚNG, NHIỆM VỤ {label.upper()}", H1, before=12)
    if not report.plan:
        paragraph(doc, f"Chưa có nhiệm vụ nào được giao cho {lower_first(label)}.")
        return
    org = report.organisation.prose_name
    intro = f"Trong {lower_first(label)}, {org} tập trung thực hiện các nhiệm vụ trọng tâm sau:"
    paragraph(doc, intro)
    body_paragraphs(doc, [_plan_line(item) for item in report.plan if not item.carried_over])
    carried = [p for p in report.plan if p.carried_over]
    if carried:  # under their own heading, keeping the plan's numbers
        paragraph(doc, "Nhiệm vụ chuyển tiếp từ kỳ trước:", H3)
        body_paragraphs(doc, [_plan_line(item) for item in carried])


def _plan_line(item: PlanItem) -> str:
    details = [item.lead_unit] if item.lead_unit else []
    if item.due_date:
        details.append(f"hạn: {day_vi(item.due_date)}")
    return f"{item.no}. {item.title.strip()}" + (f" ({'; '.join(details)})" if details else "")


# -- closing, recipients and signature -----------------------------------------------------


def _closing(doc, report: Report) -> None:
    # Kept with the next paragraph, so the signature never stands alone on the last page.
    paragraph(doc, closing_sentence(report), keep=True)


def _signature(doc, report: Report) -> None:
    ((left, right),) = table(doc, [Mm(75), TEXT_WIDTH - Mm(75)], 1, grid=False)
    paragraph(left, "Nơi nhận:", NOTE, before=12)
    for line in recipient_lines(report.texts.recipients):
        paragraph(left, line, SMALL)
    for i, line in enumerate(split_lines(report.texts.signer_title)):
        paragraph(right, line.upper(), TITLE, before=0 if i else 12)
    signer = report.texts.signer_name.strip()
    paragraph(right, signer, TITLE, before=80)  # room for signature and seal


def _balanced(name: str, limit: int) -> str:
    """Break a name too long for its column into two even lines, the longer one first."""
    words = name.split()
    if len(name) <= limit or len(words) < 2:
        return name
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    return "\n".join(min(splits, key=lambda s: (max(map(len, s)), -len(s[0]))))
