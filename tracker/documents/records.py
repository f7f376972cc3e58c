"""Register and edit legal documents by hand: one document per symbol and year, always."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from tracker.common import clock
from tracker.common.access import document_ref
from tracker.common.exceptions import NotAllowed, ServiceError, ValidationFailed
from tracker.common.savepoints import begin_writing
from tracker.documents.files import store_document_file
from tracker.documents.linking import dedupe_key, issuer_overrides, refresh_search_text
from tracker.domain.dates import format_day
from tracker.domain.issuers import issuer_name
from tracker.domain.legal_refs import DOCUMENT_TYPES, LegalRef, parse_ref
from tracker.domain.legal_refs import symbol_key as _symbol_key
from tracker.extensions import db
from tracker.models import Document, task_document
from tracker.permissions import Action, Principal, can, registering_unit
from tracker.tasks.fields import parse_day

FIELDS = frozenset({"reference", "doc_type", "issued_on", "issuer_name", "title", "link", "file"})
LABELS = {
    "reference": "Số, ký hiệu văn bản",
    "doc_type": "Loại văn bản",
    "issued_on": "Ngày ban hành",
    "issuer_name": "Cơ quan ban hành",
    "title": "Trích yếu",
    "link": "Liên kết",
    "file": "Tệp văn bản",
}
# What often follows a symbol in a typed reference, before its subject: "về việc ...", "V/v ...".
_SUBJECT = re.compile(r"^\W*(?:của\s+.*?\s+)?(?:về\s+việc|v/v|về)\s+(?P<subject>.+)$", re.I | re.S)
_LEADING_PUNCTUATION = re.compile(r"^[\s:;,.\-–—]+")
# "ngày 31/02/2020" right after the symbol: a date was meant but is not a real one.
_UNREAD_DATE = re.compile(r"^,?\s*ngày\s+(?P<day>[^\s,;]+(?:\s+tháng\s+\S+\s+năm\s+\S+)?)", re.I)
# People type "135 / QĐ -TTg": spaces around "/" never matter, nor one-sided ones around "-"
# (" - " on both sides is punctuation, as in running text).
_AROUND_SLASH = re.compile(r"\s*/\s*")
_ONE_SIDED_DASH = re.compile(r"(?<=\S)\s+-(?=\S)|(?<=\S)-\s+(?=\S)")


class DuplicateDocument(ServiceError):
    """The symbol (and year) is already registered: `existing` is the document to use."""

    status = 409

    def __init__(self, existing: Document):
        year = f" năm {existing.year}" if existing.year else ""
        super().__init__(
            f"{existing.label}{year} đã có trong danh mục văn bản; "
            "hãy mở văn bản đó thay vì đăng ký lại.",
            field="reference",
        )
        self.existing = existing


def parse_reference(text: str | None) -> tuple[LegalRef, str | None]:
    """The reference a user typed, and the subject written after it if any."""
    text = (text or "").strip()
    if not text:
        raise ValidationFailed("Chưa nhập số, ký hiệu văn bản.", field="reference")
    text = _ONE_SIDED_DASH.sub("-", _AROUND_SLASH.sub("/", text))
    ref = parse_ref(text)
    if ref is None:
        raise ValidationFailed(
            f"{LABELS['reference']}: “{text[:120]}” không đọc được; hãy gõ như "
            "“Quyết định 135/QĐ-TTg ngày 20/01/2020”.",
            field="reference",
        )
    rest = text[ref.end :].strip()
    if ref.date is None and (written := _UNREAD_DATE.match(rest)):
        raise ValidationFailed(
            f"{LABELS['reference']}: ngày “{written['day']}” không đúng; "
            "hãy ghi dạng ngày 20/01/2020.",
            field="reference",
        )
    if match := _SUBJECT.match(rest):
        subject = match["subject"]
    elif rest[:1] in (":", "-", "–", "—"):
        subject = _LEADING_PUNCTUATION.sub("", rest)
    else:
        subject = ""  # "của ..." or other words: not a subject we can trust
    return ref, subject.strip() or None


def find_duplicate(symbol: str, year: int | None, exclude_id: int | None = None):
    """The registered document this symbol and year would duplicate, if any.

    A symbol registered without a year clashes with the same symbol in any year, and the
    other way round, because the registry cannot tell them apart.
    """
    key = _symbol_key(symbol)
    stmt = select(Document).where(Document.dedupe_key.startswith(key + "|", autoescape=True))
    if year is not None:
        stmt = stmt.where(or_(Document.year == year, Document.year.is_(None)))
    if exclude_id is not None:
        stmt = stmt.where(Document.id != exclude_id)
    return db.session.scalars(stmt.order_by(Document.year.is_(None), Document.id)).first()


def register_document(user, principal: Principal, data: dict, today: date | None = None):
    """Register a document from a typed reference; refuse a duplicate naming the existing one."""
    _require_manager(principal)
    values = _values(data, today or clock.today())
    existing = find_duplicate(values["symbol"], values["year"])
    if existing is not None:
        raise DuplicateDocument(existing)
    document = Document(
        dedupe_key=dedupe_key(values["symbol"], values["year"]),
        registered_by_unit_id=registering_unit(principal),
    )
    _assign(document, values)
    try:
        # In a savepoint: if someone registered it between our check and our insert, only
        # this insert is undone and the existing document can be named.
        begin_writing()
        with db.session.begin_nested():
            db.session.add(document)
    except IntegrityError:
        existing = find_duplicate(values["symbol"], values["year"])
        if existing is None:
            raise
        raise DuplicateDocument(existing) from None
    if data.get("file") is not None:
        store_document_file(document, data["file"])
        db.session.flush()
    return document


def update_document(
    user, principal: Principal, document: Document, data: dict, today: date | None = None
):
    """Correct a document's fields; a new symbol that clashes with another is refused."""
    _require_editor(principal, document)
    values = _values(data, today or clock.today(), current=document)
    existing = find_duplicate(values["symbol"], values["year"], exclude_id=document.id)
    if existing is not None:
        raise DuplicateDocument(existing)
    document.dedupe_key = dedupe_key(values["symbol"], values["year"])
    _assign(document, values)
    db.session.flush()
    if data.get("file") is not None:
        store_document_file(document, data["file"])
        db.session.flush()
    return document


