"""Build the one report object of a period, from one query over the tasks it counts.

The report covers a window (its days, ending at the cut-off: domain/report/window.py) and a
unit: the department's own report, or a division's to the department.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import NamedTuple

from sqlalchemy import String, cast, func, or_, select

from tracker.common import clock
from tracker.common.exceptions import NotAllowed
from tracker.domain.periods import Period
from tracker.domain.report import (
    Report,
    SectionNode,
    TaskFact,
    achievements_of,
    build_report,
    section_tree,
)
from tracker.domain.report.window import Window, WindowRule, report_window
from tracker.domain.trees import tree_order
from tracker.extensions import db
from tracker.indicators.report import report_indicators
from tracker.models import Section, Task, Unit, task_support_unit
from tracker.org.settings import window_rule
from tracker.permissions import Action, Principal, can, subtree_index
from tracker.reports.texts import department, drafted_difficulties, report_words
from tracker.tasks.queries import planned_for_clause, visibility_clause, window_clause


def section_nodes(keep: Iterable[int] | None = ()) -> list[SectionNode]:
    """The headings in use, plus the retired ones in `keep` (with their parents), so that a
    retired heading still shows what was achieved under it; every heading when keep is None."""
    return _kept_sections(_section_rows(), keep)


def _section_rows() -> list:
    return db.session.execute(
        select(
            Section.id,
            Section.code,
            Section.title,
            Section.parent_id,
            Section.sort_order,
            Section.active,
        ).order_by(Section.sort_order, Section.code)
    ).all()


def _kept_sections(rows, keep: Iterable[int] | None) -> list[SectionNode]:
    parents = {row.id: row.parent_id for row in rows}
    wanted: set[int] = set()
    for section_id in keep or ():
        while section_id is not None and section_id not in wanted:
            wanted.add(section_id)
            section_id = parents.get(section_id)
    return [SectionNode(*row[:5]) for row in rows if keep is None or row.active or row.id in wanted]


def _unit_rows() -> list:
    """Every unit's id, parent and name, siblings in their order (see `tree_order`)."""
    return db.session.execute(
        select(Unit.id, Unit.parent_id, Unit.name).order_by(Unit.sort_order, Unit.name)
    ).all()


class PeriodFacts(NamedTuple):
    """The tasks a period's report is rolled up from."""

    period: list[TaskFact]  # the period's own tasks
    planned: list[TaskFact]  # planned for the next period
    previous: list[TaskFact]  # the previous period's tasks (its statistics)


def period_report_facts(
    principal: Principal,
    period: Period,
    section_rank: dict[int, int],
    unit_names: dict[int, str],
    window: Window | None = None,
    previous: Window | None = None,
    units: frozenset[int] | None = None,
) -> PeriodFacts:
    """The visible tasks of the period, planned for the next one, and of the previous one.

    One query, each task once with a flag per set: the sets overlap a great deal (every task
    carried over into the period was the previous period's too), and one pass over the task
    table costs less than three. Units are named from `unit_names` (id → name). The facts
    come in no particular order (an ORDER BY made PostgreSQL walk the whole primary key):
    the roll-up sorts all it lists, task ids last.
    """
    window = window or Window(period.start, period.end, WindowRule.CALENDAR)
    previous = previous or report_window(period.previous(), window.rule)
    sets = (
        window_clause(window.start, window.end, period),
        next_plan_clause(period, window),
        window_clause(previous.start, previous.end, period.previous()),
    )
    scope = [visibility_clause(principal), or_(*sets)]
    if units is not None:  # a division's own report counts its subtree's work
        scope.append(Task.lead_unit_id.in_(sorted(units)))
    stmt = select(
        Task.id,
        Task.title,
        Task.result,
        Task.section_id,
        Task.lead_unit_id,
        Task.status,
        Task.due_date,
        Task.completed_on,
        Task.planned_period,
        Task.submitted_on,
        Task.confirmed_on,
        Task.product,
        Task.report_order,
        Task.plan_order,
        Task.report_wording,
        _support_ids(),
        *sets,
    ).where(*scope)
    facts = PeriodFacts([], [], [])
    orders: dict[int | None, tuple[int]] = {}  # one tuple a section, shared by its tasks
    unit_rank = {unit_id: i for i, unit_id in enumerate(unit_names)}
    # Run on the session's connection: for plain columns the ORM's row loading only adds
    # time. What the session holds unflushed is flushed first, as its execute would.
    if db.session.autoflush:
        db.session.flush()
    for rows in db.session.connection().execute(stmt).partitions(2000):
        for row in rows:
            task_id, title, result, section_id, unit_id, status, due, done, planned_in = row[:9]
            submitted, confirmed, product, order_in_report, order_in_plan, wording = row[9:15]
            support = _support_names(row[15], unit_names, unit_rank) if row[15] else ()
            unit = unit_names.get(unit_id)
            if unit is None:  # every task has a lead unit; a row without one was never listed
                continue
            order = orders.get(section_id)
            if order is None:
                order = orders[section_id] = (section_rank.get(section_id, 10**6),)
            fact = TaskFact(
                task_id,
                title,
                result,
                section_id,
                unit_id,
                unit,
                status,
                due,
                done,
                planned_in,
                order,
                submitted,
                confirmed,
                product,
                order_in_report,
                wording,
                support,
                order_in_plan,
            )
            # A flag is true, false or NULL (unknown: where the WHERE would not select it).
            in_period, planned, in_previous = row[16:]
            if in_period:
                facts.period.append(fact)
            if planned:
                facts.planned.append(fact)
            if in_previous:
                facts.previous.append(fact)
    return facts


