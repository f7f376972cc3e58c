"""One search over tasks and documents: accent-insensitive, ranked, highlighted, scoped."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import func, select

from tracker.common.answer_cache import rows_of, scalar_of
from tracker.common.pagination import rows_in_key_order
from tracker.models import Document, Task
from tracker.models.fulltext import match_ids, tokens
from tracker.permissions import Principal
from tracker.tasks.queries import visibility_clause
from tracker.tasks.timeliness_sql import dialect_name
from tracker.web.highlight import highlight as mark_words


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    tasks: list[tuple[Task, float]]
    task_total: int
    documents: list[tuple[Document, float]]
    document_total: int


def highlight(text: str | None, terms: list[str]) -> Markup:
    """The text, escaped, with every word starting with one of the terms in <mark>."""
    return mark_words(text, terms, word_start=True)


def search(principal: Principal, query: str, limit: int = 20, offset: int = 0) -> SearchResults:
    """Tasks the principal may see and registry documents matching every word of the query."""
    terms = tokens(query)
    if not terms:
        return SearchResults(query, [], [], 0, [], 0)
    dialect = dialect_name()
    task_hits = match_ids("task", query, dialect)
    # Keys and ranks first (kept per data version, like the lists), then the rows shown.
    task_keys = (
        select(Task.id, task_hits.c.rank)
        .join(task_hits, task_hits.c.id == Task.id)
        .where(visibility_clause(principal))
    )
    task_total = scalar_of(select(func.count()).select_from(task_keys.subquery()))
    tasks = _rows_of_page(
        Task, task_keys.order_by(task_hits.c.rank, Task.id.desc()).limit(limit).offset(offset)
    )
    doc_hits = match_ids("document", query, dialect)
    doc_keys = select(Document.id, doc_hits.c.rank).join(doc_hits, doc_hits.c.id == Document.id)
    document_total = scalar_of(select(func.count()).select_from(doc_keys.subquery()))
    documents = _rows_of_page(
        Document,
        doc_keys.order_by(doc_hits.c.rank, Document.id.desc()).limit(limit).offset(offset),
    )
    return SearchResults(
        query=query,
        terms=terms,
        tasks=tasks,
        task_total=task_total or 0,
        documents=documents,
        document_total=document_total or 0,
    )


def _rows_of_page(model, keys_stmt) -> list[tuple]:
    """(row, rank) in the order of the page's (id, rank) keys."""
    ranks = dict(rows_of(keys_stmt))
    rows = rows_in_key_order(select(model), model.id, list(ranks))
    return [(row, ranks[row.id]) for row in rows]
