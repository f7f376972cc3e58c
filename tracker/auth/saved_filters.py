"""Bộ lọc của tôi: a person's named task-list filters, saved and removed by that person only."""

from __future__ import annotations

from urllib.parse import urlencode

from sqlalchemy import func, select

from tracker.common.exceptions import NotFound, ValidationFailed
from tracker.domain.text import clean_text
from tracker.extensions import db
from tracker.models import SavedFilter
from tracker.tasks.filters import FILTER_ARGS

MAX_PER_PERSON = 20


def saved_filters(user) -> list[SavedFilter]:
    return list(
        db.session.scalars(
            select(SavedFilter).where(SavedFilter.user_id == user.id).order_by(SavedFilter.name)
        )
    )


def save_filter(user, name: str | None, args) -> SavedFilter:
    """Save the list's filters (its FILTER_ARGS only) under `name`; the same name replaces."""
    name = clean_text(name or "", multiline=False).strip()
    if not name:
        raise ValidationFailed("Hãy đặt tên cho bộ lọc.", field="name")
    if len(name) > 80:
        raise ValidationFailed("Tên bộ lọc tối đa 80 ký tự.", field="name")
    pairs = [(k, v) for k, v in args.items(multi=True) if k in FILTER_ARGS]
    query = urlencode(pairs)
    if len(query) > 2000:
        raise ValidationFailed("Bộ lọc quá dài để lưu.", field="name")
    existing = db.session.scalar(
        select(SavedFilter).where(SavedFilter.user_id == user.id, SavedFilter.name == name)
    )
    if existing is None:
        count = db.session.scalar(
            select(func.count()).select_from(SavedFilter).where(SavedFilter.user_id == user.id)
        )
        if count >= MAX_PER_PERSON:
            raise ValidationFailed(
                f"Đã có {MAX_PER_PERSON} bộ lọc; hãy xóa bớt trước khi lưu thêm.", field="name"
            )
        existing = SavedFilter(user_id=user.id, name=name)
        db.session.add(existing)
    existing.query = query
    db.session.flush()
    return existing


def delete_filter(user, filter_id: int) -> None:
    """Remove one of the person's own filters (another's is "not found")."""
    found = db.session.get(SavedFilter, filter_id)
    if found is None or found.user_id != user.id:
        raise NotFound("Không tìm thấy bộ lọc.")
    db.session.delete(found)
    db.session.flush()
