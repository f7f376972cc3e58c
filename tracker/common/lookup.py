"""Resolve what a form or an API body names (an id, a code, a symbol) to a record."""

from __future__ import annotations

from sqlalchemy import func, select

from tracker.common.exceptions import NotFound, ValidationFailed
from tracker.domain.legal_refs import parse_ref, symbol_key
from tracker.domain.text import whole_number
from tracker.extensions import db
from tracker.models import Document, Section, Unit, User

# Ids are 32-bit integers on every database we use; a larger number names nothing (and
# would overflow the driver instead of simply matching no row).
MAX_ID = 2**31 - 1


def as_id(value) -> int | None:
    """A row id from a form, an address or a JSON body (an int, digits, {"id": ...}); None
    when the value cannot name a row."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value <= MAX_ID else None
    if isinstance(value, dict):
        return as_id(value.get("id"))
    if isinstance(value, str) and (number := whole_number(value, 10)) is not None:
        return as_id(number)
    return None


def get_or_404(model, value, missing: str):
    """The row of `model` that `value` names by id (see `as_id`), or NotFound(missing)."""
    ident = as_id(value)
    row = db.session.get(model, ident) if ident is not None else None
    if row is None:
        raise NotFound(missing)
    return row


def _as_text(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("code") or value.get("symbol") or value.get("username")
    return value.strip() if isinstance(value, str) and value.strip() else None


def resolve_unit(value, field: str = "lead_unit") -> Unit:
    """A unit by id or code; ValidationFailed naming the field otherwise."""
    unit = None
    if (unit_id := as_id(value)) is not None:
        unit = db.session.get(Unit, unit_id)
    elif (code := _as_text(value)) is not None:
        unit = db.session.scalar(select(Unit).where(func.lower(Unit.code) == code.lower()))
    if unit is None:
        raise ValidationFailed(f"Không có đơn vị “{value}”.", field=field)
    return unit


def resolve_units(values, field: str = "support_units") -> list[Unit]:
    if values is None:
        return []
    if not isinstance(values, list | tuple):
        raise ValidationFailed("Cần một danh sách đơn vị.", field=field)
    units: list[Unit] = []
    for value in values:
        unit = resolve_unit(value, field)
        if unit not in units:
            units.append(unit)
    return units


def resolve_section(value, field: str = "section") -> Section:
    section = None
    if (section_id := as_id(value)) is not None:
        section = db.session.get(Section, section_id)
    elif (code := _as_text(value)) is not None:
        section = db.session.scalar(select(Section).where(func.upper(Section.code) == code.upper()))
    if section is None:
        raise ValidationFailed(f"Không có lĩnh vực “{value}”.", field=field)
    return section


def resolve_user(value, field: str = "assignee") -> User | None:
    if value in (None, "", 0):
        return None
    user = None
    if (user_id := as_id(value)) is not None:
        user = db.session.get(User, user_id)
    elif (name := _as_text(value)) is not None:
        user = db.session.scalar(select(User).where(User.username == name.lower()))
    if user is None or not user.active:
        raise ValidationFailed(f"Không có người dùng “{value}”.", field=field)
    return user


def find_document(value) -> Document | None:
    """A registered document by id, or by its symbol however it is spaced or cased."""
    if (doc_id := as_id(value)) is not None:
        return db.session.get(Document, doc_id)
    text = _as_text(value)
    if text is None:
        return None
    ref = parse_ref(text)
    key = symbol_key(ref.symbol if ref else text)
    candidates = db.session.scalars(
        select(Document).where(Document.dedupe_key.startswith(key + "|", autoescape=True))
    ).all()
    if ref is not None and ref.year is not None:
        exact = [d for d in candidates if d.year == ref.year]
        candidates = exact or candidates
    return candidates[0] if len(candidates) == 1 else None