def delete_document(user, principal: Principal, document: Document) -> None:
    """Remove a document no task implements (a mistaken entry); others are refused."""
    _require_editor(principal, document)
    linked = db.session.scalar(
        select(func.count()).where(task_document.c.document_id == document.id)
    )
    if linked:
        raise ValidationFailed(
            f"Không xoá được: {linked} nhiệm vụ đang thực hiện văn bản này.", field="document"
        )
    db.session.delete(document)
    db.session.flush()


def document_form_values(document: Document) -> dict:
    """The editable fields of a document, as the form shows them."""
    return {
        "reference": document.symbol,
        "doc_type": document.doc_type,
        "issued_on": document.issued_on.isoformat() if document.issued_on else "",
        "issuer_name": document.issuer_name or "",
        "title": document.title or "",
        "link": document.link or "",
    }


# -- internals -------------------------------------------------------------------------------


def _require_manager(principal: Principal) -> None:
    if not can(principal, Action.MANAGE_DOCUMENTS):
        raise NotAllowed("Chỉ lãnh đạo Sở, trưởng phòng và quản trị viên quản lý văn bản.")


def _require_editor(principal: Principal, document: Document) -> None:
    if not can(principal, Action.EDIT_DOCUMENT, document=document_ref(document)):
        raise NotAllowed(
            "Chỉ đơn vị đã đăng ký văn bản này và lãnh đạo Sở được sửa, thay tệp hay xoá nó."
        )


