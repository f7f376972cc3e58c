"""Build the one report object of a period, and keep the director's texts for it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select

from tracker.common import clock
from tracker.common.exceptions import NotAllowed, ValidationFailed
from tracker.domain.periods import Period
from tracker.domain.report import (
    Report,
    ReportTexts,
    SectionNode,
    TaskFact,
    achievements_of,
    build_report,
    section_tree,
)
from tracker.domain.report_prose import lower_first
from tracker.domain.report_types import JSON_TEXTS
from tracker.domain.trees import tree_order
from tracker.extensions import db
from tracker.models import ReportText, Section, Task, Unit
from tracker.models._base import utcnow
from tracker.org.settings import organisation
from tracker.permissions import Action, Principal, can
from tracker.tasks.queries import period_clause, planned_for_clause, visibility_clause

TEXT_FIELDS = ("number", *JSON_TEXTS)
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LIMITS = {"number": 60, "signer_title": 160, "signer_name": 160}


def default_texts(period: Period) -> ReportTexts:
    """What a new period's report says until the director writes it."""
    name = organisation().prose_name or "Sở"
    return ReportTexts(
        introduction=(
            f"{name} báo cáo kết quả thực hiện nhiệm vụ {lower_first(period.label)} và phương "
            f"hướng, nhiệm vụ {lower_first(period.next().label)} như sau:"
        ),
        assessment="",
        difficulties="",
        proposals="",
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="",
        recipients="UBND tỉnh (b/c);\nBan Giám đốc Sở;\nCác phòng, đơn vị thuộc Sở;\nLưu: VT.",
        number="",
    )


def report_texts(period: Period) -> ReportTexts:
    stored = db.session.scalar(select(ReportText).where(ReportText.period == period.code))
    if stored is None:
        return default_texts(period)
    return ReportTexts(**{name: getattr(stored, name) or "" for name in TEXT_FIELDS})


def save_report_texts(user, principal: Principal, period: Period, data: dict) -> ReportText:
    """Save the director's texts of a period (director, admin)."""
    if not can(principal, Action.EDIT_REPORT):
        raise NotAllowed("Chỉ lãnh đạo Sở sửa được nội dung báo cáo.")
    stored = db.session.scalar(select(ReportText).where(ReportText.period == period.code))
    if stored is None:
        stored = ReportText(period=period.code)
        db.session.add(stored)
    for name in TEXT_FIELDS:
        if name not in data:
            continue
        value = (data[name] or "").replace("\r\n", "\n").strip()
        if len(value) > LIMITS.get(name, 20_000):
            raise ValidationFailed(f"Nội dung “{name}” quá dài.", field=name)
        setattr(stored, name, value)
    stored.updated_by_id = user.id
    stored.updated_at = utcnow()
    db.session.flush()
    return stored


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
) -> PeriodFacts:
    """The visible tasks of the period, planned for the next one, and of the previous one.

    One query, each task once with a flag per set: the sets overlap a great deal (every task
    carried over into the period was the previous period's too), and one pass over the task
    table costs less than three. Units are named from `unit_names` (id → name). The facts
    come in no particular order (an ORDER BY made PostgreSQL walk the whole primary key):
    the roll-up sorts all it lists, task ids last.
    """
    sets = (
        period_clause(period),
        planned_for_clause(period.next()),
        period_clause(period.previous()),
    )
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
        *sets,
    ).where(visibility_clause(principal), or_(*sets))
    facts = PeriodFacts([], [], [])
    orders: dict[int | None, tuple[int]] = {}  # one tuple a section, shared by its tasks
    # Run on the session's connection: for plain columns the ORM's row loading only adds
    # time. What the session holds unflushed is flushed first, as its execute would.
    if db.session.autoflush:
        db.session.flush()
    for rows in db.session.connection().execute(stmt).partitions(2000):
        for row in rows:
            task_id, title, result, section_id, unit_id, status, due, done, planned_in = row[:9]
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
            )
            # A flag is true, false or NULL (unknown: where the WHERE would not select it).
            in_period, planned, in_previous = row[9:]
            if in_period:
                facts.period.append(fact)
            if planned:
                facts.planned.append(fact)
            if in_previous:
                facts.previous.append(fact)
    return facts


def build_period_report(principal: Principal, period: Period) -> Report:
    """The report of `period` over the tasks the principal may see."""
    if not can(principal, Action.VIEW_REPORT):
        raise NotAllowed("Bạn không có quyền xem báo cáo.")
    sections, units = _section_rows(), _unit_rows()
    walked = (
        node for tree in section_tree(_kept_sections(sections, None)) for _, node in tree.walk()
    )
    rank = {node.id: i for i, node in enumerate(walked)}
    facts = period_report_facts(principal, period, rank, {row.id: row.name for row in units})
    achieved_in = {task.section_id for task, _ in achievements_of(period, facts.period, period.end)}
    return build_report(
        period,
        _kept_sections(sections, achieved_in),
        facts.period,
        facts.planned,
        facts.previous,
        texts=report_texts(period),
        organisation=organisation(),
        generated_at=datetime.now(LOCAL_TZ).replace(microsecond=0, tzinfo=None),
        unit_order=[row.name for row, _ in tree_order(units)],
        today=clock.today(),
    )
