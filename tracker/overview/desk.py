"""A leader's desk on the home page: the counts that need them, and the overdue work itself.

The director opens "Việc của tôi" to decide what to chase today: how much is overdue, due
within the due-soon window, awaiting their confirmation and asking for more time, and the
most overdue tasks first, whatever period they fell due in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.common.pagination import Page, count_of, paginate
from tracker.domain.timeliness import Timeliness
from tracker.permissions import Principal
from tracker.tasks.queries import TaskFilter, task_list

DESK_LIST_SIZE = 10


@dataclass(frozen=True)
class Desk:
    overdue: Page  # the most overdue first
    due_soon: int


def leader_desk(principal: Principal, today: date, due_soon_days: int) -> Desk:
    def chosen(kind: Timeliness, sort: str) -> TaskFilter:
        return TaskFilter(
            timeliness=(kind.value,), as_of=today, due_soon_days=due_soon_days, sort=sort
        )

    # The "overdue" order: the earliest deadline (the most days overdue) first.
    overdue = task_list(principal, chosen(Timeliness.OVERDUE, "overdue"))
    soon = count_of(task_list(principal, chosen(Timeliness.DUE_SOON, "due")))
    return Desk(overdue=paginate(overdue, 1, DESK_LIST_SIZE), due_soon=soon)
