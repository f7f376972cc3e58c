"""Register legal documents and link the tasks that cite them."""

from __future__ import annotations

from sqlalchemy import select

from tracker.common.exceptions import NotFound, ValidationFailed
from tracker.common.lookup import as_id
from tracker.domain.issuers import issuer_name
from tracker.domain.legal_refs import LegalRef, find_refs, parse_ref, symbol_key
from tracker.domain.text import fold_join
from tracker.extensions import db
from tracker.models import Document, Issuer, Task


def get_document(document_id) -> Document:
    """A registered document by id, or NotFound."""
    ident = as_id(document_id)
    document = db.session.get(Document, ident) if ident is not None else None
    if document is None:
        raise NotFound("Không có văn bản này trong danh mục.")
    return document


def dedupe_key(symbol: str, year: int | None) -> str:
    """The registry's uniqueness key: one document per symbol (however written) and year."""
    return f"{symbol_key(symbol)}|{year if year is not None else ''}"


def issuer_overrides() -> dict[str, str]:
    """The admin's edits to the issuer dictionary."""
    return {code: name for code, name in db.session.execute(select(Issuer.code, Issuer.name))}


def refresh_search_text(document: Document) -> None:
    document.search_text = fold_join(
        document.doc_type, document.symbol, document.title, document.issuer_name
    )


def ensure_document(ref: LegalRef, title: str | None = None) -> Document:
    """The registered document for a reference, created from its parsed fields if new.

    A document created this way has no title yet and is marked as needing one.
    """
    key = dedupe_key(ref.symbol, ref.year)
    document = db.session.scalar(select(Document).where(Document.dedupe_key == key))
    if document is None and ref.year is None:
        # "4366/BTTTT-HTQT" written without a year matches the one registered with a year.
        matches = db.session.scalars(
            select(Document).where(
                Document.dedupe_key.startswith(symbol_key(ref.symbol) + "|", autoescape=True)
            )
        ).all()
        document = matches[0] if len(matches) == 1 else None
    if document is not None:
        if document.issued_on is None and ref.date is not None:
            document.issued_on = ref.date
        return document
    document = Document(
        doc_type=ref.type,
        symbol=ref.symbol,
        dedupe_key=key,
        number=ref.number,
        year=ref.year,
        issuer_code=ref.issuer_code,
        issuer_name=issuer_name(ref.issuer_code, issuer_overrides()) if ref.issuer_code else None,
        issued_on=ref.date,
        title=title,
        needs_title=not title,
    )
    refresh_search_text(document)
    db.session.add(document)
    db.session.flush()
    return document


def document_from_text(text: str, field: str = "documents") -> Document:
    """A document from a reference typed by a user ("Quyết định 135/QĐ-TTg ngày ...")."""
    ref = parse_ref(text)
    if ref is None:
        raise ValidationFailed(
            f"“{text}” không phải là số, ký hiệu văn bản (ví dụ: Quyết định 135/QĐ-TTg).",
            field=field,
        )
    return ensure_document(ref)


def cited_documents(*texts: str | None) -> list[Document]:
    """Every document cited in the texts, registered if new, in order, without repeats."""
    found: list[Document] = []
    for text in texts:
        for ref in find_refs(text or ""):
            document = ensure_document(ref)
            if document not in found:
                found.append(document)
    return found


def link_cited_documents(task: Task) -> list[Document]:
    """Link the task to every document its description or result cites; return new links."""
    added = []
    for document in cited_documents(task.description, task.result):
        if document not in task.documents:
            task.documents.append(document)
            added.append(document)
    return added