def build_period_report(
    principal: Principal,
    period: Period,
    unit: Unit | None = None,
    window: Window | None = None,
    on: date | None = None,
) -> Report:
    """The report of `period` over the tasks the principal may see: the department's, or
    `unit`'s own (its subtree's work), over the window the settings choose, as it stands
    `on` a day (today; an issued report, its issue date: what was confirmed by then)."""
    if not can(principal, Action.VIEW_REPORT):
        raise NotAllowed("Bạn không có quyền xem báo cáo.")
    top = department()
    unit = unit or top
    rule = window.rule if window is not None else window_rule()
    window = window or report_window(period, rule)
    previous = report_window(period.previous(), rule)
    sections, units = _section_rows(), _unit_rows()
    walked = (
        node for tree in section_tree(_kept_sections(sections, None)) for _, node in tree.walk()
    )
    rank = {node.id: i for i, node in enumerate(walked)}
    names = {row.id: row.name for row in units}
    scope = None
    if unit is not None and top is not None and unit.id != top.id:
        scope = subtree_index([(row.id, row.parent_id) for row in units]).get(unit.id)
    facts = period_report_facts(principal, period, rank, names, window, previous, scope)
    achieved_in = {task.section_id for task, _ in achievements_of(window, facts.period)}
    division = unit.id if scope is not None else None  # the department: every chỉ tiêu
    indicators = report_indicators(period, division, on or clock.today())
    with_figures = {i.section_code for i in indicators if i.sentence}
    achieved_in |= {row.id for row in sections if row.code in with_figures}
    words = report_words(period, unit, top)
    texts = words.texts
    if not words.written:  # until the director writes, the work speaks
        texts = replace(
            texts, difficulties=drafted_difficulties(window, {t.id for t in facts.period})
        )
    return build_report(
        period,
        _kept_sections(sections, achieved_in),
        facts.period,
        facts.planned,
        facts.previous,
        texts=texts,
        organisation=words.organisation,
        generated_at=clock.now().replace(microsecond=0, tzinfo=None),
        unit_order=[row.name for row, _ in tree_order(units)],
        today=on or clock.today(),
        window=window,
        previous_window=previous,
        department=unit.name if unit is not None else "",
        indicators=indicators,
    )


def next_plan_clause(period: Period, window: Window):
    """The next period's plan: planned for it, or due within its data window (so that, with
    the Decree 09 windows, work due between this cut-off and the period's end is planned)."""
    following = report_window(period.next(), window.rule)
    return planned_for_clause(period.next(), following.start, following.end)


def _support_ids():
    """A task's supporting units' ids, comma-separated: read with the task itself (a lookup
    on the support table's key), not in a second pass over the table."""
    return (
        select(func.aggregate_strings(cast(task_support_unit.c.unit_id, String), ","))
        .where(task_support_unit.c.task_id == Task.id)
        .scalar_subquery()
    )


def _support_names(ids: str, names: dict[int, str], rank: dict[int, int]) -> tuple[str, ...]:
    """The supporting units' names, in the units' own order (the plan prints them)."""
    found = [int(i) for i in ids.split(",") if int(i) in names]
    return tuple(names[i] for i in sorted(found, key=rank.__getitem__))
