"""The unit tree and the report's section tree, for filters and for assigning tasks.

The unit tree is the department's organisation chart, which every signed-in person
sees; each unit says whether the caller sees its tasks and may assign tasks to it.
"""

from __future__ import annotations

from flask import jsonify, request
from sqlalchemy import select

from tracker.api.blueprint import bp
from tracker.common.access import current_principal
from tracker.extensions import db
from tracker.models import UNIT_KINDS, Section, Unit
from tracker.permissions import MANAGERS


def _flag(name: str) -> bool:
    return (request.args.get(name) or "").lower() in ("1", "true", "yes", "on")


def _tree(rows, node) -> list[dict]:
    """Nest `rows` (already ordered) by parent; rows whose parent is absent are roots."""
    ids = {r.id for r in rows}
    children: dict[int | None, list] = {}
    for row in rows:
        children.setdefault(row.parent_id if row.parent_id in ids else None, []).append(row)

    def build(parent_id, depth):
        return [
            node(row, depth) | {"children": build(row.id, depth + 1)}
            for row in children.get(parent_id, [])
        ]

    return build(None, 0)


def _flatten(tree: list[dict]) -> list[dict]:
    flat: list[dict] = []
    for node in tree:
        children = node.pop("children")
        flat.append(node)
        flat.extend(_flatten(children))
    return flat


@bp.get("/units")
def list_units():
    """The unit tree (nested; `flat=1` for a list with parents first)."""
    principal = current_principal()
    visible = principal.visible_units
    assignable = principal.units_for(*MANAGERS)
    stmt = select(Unit).order_by(Unit.sort_order, Unit.name)
    if not _flag("include_inactive"):
        stmt = stmt.where(Unit.active)
    units = db.session.scalars(stmt).all()

    def node(unit: Unit, depth: int) -> dict:
        return {
            "id": unit.id,
            "code": unit.code,
            "name": unit.name,
            "short_name": unit.short_name,
            "kind": unit.kind,
            "kind_label": UNIT_KINDS.get(unit.kind, unit.kind),
            "parent_id": unit.parent_id,
            "depth": depth,
            "active": unit.active,
            "sees_tasks": unit.id in visible,
            "can_assign": unit.id in assignable,
        }

    tree = _tree(units, node)
    return jsonify({"items": _flatten(tree) if _flag("flat") else tree})


@bp.get("/sections")
def list_sections():
    """The report's headings (lĩnh vực) as a tree (nested; `flat=1` for a list)."""
    stmt = select(Section).order_by(Section.sort_order, Section.code)
    if not _flag("include_inactive"):
        stmt = stmt.where(Section.active)
    sections = db.session.scalars(stmt).all()

    def node(section: Section, depth: int) -> dict:
        return {
            "id": section.id,
            "code": section.code,
            "title": section.title,
            "parent_id": section.parent_id,
            "depth": depth,
            "active": section.active,
        }

    tree = _tree(sections, node)
    return jsonify({"items": _flatten(tree) if _flag("flat") else tree})
