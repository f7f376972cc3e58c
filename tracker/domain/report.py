"""The periodic report (báo cáo định kỳ) rolled up from task facts. Pure.

The query layer hands over plain `TaskFact` rows; `build_report` turns them into the one
`Report` object (report_types.py) that the page, the JSON API, the Excel and the Word exports
all render. The report's parts are importable from here, as they always were.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from tracker.domain.periods import Period
from tracker.domain.report_types import (
    Achievement,
    Organisation,
    PlanItem,
    Report,
    ReportTexts,
    SectionNode,
    SectionReport,
    TaskFact,
    UnfinishedItem,
    UnitStats,
)
from tracker.domain.timeliness import (
    DONE_KINDS,
    FINISHED,
    UNFINISHED_ON_TIME,
    Status,
    Timeliness,
    classify,
    is_finished,
)

__all__ = [
    "Achievement",
    "Organisation",
    "PlanItem",
    "Report",
    "ReportTexts",
    "SectionNode",
    "SectionReport",
    "TaskFact",
    "UnfinishedItem",
    "UnitStats",
    "achievements_of",
    "build_report",
    "plan_of",
    "section_tree",
    "unfinished_of",
    "unit_stats",
]


# -- the roll-up ---------------------------------------------------------------------------


def section_tree(nodes: Sequence[SectionNode]) -> list[SectionReport]:
    """Empty report sections in tree order (siblings by `order`, then code)."""
    children: dict[int | None, list[SectionNode]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)

    def build(parent_id: int | None) -> list[SectionReport]:
        ordered = sorted(children.get(parent_id, []), key=lambda n: (n.order, n.code))
        return [SectionReport(n.code, n.title, n.id, sections=build(n.id)) for n in ordered]

    return build(None)


def achievements_of(
    period: Period, tasks: Iterable[TaskFact], as_of: date
) -> list[tuple[TaskFact, Achievement]]:
    """Tasks finished within the period (as of `as_of`) as achievements, oldest first."""
    found = []
    start, end = period.start, period.end
    for task in tasks:
        done = task.completed_on
        # Finished (`is_finished`) within the period, written out: it runs for every task.
        if done is None or not start <= done <= end or done > as_of or task.status not in FINISHED:
            continue
        timeliness = classify(task.status, task.due_date, done, as_of)
        item = Achievement(task.id, task.title, task.result or "", task.unit_name, done, timeliness)
        found.append((task, item))
    found.sort(key=lambda pair: (pair[0].completed_on, pair[0].id))
    return found


def unfinished_of(period: Period, tasks: Iterable[TaskFact], as_of: date) -> list[UnfinishedItem]:
    """Tasks due by the period's end and not finished as of `as_of`: the carry-over."""
    items = []
    end = period.end
    for task in tasks:
        status, due = task.status, task.due_date
        if due is None or due > end or status == Status.CANCELLED:
            continue
        if is_finished(status, task.completed_on, as_of):
            continue
        # Not finished, not cancelled, with a deadline: overdue (`days_overdue`) once past it.
        late = (as_of - due).days if as_of > due else 0
        items.append(UnfinishedItem(task.id, task.title, task.unit_name, due, late))
    items.sort(key=lambda u: (-u.days_overdue, u.due_date or date.max, u.task_id))
    return items


def plan_of(
    planned: Iterable[TaskFact], unfinished: Sequence[UnfinishedItem], as_of: date
) -> list[PlanItem]:
    """The next period's plan: its planned tasks in section order, then the carried-over ones."""
    carried_ids = {u.task_id for u in unfinished}
    fresh = [
        t
        for t in planned
        if t.id not in carried_ids
        and t.status != Status.CANCELLED
        and not is_finished(t.status, t.completed_on, as_of)
    ]
    fresh.sort(key=lambda t: (t.section_order, t.due_date or date.max, t.id))
    plan = [
        PlanItem(i, t.id, t.title, t.unit_name, t.due_date, False)
        for i, t in enumerate(fresh, start=1)
    ]
    start = len(plan) + 1
    plan += [
        PlanItem(start + i, u.task_id, u.title, u.unit, u.due_date, True)
        for i, u in enumerate(unfinished)
    ]
    return plan


def unit_stats(
    tasks: Iterable[TaskFact], as_of: date, unit_order: Sequence[str] = ()
) -> list[UnitStats]:
    """Counts by lead unit as of `as_of`, in `unit_order` (then by name)."""
    kinds = Counter(
        (task.unit_name, classify(task.status, task.due_date, task.completed_on, as_of))
        for task in tasks
    )
    counts: dict[str, dict[str, int]] = {}
    for (name, kind), n in kinds.items():
        if kind is Timeliness.CANCELLED:
            continue
        row = counts.setdefault(name, dict.fromkeys(_STAT_FIELDS, 0))
        row["assigned"] += n
        if kind in DONE_KINDS:
            row["done_late" if kind is Timeliness.DONE_LATE else "done_on_time"] += n
        elif kind is Timeliness.OVERDUE:
            row["overdue"] += n
        elif kind in UNFINISHED_ON_TIME:
            row["unfinished_on_time"] += n
    rank = {name: i for i, name in enumerate(unit_order)}
    names = sorted(counts, key=lambda n: (rank.get(n, len(rank)), n))
    return [UnitStats(unit=name, **counts[name]) for name in names]


_STAT_FIELDS = ("assigned", "done_on_time", "done_late", "unfinished_on_time", "overdue")


def build_report(
    period: Period,
    sections: Sequence[SectionNode],
    period_tasks: Sequence[TaskFact],
    planned_tasks: Sequence[TaskFact],
    previous_tasks: Sequence[TaskFact],
    *,
    texts: ReportTexts,
    organisation: Organisation,
    generated_at: datetime,
    unit_order: Sequence[str] = (),
    today: date | None = None,
) -> Report:
    """Roll the period's tasks up into the report, as of the period's last day.

    A period still running is judged as of `today` instead: a task due next week is not
    "overdue" yet just because the quarter ends after it.
    """
    as_of = min(period.end, today) if today is not None else period.end
    tree = section_tree(sections)
    by_id = {node.id: node for top in tree for _, node in top.walk()}
    for task, item in achievements_of(period, period_tasks, as_of):
        target = by_id.get(task.section_id)
        if target is not None:
            target.achievements.append(item)
    unfinished = unfinished_of(period, period_tasks, as_of)
    previous = period.previous()
    return Report(
        period=period,
        as_of=as_of,
        sections=tree,
        unfinished=unfinished,
        plan=plan_of(planned_tasks, unfinished, as_of),
        units=unit_stats(period_tasks, as_of, unit_order),
        previous_units={s.unit: s for s in unit_stats(previous_tasks, previous.end, unit_order)},
        texts=texts,
        organisation=organisation,
        generated_at=generated_at,
    )
