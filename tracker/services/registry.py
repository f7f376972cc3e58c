"""The document registry's shared figures: how far the tasks implementing each document are."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..domain.timeliness import DONE_KINDS, Timeliness
from ..extensions import db
from ..models import Task, task_document
from ..permissions import Principal
from ..queries import timeliness_expr, visibility_clause


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

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "done": self.done,
            "overdue": self.overdue,
            "cancelled": self.cancelled,
            "summary": self.summary,
        }


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
