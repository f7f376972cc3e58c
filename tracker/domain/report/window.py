"""The data window of a report (thời gian chốt số liệu): the days whose work it counts. Pure.

Two rules, chosen in the settings:

- `calendar`: the period itself; its last day is the cut-off (`as_of`).
- `decree_09`: the windows of Decree 09/2019/NĐ-CP on the reporting regime of state
  administrative agencies, Article 12 (thời gian chốt số liệu trong chế độ báo cáo định kỳ):
  a monthly report counts from the 15th of the month before to the 14th of its month; a
  quarterly report from the 15th of the month before the quarter to the 14th of the
  quarter's last month; a 6-month report, for the first half, from 15/12 of the year before
  to 14/6 and, for the second half, from 15/6 to 14/12; a yearly report from 15/12 of the
  year before to 14/12. The Article says nothing of a 9-month report: it follows the same
  pattern, 15/12 of the year before to 14/9.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tracker.domain.periods import Kind, Period


class WindowRule(StrEnum):
    CALENDAR = "calendar"
    DECREE_09 = "decree_09"


RULE_LABELS = {
    WindowRule.CALENDAR: "Theo kỳ dương lịch (chốt số liệu ngày cuối kỳ)",
    WindowRule.DECREE_09: "Theo Điều 12 Nghị định 09/2019/NĐ-CP (từ ngày 15 đến ngày 14)",
}


@dataclass(frozen=True)
class Window:
    """The first day a report counts and its cut-off (the last day), and the rule used."""

    start: date
    end: date
    rule: WindowRule

    @property
    def as_of(self) -> date:
        """The cut-off: the figures are as they stood at the end of this day."""
        return self.end

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


def report_window(period: Period, rule: WindowRule | str = WindowRule.CALENDAR) -> Window:
    """The window of `period` under `rule`."""
    rule = WindowRule(rule)
    if rule is WindowRule.CALENDAR:
        return Window(period.start, period.end, rule)
    year = period.year
    if period.kind is Kind.MONTH:
        start, end = _fifteenth_before(year, period.index), date(year, period.index, 14)
    elif period.kind is Kind.QUARTER:
        first = 3 * period.index - 2
        start, end = _fifteenth_before(year, first), date(year, first + 2, 14)
    elif period.kind is Kind.HALF and period.index == 2:
        start, end = date(year, 6, 15), date(year, 12, 14)
    else:  # the first half, nine months, the year: from 15/12 of the year before
        last = {Kind.HALF: 6, Kind.NINE_MONTHS: 9, Kind.YEAR: 12}[period.kind]
        start, end = date(year - 1, 12, 15), date(year, last, 14)
    return Window(start, end, rule)


def _fifteenth_before(year: int, month: int) -> date:
    """The 15th of the month before `month` (December of the year before for January)."""
    return date(year - 1, 12, 15) if month == 1 else date(year, month - 1, 15)
