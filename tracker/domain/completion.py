"""How far back finished work may be dated (completed_on). Pure.

The day a unit says its work was finished counts for its timeliness, so it must be honest:
never in the future; never dated back before the task could start (its start date, or
without one the 1st of January of the year before the task was created); and, for anyone
but a leader (the director or the leader in charge), at most a few days (a setting, 30 by
default) before the day the work is handed in, which the server records beside it
(submitted_on). Work finished ahead of its planned start is handed in the day it is done:
a start date is a plan, and only a date earlier than the handing-in is a claim to check.
"""

from __future__ import annotations

from datetime import date, timedelta

from tracker.domain.dates import format_day

DEFAULT_BACKDATE_DAYS = 30


def earliest_completion(start_date: date | None, created_on: date) -> date:
    """The first day the task's work can have been finished."""
    return start_date if start_date is not None else date(created_on.year - 1, 1, 1)


def completion_problem(
    completed_on: date,
    *,
    today: date,
    start_date: date | None,
    created_on: date,
    handed_in: date | None = None,
    leader: bool = False,
    backdate_days: int = DEFAULT_BACKDATE_DAYS,
) -> str | None:
    """Why `completed_on` cannot be the day the task's work was finished (None: it can).

    `handed_in` is the day the work was (or is being) handed in: today for a new submission.
    """
    if completed_on > today:
        return "Ngày hoàn thành không được ở tương lai."
    sent = handed_in or today
    earliest = earliest_completion(start_date, created_on)
    if completed_on < min(earliest, sent):
        if start_date is not None:
            return f"Ngày hoàn thành không được trước ngày bắt đầu ({format_day(start_date)})."
        return f"Ngày hoàn thành không được trước ngày {format_day(earliest)}."
    if not leader and completed_on < sent - timedelta(days=backdate_days):
        return (
            f"Ngày hoàn thành chỉ được sớm hơn ngày gửi báo cáo ({format_day(sent)}) tối đa "
            f"{backdate_days} ngày; nếu đã làm xong từ trước, hãy ghi rõ trong kết quả."
        )
    return None
