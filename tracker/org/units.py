"""Units as the admin shapes them: create, edit, move in the tree, reorder, (de)activate.

Codes are unique whatever their case ("vp" and "VP" are one code); a unit never moves
under itself; a unit with unfinished tasks stays active until they are moved or finished.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from tracker.common.exceptions import NotAllowed, ValidationFailed
from tracker.common.lookup import get_or_404
from tracker.domain.timeliness import Status
from tracker.domain.trees import sibling_edges, tree_order
from tracker.extensions import db
from tracker.models import UNIT_KINDS, RoleGrant, Task, Unit, User
from tracker.org.trees import (
    checked_parent,
    descendant_ids,
    move_among_siblings,
    next_order,
    normalised_order,
    reactivate,
    tree_choices,
)
from tracker.permissions import Action, Principal, can

# A task is still being worked on (or awaits the director's confirmation) in these states.
UNFINISHED = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.PAUSED, Status.SUBMITTED)
_CODE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._&-]*[A-Za-z0-9])?$")

# -- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    """A unit as the admin's tree shows it."""

    unit: Unit
    depth: int
    people: int  # people with a role on this unit
    unfinished: int  # tasks it leads that are not finished
    first: bool = False  # among its siblings, for the up/down buttons
    last: bool = False


def unit_rows() -> list[UnitRow]:
    """Every unit (active or not) in tree order, with its people and unfinished tasks."""
    units = db.session.scalars(select(Unit)).all()
    people = dict(
        db.session.execute(
            select(RoleGrant.unit_id, func.count(func.distinct(RoleGrant.user_id))).group_by(
                RoleGrant.unit_id
            )
        ).all()
    )
    open_ = unfinished_by_unit()
    ordered = tree_order(units, key=_sibling_key)
    edges = sibling_edges(ordered)
    return [
        UnitRow(unit, depth, people.get(unit.id, 0), open_.get(unit.id, 0), *edges[unit.id])
        for unit, depth in ordered
    ]


def unfinished_by_unit(unit_ids: Iterable[int] | None = None) -> dict[int, int]:
    """How many unfinished tasks each unit leads."""
    stmt = (
        select(Task.lead_unit_id, func.count())
        .where(Task.status.in_([s.value for s in UNFINISHED]))
        .group_by(Task.lead_unit_id)
    )
    if unit_ids is not None:
        stmt = stmt.where(Task.lead_unit_id.in_(list(unit_ids)))
    return dict(db.session.execute(stmt).all())


def unit_people(unit: Unit) -> list[tuple[User, str]]:
    """The people holding a role on this very unit, with the role; active people first."""
    return [
        (user, role)
        for user, role in db.session.execute(
            select(User, RoleGrant.role)
            .join(RoleGrant, RoleGrant.user_id == User.id)
            .where(RoleGrant.unit_id == unit.id)
            .order_by(User.active.desc(), User.full_name, RoleGrant.role)
        )
    ]


def unfinished_in_subtree(unit: Unit) -> int:
    """How many unfinished tasks the unit and the units below it lead."""
    return sum(unfinished_by_unit(descendant_ids(Unit, unit.id)).values())


def parent_choices(unit: Unit | None = None) -> list[tuple[str, str]]:
    """Active units a unit may sit under (never itself or its own subtree), indented."""
    return tree_choices(Unit, unit, lambda u: f"{u.name} ({u.code})", _sibling_key)


def get_unit(unit_id) -> Unit:
    """A unit by id, or NotFound."""
    return get_or_404(Unit, unit_id, "Không tìm thấy đơn vị.")


# -- writing -------------------------------------------------------------------------------


def create_unit(actor, principal: Principal, data: dict) -> Unit:
    """Add a unit under an active parent (or as a root); it goes last among its siblings."""
    _require_admin(principal)
    values = _checked(data, None)
    unit = Unit(**values)
    if unit.sort_order is None:
        unit.sort_order = next_order(Unit, unit.parent_id)
    db.session.add(unit)
    db.session.flush()
    return unit


def update_unit(actor, principal: Principal, unit: Unit, data: dict) -> Unit:
    """Change a unit's code, names, kind, parent or order; a move never makes a cycle."""
    _require_admin(principal)
    values = _checked(data, unit)
    moved = values["parent_id"] != unit.parent_id
    if moved and values["sort_order"] == unit.sort_order:
        values["sort_order"] = None  # the old place meant nothing among the new siblings
    if values["sort_order"] is None:
        values["sort_order"] = (
            next_order(Unit, values["parent_id"], exclude=unit.id) if moved else unit.sort_order
        )
    for name, value in values.items():
        setattr(unit, name, value)
    db.session.flush()
    return unit


def move_unit(actor, principal: Principal, unit: Unit, direction: str) -> bool:
    """Move a unit one place up or down among its siblings; False when it is already there."""
    _require_admin(principal)
    return move_among_siblings(Unit, unit, direction, _sibling_key)


