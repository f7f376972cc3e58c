"""The department's own order of its report: the items of each section and of the plan.

Each achievement has a place among its section's, each plan item a number in the plan (an
imported report brings them; new work goes after). The director changes them on the report
page, by number or by dragging; the page, the Word and the Excel files all follow.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from sqlalchemy import select

from tracker.common.access import require
from tracker.common.exceptions import ValidationFailed
from tracker.common.lookup import as_id
from tracker.domain.report import Report
from tracker.domain.report.prose import lower_first
from tracker.domain.text import whole_number
from tracker.extensions import db
from tracker.models import Task
from tracker.permissions import Action, Principal

MAX_PLACE = 9_999


class Group(NamedTuple):
    """Items put in order together: a section's results, or the plan."""

    heading: str
    items: list[tuple[int, str]]  # (task id, title)
    column: str  # where a task keeps its place: "report_order" or "plan_order"


def ordered_groups(report: Report) -> list[Group]:
    """What may be put in order: each section's achievements, then the plan's own items
    (carried-over work follows them, most overdue first)."""
    groups = [
        Group(
            f"{section.code}. {section.title}",
            [(a.task_id, a.title) for a in section.achievements],
            "report_order",
        )
        for _, section in report.walk_sections()
        if len(section.achievements) > 1
    ]
    plan = [(p.task_id, p.title) for p in report.plan if not p.carried_over]
    if len(plan) > 1:
        label = lower_first(report.next_period.label)
        groups.append(Group(f"Phương hướng, nhiệm vụ {label}", plan, "plan_order"))
    return groups


def read_places(form: Mapping[str, str]) -> dict[int, int]:
    """The numbers a form gives, by task: fields "order-<task id>" holding 1 to 9999."""
    places: dict[int, int] = {}
    for name, value in form.items():
        key, _, task_id = name.partition("-")
        if key != "order" or (ident := as_id(task_id)) is None:
            continue
        place = whole_number(value, 4)
        if place is None or not 1 <= place <= MAX_PLACE:
            shown = (value or "")[:20]
            raise ValidationFailed(
                f"Thứ tự “{shown}” không hợp lệ: nhập số từ 1 đến {MAX_PLACE}.", field=name
            )
        places[ident] = place
    return places


def reorder(principal: Principal, report: Report, places: Mapping[int, int]) -> int:
    """Put the report's items in the order the numbers give, group by group (ties keep the
    order they had); return how many items moved. Director and admin."""
    require(Action.EDIT_REPORT, principal=principal)
    groups = ordered_groups(report)
    known = {task_id for group in groups for task_id, _ in group.items}
    stray = sorted(set(places) - known)
    if stray:
        raise ValidationFailed(
            f"Nhiệm vụ #{stray[0]} không nằm trong báo cáo {lower_first(report.period.label)}: "
            "hãy tải lại trang.",
            field=f"order-{stray[0]}",
        )
    wanted: dict[int, tuple[str, int]] = {}  # task id → (which place, its number)
    for group in groups:
        ids = [task_id for task_id, _ in group.items]
        # an item given no number keeps its place; equal numbers keep their present order
        ranked = sorted(enumerate(ids), key=lambda at: (places.get(at[1], at[0] + 1), at[0]))
        for place, (_, task_id) in enumerate(ranked, start=1):
            wanted[task_id] = (group.column, place)
    tasks = db.session.scalars(select(Task).where(Task.id.in_(wanted))).all()
    moved = 0
    for task in tasks:
        column, place = wanted[task.id]
        if getattr(task, column) != place:
            setattr(task, column, place)
            moved += 1
    db.session.flush()
    return moved
