"""Forms of the admin pages. They check shape and length; the services check the rest."""

from __future__ import annotations

from wtforms import BooleanField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from tracker.domain.report.window import RULE_LABELS
from tracker.models import ROLE_LABELS, UNIT_KINDS
from tracker.web.fields import Form


class Required:
    """Marks a field as required (label star, `required` flag) and leaves the check, and its
    Vietnamese message, to the service, which reports every field's problem at once."""

    field_flags = {"required": True}

    def __call__(self, form, field) -> None:
        return None


def choices(*groups) -> list[SelectChoice]:
    """Select options from lists of (value, label) pairs."""
    return [SelectChoice(value=str(v), label=label) for pairs in groups for v, label in pairs]


ROLE_CHOICES = [("", "— Chọn vai trò —"), *ROLE_LABELS.items()]
ORDER_HELP = "Để trống: xếp cuối trong cùng cấp. Số nhỏ đứng trước."


def _text(label: str, limit: int, render_kw: dict, *, required: bool = False) -> StringField:
    """A text field of at most `limit` characters."""
    length = Length(max=limit, message=f"Tối đa {limit} ký tự.")
    return StringField(
        label, validators=[Required(), length] if required else [length], render_kw=render_kw
    )


def _order_field() -> StringField:
    return StringField(
        "Thứ tự",
        validators=[Optional(), Length(max=7, message="Thứ tự quá dài.")],
        render_kw={"inputmode": "numeric", "pattern": "[0-9]*", "autocomplete": "off"},
    )


class UnitForm(Form):
    code = _text(
        "Mã đơn vị",
        40,
        {
            "autocomplete": "off",
            "placeholder": "VD: BCVT",
            "autocapitalize": "characters",
        },
        required=True,
    )
    name = _text(
        "Tên đơn vị", 255, {"placeholder": "VD: Phòng Bưu chính, Viễn thông"}, required=True
    )
    short_name = _text("Tên viết gọn", 120, {"placeholder": "VD: Phòng BCVT"})
    kind = SelectField(
        "Loại đơn vị",
        choices=choices(UNIT_KINDS.items()),
        default="division",
        validate_choice=False,
    )
    parent_id = SelectField("Đơn vị cấp trên", choices=[], validate_choice=False)
    sort_order = _order_field()

    def service_data(self) -> dict:
        return {name: getattr(self, name).data for name in _UNIT_FIELDS}


_UNIT_FIELDS = ("code", "name", "short_name", "kind", "parent_id", "sort_order")


class SectionForm(Form):
    parent_id = SelectField("Thuộc mục", choices=[], validate_choice=False)
    code = _text(
        "Mã mục", 20, {"autocomplete": "off", "placeholder": "VD: I.4 hoặc II"}, required=True
    )
    title = _text(
        "Tên lĩnh vực (tiêu đề mục)",
        255,
        {"placeholder": "VD: Lĩnh vực ứng dụng công nghệ thông tin"},
        required=True,
    )
    sort_order = _order_field()

    def service_data(self) -> dict:
        return {
            name: getattr(self, name).data for name in ("parent_id", "code", "title", "sort_order")
        }


class ProfileForm(Form):
    """A person's details (the new-account form adds a role, a unit and a password)."""

    username = _text(
        "Tên đăng nhập",
        80,
        {"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"},
        required=True,
    )
    full_name = _text("Họ và tên", 160, {"autocomplete": "off"}, required=True)
    job_title = _text("Chức vụ", 160, {"placeholder": "VD: Chuyên viên phòng BCVT"})
    email = _text(
        "Thư điện tử", 255, {"type": "email", "inputmode": "email", "autocomplete": "off"}
    )

    def service_data(self) -> dict:
        return {f.short_name: f.data for f in self if f.short_name != "csrf_token"}


class NewUserForm(ProfileForm):
    role = SelectField("Vai trò", choices=choices(ROLE_CHOICES), validate_choice=False)
    unit_id = SelectField("Tại đơn vị", choices=[], validate_choice=False)
    password = PasswordField(
        "Mật khẩu",
        validators=[Length(max=256, message="Tối đa 256 ký tự.")],
        render_kw={"autocomplete": "new-password"},
    )
    generate = BooleanField("Tạo mật khẩu tạm thời (hiện một lần sau khi lưu)", default=True)


class GrantForm(Form):
    role = SelectField("Vai trò", choices=choices(ROLE_CHOICES), validate_choice=False)
    unit_id = SelectField("Tại đơn vị", choices=[], validate_choice=False)


class ResetPasswordForm(Form):
    password = PasswordField(
        "Mật khẩu mới",
        validators=[Length(max=256, message="Tối đa 256 ký tự.")],
        render_kw={"autocomplete": "new-password", "placeholder": "Để trống để tạo tự động"},
    )


class SettingsForm(Form):
    org_parent_body = _text(
        "Cơ quan chủ quản",
        160,
        {"placeholder": "VD: UBND TỈNH TRÀ VINH", "data-preview": "parent"},
        required=True,
    )
    org_name = _text(
        "Tên cơ quan",
        200,
        {"placeholder": "VD: SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "data-preview": "name"},
        required=True,
    )
    org_code = _text(
        "Ký hiệu cơ quan",
        20,
        {"placeholder": "VD: STTTT", "data-preview": "code", "autocomplete": "off"},
        required=True,
    )
    org_place = _text("Địa danh", 80, {"placeholder": "VD: Trà Vinh", "data-preview": "place"})
    due_soon_days = StringField(
        "Nhắc việc sắp đến hạn trước (ngày)",
        validators=[Required()],
        render_kw={"inputmode": "numeric", "type": "number", "min": 1, "max": 60},
    )
    report_window = SelectField(
        "Thời gian chốt số liệu báo cáo", choices=choices(RULE_LABELS.items()), default="calendar"
    )
    completion_backdate_days = StringField(
        "Đơn vị được khai ngày hoàn thành sớm hơn ngày gửi tối đa (ngày)",
        validators=[Required()],
        render_kw={"inputmode": "numeric", "type": "number", "min": 0, "max": 366},
    )
    report_signer_title = TextAreaField(
        "Chức danh người ký (mặc định)",
        validators=[Length(max=2_000)],
        render_kw={"rows": 2, "placeholder": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"},
    )
    report_signer_name = _text("Người ký (mặc định)", 160, {"placeholder": "VD: Nguyễn Văn A"})
    report_recipients = TextAreaField(
        "Nơi nhận (mặc định, mỗi dòng một nơi)",
        validators=[Length(max=2_000)],
        render_kw={"rows": 4},
    )

    def service_data(self) -> dict:
        return {f.short_name: f.data for f in self if f.short_name != "csrf_token"}
