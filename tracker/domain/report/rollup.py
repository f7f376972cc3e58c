"""The roll-up: task facts into the periodic report (báo cáo định kỳ). Pure.

The query layer hands over plain `TaskFact` rows; `build_report` turns them into the one
`Report` object (parts.py) that the page, the JSON API, the Excel and the Word exports all
render.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from tracker.domain.periods import Period
from tracker.domain.report.parts import (
    Achievement,
    IndicatorResult,
    Organisation,
    PendingItem,
    PlanItem,
    Report,
    ReportTexts,
    SectionNode,
    SectionReport,
    TaskFact,
    UnfinishedItem,
    UnitStats,
)
from tracker.domain.report.window import Window, WindowRule, report_window
from tracker.domain.timeliness import (
    DONE_KINDS,
    UNFINISHED_ON_TIME,
    Status,
    Timeliness,
    classify,
    is_finished,
)

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
    window: Window, tasks: Iterable[TaskFact], built_on: date | None = None
) -> list[tuple[TaskFact, Achievement]]:
    """Confirmed work finished within the window: the achievements, in the department's order
    where it gave one, else by completion date.

    A task counts by its `completed_on` (the day the unit says the work was done), and only
    once the director has confirmed it (by `built_on`, the day the report is built or issued):
    what still awaits confirmation is `pending_of`'s, never an achievement.
    """
    found = []
    start, end = window.start, window.end
    for task in tasks:
        done = task.completed_on
        # Written out: this runs for every task of a province's quarter.
        if task.status != Status.DONE or done is None or not start <= done <= end:
            continue
        if awaits_confirmation(task, built_on):
            continue
        timeliness = classify(task.status, task.due_date, done, end)
        # The result is what was achieved; a plan item's wording said what was to be done.
        item = Achievement(task.id, task.title, task.result or "", task.unit_name, done, timeliness)
        found.append((task, item))
    found.sort(key=lambda pair: (*_placed(pair[0].report_order), pair[0].completed_on, pair[0].id))
    return found


def awaits_confirmation(task: TaskFact, built_on: date | None = None) -> bool:
    """Whether finished work was still awaiting the director's confirmation on `built_on`
    (handed in and not confirmed, or confirmed only after that day; None: as it stands)."""
    if task.status == Status.SUBMITTED:
        return True
    confirmed = task.confirmed_on
    return task.status == Status.DONE and None not in (built_on, confirmed) and confirmed > built_on


def pending_of(
    window: Window, tasks: Iterable[TaskFact], built_on: date | None = None
) -> list[PendingItem]:
    """Work reported done within the window and not confirmed by `built_on`, oldest first."""
    items = [
        PendingItem(t.id, t.title, t.unit_name, t.completed_on, t.submitted_on)
        for t in tasks
        if awaits_confirmation(t, built_on)
        and t.completed_on is not None
        and window.start <= t.completed_on <= window.end
    ]
    items.sort(key=lambda p: (p.completed_on, p.task_id))
    return items


def _placed(place: int | None) -> tuple[bool, int]:
    """Items the department placed come first, in its order; then the others."""
    return (place is None, place or 0)


def unfinished_of(window: Window, tasks: Iterable[TaskFact], as_of: date) -> list[UnfinishedItem]:
    """Tasks due by the window's end and not finished as of `as_of`: the carry-over, the
    most overdue first. Work awaiting confirmation is finished for this purpose."""
    items = []
    end = window.end
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
    """The next period's plan: its planned tasks in the department's order where it gave one
    (else by section, then deadline), then the carried-over ones."""
    carried_ids = {u.task_id for u in unfinished}
    fresh = [
        t
        for t in planned
        if t.id not in carried_ids
        and t.status != Status.CANCELLED
        and not is_finished(t.status, t.completed_on, as_of)
    ]
    fresh.sort(
        key=lambda t: (*_placed(t.plan_order), t.section_order, t.due_date or date.max, t.id)
    )
    plan = [_plan_item(i, t, False) for i, t in enumerate(fresh, start=1)]
    facts = {t.id: t for t in planned}
    start = len(plan) + 1
    for i, u in enumerate(unfinished):
        fact = facts.get(u.task_id)
        if fact is None:
            plan.append(PlanItem(start + i, u.task_id, u.title, u.unit, u.due_date, True))
        else:
            plan.append(_plan_item(start + i, fact, True))
    return plan


def _plan_item(no: int, task: TaskFact, carried: bool) -> PlanItem:
    return PlanItem(
        no,
        task.id,
        task.title,
        task.unit_name,
        task.due_date,
        carried,
        task.support_units,
        task.product,
        task.wording,
    )


def unit_stats(
    tasks: Iterable[TaskFact],
    as_of: date,
    unit_order: Sequence[str] = (),
    built_on: date | None = None,
) -> list[UnitStats]:
    """Counts by lead unit as of `as_of`, in `unit_order` (then by name); work awaiting
    confirmation on `built_on` in its own column."""
    kinds = Counter(
        (
            task.unit_name,
            classify(task.status, task.due_date, task.completed_on, as_of),
            awaits_confirmation(task, built_on),
        )
        for task in tasks
    )
    counts: dict[str, dict[str, int]] = {}
    for (name, kind, submitted), n in kinds.items():
        if kind is Timeliness.CANCELLED:
            continue
        row = counts.setdefault(name, dict.fromkeys(_STAT_FIELDS, 0))
        row["assigned"] += n
        if kind in DONE_KINDS and submitted:
            row["pending"] += n  # reported done: counted once confirmed, not before
        elif kind in DONE_KINDS:
            row["done_late" if kind is Timeliness.DONE_LATE else "done_on_time"] += n
        elif kind is Timeliness.OVERDUE:
            row["overdue"] += n
        elif kind in UNFINISHED_ON_TIME:
            row["unfinished_on_time"] += n
    rank = {name: i for i, name in enumerate(unit_order)}
    names = sorted(counts, key=lambda n: (rank.get(n, len(rank)), n))
    return [UnitStats(unit=name, **counts[name]) for name in names]


_STAT_FIELDS = ("assigned", "done_on_time", "done_late", "unfinished_on_time", "overdue", "pending")


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
    window: Window | None = None,
    previous_window: Window | None = None,
    department: str = "",
    indicators: Sequence[IndicatorResult] = (),
) -> Report:
    """Roll the period's tasks up into the report, as of its cut-off (the window's end);
    each chỉ tiêu's sentence goes under its section, before the tasks.

    A window still running is judged as of `today` instead: a task due next week is not
    "overdue" yet just because the quarter ends after it.
    """
    window = window or Window(period.start, period.end, WindowRule.CALENDAR)
    as_of = min(window.end, today) if today is not None else window.end
    tree = section_tree(sections)
    by_id = {node.id: node for top in tree for _, node in top.walk()}
    for task, item in achievements_of(window, period_tasks, today):
        target = by_id.get(task.section_id)
        if target is not None:
            target.achievements.append(item)
    by_code = {node.code: node for node in by_id.values()}
    for result in indicators:
        target = by_code.get(result.section_code or "")
        if target is not None and result.sentence:
            target.figures.append(result.sentence)
    unfinished = unfinished_of(window, period_tasks, as_of)
    previous = previous_window or report_window(period.previous(), window.rule)
    return Report(
        period=period,
        as_of=as_of,
        sections=tree,
        unfinished=unfinished,
        plan=plan_of(planned_tasks, unfinished, as_of),
        units=unit_stats(period_tasks, as_of, unit_order, today),
        previous_units={s.unit: s for s in unit_stats(previous_tasks, previous.end, unit_order)},
        texts=texts,
        organisation=organisation,
        generated_at=generated_at,
        window_start=window.start,
        window_rule=window.rule.value,
        pending=pending_of(window, period_tasks, today),
        department=department,
        indicators=list(indicators),
    )
