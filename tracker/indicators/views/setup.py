"""Thiết lập chỉ tiêu: the leaders' form to set an indicator up or change it, targets
included (one a line: "2026: 70", "2026-Q4: 75")."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from wtforms import HiddenField, StringField, TextAreaField

from tracker.common.access import current_principal
from tracker.common.exceptions import NotAllowed, ValidationFailed
from tracker.domain.indicators import KIND_LABELS_VI, Direction, Kind
from tracker.extensions import db
from tracker.indicators.models import Indicator
from tracker.indicators.setup import create_indicator, update_indicator
from tracker.indicators.views.blueprint import bp
from tracker.permissions import Action, can
from tracker.tasks.views.choices import section_choices, unit_choices
from tracker.web.fields import ChoiceField, Form, options
from tracker.web.form_errors import attach_errors, on_refusal

DIRECTIONS = {Direction.UP: "Càng cao càng tốt", Direction.DOWN: "Càng thấp càng tốt"}


class IndicatorForm(Form):
    code = StringField("Mã chỉ tiêu", id="indicator-code")
    name = StringField("Tên chỉ tiêu", id="indicator-name")
    measure = StringField("Đơn vị tính", id="indicator-measure")
    kind = ChoiceField("Loại chỉ tiêu", id="indicator-kind")
    direction = ChoiceField("Chiều đánh giá", id="indicator-direction")
    unit = ChoiceField("Đơn vị chủ trì", id="indicator-unit")
    section = ChoiceField("Mục báo cáo", id="indicator-section")
    first_year = StringField("Áp dụng từ năm", id="indicator-first-year")
    last_year = StringField("Đến năm", id="indicator-last-year")
    targets = TextAreaField("Chỉ tiêu giao", id="indicator-targets", render_kw={"rows": 3})
    documents = TextAreaField(
        "Văn bản giao chỉ tiêu", id="indicator-documents", render_kw={"rows": 2}
    )
    version = HiddenField()

    def fill_choices(self) -> None:
        self.kind.choices = options((k.value, KIND_LABELS_VI[k]) for k in Kind)
        self.direction.choices = options((d.value, label) for d, label in DIRECTIONS.items())
        self.unit.choices = unit_choices(blank="— Chọn đơn vị —")
        self.section.choices = section_choices(blank="— Không xếp mục —")

    def data_for_use_case(self) -> dict:
        return {
            "code": self.code.data,
            "name": self.name.data,
            "measure": self.measure.data,
            "kind": self.kind.data,
            "direction": self.direction.data,
            "unit": self.unit.data,
            "section": self.section.data or None,
            "first_year": self.first_year.data,
            "last_year": self.last_year.data,
            "targets": target_lines(self.targets.data or ""),
            "documents": [line.strip() for line in (self.documents.data or "").splitlines()
                          if line.strip()],
        }  # fmt: skip


def target_lines(text: str) -> dict[str, str]:
    """ "2026: 70" a line into {"2026": "70"}; a line without the colon is refused by number."""
    found = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        period, sep, value = line.partition(":")
        if not sep or not period.strip() or not value.strip():
            raise ValidationFailed(
                f"Chỉ tiêu giao, dòng {number}: viết “kỳ: chỉ tiêu”, ví dụ “2026: 70”.",
                field="targets",
            )
        found[period.strip()] = value.strip()
    return found


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    return _form(None)


@bp.route("/<int:indicator_id>/edit", methods=["GET", "POST"])
@login_required
def edit(indicator_id: int):
    indicator = db.session.get(Indicator, indicator_id) or abort(404)
    return _form(indicator)


def _form(indicator: Indicator | None):
    principal = current_principal()
    if not can(principal, Action.MANAGE_INDICATORS):
        raise NotAllowed("Chỉ lãnh đạo Sở thiết lập chỉ tiêu.")
    form = IndicatorForm(obj=None)
    form.fill_choices()
    if indicator is not None and not form.is_submitted():
        _prefill(form, indicator)
    if not form.is_submitted() or not form.validate():
        status = 422 if form.errors else 200
        return render_template("indicators/form.html", form=form, indicator=indicator), status
    on_refusal(lambda error: _refused(form, indicator, error))
    data = form.data_for_use_case()
    if indicator is None:
        indicator = create_indicator(current_user, principal, data)
        flash(f"Đã thiết lập chỉ tiêu “{indicator.name}”.", "success")
    else:
        update_indicator(current_user, principal, indicator, data, form.version.data)
        flash("Đã lưu thay đổi của chỉ tiêu.", "success")
    return redirect(url_for("indicators.show", indicator_id=indicator.id), 303)


def _refused(form: IndicatorForm, indicator, error):
    for message in attach_errors(form, error, default="code"):
        flash(message, "danger")
    return render_template("indicators/form.html", form=form, indicator=indicator), error.status


def _prefill(form: IndicatorForm, indicator: Indicator) -> None:
    form.code.data, form.name.data = indicator.code, indicator.name
    form.measure.data, form.kind.data = indicator.measure, indicator.kind
    form.direction.data, form.unit.data = indicator.direction, str(indicator.unit_id)
    form.section.data = str(indicator.section_id or "")
    form.first_year.data, form.last_year.data = indicator.first_year, indicator.last_year
    form.targets.data = "\n".join(
        f"{t.period}: {format(t.value.normalize(), 'f').replace('.', ',')}"
        for t in indicator.targets
    )
    form.documents.data = "\n".join(d.label for d in indicator.documents)
    form.version.data = indicator.version
