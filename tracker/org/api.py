"""The unit tree and the report's section tree, for filters and for assigning tasks.

The unit tree is the department's organisation chart, which every signed-in person
sees; each unit says whether the caller sees its tasks and may assign tasks to it.
"""

from __future__ import annotations

from flask import jsonify, request
from sqlalchemy import select

from tracker.api.blueprint import bp
from tracker.api.schemas import Extended, load
from tracker.api.spec import operation
from tracker.common.access import current_principal
from tracker.extensions import db
from tracker.models import UNIT_KINDS, Section, Unit
from tracker.org.schemas import (
    SectionNodeSchema,
    SectionTree,
    TreeArgs,
    UnitNodeSchema,
    UnitTree,
)
from tracker.permissions import MANAGERS


def _args() -> dict:
    return load(TreeArgs(), {k: v for k, v in request.args.items() if v})


def _tree(rows, flat: bool, **extra) -> list:
    """Nest `rows` (already ordered) by parent, each with its depth (rows whose parent is
    absent are roots); or the same rows flat, parents first, without children."""
    ids = {r.id for r in rows}
    children: dict[int | None, list] = {}
    for row in rows:
        children.setdefault(row.parent_id if row.parent_id in ids else None, []).append(row)
    out: list = []

    def build(parent_id, depth, into):
        for row in children.get(parent_id, []):
            more = {name: value(row) for name, value in extra.items()}
            if flat:
                into.append(Extended(row, depth=depth, **more))
                build(row.id, depth + 1, into)
            else:
                into.append(Extended(row, depth=depth, children=[], **more))
                build(row.id, depth + 1, into[-1].children)

    build(None, 0, out)
    return out


def _dump(node: type, items: list, args: dict) -> dict:
    """The tree's envelope; a flat list's nodes have no `children` (not even the models')."""
    exclude = ("children",) if args.get("flat") else ()
    return {"items": node(many=True, exclude=exclude).dump(items)}


@bp.get("/units")
@operation(
    summary="The unit tree (nested; flat=1 for a list)",
    tag="reference",
    response=UnitTree,
    query=TreeArgs,
)
def list_units():
    """The unit tree (nested; `flat=1` for a list with parents first)."""
    args, principal = _args(), current_principal()
    visible = principal.visible_units
    assignable = principal.units_for(*MANAGERS)
    stmt = select(Unit).order_by(Unit.sort_order, Unit.name)
    if not args.get("include_inactive"):
        stmt = stmt.where(Unit.active)
    units = db.session.scalars(stmt).all()
    items = _tree(
        units,
        args.get("flat", False),
        kind_label=lambda unit: UNIT_KINDS.get(unit.kind, unit.kind),
        sees_tasks=lambda unit: unit.id in visible,
        can_assign=lambda unit: unit.id in assignable,
    )
    return jsonify(_dump(UnitNodeSchema, items, args))


@bp.get("/sections")
@operation(
    summary="The report's sections (lĩnh vực) as a tree",
    tag="reference",
    response=SectionTree,
    query=TreeArgs,
)
def list_sections():
    """The report's headings (lĩnh vực) as a tree (nested; `flat=1` for a list)."""
    args = _args()
    stmt = select(Section).order_by(Section.sort_order, Section.code)
    if not args.get("include_inactive"):
        stmt = stmt.where(Section.active)
    sections = db.session.scalars(stmt).all()
    items = _tree(sections, args.get("flat", False))
    return jsonify(_dump(SectionNodeSchema, items, args))
