"""Forms of the documents blueprint. Field checks beyond length live in the services."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from tracker.domain.legal_refs import DOCUMENT_TYPES
from tracker.web.fields import Form

TYPE_CHOICES = [SelectChoice("", "Theo số, ký hiệu")] + [SelectChoice(t, t) for t in DOCUMENT_TYPES]


class DocumentForm(Form):
    """Register or correct a document: a typed reference fills the other fields."""

    reference = StringField(
        "Số, ký hiệu văn bản",
        validators=[
            InputRequired("Chưa nhập số, ký hiệu văn bản."),
            Length(max=300, message="Dài quá 300 ký tự."),
        ],
        render_kw={
            "placeholder": "Quyết định 135/QĐ-TTg ngày 20/01/2020",
            "autocomplete": "off",
            "data-parse-reference": True,
        },
    )
    doc_type = SelectField("Loại văn bản", choices=TYPE_CHOICES, validate_choice=False)
    issued_on = StringField("Ngày ban hành", render_kw={"type": "date"})
    issuer_name = StringField(
        "Cơ quan ban hành",
        validators=[Length(max=255, message="Dài quá 255 ký tự.")],
        render_kw={"placeholder": "Theo mã trong số, ký hiệu"},
    )
    title = TextAreaField(
        "Trích yếu",
        validators=[Length(max=2000, message="Dài quá 2.000 ký tự.")],
        render_kw={"rows": 3, "placeholder": "Về việc …"},
    )
    link = StringField(
        "Liên kết đến văn bản",
        validators=[Length(max=500, message="Dài quá 500 ký tự.")],
        render_kw={
            "type": "url",
            "placeholder": "https://vanban.chinhphu.vn/…",
            "inputmode": "url",
        },
    )
    file = FileField("Tệp văn bản (PDF hoặc Word .docx, tối đa 20 MB)")

    def service_data(self) -> dict:
        """The fields as the registry's use cases take them."""
        data = {
            name: getattr(self, name).data or ""
            for name in ("reference", "doc_type", "issued_on", "issuer_name", "title", "link")
        }
        upload = self.file.data
        if upload is not None and getattr(upload, "filename", ""):
            data["file"] = upload
        return data
