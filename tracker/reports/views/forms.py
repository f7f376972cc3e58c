"""Forms of the reports blueprint: the director's texts, the plan upload and its confirmation."""

from __future__ import annotations

from flask import current_app
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from tracker.common.uploads import TOKEN
from tracker.domain.periods import PeriodError, parse_period
from tracker.web.fields import Form


def _area(label: str, rows: int, limit: int = 20_000, **kw) -> TextAreaField:
    too_long = f"{label} dài quá {limit:,} ký tự.".replace(",", ".")
    return TextAreaField(
        label,
        validators=[Optional(), Length(max=limit, message=too_long)],
        render_kw={"rows": rows, **kw},
    )


class OrderForm(Form):
    """The order panel: its numbers ("order-<task id>") are read by reports/ordering.py."""


class ReportTextsForm(Form):
    """The director's own words for a period's report."""

    number = StringField(
        "Số báo cáo",
        validators=[Optional(), Length(max=60, message="Số báo cáo dài quá 60 ký tự.")],
        render_kw={"placeholder": "Ví dụ: 125/BC-STTTT (để trống nếu chưa có số)"},
    )
    introduction = _area("Mở đầu", 3)
    assessment = _area(
        "Đánh giá chung", 6, placeholder="Mỗi ý một dòng; dòng bắt đầu bằng “- ” là gạch đầu dòng."
    )
    difficulties = _area("Khó khăn, vướng mắc", 4)
    proposals = _area("Đề xuất, kiến nghị", 4)
    signer_title = _area("Chức danh người ký", 2, limit=160, placeholder="KT. GIÁM ĐỐC")
    signer_name = StringField(
        "Họ tên người ký",
        validators=[Optional(), Length(max=160, message="Họ tên người ký dài quá 160 ký tự.")],
    )
    recipients = _area("Nơi nhận", 6, placeholder="Mỗi nơi nhận một dòng; “Lưu: VT.” ở cuối.")
    plan_intro = _area(
        "Câu dẫn phần phương hướng", 2, limit=2_000, placeholder="Để trống: soạn từ kế hoạch."
    )


TOO_LONG = "Dài quá %(max)d ký tự."


class IssueForm(Form):
    """Chốt và phát hành: the number, the date and the signature of the report as sent."""

    # Any unit is sent on: the service refuses one the leader may not issue for (403).
    unit = SelectField(
        "Báo cáo của", validators=[DataRequired("Chọn đơn vị.")], validate_choice=False
    )
    number = StringField(
        "Số báo cáo",
        validators=[DataRequired("Chưa nhập số báo cáo."), Length(max=60, message=TOO_LONG)],
        render_kw={"placeholder": "Ví dụ: 45/BC-STTTT", "autocomplete": "off"},
    )
    date = StringField(
        "Ngày ban hành",
        validators=[DataRequired("Chưa nhập ngày ban hành.")],
        render_kw={"type": "date"},
    )
    signer_title = TextAreaField(
        "Chức danh người ký",
        validators=[
            DataRequired("Chưa nhập chức danh người ký."),
            Length(max=160, message=TOO_LONG),
        ],
        render_kw={"rows": 2},
    )
    signer_name = StringField(
        "Họ tên người ký",
        validators=[DataRequired("Chưa nhập họ tên người ký."), Length(max=160, message=TOO_LONG)],
    )
    recipients = TextAreaField(
        "Nơi nhận",
        validators=[DataRequired("Chưa nhập nơi nhận."), Length(max=2_000, message=TOO_LONG)],
        render_kw={"rows": 5},
    )

    def service_data(self) -> dict:
        lines = [line.strip() for line in (self.recipients.data or "").splitlines()]
        return {
            "unit": self.unit.data,
            "number": self.number.data,
            "date": self.date.data,
            "signer_title": self.signer_title.data,
            "signer_name": self.signer_name.data,
            "recipients": [line for line in lines if line],
        }


PERIOD_MESSAGE = "Chọn kỳ kế hoạch."


def _period_code(form, field) -> None:
    try:
        field.data = parse_period(field.data or "").code
    except PeriodError as error:
        raise ValidationError(str(error)) from None


class PlanUploadForm(Form):
    """A plan workbook and the period its tasks are planned for."""

    period = SelectField(
        "Kỳ kế hoạch",
        validators=[DataRequired(PERIOD_MESSAGE), _period_code],
        validate_choice=False,  # any period the parser accepts, not only those offered
    )
    file = FileField(
        "Tệp kế hoạch (.xlsx)",
        validators=[FileRequired("Chọn tệp Excel (.xlsx) theo mẫu.")],
        render_kw={
            "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        },
    )

    def validate_file(self, field) -> None:
        name = (field.data.filename or "").lower() if field.data else ""
        if not name.endswith(".xlsx"):
            raise ValidationError("Chỉ nhận tệp Excel .xlsx (tải tệp mẫu ở bên dưới).")
        limit = current_app.config["IMPORT_MAX_BYTES"]
        data = field.data.read(limit + 1)
        field.data.seek(0)
        if len(data) > limit:
            raise ValidationError(f"Tệp lớn hơn {limit // (1024 * 1024)} MB.")
        if not data:
            raise ValidationError("Tệp rỗng.")


class PlanConfirmForm(Form):
    """Confirms the import of a previewed upload, named by its token."""

    token = HiddenField(
        validators=[
            DataRequired("Thiếu mã tệp đã tải lên."),
            Regexp(rf"^{TOKEN.pattern}$", message="Mã tệp đã tải lên không hợp lệ."),
        ]
    )
