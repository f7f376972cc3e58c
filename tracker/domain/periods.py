"""Reporting periods (kỳ báo cáo): parse, bound, step and label them.

A period is written `2020` (year), `2020-H1`/`2020-H2` (halves), `2020-Q1`..`2020-Q4`,
`2020-9M` (the first nine months) or `2020-07` (a month). Pure: no Flask, no database.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cached_property

from tracker.domain.dates import EARLIEST_DAY, LATEST_DAY
from tracker.domain.roman import to_roman

# The years of the days anyone may enter (domain/dates.py): a period of year 0000 or 2999
# names no work this department did or plans.
MIN_YEAR, MAX_YEAR = EARLIEST_DAY.year, LATEST_DAY.year
# Stepping may go one year past the range: the first and the last periods that parse still
# have a period before and after them (the overview and the report compare with it).
_STEP_MIN_YEAR, _STEP_MAX_YEAR = MIN_YEAR - 1, MAX_YEAR + 1


class PeriodError(ValueError):
    """A period string that is not one of the documented forms."""


class Kind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    NINE_MONTHS = "nine_months"
    MONTH = "month"


# Length in months and the number of such periods in a year, for stepping.
_MONTHS = {Kind.YEAR: 12, Kind.HALF: 6, Kind.QUARTER: 3, Kind.NINE_MONTHS: 9, Kind.MONTH: 1}
_PATTERN = re.compile(r"^([0-9]{4})(?:-(H[12]|Q[1-4]|9M|[0-9]{2}))?$")


@dataclass(frozen=True, order=True)
class Period:
    """A calendar period of a year; `index` is the half, quarter or month (0 otherwise)."""

    year: int
    kind: Kind
    index: int = 0

    def __post_init__(self) -> None:
        limits = {Kind.HALF: 2, Kind.QUARTER: 4, Kind.MONTH: 12}
        if not _STEP_MIN_YEAR <= self.year <= _STEP_MAX_YEAR:
            raise _year_out_of_range(self.year)
        if self.kind in limits and not 1 <= self.index <= limits[self.kind]:
            raise PeriodError(f"Kỳ {self.kind} số {self.index} không hợp lệ.")
        if self.kind not in limits and self.index != 0:
            raise PeriodError(f"Kỳ {self.kind} không có số thứ tự.")

    # -- bounds ------------------------------------------------------------------------
    @property
    def first_month(self) -> int:
        if self.kind is Kind.MONTH:
            return self.index
        if self.kind in (Kind.HALF, Kind.QUARTER):
            return (self.index - 1) * _MONTHS[self.kind] + 1
        return 1

    @property
    def months(self) -> int:
        return _MONTHS[self.kind]

    # Computed once per period: reports ask every task's period for its bounds.
    @cached_property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @cached_property
    def end(self) -> date:
        last_month = self.first_month + self.months - 1
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    def contains_date(self, day: date) -> bool:
        return self.start <= day <= self.end

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    # -- names ---------------------------------------------------------------------------
    @property
    def code(self) -> str:
        suffix = {
            Kind.YEAR: "",
            Kind.HALF: f"-H{self.index}",
            Kind.QUARTER: f"-Q{self.index}",
            Kind.NINE_MONTHS: "-9M",
            Kind.MONTH: f"-{self.index:02d}",
        }[self.kind]
        return f"{self.year}{suffix}"

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        """The Vietnamese name a report uses: "9 tháng đầu năm 2020", "Quý IV năm 2020"."""
        return {
            Kind.YEAR: f"Năm {self.year}",
            Kind.HALF: f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}",
            Kind.QUARTER: f"Quý {to_roman(self.index)} năm {self.year}",
            Kind.NINE_MONTHS: f"9 tháng đầu năm {self.year}",
            Kind.MONTH: f"Tháng {self.index} năm {self.year}",
        }[self.kind]

    # -- stepping ------------------------------------------------------------------------
    def next(self) -> Period:
        """The next period of this length that starts the day after this one ends.

        Nine months cannot repeat within a year, so what follows them is the fourth quarter.
        """
        if self.kind is Kind.NINE_MONTHS:
            return Period(self.year, Kind.QUARTER, 4)
        return period_containing(self.end + timedelta(days=1), self.kind)

    def previous(self) -> Period:
        """The period of this length that ends the day before this one starts.

        For nine months that is the same nine months of the year before ("cùng kỳ").
        """
        if self.kind is Kind.NINE_MONTHS:
            return Period(self.year - 1, Kind.NINE_MONTHS)
        return period_containing(_month_start(self.start, -self.months), self.kind)

    def subperiod_codes(self) -> list[str]:
        """Codes of every period (of any kind) that lies within this one, itself included."""
        codes = []
        for candidate in periods_of_year(self.year):
            if self.contains(candidate):
                codes.append(candidate.code)
        return codes


def _year_out_of_range(year: int) -> PeriodError:
    return PeriodError(f"Năm {year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}.")


def _month_start(day: date, delta_months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + delta_months
    return date(month_index // 12, month_index % 12 + 1, 1)


def period_containing(day: date, kind: Kind = Kind.QUARTER) -> Period:
    """The period of `kind` that contains `day`; nine months only for January–September."""
    if kind is Kind.YEAR:
        return Period(day.year, kind)
    if kind is Kind.HALF:
        return Period(day.year, kind, 1 if day.month <= 6 else 2)
    if kind is Kind.QUARTER:
        return Period(day.year, kind, (day.month - 1) // 3 + 1)
    if kind is Kind.MONTH:
        return Period(day.year, kind, day.month)
    if day.month > 9:
        raise PeriodError("Ngày sau tháng 9 không thuộc kỳ 9 tháng đầu năm.")
    return Period(day.year, Kind.NINE_MONTHS)


def periods_of_year(year: int) -> list[Period]:
    """Every period of a year, the year first, then halves, nine months, quarters, months."""
    result = [Period(year, Kind.YEAR)]
    result += [Period(year, Kind.HALF, i) for i in (1, 2)]
    result.append(Period(year, Kind.NINE_MONTHS))
    result += [Period(year, Kind.QUARTER, i) for i in range(1, 5)]
    result += [Period(year, Kind.MONTH, i) for i in range(1, 13)]
    return result


def parse_period(text: str) -> Period:
    """Parse a period code; raise PeriodError with a message a user understands."""
    if not isinstance(text, str):
        raise PeriodError("Kỳ báo cáo phải là một chuỗi như 2020-Q3.")
    match = _PATTERN.match(text.strip().upper())
    if not match:
        raise PeriodError(
            f"Kỳ báo cáo “{text}” không hợp lệ: dùng 2020, 2020-H1, 2020-Q3, 2020-9M hoặc 2020-07."
        )
    year, part = int(match.group(1)), match.group(2)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _year_out_of_range(year)
    if part is None:
        return Period(year, Kind.YEAR)
    if part == "9M":
        return Period(year, Kind.NINE_MONTHS)
    if part[0] == "H":
        return Period(year, Kind.HALF, int(part[1]))
    if part[0] == "Q":
        return Period(year, Kind.QUARTER, int(part[1]))
    month = int(part)
    if not 1 <= month <= 12:
        raise PeriodError(f"Tháng {month} trong “{text}” không hợp lệ.")
    return Period(year, Kind.MONTH, month)


def is_period(text: str) -> bool:
    try:
        parse_period(text)
    except PeriodError:
        return False
    return True


def period_label(code: str | None) -> str:
    """ "2026-Q4" as "Quý IV năm 2026" (a code it cannot read, as it is)."""
    try:
        return parse_period(code).label if code else ""
    except PeriodError:
        return code or ""
