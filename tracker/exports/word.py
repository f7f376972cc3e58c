"""The periodic report as a Word file, laid out per Decree 30/2020/NĐ-CP (Appendix I). Pure.

The wording comes from tracker/domain/report/prose.py, which the report page reads too; the
page, styles and XML builders from word_layout.py.
"""

from __future__ import annotations

import io
import os
from datetime import date
from typing import BinaryIO

from docx import Document
from docx.shared import Mm, Pt

from tracker.domain.numbers import format_figure
from tracker.domain.report import Report, UnfinishedItem, UnitStats
from tracker.domain.report.plan_prose import plan_intro, plan_line
from tracker.domain.report.prose import (
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
    """Write the report as a .docx file to a path or a binary stream.

    An issued report carries its number, date and signature (`report.issue`); a draft
    leaves the number blank for the clerk and is dated the day it is written (an imported
    report, the day the original was signed).
    """
    doc = Document()
    page_setup(doc)
    define_styles(doc)
    if report.issue is not None:
        issued_on = report.issue.issued_on
    _header(doc, report, issued_on or report.texts.signed_on or report.generated_at.date())
    _title(doc, report)
    for line in split_lines(report.texts.introduction):
        paragraph(doc, line)
    _body(doc, report)
    tops = top_heading_count(report)
    _assessment(doc, report, tops + 1)
    _plan(doc, report, tops + 2)
    _closing(doc, report)
    _signature(doc, report)
    if report.indicators:
        _indicator_appendix(doc, report)
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
    number = report.issue.number if report.issue is not None else report.texts.number
    paragraph(below_left, number_line(number, org.code), CENTRE, before=6)
    paragraph(below_right, issued_line(issued_on, org.place), DATE, before=6)


def _title(doc, report: Report) -> None:
    paragraph(doc, "BÁO CÁO", TITLE, before=24)
    paragraph(doc, "\n".join(title_lines(report)), TITLE)
    if report.issue is not None and report.issue.replaces:
        paragraph(doc, f"(Thay thế {report.issue.replaces})", DATE)
    rule(doc, TEXT_WIDTH, Mm(50)).paragraph_format.space_after = Pt(18)


def _body(doc, report: Report) -> None:
    """Write the sections that have achievements, numbered afresh at every level."""
    for heading in numbered_headings(report):
        paragraph(doc, f"{heading.label} {heading.text}", _HEADING_STYLES[heading.level])
        lines = ["- " + sentence for sentence in heading.section.figures]  # chỉ tiêu first
        for item in heading.section.achievements:
            first, *rest = achievement_lines(item)
            lines += ["- " + first, *rest]  # rest: "+ ..." sub-items and continuations
        body_paragraphs(doc, lines)


# -- assessment and plan ------------------------------------------------------------------


def _assessment(doc, report: Report, number: int) -> None:
    paragraph(doc, f"{to_roman(number)}. ĐÁNH GIÁ CHUNG", H1)
    parts = assessment_parts(report.texts)
    paragraph(doc, "1. Kết quả thực hiện nhiệm vụ", H2)
    for line in [*split_lines(report.texts.assessment), stats_sentence(report)]:
        paragraph(doc, line)
    paragraph(doc, "Tình hình thực hiện nhiệm vụ theo đơn vị", TITLE, before=6, keep=True)
    _unit_table(doc, [*report.units, report.totals])
    if report.overdue:
        paragraph(doc, "Nhiệm vụ chưa hoàn thành, quá hạn", TITLE, before=12, keep=True)
        _unfinished_table(doc, report.overdue, overdue=True)
    if report.not_yet_due:
        title = "Nhiệm vụ chưa hoàn thành, chưa đến hạn"
        paragraph(doc, title, TITLE, before=12, keep=True)
        _unfinished_table(doc, report.not_yet_due, overdue=False)
    for sub, (heading, lines) in enumerate(parts, start=2):
        paragraph(doc, f"{sub}. {heading}", H2, before=12 if sub == 2 else 0)  # clear of the table
        for line in lines:
            paragraph(doc, line)


def _unit_table(doc, rows: list[UnitStats]) -> None:
    """Tabulate the units' counts under a two-row header; the last row is the total. Work
    awaiting confirmation has its own column: it is not done until confirmed."""
    widths = [Mm(11), Mm(42), Mm(15), Mm(15), Mm(15), Mm(16), Mm(15), Mm(15), Mm(21)]
    cells = table(doc, widths, 2, header_rows=2)
    top, sub = cells
    singles = ((0, "STT"), (1, "Đơn vị"), (2, "Được giao"), (5, "Chờ xác nhận"))
    for col, text in (*singles, (8, "Tỷ lệ đúng hạn")):
        paragraph(top[col].merge(sub[col]), text, HEAD)
    for col, text in ((3, "Đã hoàn thành"), (6, "Chưa hoàn thành")):
        paragraph(top[col].merge(top[col + 1]), text, HEAD)
    for col, text in zip(
        (3, 4, 6, 7), ("Đúng hạn", "Quá hạn", "Trong hạn", "Quá hạn"), strict=True
    ):
        paragraph(sub[col], text, HEAD)
    values = []
    for i, row in enumerate(rows, start=1):
        counts = (row.assigned, row.done_on_time, row.done_late, row.pending)
        counts += (row.unfinished_on_time, row.overdue)
        rate = "–" if row.on_time_rate is None else percent_vi(row.on_time_rate)
        values.append([str(i), row.unit, *map(number_vi, counts), rate])
    values[-1][0] = ""  # the total: bold and centred, as the table's head
    centre = set(range(len(widths))) - {1}
    text_rows(cells, widths, values[:-1], CELL, centre=centre)
    text_rows(cells, widths, values[-1:], HEAD, centre=centre)


def _unfinished_table(doc, items: list[UnfinishedItem], overdue: bool) -> None:
    """The unfinished tasks, overdue (with how many days) or not yet due."""
    if overdue:
        widths = [Mm(12), Mm(71), Mm(40), Mm(25), Mm(17)]
        heads = ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn hoàn thành", "Quá hạn (ngày)")
    else:
        widths = [Mm(12), Mm(88), Mm(40), Mm(25)]
        heads = ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn hoàn thành")
    cells = table(doc, widths, 1, header_rows=1)
    for cell, text in zip(cells[0], heads, strict=True):
        paragraph(cell, text, HEAD)
    rows = (
        (str(i), item.title, item.unit, day_vi(item.due_date), number_vi(item.days_overdue))[
            : len(widths)
        ]
        for i, item in enumerate(items, 1)
    )
    text_rows(cells, widths, rows, CELL, centre=(0, 3, 4))


def _plan(doc, report: Report, number: int) -> None:
    label = report.next_period.label
    paragraph(doc, f"{to_roman(number)}. PHƯƠNG HƯỚNG, NHIỆM VỤ {label.upper()}", H1, before=12)
    if not report.plan:
        paragraph(doc, f"Chưa có nhiệm vụ nào được giao cho {lower_first(label)}.")
        return
    paragraph(doc, plan_intro(report))
    fresh = [plan_line(p, report.department) for p in report.plan if not p.carried_over]
    body_paragraphs(doc, fresh)
    carried = [p for p in report.plan if p.carried_over]
    if carried:  # under their own heading, keeping the plan's numbers
        paragraph(doc, "Nhiệm vụ chuyển tiếp từ kỳ trước:", H3)
        body_paragraphs(doc, [plan_line(p, report.department) for p in carried])


# -- closing, recipients and signature -----------------------------------------------------


def _closing(doc, report: Report) -> None:
    # Kept with the next paragraph, so the signature never stands alone on the last page.
    paragraph(doc, closing_sentence(report), keep=True)


def _signature(doc, report: Report) -> None:
    stamp = report.issue
    recipients = "\n".join(stamp.recipients) if stamp else report.texts.recipients
    title = stamp.signer_title if stamp else report.texts.signer_title
    signer = (stamp.signer_name if stamp else report.texts.signer_name).strip()
    ((left, right),) = table(doc, [Mm(75), TEXT_WIDTH - Mm(75)], 1, grid=False)
    paragraph(left, "Nơi nhận:", NOTE, before=12)
    for line in recipient_lines(recipients):
        paragraph(left, line, SMALL)
    for i, line in enumerate(split_lines(title)):
        paragraph(right, line.upper(), TITLE, before=0 if i else 12)
    paragraph(right, signer, TITLE, before=80)  # room for signature and seal


def _indicator_appendix(doc, report: Report) -> None:
    """Phụ lục: every chỉ tiêu with its target, figure and standing, on a page of its own
    (headed as Decree 30/2020/NĐ-CP, Appendix I, heads an appendix)."""
    doc.add_page_break()
    paragraph(doc, "Phụ lục", TITLE)
    paragraph(doc, f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {report.period.label.upper()}", TITLE)
    stamp, org = report.issue, report.organisation.prose_name
    if stamp is not None:
        with_report = f"(Kèm theo Báo cáo số {stamp.number} ngày {day_vi(stamp.issued_on)}"
        paragraph(doc, f"{with_report} của {org})", DATE)
    widths = [Mm(11), Mm(48), Mm(17), Mm(19), Mm(30), Mm(17), Mm(23)]
    cells = table(doc, widths, 1, header_rows=1)
    heads = ("STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu giao", "Thực hiện", "% so với CT")
    for cell, text in zip(cells[0], (*heads, "Đánh giá"), strict=True):
        paragraph(cell, text, HEAD)
    rows = (
        (
            str(n),
            i.name,
            i.measure,
            i.target_short,
            i.figure_short + (f"\n({i.terms})" if i.terms else ""),
            "–" if i.percent_of_target is None else f"{format_figure(i.percent_of_target, 1)} %",
            i.status_label,
        )
        for n, i in enumerate(report.indicators, 1)
    )
    text_rows(cells, widths, rows, CELL, centre=(0, 2, 3, 4, 5))


def _balanced(name: str, limit: int) -> str:
    """Break a name too long for its column into two even lines, the longer one first."""
    words = name.split()
    if len(name) <= limit or len(words) < 2:
        return name
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    return "\n".join(min(splits, key=lambda s: (max(map(len, s)), -len(s[0]))))
