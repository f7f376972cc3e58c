"""The codes of the report's headings: I, II … at the top, then the parent's code and a number
(I.6, I.6.1). How they are read, sorted, suggested, checked, and renumbered after a move.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from tracker.domain.roman import from_roman, to_roman
from tracker.domain.text import whole_number
from tracker.extensions import db
from tracker.models import Section
from tracker.org.trees import ORDER_STEP, descendant_ids, same_parent

CODE_LIMIT = 20
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
        elif (number := whole_number(part, 6)) is not None:
            key.append(number)
        else:
            key.append(10**6)
    return tuple(key)


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


def code_problem(code: str, parent: Section | None, section: Section | None) -> str | None:
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


def renumber_below(section: Section, code: str) -> None:
    """Give the headings below `section` codes under its new code (I.6.1 → II.3.1)."""
    old_prefix = section.code + "."
    below = descendant_ids(Section, section.id) - {section.id}
    for child in db.session.scalars(select(Section).where(Section.id.in_(below))):
        if child.code.startswith(old_prefix):
            child.code = code + "." + child.code[len(old_prefix) :]


def place_by_number(section: Section) -> None:
    """Put a heading among its siblings where its number belongs; renumber the orders."""
    siblings = [
        s
        for s in db.session.scalars(select(Section).where(same_parent(Section, section.parent_id)))
        if s.id != section.id
    ]
    siblings.sort(key=sibling_key)
    mine = code_key(section.code)
    index = next((i for i, s in enumerate(siblings) if code_key(s.code) > mine), len(siblings))
    siblings.insert(index, section)
    for position, sibling in enumerate(siblings, start=1):
        sibling.sort_order = position * ORDER_STEP
    db.session.flush()


def sibling_key(section: Section) -> tuple:
    """Siblings in the admin's order, then by code."""
    return (section.sort_order, code_key(section.code), section.id)
