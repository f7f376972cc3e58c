"""The registry list: filters (type, issuer, year, accent-free search), sorts and facets.

Documents are not unit-private: every signed-in reader sees the whole registry; only the
progress figures shown beside them depend on who looks (see registry.document_progress).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from marshmallow import EXCLUDE
from sqlalchemy import ColumnElement, Select, func, select

from tracker.api.schemas import ApiSchema, Parsed, load
from tracker.common.exceptions import ValidationFailed
from tracker.documents.issuers import matching_codes
from tracker.documents.linking import issuer_overrides
from tracker.domain.issuers import issuer_name
from tracker.domain.legal_refs import DOCUMENT_TYPES
from tracker.domain.text import fold, search_terms, whole_number
from tracker.extensions import db
from tracker.models import DIRECTIVE_TYPES, Document

_NEWEST = (
    Document.year.is_(None),
    Document.year.desc(),
    Document.issued_on.is_(None),
    Document.issued_on.desc(),
    Document.id.desc(),
)
DOCUMENT_SORTS = {
    "-issued": _NEWEST,
    "issued": (
        Document.year.is_(None),
        Document.year,
        Document.issued_on.is_(None),
        Document.issued_on,
        Document.id,
    ),
    "type": (Document.doc_type, *_NEWEST),
    "-created": (Document.created_at.desc(), Document.id.desc()),
}
SORT_LABELS = {
    "-issued": "Mới nhất",
    "issued": "Cũ nhất",
    "type": "Theo loại",
    "-created": "Mới đăng ký",
}


@dataclass
class DocumentFilter:
    """The filters of the registry list, as pages and the API accept them."""

    doc_type: str | None = None
    issuer_code: str | None = None
    year: int | None = None
    q: str | None = None
    needs_title: bool = False
    directives_only: bool = False
    sort: str = "-issued"

    @property
    def active(self) -> bool:
        """Whether anything narrows the list."""
        return (
            any((self.doc_type, self.issuer_code, self.year, self.q, self.needs_title))
            or self.directives_only
        )


def _year(value) -> int:
    year = whole_number(str(value), 4)
    if year is None or not 1900 <= year <= 2100:
        shown = str(value).strip()[:20]
        raise ValidationFailed(f"Năm “{shown}” không hợp lệ (từ 1900 đến 2100).", field="year")
    return year


def _sort(value) -> str:
    if value not in DOCUMENT_SORTS:
        raise ValidationFailed(f"Cách sắp xếp “{value}” không hợp lệ.", field="sort")
    return value


def _flag(value) -> bool:
    return str(value).lower() in ("1", "true", "yes", "on")


def _trimmed(limit: int):
    return lambda value: str(value).strip()[:limit] or None


class DocumentListArgs(ApiSchema):
    """The registry list's query arguments, as the pages and the API take them."""

    class Meta:
        unknown = EXCLUDE

    type = Parsed(_trimmed(60), {"type": "string", "description": "Type in full: “Quyết định”."})
    issuer = Parsed(_trimmed(40), {"type": "string", "description": "Issuer code: TTg, UBND."})
    year = Parsed(_year, {"type": "integer", "minimum": 1900, "maximum": 2100})
    q = Parsed(
        _trimmed(200),
        {"type": "string", "description": "Search type, symbol, title, issuer; no accents."},
    )
    needs_title = Parsed(_flag, {"type": "boolean", "description": "Only those without a title."})
    directives = Parsed(_flag, {"type": "boolean", "description": "Only directive types."})
    sort = Parsed(_sort, {"type": "string", "enum": sorted(DOCUMENT_SORTS)})


def document_filter_from_args(args: Mapping[str, str]) -> DocumentFilter:
    """A DocumentFilter from query arguments (type, issuer, year, q, needs_title, sort)."""
    names = DocumentListArgs().fields
    read = load(DocumentListArgs(), {k: args[k] for k in names if args.get(k)})
    return DocumentFilter(
        doc_type=read.get("type"),
        issuer_code=read.get("issuer"),
        year=read.get("year"),
        q=read.get("q"),
        needs_title=read.get("needs_title", False),
        directives_only=read.get("directives", False),
        sort=read.get("sort", "-issued"),
    )


def document_clauses(f: DocumentFilter) -> list[ColumnElement[bool]]:
    """The WHERE clauses of a registry filter."""
    clauses: list[ColumnElement[bool]] = []
    if f.doc_type:
        clauses.append(Document.doc_type == f.doc_type)
    if f.issuer_code:
        clauses.append(Document.issuer_code.in_(matching_codes(f.issuer_code)))
    if f.year is not None:
        clauses.append(Document.year == f.year)
    if f.needs_title:
        clauses.append(Document.needs_title.is_(True))
    if f.directives_only:
        clauses.append(Document.doc_type.in_(DIRECTIVE_TYPES))
    # Typed symbols are matched whatever their spacing: "135 / QĐ-TTg" as "135/qd-ttg".
    for term in search_terms(_squeeze_symbols(f.q)):
        clauses.append(Document.search_text.contains(term, autoescape=True))
    return clauses


def _squeeze_symbols(query: str | None) -> str | None:
    return _AROUND_SEPARATOR.sub(r"\1", query) if query else query


_AROUND_SEPARATOR = re.compile(r"\s*([/-])\s*(?=\w)")


def document_list(f: DocumentFilter) -> Select:
    """The registered documents matching the filter, sorted (documents are not unit-private)."""
    return select(Document).where(*document_clauses(f)).order_by(*DOCUMENT_SORTS[f.sort])


@dataclass(frozen=True)
class Facets:
    """What the registry's filter menus offer: the types, issuers and years in use."""

    types: list[tuple[str, int]]
    issuers: list[tuple[str, str, int]]
    years: list[int]
    total: int
    needs_title: int


def registry_facets() -> Facets:
    """The document types, issuers (code, name, count) and years present in the registry."""
    types = db.session.execute(
        select(Document.doc_type, func.count()).group_by(Document.doc_type)
    ).all()
    codes = db.session.execute(
        select(Document.issuer_code, func.count())
        .where(Document.issuer_code.is_not(None))
        .group_by(Document.issuer_code)
    ).all()
    years = db.session.scalars(
        select(Document.year).where(Document.year.is_not(None)).distinct()
    ).all()
    needs_title = db.session.scalar(
        select(func.count()).select_from(Document).where(Document.needs_title.is_(True))
    )
    overrides = issuer_overrides()
    issuers = [(code, issuer_name(code, overrides) or code, n) for code, n in codes]
    return Facets(
        types=sorted(((t, n) for t, n in types), key=lambda item: _type_order(item[0])),
        issuers=sorted(issuers, key=lambda item: fold(item[1])),
        years=sorted(years, reverse=True),
        total=sum(n for _, n in types),
        needs_title=needs_title or 0,
    )


def _type_order(doc_type: str) -> tuple[int, str]:
    known = DOCUMENT_TYPES.index(doc_type) if doc_type in DOCUMENT_TYPES else len(DOCUMENT_TYPES)
    return known, doc_type
