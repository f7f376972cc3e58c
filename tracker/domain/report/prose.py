"""The report's wording, shared by the Word file and the report page, so that both read alike.

Period phrases, renumbered headings, the statistics sentence, the closing sentence, the
"Nơi nhận" list, the number and date lines: how a Decree 30 report says things. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from tracker.domain.dates import format_day
from tracker.domain.periods import Kind, Period
from tracker.domain.report.parts import Achievement, Report, ReportTexts, SectionReport
from tracker.domain.roman import to_roman

BULLET = re.compile(r"^[-–•]\s+")
NO_DIFFICULTIES = "Không có khó khăn, vướng mắc phát sinh trong kỳ."
NO_PROPOSALS = "Không có đề xuất, kiến nghị."
_CONTROL = re.compile(r"[\x00-\x08\x0c\x0e-\x1f]")  # not allowed in XML; pastes carry them


# -- words and numbers ---------------------------------------------------------------------


def split_lines(text: str | None) -> list[str]:
    """The non-blank lines of a text box, trimmed, whatever line breaks it was typed with."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return [line.strip() for line in _CONTROL.sub("", text).split("\n") if line.strip()]


def lower_first(text: str) -> str:
    """Lower-case the first letter only: "Quý III năm 2020" → "quý III năm 2020"."""
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """Capitalise the first letter only."""
    return text[:1].upper() + text[1:]


def number_vi(n: int) -> str:
    """Write 1009186 as the department does: 1.009.186."""
    return f"{n:,}".replace(",", ".")


def percent_vi(rate: float) -> str:
    """Write 0.74183 as the department does: 74,18 %."""
    return f"{rate * 100:,.2f}".translate(str.maketrans(",.", ".,")) + " %"


def day_vi(day: date | None) -> str:
    """A date as dd/mm/yyyy; "" for none."""
    return format_day(day)


# -- the header and the title ----------------------------------------------------------------


def number_line(number: str, org_code: str, gap: str = " " * 7) -> str:
    """ "Số: 125/BC-STTTT"; a blank number leaves `gap` for the clerk who registers it."""
    number = number.strip()
    if not number:
        return f"Số:{gap}/BC-{org_code}"
    return f"Số: {number}" if "/" in number else f"Số: {number}/BC-{org_code}"


def issued_line(day: date, place: str = "") -> str:
    """ "Trà Vinh, ngày 05 tháng 10 năm 2020": January and February keep their zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    when = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {when}" if place else upper_first(when)


def period_phrase(period: Period, following: Period) -> str:
    """Name both periods as prose does: "9 tháng đầu năm và phương hướng, ... năm 2020"."""
    this, then = lower_first(period.label), lower_first(following.label)
    if period.year == following.year and period.kind is not Kind.YEAR:
        # Like the sample report, name a shared year once, at the end.
        this = this.removesuffix(f" {period.year}")
        this = this if this.endswith(("đầu năm", "cuối năm")) else this.removesuffix(" năm")
    return f"{this} và phương hướng, nhiệm vụ {then}"


def title_lines(report: Report) -> tuple[str, str]:
    """The report's subtitle in two lines: the results, then "và phương hướng ..."."""
    first, rest = period_phrase(report.period, report.next_period).split(" và phương hướng", 1)
    return f"Kết quả thực hiện nhiệm vụ {first}", f"và phương hướng{rest}"


# -- the body -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberedHeading:
    """A section as printed: level 1 "I. TITLE", level 2 "1. Title", level 3 "1.1. Title"."""

    level: int
    label: str  # "I.", "1.", "1.2."
    text: str
    section: SectionReport


def numbered_headings(report: Report) -> Iterator[NumberedHeading]:
    """The sections that have achievements, numbered afresh at every level, in reading order.

    Omitted sections would leave gaps in the stored codes' numbers, hence the renumbering.
    """

    def visit(section: SectionReport, path: list[int]) -> Iterator[NumberedHeading]:
        if len(path) == 1:
            yield NumberedHeading(1, f"{to_roman(path[0])}.", section.title.upper(), section)
        else:
            label = ".".join(str(n) for n in path[1:]) + "."
            yield NumberedHeading(min(len(path), 3), label, section.title, section)
        children = [child for child in section.sections if child.item_count]
        for number, child in enumerate(children, start=1):
            yield from visit(child, [*path, number])

    tops = [section for section in report.sections if section.item_count]
    for number, section in enumerate(tops, start=1):
        yield from visit(section, [number])


