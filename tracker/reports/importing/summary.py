"""What an import did, in figures and in a few Vietnamese sentences (the command line prints
them, the web flashes them)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ImportSummary:
    period: str
    period_label: str
    next_label: str
    root: str | None = None
    sections_created: int = 0
    sections_matched: int = 0
    achievements: int = 0
    planned: int = 0
    skipped: int = 0
    duplicates: int = 0
    plan_duplicates: int = 0
    documents_linked: int = 0  # distinct documents the new tasks are linked to
    links: int = 0
    documents_created: int = 0
    units_guessed: int = 0
    units_default: int = 0
    department: str = ""
    texts: list[str] = field(default_factory=list)

    @property
    def created_nothing(self) -> bool:
        return not (self.achievements or self.planned or self.sections_created or self.root)

    def lines(self) -> list[str]:
        """The summary in a few Vietnamese sentences (the command line, the flash message)."""
        out = [f"Kỳ báo cáo {self.period_label}; kế hoạch cho {self.next_label}."]
        if self.created_nothing and (self.duplicates or self.plan_duplicates):
            out.append("Không có gì mới để nhập: các mục đã có từ lần nhập trước.")
        if self.root:
            out.append(f"Tạo đơn vị gốc: {self.root}.")
        out.append(f"Lĩnh vực: {self.sections_created} tạo mới, {self.sections_matched} đã có.")
        line = f"Kết quả đạt được: {self.achievements} nhiệm vụ hoàn thành"
        if self.skipped:
            line += f"; {self.skipped} mục không chọn"
        if self.duplicates:
            line += f"; {self.duplicates} mục đã có từ lần nhập trước, bỏ qua"
        out.append(line + ".")
        line = f"Phương hướng {self.next_label}: {self.planned} nhiệm vụ"
        if self.plan_duplicates:
            line += f"; {self.plan_duplicates} nhiệm vụ đã có, bỏ qua"
        out.append(line + ".")
        out.append(
            f"Văn bản: {self.links} liên kết tới {self.documents_linked} văn bản "
            f"({self.documents_created} văn bản mới)."
        )
        line = f"Đơn vị chủ trì: {self.units_guessed} mục đoán theo tên đơn vị"
        if self.units_default:
            line += f", {self.units_default} mục giao cho {self.department}"
        out.append(line + ".")
        if self.texts:
            out.append("Nội dung báo cáo kỳ: đã điền " + ", ".join(self.texts).lower() + ".")
        return out
