"""What importing a past report would do: the plan the preview shows and the writer follows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.domain.legal_refs import LegalRef
from tracker.domain.periods import Period
from tracker.domain.report.window import Window
from tracker.imports.report_model import ParsedReport
from tracker.reports.importing.sections import SectionPlan

TEXT_LABELS = {
    "number": "Số báo cáo",
    "introduction": "Mở đầu",
    "assessment": "Đánh giá chung",
    "difficulties": "Khó khăn, vướng mắc",
    "proposals": "Kiến nghị, đề xuất",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Người ký",
    "recipients": "Nơi nhận",
    # The report's Decree 30 header, kept for its period: regenerated, it reads the same.
    "org_parent_body": "Cơ quan chủ quản",
    "org_name": "Cơ quan ban hành",
    "org_place": "Địa danh",
    "signed_on": "Ngày ký",
}


@dataclass
class ItemPlan:
    """One achievement (a bullet of the report) as the done task it becomes."""

    key: str  # "item-3": the form's name for it
    section_key: str
    text: str
    title: str
    completed_on: date
    refs: list[LegalRef]
    unit_id: int | None = None  # the guess
    unit_mention: str | None = None  # the words the guess came from
    guessed_from_heading: bool = False
    duplicate: bool = False
    order: int = 0  # its place among its section's items, as the report wrote them


@dataclass
class PlanTaskPlan:
    """One numbered item of the next-period heading, as the planned task it becomes."""

    key: str  # "plan-2"
    text: str
    title: str
    section_ref: str  # "r:I.4" (a heading of the report) or "s:12" (another section)
    refs: list[LegalRef]
    unit_id: int | None = None
    unit_mention: str | None = None
    duplicate: bool = False
    order: int = 0  # its number in the plan, as the report wrote it


@dataclass
class DocumentPlan:
    ref: LegalRef  # its first mention
    mentions: int = 1
    existing_id: int | None = None
    title: str | None = None

    @property
    def label(self) -> str:
        return f"{self.ref.type} {self.ref.symbol}"


@dataclass
class TextPlan:
    name: str
    label: str
    value: str
    action: str  # "set" (filled from the report) or "keep" (the period already has one)
    current: str = ""


@dataclass
class RootPlan:
    """On an empty database the organisation of the report becomes the root unit."""

    name: str
    code: str
    settings: dict[str, str]


@dataclass
class UnitChoice:
    id: int
    name: str
    depth: int


@dataclass
class ImportPlan:
    period: Period
    filename: str
    report: ParsedReport
    sections: list[SectionPlan]
    items: list[ItemPlan]
    plan_tasks: list[PlanTaskPlan]
    documents: list[DocumentPlan]
    texts: list[TextPlan]
    units: list[UnitChoice]
    department_id: int | None
    department_name: str
    root: RootPlan | None = None
    window: Window | None = None  # the days the report counts: its items are dated within
    other_sections: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def next_period(self) -> Period:
        return self.period.next()

    def section(self, key: str) -> SectionPlan:
        return next(s for s in self.sections if s.key == key)

    def items_of(self, key: str) -> list[ItemPlan]:
        return [item for item in self.items if item.section_key == key]

    @property
    def counts(self) -> dict[str, int]:
        """The figures the preview and the command line show."""
        return {
            "sections_new": sum(1 for s in self.sections if s.existing_id is None),
            "sections_matched": sum(1 for s in self.sections if s.existing_id is not None),
            "achievements": len(self.items),
            "items_new": sum(1 for i in self.items if not i.duplicate),
            "items_guessed": sum(1 for i in self.items if i.unit_id is not None),
            "item_duplicates": sum(1 for i in self.items if i.duplicate),
            "plan_duplicates": sum(1 for p in self.plan_tasks if p.duplicate),
            "duplicates": sum(1 for i in self.items if i.duplicate)
            + sum(1 for p in self.plan_tasks if p.duplicate),
            "new": sum(1 for e in [*self.items, *self.plan_tasks] if not e.duplicate),
            "plan": len(self.plan_tasks),
            "references": sum(len(i.refs) for i in self.items)
            + sum(len(p.refs) for p in self.plan_tasks),
            "documents": len(self.documents),
            "documents_new": sum(1 for d in self.documents if d.existing_id is None),
        }
