"""Helpers of the registry's page tests: documents made directly, and pages read as text."""

from __future__ import annotations

import html

from sqlalchemy import func, select

from tracker.documents.linking import ensure_document
from tracker.domain.legal_refs import parse_ref
from tracker.extensions import db
from tracker.models import Document


def doc(text: str, title: str | None = "Trích yếu") -> Document:
    document = ensure_document(parse_ref(text), title=title)
    db.session.commit()
    return document


def implement(task, *documents) -> None:
    """Link a task to documents (holding the task, so that it is not collected first)."""
    task.documents.extend(documents)
    db.session.commit()


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def documents_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Document))
