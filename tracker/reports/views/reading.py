"""The report page's reading of the one `Report`: numbered headings, the closing, the picker.

Numbers and wording come from tracker/domain/report/prose.py, as the Word export's do, so that
what a director reads on the page is what goes out on paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.domain.periods import Kind, Period
from tracker.domain.report import Achievement, Report, SectionReport, UnitStats, plan_prose, prose
from tracker.domain.roman import to_roman

# (part of a period code, label) as the picker offers them, in the order a year runs.
PARTS = (
    ("Q1", "Quý I"),
    ("Q2", "Quý II"),
    ("H1", "6 tháng đầu năm"),
    ("Q3", "Quý III"),
    ("9M", "9 tháng đầu năm"),
    ("Q4", "Quý IV"),
    ("H2", "6 tháng cuối năm"),
    ("Y", "Cả năm"),
)


@dataclass
class Item:
    """One achievement as the page prints it: the first line bulleted, then the rest."""

    achievement: Achievement
    lines: list[str]


@dataclass
class Heading:
    """A numbered heading of the page and the achievements under it."""

    level: int  # 1: I., 2: 1., 3: 1.1.
    label: str
    text: str
    code: str
    items: list[Item] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)  # its chỉ tiêu's sentences, said first


def part_of(period: Period) -> str:
    """The picker's part of a period code: "Q3", "9M", "H1", "Y" (months have none)."""
    return "Y" if period.kind is Kind.YEAR else period.code.split("-", 1)[1]


def period_code(year: int, part: str) -> str:
    """The period code of the picker's year and part: (2020, "Q3") → "2020-Q3"."""
    return str(year) if part == "Y" else f"{year}-{part}"


def neighbours(period: Period) -> tuple[Period, Period]:
    """The periods of the same kind just before and after (nine months: a year apart)."""
    if period.kind is Kind.NINE_MONTHS:
        return Period(period.year - 1, period.kind), Period(period.year + 1, period.kind)
    return period.previous(), period.next()


def picker_years(period: Period, today: date) -> list[int]:
    """The years the picker offers, newest first: five back, one ahead, and the shown one."""
    years = set(range(today.year - 5, today.year + 2)) | {period.year}
    return sorted(years, reverse=True)


def headings(report: Report) -> list[Heading]:
    """The sections that have achievements, numbered afresh at every level, in reading order."""
    return [
        Heading(
            h.level,
            h.label,
            h.text,
            h.section.code,
            [Item(a, prose.achievement_lines(a)) for a in h.section.achievements],
            list(h.section.figures),
        )
        for h in prose.numbered_headings(report)
    ]


def empty_sections(report: Report) -> list[SectionReport]:
    """Leaf sections with nothing to report: what a director may want to chase up."""
    return [
        s
        for _, s in report.walk_sections()
        if not s.sections and not s.achievements and not s.figures
    ]


def stats_rows(report: Report) -> list[tuple[UnitStats, UnitStats | None]]:
    """Each unit's counts beside its counts in the previous period; then the units that only
    the previous period had (the totals are the template's footer)."""
    rows = [(u, report.previous_units.get(u.unit)) for u in report.units]
    current = {u.unit for u in report.units}
    previous_only = [s for name, s in report.previous_units.items() if name not in current]
    rows += [(UnitStats(unit=s.unit), s) for s in previous_only]
    return rows


def error_rows(errors) -> list[tuple[str, str, str]]:
    """Import errors as (row, column, what is wrong) for a table that names row and column."""
    rows = []
    for error in errors:
        detail = error.message
        if error.row is not None and error.field:
            detail = detail.removeprefix(f"Dòng {error.row}, cột “{error.field}”: ")
        row = "—" if error.row is None else str(error.row)
        rows.append((row, error.field or "Cả tệp", prose.upper_first(detail)))
    return rows


def document_context(report: Report) -> dict:
    """Everything the document template needs besides the report itself."""
    tops = prose.top_heading_count(report)
    org = report.organisation
    return {
        "headings": headings(report),
        "assessment_label": to_roman(tops + 1),
        "plan_label": to_roman(tops + 2),
        "assessment_parts": prose.assessment_parts(report.texts),
        "title_lines": prose.title_lines(report),
        "issued_line": prose.issued_line(
            report.issue.issued_on if report.issue else report.generated_at.date(), org.place
        ),
        # A blank number keeps its place; em spaces, as HTML collapses plain ones.
        "number_line": prose.number_line(report.texts.number, org.code, gap="\u2003\u2003"),
        "org_prose": org.prose_name,
        "stats_sentence": prose.stats_sentence(report),
        "stats_rows": stats_rows(report),
        "fresh_plan": [p for p in report.plan if not p.carried_over],
        "carried_plan": [p for p in report.plan if p.carried_over],
        "plan_intro": plan_prose.plan_intro(report),
        "plan_details": lambda item: plan_prose.plan_details(item, report.department),
        "plan_text": plan_prose.plan_text,
        "empty_texts": (prose.NO_DIFFICULTIES, prose.NO_PROPOSALS),
        "closing": prose.closing_sentence(report),
        "recipients": prose.recipient_lines(report.texts.recipients),
        "signer_lines": prose.split_lines(report.texts.signer_title),
        "split": prose.split_lines,
    }
