"""Build the one report object of a period, and keep the director's texts for it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..domain.periods import Period
from ..domain.report import (
    Report,
    ReportTexts,
    SectionNode,
    TaskFact,
    achievements_of,
    build_report,
    section_tree,
)
from ..domain.report_prose import lower_first
from ..domain.trees import tree_order
from ..extensions import db
from ..models import ReportText, Section, Task, Unit
from ..models._base import utcnow
from ..permissions import Action, Principal, can
from ..queries import period_clause, planned_for_clause, visibility_clause
from . import NotAllowed, ValidationFailed
from .settings import organisation

TEXT_FIELDS = (
    "number",
    "introduction",
    "assessment",
    "difficulties",
    "proposals",
    "signer_title",
    "signer_name",
    "recipients",
)
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
    rows = db.session.execute(
        select(
            Section.id,
            Section.code,
            Section.title,
            Section.parent_id,
            Section.sort_order,
            Section.active,
        ).order_by(Section.sort_order, Section.code)
    ).all()
    parents = {row.id: row.parent_id for row in rows}
    wanted: set[int] = set()
    for section_id in keep or ():
        while section_id is not None and section_id not in wanted:
            wanted.add(section_id)
            section_id = parents.get(section_id)
    return [SectionNode(*row[:5]) for row in rows if keep is None or row.active or row.id in wanted]


def unit_names_in_order() -> list[str]:
    """Unit names in tree order (parents before children, siblings by their order)."""
    rows = db.session.execute(
        select(Unit.id, Unit.parent_id, Unit.name).order_by(Unit.sort_order, Unit.name)
    ).all()
    return [row.name for row, _ in tree_order(rows)]


def task_facts(principal: Principal, where, section_rank: dict[int, int]) -> list[TaskFact]:
    """The report's view of the visible tasks matching `where`, in one query."""
    stmt = (
        select(
            Task.id,
            Task.title,
            Task.result,
            Task.section_id,
            Task.lead_unit_id,
            Unit.name,
            Task.status,
            Task.due_date,
            Task.completed_on,
            Task.planned_period,
        )
        .join(Unit, Unit.id == Task.lead_unit_id)
        .where(visibility_clause(principal), where)
        .order_by(Task.id)
    )
    return [
        TaskFact(*row, section_order=(section_rank.get(row.section_id, 10**6),))
        for row in db.session.execute(stmt)
    ]


def build_period_report(principal: Principal, period: Period) -> Report:
    """The report of `period` over the tasks the principal may see."""
    if not can(principal, Action.VIEW_REPORT):
        raise NotAllowed("Bạn không có quyền xem báo cáo.")
    walked = (node for tree in section_tree(section_nodes(None)) for _, node in tree.walk())
    rank = {node.id: i for i, node in enumerate(walked)}
    period_tasks = task_facts(principal, period_clause(period), rank)
    achieved_in = {task.section_id for task, _ in achievements_of(period, period_tasks, period.end)}
    return build_report(
        period,
        section_nodes(keep=achieved_in),
        period_tasks,
        task_facts(principal, planned_for_clause(period.next()), rank),
        task_facts(principal, period_clause(period.previous()), rank),
        texts=report_texts(period),
        organisation=organisation(),
        generated_at=datetime.now(LOCAL_TZ).replace(microsecond=0, tzinfo=None),
        unit_order=unit_names_in_order(),
        today=date.today(),
    )
