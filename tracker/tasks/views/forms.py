"""Forms of the tasks blueprint, with Vietnamese labels and messages (CSRF by Flask-WTF).

Choices are filled by the views from what the actor may use (see choices.py). Field checks
live here; the rules of the domain (due after start, a result before "done" ...) live in the
services, whose refusals the views attach to these fields.
"""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from tracker.domain.legal_refs import parse_ref
from tracker.domain.text import whole_number
from tracker.models import PRIORITIES
from tracker.web.fields import (
    ChoiceField,
    DayField,
    Form,
    MultiChoiceField,
    PercentField,
    optional_int,
    options,
)

PRIORITY_CHOICES = options(PRIORITIES.items())


def _length(limit: int, label: str) -> Length:
    return Length(max=limit, message=f"{label} dài quá {limit:,} ký tự.".replace(",", "."))


class VersionedForm(Form):
    """A form about one version of a task, loaded at a known moment (UTC)."""

    version = HiddenField()
    loaded_at = HiddenField()


class TaskForm(VersionedForm):
    """Giao nhiệm vụ / sửa nhiệm vụ."""

    title = StringField(
        "Tên nhiệm vụ",
        validators=[DataRequired("Chưa nhập tên nhiệm vụ."), _length(500, "Tên nhiệm vụ")],
    )
    description = TextAreaField(
        "Nội dung, yêu cầu", validators=[_length(20_000, "Nội dung")], render_kw={"rows": 4}
    )
    section = ChoiceField(
        "Lĩnh vực", coerce=optional_int, validators=[InputRequired("Chưa chọn lĩnh vực.")]
    )
    lead_unit = ChoiceField(
        "Đơn vị chủ trì",
        coerce=optional_int,
        validators=[InputRequired("Chưa chọn đơn vị chủ trì.")],
    )
    support_units = MultiChoiceField(
        "Đơn vị phối hợp", coerce=int, render_kw={"size": 5}, validators=[Optional()]
    )
    assignee = ChoiceField("Người thực hiện", coerce=optional_int)
    planned_period = ChoiceField("Kỳ kế hoạch", default="")
    start_date = DayField("Ngày bắt đầu")
    due_date = DayField("Hạn hoàn thành")
    priority = ChoiceField("Mức ưu tiên", coerce=int, choices=PRIORITY_CHOICES, default=2)
    product = TextAreaField(
        "Sản phẩm",
        validators=[_length(2_000, "Sản phẩm")],
        render_kw={"rows": 2, "placeholder": "VD: Báo cáo trình UBND tỉnh; Quyết định ban hành"},
    )
    report_wording = TextAreaField(
        "Nội dung ghi trong báo cáo",
        validators=[_length(20_000, "Nội dung ghi trong báo cáo")],
        render_kw={"rows": 3},
    )
    weight = StringField(
        "Hệ số quy đổi",
        default="1",
        validators=[Optional()],
        render_kw={"inputmode": "decimal"},
    )
    parent = StringField(
        "Nhiệm vụ cha (mã số)", validators=[Optional()], render_kw={"inputmode": "numeric"}
    )
    documents = MultiChoiceField(
        "Văn bản đã liên kết",
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )
    document_refs = TextAreaField(
        "Thêm văn bản (số, ký hiệu; mỗi dòng một văn bản)",
        validators=[_length(5_000, "Danh sách văn bản")],
        render_kw={"rows": 2, "placeholder": "Quyết định 135/QĐ-TTg ngày 20/01/2020"},
    )

    def validate_parent(self, field):
        text = (field.data or "").strip().lstrip("#")
        if text and whole_number(text, 10) is None:
            raise ValidationError("Nhiệm vụ cha: hãy nhập mã số nhiệm vụ (ví dụ 12).")

    def validate_due_date(self, field):
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError("Hạn hoàn thành không được trước ngày bắt đầu.")

    def validate_document_refs(self, field):
        for line in reference_lines(field.data):
            if parse_ref(line) is None:
                raise ValidationError(
                    f"“{line}” không phải là số, ký hiệu văn bản "
                    "(ví dụ: Quyết định 135/QĐ-TTg ngày 20/01/2020)."
                )

    def task_data(self, include_due: bool = True) -> dict:
        """The values the task services take, as they were typed."""
        data = {
            "title": self.title.data,
            "description": self.description.data,
            "section": self.section.data,
            "lead_unit": self.lead_unit.data,
            "support_units": list(self.support_units.data or []),
            "assignee": self.assignee.data,
            "planned_period": self.planned_period.data or None,
            "start_date": self.start_date.data,
            "priority": self.priority.data,
            "product": self.product.data or None,
            "report_wording": (self.report_wording.data or "").strip() or None,
            "weight": self.weight.data or 1,
            "parent": (self.parent.data or "").strip().lstrip("#") or None,
            "documents": list(self.documents.data or []) + reference_lines(self.document_refs.data),
        }
        if include_due:
            data["due_date"] = self.due_date.data
        return data


