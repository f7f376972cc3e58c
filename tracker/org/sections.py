"""The report's headings (lĩnh vực) as the admin shapes them: add, edit, move, reorder, retire.

A code follows the heading structure: a Roman numeral at the top ("I", "IV"), then the
parent's code and a number ("I.6", "I.6.1"); codes are unique. Moving a heading renumbers
its code and the codes below it. Retiring a heading keeps its tasks, and the reports of
past periods still show what was achieved under it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from tracker.common.exceptions import NotAllowed, ValidationFailed
from tracker.common.lookup import get_or_404
from tracker.domain.trees import sibling_edges, tree_order
from tracker.extensions import db
from tracker.models import Section, Task
from tracker.org.section_codes import (
    code_key,
    code_problem,
    normalise_code,
    place_by_number,
    renumber_below,
    sibling_key,
    suggest_code,
)
from tracker.org.trees import (
    checked_parent,
    descendant_ids,
    move_among_siblings,
    normalised_order,
    reactivate,
    tree_choices,
)
from tracker.org.units import UNFINISHED
from tracker.permissions import Action, Principal, can

# -- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionRow:
    """A heading as the admin's tree shows it."""

    section: Section
    depth: int
    tasks: int
    unfinished: int
    first: bool = False  # among its siblings, for the up/down buttons
    last: bool = False


def section_rows() -> list[SectionRow]:
    """Every heading (in use or retired) in tree order, with its tasks."""
    sections = db.session.scalars(select(Section)).all()
    totals = dict(
        db.session.execute(select(Task.section_id, func.count()).group_by(Task.section_id)).all()
    )
    open_ = dict(
        db.session.execute(
            select(Task.section_id, func.count())
            .where(Task.status.in_([s.value for s in UNFINISHED]))
            .group_by(Task.section_id)
        ).all()
    )
    ordered = tree_order(sections, key=sibling_key)
    edges = sibling_edges(ordered)
    return [
        SectionRow(s, depth, totals.get(s.id, 0), open_.get(s.id, 0), *edges[s.id])
        for s, depth in ordered
    ]


def parent_choices(section: Section | None = None) -> list[tuple[str, str]]:
    """Headings in use that a heading may sit under (never itself or below itself)."""
    return tree_choices(Section, section, lambda s: f"{s.code}. {s.title}", sibling_key)


def get_section(section_id) -> Section:
    """A heading by id, or NotFound."""
    return get_or_404(Section, section_id, "Không tìm thấy lĩnh vực.")


# -- writing -------------------------------------------------------------------------------


def create_section(actor, principal: Principal, data: dict) -> Section:
    """Add a heading; without an order it takes its number's place among its siblings."""
    _require_admin(principal)
    code, title, parent, order = _checked(data, None)
    section = Section(code=code, title=title, parent_id=parent.id if parent else None)
    section.sort_order = order if order is not None else 0
    db.session.add(section)
    db.session.flush()
    if order is None:
        place_by_number(section)
    return section


def update_section(actor, principal: Principal, section: Section, data: dict) -> Section:
    """Change a heading; moving it renumbers its code and every code below it."""
    _require_admin(principal)
    code, title, parent, order = _checked(data, section)
    new_parent_id = parent.id if parent else None
    moved = new_parent_id != section.parent_id
    renamed = code != section.code
    if moved and order == section.sort_order:
        order = None  # the old place meant nothing among the new siblings
    if renamed:
        renumber_below(section, code)
    section.code, section.title, section.parent_id = code, title, new_parent_id
    if order is not None:
        section.sort_order = order
    db.session.flush()
    if order is None and (moved or renamed):
        place_by_number(section)
    return section


def move_section(actor, principal: Principal, section: Section, direction: str) -> bool:
    """Move a heading one place up or down among its siblings."""
    _require_admin(principal)
    return move_among_siblings(Section, section, direction, sibling_key)


@dataclass(frozen=True)
class Retired:
    """What retiring a heading did, for the admin's message."""

    sections: list[Section]
    tasks: int
    unfinished: int


def deactivate_section(actor, principal: Principal, section: Section) -> Retired:
    """Retire a heading and those below it: new tasks can no longer pick them.

    Their tasks keep their heading, and the reports of past periods still show it.
    """
    _require_admin(principal)
    subtree = descendant_ids(Section, section.id)
    sections = db.session.scalars(select(Section).where(Section.id.in_(subtree))).all()
    changed = [s for s in sections if s.active]
    for s in changed:
        s.active = False
    tasks = db.session.scalar(select(func.count()).where(Task.section_id.in_(subtree)))
    unfinished = db.session.scalar(
        select(func.count()).where(
            Task.section_id.in_(subtree), Task.status.in_([s.value for s in UNFINISHED])
        )
    )
    db.session.flush()
    return Retired(sorted(changed, key=lambda s: code_key(s.code)), tasks or 0, unfinished or 0)


def reactivate_section(actor, principal: Principal, section: Section) -> Section:
    """Use a retired heading again (its parent must be in use)."""
    _require_admin(principal)
    return reactivate(
        section,
        lambda parent: (
            f"Mục cha “{parent.code}. {parent.title}” đang ngừng dùng: hãy dùng lại mục cha trước."
        ),
    )


# -- internals -------------------------------------------------------------------------------


def _require_admin(principal: Principal) -> None:
    if not can(principal, Action.ADMINISTER):
        raise NotAllowed("Chỉ quản trị viên được sửa danh mục lĩnh vực.")


TITLE_LIMIT = 255


def _checked(data: dict, section: Section | None):
    """(code, title, parent, order) from `data`, every field checked before any change."""
    errors: dict[str, str] = {}
    parent = None
    try:
        parent = _parent(data.get("parent_id"), section)
    except ValidationFailed as error:
        errors["parent_id"] = error.message
    parent_id = parent.id if parent else None
    moved = section is not None and parent_id != section.parent_id
    code = normalise_code(data.get("code"))
    if moved and "parent_id" not in errors and code == section.code:
        code = suggest_code(parent, exclude=section)  # follow the new parent's numbering
    title = " ".join(str(data.get("title") or "").split())
    if not title:
        errors["title"] = "Chưa nhập tên lĩnh vực."
    elif len(title) > TITLE_LIMIT:
        errors["title"] = f"Tên lĩnh vực dài quá {TITLE_LIMIT} ký tự."
    if "parent_id" not in errors:
        unchanged = section is not None and not moved and code == section.code
        if problem := (None if unchanged else code_problem(code, parent, section)):
            errors["code"] = problem
    try:
        order = normalised_order(data.get("sort_order"))
    except ValidationFailed as error:
        errors["sort_order"], order = error.message, None
    if errors:
        raise ValidationFailed(next(iter(errors.values())), fields=errors)
    return code, title, parent, order


def _parent(raw, section: Section | None) -> Section | None:
    return checked_parent(
        Section,
        raw,
        section,
        missing="Mục cha không tồn tại.",
        cycle="Không thể chuyển lĩnh vực vào chính nó hoặc vào một mục con của nó.",
        retired=lambda parent: f"Mục cha “{parent.code}. {parent.title}” đang ngừng dùng.",
    )
