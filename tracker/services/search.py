"""One search over tasks and documents: accent-insensitive, ranked, highlighted, scoped."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import func, select

from ..extensions import db
from ..models import Document, Task
from ..permissions import Principal
from ..queries import dialect_name, visibility_clause
from ..search_index import match_ids, tokens

_EXTRA = {"đ": "d", "Đ": "d"}


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    tasks: list[tuple[Task, float]]
    task_total: int
    documents: list[tuple[Document, float]]
    document_total: int


def _fold_char(char: str) -> str:
    char = _EXTRA.get(char, char)
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def highlight(text: str | None, terms: list[str]) -> Markup:
    """The text, escaped, with every word starting with one of the terms in <mark>."""
    if not text:
        return Markup("")
    folded_parts = [_fold_char(c) for c in text]
    folded = "".join(folded_parts)
    owner = [i for i, part in enumerate(folded_parts) for _ in part]  # folded → original
    marked = [False] * len(text)
    for term in terms:
        start = folded.find(term)
        while start != -1:
            at_word_start = start == 0 or not folded[start - 1].isalnum()
            if at_word_start:
                for position in range(start, start + len(term)):
                    marked[owner[position]] = True
            start = folded.find(term, start + 1)
    pieces, run = [], []
    current = False
    for char, flag in zip(text, marked, strict=True):
        if flag != current and run:
            pieces.append(_wrap("".join(run), current))
            run = []
        current = flag
        run.append(char)
    if run:
        pieces.append(_wrap("".join(run), current))
    return Markup("").join(pieces)


def _wrap(chunk: str, marked: bool) -> Markup:
    return Markup("<mark>{}</mark>").format(chunk) if marked else escape(chunk)


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