def deactivate_unit(actor, principal: Principal, unit: Unit) -> list[Unit]:
    """Stop using a unit and its sub-units; refused while any of them leads unfinished tasks.

    Returns the units deactivated. Grants and past tasks are kept: reports of past periods
    still name the unit, and reactivating it restores everything.
    """
    _require_admin(principal)
    subtree = descendant_ids(Unit, unit.id)
    units = [u for u in db.session.scalars(select(Unit).where(Unit.id.in_(subtree)))]
    busy = {uid: n for uid, n in unfinished_by_unit(subtree).items() if n}
    if busy:
        names = {u.id: u.name for u in units}
        ordered = sorted(busy.items(), key=lambda item: (-item[1], names[item[0]]))
        where = "; ".join(f"{n} ở {names[uid]}" for uid, n in ordered)
        where = f" ({where})" if list(busy) != [unit.id] else ""
        raise ValidationFailed(
            f"Không thể ngừng hoạt động “{unit.name}”: còn {sum(busy.values())} nhiệm vụ "
            f"chưa kết thúc{where}. Hãy chuyển các nhiệm vụ này cho đơn vị khác "
            "hoặc kết thúc chúng trước.",
            field="active",
        )
    if unit.parent_id is None and unit.active:
        other_roots = db.session.scalar(
            select(func.count()).where(Unit.parent_id.is_(None), Unit.active, Unit.id != unit.id)
        )
        if not other_roots:
            raise ValidationFailed(
                f"Không thể ngừng hoạt động “{unit.name}”: đây là đơn vị gốc duy nhất.",
                field="active",
            )
    changed = [u for u in units if u.active]
    for u in changed:
        u.active = False
    db.session.flush()
    return changed


def reactivate_unit(actor, principal: Principal, unit: Unit) -> Unit:
    """Use a unit again (its parent must be active); its sub-units stay as they are."""
    _require_admin(principal)
    return reactivate(
        unit,
        lambda parent: (
            f"Đơn vị cấp trên “{parent.name}” đang ngừng hoạt động: "
            "hãy kích hoạt đơn vị cấp trên trước."
        ),
    )


# -- internals -------------------------------------------------------------------------------


def _sibling_key(unit: Unit) -> tuple:
    return (unit.sort_order, unit.name, unit.id)  # as Unit.children and the pickers order them


def _require_admin(principal: Principal) -> None:
    if not can(principal, Action.ADMINISTER):
        raise NotAllowed("Chỉ quản trị viên được sửa danh mục đơn vị.")


def _text(data: dict, name: str) -> str:
    value = data.get(name)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _checked(data: dict, unit: Unit | None) -> dict:
    """The unit's fields from `data`, all checked before anything is changed."""
    errors: dict[str, str] = {}
    code = _text(data, "code")
    if not code:
        errors["code"] = "Chưa nhập mã đơn vị."
    elif len(code) > 40 or not _CODE.match(code):
        errors["code"] = (
            f"Mã đơn vị “{code[:40]}” không hợp lệ: chỉ gồm chữ không dấu, số và các dấu "
            "“-”, “_”, “.”, “&”, không có dấu cách, tối đa 40 ký tự (ví dụ: VP, BCVT, VHTT-CL)."
        )
    else:
        clash = _code_owner(code, unit)
        if clash is not None:
            errors["code"] = f"Mã đơn vị “{code}” đã dùng cho “{clash.name}”."
    name = _text(data, "name")
    if not name:
        errors["name"] = "Chưa nhập tên đơn vị."
    elif len(name) > 255:
        errors["name"] = "Tên đơn vị dài quá 255 ký tự."
    short_name = _text(data, "short_name")
    if len(short_name) > 120:
        errors["short_name"] = "Tên viết gọn dài quá 120 ký tự."
    kind = _text(data, "kind") or "division"
    if kind not in UNIT_KINDS:
        errors["kind"] = f"Loại đơn vị “{kind}” không hợp lệ."
    parent_id = None
    try:
        parent_id = _parent_id(data.get("parent_id"), unit)
    except ValidationFailed as error:
        errors["parent_id"] = error.message
    try:
        sort_order = normalised_order(data.get("sort_order"))
    except ValidationFailed as error:
        errors["sort_order"], sort_order = error.message, None
    if errors:
        first = next(iter(errors.values()))
        raise ValidationFailed(first, fields=errors)
    return {
        "code": code,
        "name": name,
        "short_name": short_name or None,
        "kind": kind,
        "parent_id": parent_id,
        "sort_order": sort_order,
    }


def _code_owner(code: str, unit: Unit | None) -> Unit | None:
    """The other unit with this code in any case (compared in Python: SQLite's lower()
    leaves non-ASCII letters alone)."""
    wanted = code.casefold()
    for other_id, other_code in db.session.execute(select(Unit.id, Unit.code)):
        if other_code.casefold() == wanted and (unit is None or other_id != unit.id):
            return db.session.get(Unit, other_id)
    return None


def _parent_id(raw, unit: Unit | None) -> int | None:
    parent = checked_parent(  # None: a root, a department or a province above it
        Unit,
        raw,
        unit,
        missing="Đơn vị cấp trên không tồn tại.",
        cycle="Không thể chuyển đơn vị vào chính nó hoặc vào một đơn vị cấp dưới của nó.",
        retired=lambda parent: f"Đơn vị cấp trên “{parent.name}” đang ngừng hoạt động.",
    )
    return parent.id if parent is not None else None
