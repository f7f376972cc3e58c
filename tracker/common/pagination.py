"""One page of a list: the one pagination helper of the pages, the API and the exports."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy import inspect as sa_inspect

from tracker.common.answer_cache import scalar_of, scalars_of
from tracker.extensions import db


@dataclass
class Page:
    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    def envelope(self, **more) -> dict:
        """CONTRACT's list envelope: items, total, page, per_page (and pages)."""
        return {
            "items": self.items,
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "pages": self.pages,
            **more,
        }


def paginate(stmt: Select, page: int = 1, per_page: int = 50, total: int | None = None) -> Page:
    """One page of a select, with the total count of the unpaginated select.

    `total`, when the caller already knows it (counted by category, say), saves the count.
    """
    page = max(1, page)
    if total is None:
        total = count_of(stmt)
    offset = (page - 1) * per_page
    items = page_items(stmt, per_page, offset) if offset < total else []
    return Page(items, total, page, per_page)


def count_of(stmt: Select) -> int:
    """How many rows the select would give (kept per data version)."""
    return scalar_of(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def page_items(stmt: Select, limit: int, offset: int) -> list:
    """The rows of one page: the page's primary keys first, then the rows of those keys.

    Asked for whole rows, a database builds every row it sorts or skips (OFFSET) in full;
    asked for the keys alone, an index answers, and only the rows shown are read: page 100
    costs little more than page 1, and sorting 8,000 tasks sorts 8,000 small keys.
    """
    described = stmt.column_descriptions
    entity = described[0].get("entity") if len(described) == 1 else None
    keys = sa_inspect(entity).primary_key if entity is not None else ()
    if len(keys) != 1:
        return list(db.session.scalars(stmt.limit(limit).offset(offset)).unique())
    key = keys[0]
    ids = scalars_of(stmt.with_only_columns(key).limit(limit).offset(offset))
    return rows_in_key_order(stmt.order_by(None), key, ids)


def rows_in_key_order(stmt: Select, key, ids: list) -> list:
    """The rows of `stmt` whose `key` is in `ids`, in the order of `ids` (the page's)."""
    if not ids:
        return []
    rows = db.session.scalars(stmt.where(key.in_(ids))).unique()
    position = {value: index for index, value in enumerate(ids)}
    return sorted(rows, key=lambda row: position[getattr(row, key.key)])
