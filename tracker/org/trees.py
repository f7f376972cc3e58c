"""Ordered trees of rows (units, report headings) in the database: subtrees, sibling order.

Walking a loaded tree in order is pure and lives in tracker/domain/trees.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import func, select

from tracker.common.exceptions import ValidationFailed
from tracker.common.lookup import as_id
from tracker.domain.trees import tree_order
from tracker.extensions import db
from tracker.permissions import subtree_index

MAX_ORDER = 100_000
ORDER_STEP = 10


def descendant_ids(model, node_id: int) -> frozenset[int]:
    """The ids of a unit's (or a section's) subtree, itself included."""
    pairs = db.session.execute(select(model.id, model.parent_id)).all()
    return subtree_index([tuple(p) for p in pairs]).get(node_id, frozenset({node_id}))


def tree_choices(model, node, label: Callable, key: Callable) -> list[tuple[str, str]]:
    """The active rows `node` may sit under (never itself or its own subtree), in tree order,
    indented by depth: a form's parent choices."""
    excluded = descendant_ids(model, node.id) if node is not None and node.id else frozenset()
    active = db.session.scalars(select(model).where(model.active)).all()
    return [
        (str(row.id), "\u2003" * depth + label(row))
        for row, depth in tree_order(active, key=key)
        if row.id not in excluded
    ]


def normalised_order(raw, field: str = "sort_order") -> int | None:
    """A sort order typed in a form: blank means "at the end"."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise ValidationFailed("Thứ tự phải là một số nguyên.", field=field) from None
    if not 0 <= value <= MAX_ORDER:
        raise ValidationFailed("Thứ tự phải trong khoảng 0–100.000.", field=field)
    return value


def next_order(model, parent_id: int | None, exclude: int | None = None) -> int:
    """A sort order that puts a node after its siblings."""
    stmt = select(func.max(model.sort_order)).where(same_parent(model, parent_id))
    if exclude is not None:
        stmt = stmt.where(model.id != exclude)
    highest = db.session.scalar(stmt)
    return 0 if highest is None else highest + ORDER_STEP


def same_parent(model, parent_id: int | None):
    """A WHERE clause for the children of `parent_id` (the roots when it is None)."""
    return model.parent_id.is_(None) if parent_id is None else model.parent_id == parent_id


def shift_in_siblings(node, siblings: Sequence, direction: str) -> bool:
    """Move a node one place up or down among its siblings; renumber them in steps of 10."""
    if direction not in ("up", "down"):
        raise ValidationFailed("Hướng di chuyển phải là “lên” hoặc “xuống”.", field="direction")
    ordered = list(siblings)
    index = ordered.index(node)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(ordered):
        return False
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, sibling in enumerate(ordered, start=1):
        sibling.sort_order = position * ORDER_STEP
    db.session.flush()
    return True


def move_among_siblings(model, node, direction: str, key: Callable) -> bool:
    """Move a node one place up or down among its siblings as `key` orders them; False when
    it is already first (or last)."""
    siblings = db.session.scalars(select(model).where(same_parent(model, node.parent_id))).all()
    return shift_in_siblings(node, sorted(siblings, key=key), direction)


def checked_parent(model, raw, node, *, missing: str, cycle: str, retired: Callable[[object], str]):
    """The parent a form names for `node` (None: a root), checked: it exists, is neither the
    node nor below it, and is in use unless it already is the node's parent.

    The messages say what is wrong in the tree's own words; `retired` is given the parent.
    """
    if raw is None or str(raw).strip() in ("", "0"):
        return None
    ident = as_id(raw)
    parent = db.session.get(model, ident) if ident is not None else None
    if parent is None:
        raise ValidationFailed(missing, field="parent_id")
    if node is not None and node.id is not None and parent.id in descendant_ids(model, node.id):
        raise ValidationFailed(cycle, field="parent_id")
    if not parent.active and (node is None or parent.id != node.parent_id):
        raise ValidationFailed(retired(parent), field="parent_id")
    return parent


def reactivate(node, retired_parent: Callable[[object], str]):
    """Use a retired node again; refused (with `retired_parent(parent)`) while its parent is
    retired."""
    if node.parent is not None and not node.parent.active:
        raise ValidationFailed(retired_parent(node.parent), field="active")
    node.active = True
    db.session.flush()
    return node
