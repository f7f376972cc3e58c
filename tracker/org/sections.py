"""The report's headings (lĩnh vực) as the admin shapes them: add, edit, move, reorder, retire.

A code follows the heading structure: a Roman numeral at the top ("I", "IV"), then the
parent's code and a number ("I.6", "I.6.1"); codes are unique. Moving a heading renumbers
its code and the codes below it. Retiring a heading keeps its tasks, and the reports of
past periods still show what was achieved under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select

from tracker.common.exceptions import NotAllowed, NotFound, ValidationFailed
from tracker.common.lookup import as_id
from tracker.domain.roman import from_roman, to_roman
from tracker.domain.trees import sibling_edges, tree_order
from tracker.extensions import db
from tracker.models import Section, Task
from tracker.org.trees import (
    ORDER_STEP,
    checked_parent,
    descendant_ids,
    move_among_siblings,
    normalised_order,
    reactivate,
    same_parent,
)
from tracker.org.units import UNFINISHED
from tracker.permissions import Action, Principal, can

CODE_LIMIT = 20
TITLE_LIMIT = 255
# Top-level codes are Roman numerals up to CCCXCIX: a report never has more headings.
_ROMAN = re.compile(r"^(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_NUMBER = re.compile(r"^[1-9][0-9]{0,2}$")


def normalise_code(raw) -> str:
    """A code as typed, tidied: no spaces or trailing dot, the Roman part in capitals."""
    text = "".join(str(raw or "").split()).strip(".")
    head, dot, rest = text.partition(".")
    return head.upper() + dot + rest


def code_key(code: str) -> tuple:
    """Sorts codes as headings read: I.2 before I.10, II after I.9."""
    key: list[int] = []
    for i, part in enumerate(code.split(".")):
        if i == 0 and _ROMAN.match(part):
            key.append(from_roman(part))
        elif part.isdigit():
            key.append(int(part))
        else:
            key.append(10**6)
    return tuple(key)


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
    ordered = tree_order(sections, key=_sibling_key)
    edges = sibling_edges(ordered)
    return [
        SectionRow(s, depth, totals.get(s.id, 0), open_.get(s.id, 0), *edges[s.id])
        for s, depth in ordered
    ]


def parent_choices(section: Section | None = None) -> list[tuple[str, str]]:
    """Headings in use that a heading may sit under (never itself or below itself)."""
    excluded = descendant_ids(Section, section.id) if section is not None else frozenset()
    active = db.session.scalars(select(Section).where(Section.active)).all()
    return [
        (str(s.id), "\u2003" * depth + f"{s.code}. {s.title}")
        for s, depth in tree_order(active, key=_sibling_key)
        if s.id not in excluded
    ]


def get_section(section_id) -> Section:
    """A heading by id, or NotFound."""
    ident = as_id(section_id)
    section = db.session.get(Section, ident) if ident is not None else None
    if section is None:
        raise NotFound("Không tìm thấy lĩnh vực.")
    return section


def suggest_code(parent: Section | None, exclude: Section | None = None) -> str:
    """The next free code under `parent` ("I.7" after "I.6"), or the next Roman numeral."""
    taken = {
        c.casefold()
        for i, c in db.session.execute(select(Section.id, Section.code))
        if exclude is None or i != exclude.id
    }
    n = 1
    while True:
        code = to_roman(n) if parent is None else f"{parent.code}.{n}"
        if code.casefold() not in taken:
            return code
        n += 1


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
        _place_by_number(section)
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
        _renumber_below(section, code)
    section.code, section.title, section.parent_id = code, title, new_parent_id
    if order is not None:
        section.sort_order = order
    db.session.flush()
    if order is None and (moved or renamed):
        _place_by_number(section)
    return section


def move_section(actor, principal: Principal, section: Section, direction: str) -> bool:
    """Move a heading one place up or down among its siblings."""
    _require_admin(principal)
    return move_among_siblings(Section, section, direction, _sibling_key)


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


def _sibling_key(section: Section) -> tuple:
    return (section.sort_order, code_key(section.code), section.id)


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
        if problem := (None if unchanged else _code_problem(code, parent, section)):
            errors["code"] = problem
    try:
        order = normalised_order(data.get("sort_order"))
    except ValidationFailed as error:
        errors["sort_order"], order = error.message, None
    if errors:
        raise ValidationFailed(next(iter(errors.values())), fields=errors)
    return code, title, parent, order


def _code_problem(code: str, parent: Section | None, section: Section | None) -> str | None:
    if not code:
        return "Chưa nhập mã lĩnh vực."
    if parent is None:
        if not _ROMAN.match(code):
            return (
                f"Mã “{code[:CODE_LIMIT]}” không hợp lệ: mục cấp cao nhất đánh số La Mã "
                "(I, II, III, IV …)."
            )
    else:
        head, _, tail = code.rpartition(".")
        if head != parent.code or not _NUMBER.match(tail):
            return (
                f"Mã “{code[:CODE_LIMIT]}” không hợp lệ: mục con của {parent.code} có mã "
                f"{parent.code}.1, {parent.code}.2 … (gợi ý: {suggest_code(parent, section)})."
            )
    if len(code) > CODE_LIMIT:
        return f"Mã lĩnh vực dài quá {CODE_LIMIT} ký tự."
    below = descendant_ids(Section, section.id) - {section.id} if section is not None else ()
    longest = max(
        (len(c) for i, c in db.session.execute(select(Section.id, Section.code)) if i in below),
        default=0,
    )
    if section is not None and longest - len(section.code) + len(code) > CODE_LIMIT:
        return f"Mã của các mục con sẽ dài quá {CODE_LIMIT} ký tự."
    wanted = code.casefold()
    for other_id, other_code, other_title in db.session.execute(
        select(Section.id, Section.code, Section.title)
    ):
        if other_code.casefold() == wanted and (section is None or other_id != section.id):
            return f"Mã “{code}” đã dùng cho lĩnh vực “{other_title}”."
        if other_code.casefold().startswith(wanted + ".") and other_id not in below:
            return f"Mã “{code}” trùng với mục con “{other_code}. {other_title}” đã có."
    return None


def _parent(raw, section: Section | None) -> Section | None:
    return checked_parent(
        Section,
        raw,
        section,
        missing="Mục cha không tồn tại.",
        cycle="Không thể chuyển lĩnh vực vào chính nó hoặc vào một mục con của nó.",
        retired=lambda parent: f"Mục cha “{parent.code}. {parent.title}” đang ngừng dùng.",
    )


def _renumber_below(section: Section, code: str) -> None:
    """Give the headings below `section` codes under its new code (I.6.1 → II.3.1)."""
    old_prefix = section.code + "."
    below = descendant_ids(Section, section.id) - {section.id}
    for child in db.session.scalars(select(Section).where(Section.id.in_(below))):
        if child.code.startswith(old_prefix):
            child.code = code + "." + child.code[len(old_prefix) :]


def _place_by_number(section: Section) -> None:
    """Put a heading among its siblings where its number belongs; renumber the orders."""
    siblings = [
        s
        for s in db.session.scalars(select(Section).where(same_parent(Section, section.parent_id)))
        if s.id != section.id
    ]
    siblings.sort(key=_sibling_key)
    mine = code_key(section.code)
    index = next((i for i, s in enumerate(siblings) if code_key(s.code) > mine), len(siblings))
    siblings.insert(index, section)
    for position, sibling in enumerate(siblings, start=1):
        sibling.sort_order = position * ORDER_STEP
    db.session.flush()
