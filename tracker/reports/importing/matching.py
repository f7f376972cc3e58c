"""What the database already holds of a report being imported: the items imported before
(found by their words in the same section and period) and the documents already registered.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select

from tracker.documents.linking import dedupe_key
from tracker.domain.legal_refs import symbol_key
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import Document, Task
from tracker.reports.importing.plan import DocumentPlan, ImportPlan


def _space(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def mark_duplicates(plan: ImportPlan) -> None:
    """Items whose result (or plan text) is already a task of the same section (period)."""
    ids = {s.key: s.existing_id for s in plan.sections}
    section_ids = sorted({i for i in ids.values() if i is not None})
    window = plan.window or plan.period  # the days the items are dated in
    done = set()
    if section_ids:
        rows = db.session.execute(
            select(Task.section_id, Task.result).where(
                Task.section_id.in_(section_ids),
                Task.status.in_([Status.DONE.value, Status.SUBMITTED.value]),
                Task.completed_on.between(window.start, window.end),
            )
        )
        done = {(sid, _space(result)) for sid, result in rows}
    for item in plan.items:
        item.duplicate = (ids.get(item.section_key), _space(item.text)) in done
    planned = {
        _space(text)
        for text in db.session.scalars(
            select(func.coalesce(Task.report_wording, Task.description)).where(
                Task.planned_period == plan.next_period.code
            )
        )
    }
    for task in plan.plan_tasks:
        task.duplicate = _space(task.text) in planned


def document_plans(plan: ImportPlan) -> list[DocumentPlan]:
    """The distinct documents the references name, with the registered ones found."""
    found: dict[tuple[str, int | None], DocumentPlan] = {}
    for ref in [r for i in plan.items for r in i.refs] + [
        r for p in plan.plan_tasks for r in p.refs
    ]:
        if ref.key in found:
            found[ref.key].mentions += 1
        else:
            found[ref.key] = DocumentPlan(ref)
    keys = [dedupe_key(d.ref.symbol, d.ref.year) for d in found.values()]
    registered = {
        row.dedupe_key: row
        for row in db.session.scalars(select(Document).where(Document.dedupe_key.in_(keys)))
    }
    for entry in found.values():
        document = registered.get(dedupe_key(entry.ref.symbol, entry.ref.year))
        if document is None and entry.ref.year is None:
            prefix = symbol_key(entry.ref.symbol) + "|"
            matches = db.session.scalars(
                select(Document).where(Document.dedupe_key.startswith(prefix))
            ).all()
            document = matches[0] if len(matches) == 1 else None
        if document is not None:
            entry.existing_id, entry.title = document.id, document.title
    return list(found.values())
