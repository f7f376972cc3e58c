"""The document registry: how far each document's tasks have come, lists, neighbours, directives.

The use cases that change the registry live in document_records (documents) and
issuer_dictionary (issuers); they are importable from here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from tracker.common.pagination import paginate
from tracker.domain.timeliness import DONE_KINDS, Timeliness
from tracker.extensions import db
from tracker.models import DIRECTIVE_TYPES, Document, Task, task_document
from tracker.permissions import Principal
from tracker.tasks.queries import TaskFilter, count_by_timeliness, task_list, visibility_clause
from tracker.tasks.timeliness_sql import timeliness_clause, timeliness_expr


@dataclass(frozen=True)
class DocumentProgress:
    """Counts of a document's (visible) tasks by outcome, as of a date."""

    total: int = 0
    done: int = 0
    overdue: int = 0
    cancelled: int = 0

    @property
    def active(self) -> int:
        return self.total - self.cancelled

    @property
    def open(self) -> int:
        return self.active - self.done

    @property
    def share_done(self) -> float | None:
        return None if self.active == 0 else self.done / self.active

    @property
    def summary(self) -> str:
        """ "3/4 nhiệm vụ hoàn thành, 1 quá hạn" """
        if self.total == 0:
            return "Chưa có nhiệm vụ"
        text = f"{self.done}/{self.active} nhiệm vụ hoàn thành"
        if self.overdue:
            text += f", {self.overdue} quá hạn"
        return text


def document_progress(
    principal: Principal, document_ids: Iterable[int], as_of: date, due_soon_days: int = 7
) -> dict[int, DocumentProgress]:
    """Progress of each document's visible tasks, in one grouped query."""
    ids = sorted(set(document_ids))
    if not ids:
        return {}
    kind = timeliness_expr(as_of, due_soon_days).label("kind")
    stmt = (
        select(task_document.c.document_id, kind, func.count())
        .select_from(Task)
        .join(task_document, task_document.c.task_id == Task.id)
        .where(task_document.c.document_id.in_(ids), visibility_clause(principal))
        .group_by(task_document.c.document_id, kind)
    )
    tallies: dict[int, dict[str, int]] = {}
    for document_id, name, n in db.session.execute(stmt):
        tallies.setdefault(document_id, {})[name] = n
    result = {}
    for document_id in ids:
        counts = tallies.get(document_id, {})
        result[document_id] = DocumentProgress(
            total=sum(counts.values()),
            done=sum(counts.get(k.value, 0) for k in DONE_KINDS),
            overdue=counts.get(Timeliness.OVERDUE.value, 0),
            cancelled=counts.get(Timeliness.CANCELLED.value, 0),
        )
    return result


# -- one document's neighbours -----------------------------------------------------------------


def cited_with(document: Document, principal: Principal) -> list[tuple[Document, int]]:
    """Documents cited together with this one by visible tasks, with how many tasks share them."""
    mine = task_document.alias("mine")
    other = task_document.alias("other")
    shared = func.count(func.distinct(other.c.task_id)).label("shared")
    stmt = (
        select(other.c.document_id, shared)
        .select_from(mine)
        .join(other, other.c.task_id == mine.c.task_id)
        .join(Task, Task.id == mine.c.task_id)
        .where(
            mine.c.document_id == document.id,
            other.c.document_id != document.id,
            visibility_clause(principal),
        )
        .group_by(other.c.document_id)
    )
    counts = dict(db.session.execute(stmt).all())
    if not counts:
        return []
    documents = db.session.scalars(select(Document).where(Document.id.in_(counts))).all()
    ranked = sorted(documents, key=lambda d: (-counts[d.id], d.doc_type, d.symbol))
    return [(d, counts[d.id]) for d in ranked]


@dataclass(frozen=True)
class DocumentOverview:
    """What a document's page shows: its visible tasks, their progress, its neighbours."""

    document: Document
    progress: DocumentProgress
    tasks: list[Task]
    task_total: int
    by_timeliness: dict[str, int]
    cited_with: list[tuple[Document, int]]

    @property
    def more_tasks(self) -> int:
        """Tasks left off the page (the task list shows them all)."""
        return self.task_total - len(self.tasks)


def document_overview(
    principal: Principal, document: Document, as_of: date, due_soon_days: int = 7, limit=200
) -> DocumentOverview:
    """A document with the tasks implementing it that the principal may see, most urgent first."""
    f = TaskFilter(document_id=document.id, as_of=as_of, due_soon_days=due_soon_days, sort="due")
    page = paginate(task_list(principal, f), 1, limit)
    return DocumentOverview(
        document=document,
        progress=document_progress(principal, [document.id], as_of, due_soon_days)[document.id],
        tasks=page.items,
        task_total=page.total,
        by_timeliness=count_by_timeliness(principal, f),
        cited_with=cited_with(document, principal),
    )


# -- the director's directive view ---------------------------------------------------------------


@dataclass(frozen=True)
class DirectiveRow:
    """A directive document, how far its visible tasks have come, and its worst delay."""

    document: Document
    progress: DocumentProgress
    days_overdue: int  # of its most overdue task; 0 when none is overdue


def directive_ranking(
    principal: Principal, as_of: date, due_soon_days: int = 7, doc_type: str | None = None
) -> list[DirectiveRow]:
    """Directive documents with visible tasks, most overdue first.

    Sorted by the number of overdue tasks, then by the days of the most overdue one, then by
    the share still open, then newest first.
    """
    types = [doc_type] if doc_type else list(DIRECTIVE_TYPES)
    with_tasks = (
        select(task_document.c.document_id)
        .join(Task, Task.id == task_document.c.task_id)
        .join(Document, Document.id == task_document.c.document_id)
        .where(Document.doc_type.in_(types), visibility_clause(principal))
        .distinct()
    )
    ids = list(db.session.scalars(with_tasks))
    if not ids:
        return []
    progress = document_progress(principal, ids, as_of, due_soon_days)
    oldest_due = dict(
        db.session.execute(
            select(task_document.c.document_id, func.min(Task.due_date))
            .join(Task, Task.id == task_document.c.task_id)
            .where(
                task_document.c.document_id.in_(ids),
                visibility_clause(principal),
                timeliness_clause(Timeliness.OVERDUE.value, as_of, due_soon_days),
            )
            .group_by(task_document.c.document_id)
        ).all()
    )
    documents = db.session.scalars(select(Document).where(Document.id.in_(ids))).all()
    rows = [
        DirectiveRow(
            document=d,
            progress=progress[d.id],
            days_overdue=(as_of - oldest_due[d.id]).days if d.id in oldest_due else 0,
        )
        for d in documents
    ]

    def rank(row: DirectiveRow):
        share = row.progress.share_done
        issued = row.document.issued_on.toordinal() if row.document.issued_on else 0
        return (
            -row.progress.overdue,
            -row.days_overdue,
            -row.progress.open,
            1.0 if share is None else share,
            -issued,
            row.document.id,
        )

    return sorted(rows, key=rank)


def directive_totals(rows: list[DirectiveRow]) -> dict[str, int]:
    """The figures above the directive view: documents, those late, and their tasks."""
    return {
        "documents": len(rows),
        "with_overdue": sum(1 for r in rows if r.progress.overdue),
        "overdue_tasks": sum(r.progress.overdue for r in rows),
        "done": sum(r.progress.done for r in rows),
        "active": sum(r.progress.active for r in rows),
    }