def _values(data: dict, today: date, current: Document | None = None) -> dict:
    """Parse and check the fields; the typed reference fills whatever was left blank."""
    unknown = set(data) - FIELDS
    if unknown:
        name = sorted(unknown)[0]
        raise ValidationFailed(f"Trường “{name}” không có trong văn bản.", field=name)
    ref, subject = parse_reference(_text(data.get("reference"), "reference", 300))
    bare = parse_ref(ref.symbol)
    symbol_year = bare.year if bare else None  # the year written in the symbol, if any
    doc_type = _text(data.get("doc_type"), "doc_type", 60) or ref.type
    if doc_type not in DOCUMENT_TYPES and (current is None or doc_type != current.doc_type):
        raise ValidationFailed(f"Loại văn bản “{doc_type}” không có trong danh mục.", "doc_type")
    issued_on = _day(data.get("issued_on")) if data.get("issued_on") else ref.date
    if issued_on is not None:
        if issued_on > today:
            raise ValidationFailed("Ngày ban hành không được ở tương lai.", field="issued_on")
        if symbol_year is not None and issued_on.year != symbol_year:
            raise ValidationFailed(
                f"Ngày ban hành ({format_day(issued_on)}) không khớp năm {symbol_year} "
                "trong số ký hiệu.",
                field="issued_on",
            )
    title = _text(data.get("title"), "title", 2000) or subject
    code = ref.issuer_code
    named = _text(data.get("issuer_name"), "issuer_name", 255)
    return {
        "doc_type": doc_type,
        "symbol": ref.symbol,
        "number": ref.number,
        "year": symbol_year if symbol_year is not None else issued_on.year if issued_on else None,
        "issuer_code": code,
        "issuer_name": named or (issuer_name(code, issuer_overrides()) if code else None),
        "issued_on": issued_on,
        "title": title,
        "link": _link(data.get("link")),
    }


def _assign(document: Document, values: dict) -> None:
    for name, value in values.items():
        setattr(document, name, value)
    document.needs_title = not document.title
    refresh_search_text(document)


def _text(value, field: str, limit: int) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValidationFailed(f"{LABELS[field]} phải là văn bản.", field=field)
    text = " ".join((value or "").split()) if field != "title" else (value or "").strip()
    if len(text) > limit:
        raise ValidationFailed(f"{LABELS[field]} dài quá {limit} ký tự.", field=field)
    return text or None


def _day(value) -> date | None:
    return parse_day(value, "issued_on", LABELS["issued_on"])


def _link(value) -> str | None:
    text = _text(value, "link", 500)
    if text is None:
        return None
    parts = urlsplit(text)
    # Only web addresses: a "javascript:" link would run in the reader's session.
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in text:
        raise ValidationFailed(
            f"{LABELS['link']}: “{text[:120]}” không phải là địa chỉ web (http:// hoặc https://).",
            field="link",
        )
    return text


def attach_document_file(user, principal: Principal, document: Document, upload) -> Document:
    """Attach (or replace) the document's own file, checked by its content."""
    _require_editor(principal, document)
    store_document_file(document, upload)
    db.session.flush()
    return document


def reference_preview(text: str | None, exclude_id: int | None = None) -> dict:
    """What a typed reference is read as, for the form to show and pre-fill while typing."""
    try:
        ref, subject = parse_reference(text)
    except ValidationFailed as error:
        return {"ok": False, "error": error.message}
    bare = parse_ref(ref.symbol)
    year = bare.year if bare and bare.year else ref.year
    code = ref.issuer_code
    duplicate = find_duplicate(ref.symbol, year, exclude_id)
    return {
        "ok": True,
        "type": ref.type,
        "symbol": ref.symbol,
        "number": ref.number,
        "year": year,
        "issuer_code": code,
        "issuer_name": issuer_name(code, issuer_overrides()) if code else None,
        "date": ref.date.isoformat() if ref.date else None,
        "title": subject,
        "duplicate": {"id": duplicate.id, "label": duplicate.label, "title": duplicate.title}
        if duplicate
        else None,
    }
