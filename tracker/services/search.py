"""One search over tasks and documents: accent-insensitive, ranked, highlighted, scoped."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import func, select

from ..extensions import db
from ..highlight import highlight as mark_words
from ..models import Document, Task
from ..permissions import Principal
from ..queries import dialect_name, visibility_clause
from ..search_index import match_ids, tokens


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
    task_stmt = (
        select(Task, task_hits.c.rank)
        .join(task_hits, task_hits.c.id == Task.id)
        .where(visibility_clause(principal))
    )
    task_total = db.session.scalar(
        select(func.count()).select_from(task_stmt.order_by(None).subquery())
    )
    tasks = db.session.execute(
        task_stmt.order_by(task_hits.c.rank, Task.id.desc()).limit(limit).offset(offset)
    ).all()
    doc_hits = match_ids("document", query, dialect)
    doc_stmt = select(Document, doc_hits.c.rank).join(doc_hits, doc_hits.c.id == Document.id)
    document_total = db.session.scalar(
        select(func.count()).select_from(doc_stmt.order_by(None).subquery())
    )
    documents = db.session.execute(
        doc_stmt.order_by(doc_hits.c.rank, Document.id.desc()).limit(limit).offset(offset)
    ).all()
    return SearchResults(
        query=query,
        terms=terms,
        tasks=[(row[0], row[1]) for row in tasks],
        task_total=task_total or 0,
        documents=[(row[0], row[1]) for row in documents],
        document_total=document_total or 0,
    )
