"""Match an imported report's headings to the section tree, or plan the sections to create."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from tracker.domain.roman import to_roman
from tracker.extensions import db
from tracker.imports.report_mapping import normal, same_heading
from tracker.imports.report_model import ParsedReport, ParsedSection
from tracker.models import Section

TITLE_LIMIT = 255


@dataclass
class SectionPlan:
    """A heading of the report and the section it is, or will be, in the tracker."""

    key: str  # the code in the report: "I", "I.6.1"
    number: str  # as the report writes it: "I", "6.1"
    title: str
    level: int
    parent_key: str | None
    code: str  # the code it has, or will have, in the tracker
    sort_order: int = 0
    existing_id: int | None = None
    existing_title: str | None = None
    matched_by: str = "new"  # "code" (code and title), "title" (title, another code), "new"
    reactivate: bool = False
    item_count: int = 0  # the section's own items
    total: int = 0  # with the items of the sections below it

    @property
    def is_new(self) -> bool:
        return self.existing_id is None


def plan_sections(parsed: ParsedReport) -> tuple[list[SectionPlan], list[str]]:
    """Every heading of the report in order, matched (code and title, else title) or new."""
    planner = _Planner(db.session.scalars(select(Section)).all())
    for top in parsed.sections:
        planner.visit(top, None)
    return planner.plans, planner.warnings


class _Planner:
    def __init__(self, existing: list[Section]):
        self.existing = existing
        self.by_code = {s.code: s for s in existing}
        self.taken = set(self.by_code)
        self.used: set[int] = set()
        self.next_order = max((s.sort_order for s in existing), default=0) + 1
        self.plans: list[SectionPlan] = []
        self.warnings: list[str] = []

    def visit(self, parsed: ParsedSection, parent: SectionPlan | None) -> SectionPlan:
        expected = self._expected_code(parsed, parent)
        title = parsed.title[:TITLE_LIMIT]
        plan = SectionPlan(
            key=parsed.code,
            number=parsed.number,
            title=title,
            level=parsed.level,
            parent_key=parent.key if parent else None,
            code=expected,
            item_count=len(parsed.items),
            total=sum(len(s.items) for s in parsed.walk()),
        )
        match = self._match(plan, expected, parent)
        if match is not None:
            self.used.add(match.id)
            plan.code, plan.existing_id, plan.existing_title = match.code, match.id, match.title
            plan.sort_order, plan.reactivate = match.sort_order, not match.active
        else:
            if expected in self.taken:
                plan.code = self._free_code(parent)
                self.warnings.append(
                    f"Mục “{parsed.number}. {title}” sẽ được tạo với mã {plan.code} vì mã "
                    f"{expected} đã dùng cho mục “{self.by_code[expected].title}”."
                    if expected in self.by_code
                    else f"Mục “{parsed.number}. {title}” sẽ được tạo với mã {plan.code}."
                )
            self.taken.add(plan.code)
            plan.sort_order = self.next_order
            self.next_order += 1
        self.plans.append(plan)
        for child in parsed.children:
            self.visit(child, plan)
        return plan

    @staticmethod
    def _expected_code(parsed: ParsedSection, parent: SectionPlan | None) -> str:
        if parent is None:
            return parsed.code
        prefix = parent.key + "."
        suffix = parsed.code[len(prefix) :] if parsed.code.startswith(prefix) else parsed.number
        return f"{parent.code}.{suffix}"

    def _match(self, plan: SectionPlan, expected: str, parent: SectionPlan | None):
        if parent is not None and parent.existing_id is None:
            return None  # under a new section everything is new
        candidate = self.by_code.get(expected)
        if (
            candidate
            and candidate.id not in self.used
            and same_heading(candidate.title, plan.title)
        ):
            plan.matched_by = "code"
            return candidate
        parent_id = parent.existing_id if parent else None
        same = [
            s
            for s in self.existing
            if s.id not in self.used
            and s.parent_id == parent_id
            and same_heading(s.title, plan.title)
        ]
        if not same:
            return None
        plan.matched_by = "title"
        exact = [s for s in same if normal(s.title) == normal(plan.title)]
        return (exact or same)[0]

    def _free_code(self, parent: SectionPlan | None) -> str:
        if parent is None:
            n = 1
            while to_roman(n) in self.taken:
                n += 1
            return to_roman(n)
        pattern = re.compile(re.escape(parent.code) + r"\.(\d+)$")
        numbers = [int(m[1]) for code in self.taken if (m := pattern.match(code))]
        return f"{parent.code}.{max(numbers, default=0) + 1}"