def reference_lines(text: str | None) -> list[str]:
    """The non-empty lines (or ;-separated parts) of a typed list of references."""
    parts = (text or "").replace(";", "\n").splitlines()
    return [part.strip() for part in parts if part.strip()]


class QuickUpdateForm(VersionedForm):
    """Cập nhật tiến độ: the one-screen, one-click update."""

    status = ChoiceField("Trạng thái", validators=[InputRequired("Chưa chọn trạng thái.")])
    progress = PercentField("Tiến độ (%)", validators=[InputRequired("Chưa nhập tiến độ.")])
    result = TextAreaField(
        "Kết quả đạt được", validators=[_length(20_000, "Kết quả")], render_kw={"rows": 3}
    )
    completed_on = DayField("Ngày hoàn thành")
    note = TextAreaField("Ghi chú", validators=[_length(5_000, "Ghi chú")], render_kw={"rows": 2})
    file = FileField("Tệp minh chứng")

    def task_data(self) -> dict:
        """The posted fields only: a list's inline form sends no result, and keeps it."""
        fields = (self.status, self.progress, self.result, self.completed_on)
        return {field.name: field.data for field in fields if field.raw_data}


class ConfirmForm(VersionedForm):
    """Xác nhận hoàn thành."""


class ReturnForm(VersionedForm):
    """Trả lại, with a reason."""

    reason = TextAreaField(
        "Lý do trả lại",
        id="return-reason",
        validators=[DataRequired("Hãy nêu lý do trả lại."), _length(5_000, "Lý do")],
        render_kw={"rows": 2},
    )


class ExtensionForm(Form):
    """Đề nghị gia hạn: a new due date and why."""

    due_date = DayField(
        "Hạn mới đề nghị", id="ext-due", validators=[InputRequired("Hãy chọn hạn mới.")]
    )
    reason = TextAreaField(
        "Lý do đề nghị gia hạn",
        id="ext-reason",
        validators=[DataRequired("Hãy nêu lý do đề nghị gia hạn."), _length(5_000, "Lý do")],
        render_kw={"rows": 2},
    )


class DecisionForm(Form):
    """Đồng ý / Không đồng ý gia hạn."""

    decision = ChoiceField(
        "Quyết định",
        choices=options([("approve", "Đồng ý"), ("decline", "Không đồng ý")]),
        validators=[InputRequired("Hãy chọn đồng ý hoặc không đồng ý.")],
    )
    note = TextAreaField(
        "Ý kiến", id="decision-note", validators=[_length(5_000, "Ý kiến")], render_kw={"rows": 2}
    )


class RemindForm(Form):
    """Nhắc nhở, with an optional word from the director."""

    note = TextAreaField(
        "Lời nhắc", id="remind-note", validators=[_length(2_000, "Lời nhắc")], render_kw={"rows": 2}
    )


class AttachmentForm(Form):
    """Đính kèm minh chứng."""

    file = FileField("Tệp minh chứng", id="attachment-file")