def top_heading_count(report: Report) -> int:
    """How many numbered parts the results take: the assessment and plan follow them."""
    return sum(1 for section in report.sections if section.item_count)


def achievement_lines(item: Achievement) -> list[str]:
    """An achievement's lines: the first without its own bullet (the page adds one)."""
    lines = split_lines(item.result) or split_lines(item.title)
    lines[0] = BULLET.sub("", lines[0])
    return lines


def assessment_parts(texts: ReportTexts) -> list[tuple[str, list[str]]]:
    """The difficulties and proposals, as (heading, lines): an empty one says so rather than
    vanish from the report (a reader cannot tell a forgotten section from a clean period)."""
    parts = [
        ("Khó khăn, vướng mắc", texts.difficulties, NO_DIFFICULTIES),
        ("Đề xuất, kiến nghị", texts.proposals, NO_PROPOSALS),
    ]
    return [(heading, split_lines(text) or [empty]) for heading, text, empty in parts]


def stats_sentence(report: Report) -> str:
    """The assessment's sentence of figures, with the on-time rate of the period before."""
    t, rate = report.totals, report.totals.on_time_rate
    text = (
        f"Trong kỳ, các đơn vị được giao {number_vi(t.assigned)} nhiệm vụ; hoàn thành đúng hạn "
        f"{number_vi(t.done_on_time)}, hoàn thành quá hạn {number_vi(t.done_late)}, chưa hoàn "
        f"thành trong hạn {number_vi(t.unfinished_on_time)}, quá hạn {number_vi(t.overdue)}"
    )
    if t.pending:
        text += f", đã báo cáo hoàn thành chờ xác nhận {number_vi(t.pending)}"
    if rate is not None:
        text += f"; tỷ lệ hoàn thành đúng hạn {percent_vi(rate)}"
        if (before := report.previous_totals.on_time_rate) is not None:
            text += f" ({lower_first(report.previous_period.label)}: {percent_vi(before)})"
    return text + "."


# -- the closing, the recipients --------------------------------------------------------------


def recipient_names(text: str) -> list[str]:
    """The "Nơi nhận" box as names: one a line, without bullets or closing punctuation."""
    return [BULLET.sub("", line).rstrip(";.,").strip() for line in split_lines(text)]


def _is_file_copy(name: str) -> bool:
    return name.lower().startswith("lưu")


def closing_sentence(report: Report) -> str:
    """The closing sentence: to whom the report goes, from the recipients marked "(b/c)".

    Failing those, it goes to every recipient but the file copy ("Lưu: VT").
    """
    org, names = report.organisation.prose_name, recipient_names(report.texts.recipients)
    phrase = period_phrase(report.period, report.next_period)
    whom = [n.replace("(b/c)", "").strip() for n in names if "(b/c)" in n]
    whom = whom or [n for n in names if not _is_file_copy(n)]
    if not whom:
        return f"Trên đây là báo cáo kết quả thực hiện nhiệm vụ {phrase} của {org}./."
    listed = ", ".join(whom[:-1]) + (" và " if len(whom) > 1 else "") + whom[-1]
    text = f"Trên đây là kết quả thực hiện nhiệm vụ {phrase}, {org} báo cáo đến {listed}"
    return text + " nắm, chỉ đạo./."


def recipient_lines(text: str) -> list[str]:
    """Nơi nhận as printed: "- name;" each, the file copy ("- Lưu: VT.") last."""
    names = recipient_names(text)
    kept = [f"- {n};" for n in names if not _is_file_copy(n)]
    filed = [f"- {n}." for n in names if _is_file_copy(n)] or ["- Lưu: VT."]
    return kept + filed
