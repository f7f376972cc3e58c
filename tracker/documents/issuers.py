"""The issuer dictionary (cơ quan ban hành): codes in symbols → names; edited by the admin."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from tracker.common.exceptions import NotAllowed, NotFound, ValidationFailed
from tracker.common.lookup import as_id
from tracker.documents.linking import refresh_search_text
from tracker.domain.issuers import DEFAULT_ISSUERS
from tracker.domain.text import fold
from tracker.extensions import db
from tracker.models import Document, Issuer
from tracker.permissions import Action, Principal, can

# A code as symbols write it: letters (Vietnamese ones too), digits, "&", "." and "-" inside.
_CODE = re.compile(r"^[^\W_](?:[\w&.]|-(?=[^\W_]))*$")


@dataclass(frozen=True)
class IssuerRow:
    """An issuer as the dictionary page lists it, with how many documents carry its code."""

    issuer: Issuer
    documents: int
    same_name: int  # documents whose issuer name would follow a rename
    is_default: bool


def issuer_rows(q: str | None = None) -> list[IssuerRow]:
    """Every issuer, by code, with the documents that use its code."""
    issuers = db.session.scalars(select(Issuer)).all()
    tally = _document_tally()
    wanted = fold(q)
    rows = []
    for issuer in issuers:
        if wanted and wanted not in fold(f"{issuer.code} {issuer.name}"):
            continue
        names = tally.get(issuer.code.casefold(), {})
        rows.append(
            IssuerRow(
                issuer=issuer,
                documents=sum(names.values()),
                same_name=names.get(issuer.name, 0) + names.get(None, 0),
                is_default=DEFAULT_ISSUERS.get(issuer.code) == issuer.name,
            )
        )
    return sorted(rows, key=lambda row: fold(row.issuer.code))


def matching_codes(code: str) -> list[str]:
    """The issuer codes stored on documents that are `code` in any case ("ubnd" → "UBND").

    Compared in Python: SQLite's lower() leaves "Đ" alone.
    """
    stored = db.session.scalars(
        select(Document.issuer_code).where(Document.issuer_code.is_not(None)).distinct()
    )
    wanted = code.casefold()
    return [c for c in stored if c.casefold() == wanted]


def missing_defaults() -> dict[str, str]:
    """The default issuers whose code is not in the dictionary yet."""
    present = {code.casefold() for code in db.session.scalars(select(Issuer.code))}
    return {c: n for c, n in DEFAULT_ISSUERS.items() if c.casefold() not in present}


def load_default_issuers(user, principal: Principal) -> int:
    """Add the default issuers that are missing; return how many were added."""
    _require_admin(principal)
    missing = missing_defaults()
    for code, name in missing.items():
        db.session.add(Issuer(code=code, name=name))
    db.session.flush()
    return len(missing)


def save_issuer(
    user,
    principal: Principal,
    code: str | None,
    name: str | None,
    issuer: Issuer | None = None,
    update_documents: bool = False,
) -> tuple[Issuer, int]:
    """Add an issuer, or rename/re-code one; optionally carry the new name to its documents.

    Only documents that still show the old name (or none) follow: a name someone typed for a
    particular document ("Ủy ban nhân dân tỉnh Quảng Nam") is kept. Returns the issuer and the
    number of documents updated.
    """
    _require_admin(principal)
    code = " ".join((code or "").split())
    name = " ".join((name or "").split())
    if not code:
        raise ValidationFailed("Chưa nhập mã cơ quan.", field="code")
    if len(code) > 40 or not _CODE.match(code):
        raise ValidationFailed(
            f"Mã “{code[:40]}” không hợp lệ: chỉ gồm chữ, số và “&”, không có dấu cách "
            "(ví dụ: TTg, BTTTT, UBND).",
            field="code",
        )
    if not name:
        raise ValidationFailed("Chưa nhập tên cơ quan.", field="name")
    if len(name) > 255:
        raise ValidationFailed("Tên cơ quan dài quá 255 ký tự.", field="name")
    clash = next(
        (
            other
            for other in db.session.scalars(select(Issuer))
            if other.code.casefold() == code.casefold() and other is not issuer
        ),
        None,
    )
    if clash is not None:
        raise ValidationFailed(f"Mã “{code}” đã có trong danh mục ({clash.name}).", field="code")
    old_name = issuer.name if issuer is not None else None
    if issuer is None:
        issuer = Issuer(code=code, name=name)
        db.session.add(issuer)
    else:
        issuer.code, issuer.name = code, name
    db.session.flush()
    updated = 0
    if update_documents:
        for document in db.session.scalars(_following(issuer.code, old_name)):
            if document.issuer_name != name:
                document.issuer_name = name
                refresh_search_text(document)
                updated += 1
        db.session.flush()
    return issuer, updated


def delete_issuer(user, principal: Principal, issuer: Issuer) -> None:
    """Remove an issuer from the dictionary; documents keep the names they show."""
    _require_admin(principal)
    db.session.delete(issuer)
    db.session.flush()


def get_issuer(issuer_id) -> Issuer:
    """An issuer by id, or NotFound."""
    ident = as_id(issuer_id)
    issuer = db.session.get(Issuer, ident) if ident is not None else None
    if issuer is None:
        raise NotFound("Không có cơ quan này trong danh mục.")
    return issuer


# -- internals -------------------------------------------------------------------------------


def _require_admin(principal: Principal) -> None:
    if not can(principal, Action.ADMINISTER):
        raise NotAllowed("Chỉ quản trị viên sửa danh mục cơ quan ban hành.")


def _following(code: str, old_name: str | None):
    """Documents with this code whose issuer name is the old one, or missing."""
    same = Document.issuer_name.is_(None)
    if old_name:
        same = or_(same, Document.issuer_name == old_name)
    return select(Document).where(Document.issuer_code.in_(matching_codes(code)), same)


def _document_tally() -> dict[str, dict[str | None, int]]:
    """Per folded issuer code, how many documents show each issuer name."""
    rows = db.session.execute(
        select(Document.issuer_code, Document.issuer_name, func.count())
        .where(Document.issuer_code.is_not(None))
        .group_by(Document.issuer_code, Document.issuer_name)
    ).all()
    tally: dict[str, dict[str | None, int]] = {}
    for code, name, count in rows:
        names = tally.setdefault(code.casefold(), {})
        names[name] = names.get(name, 0) + count
    return tally
