"""Form fields that speak Vietnamese: dates as dd/mm/yyyy or ISO, whole percentages, choices.

WTForms has no Vietnamese catalogue, so every message a user can meet is written here, and
each one names its field.
"""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation
from wtforms.widgets import DateInput

from tracker.domain.dates import read_day
from tracker.domain.text import clean_text


def _cleaner(multiline: bool):
    def clean(value):
        return clean_text(value, multiline) if isinstance(value, str) else value

    return clean


class Form(FlaskForm):
    """A form whose text fields are cleaned as the API cleans JSON (domain/text.clean_text):
    no control characters; a one-line input's line breaks folded to a space."""

    class Meta(FlaskForm.Meta):
        def bind_field(self, form, unbound_field, options):
            kind = unbound_field.field_class
            # A password is compared, not read: it is taken exactly as typed.
            if issubclass(kind, StringField) and not issubclass(kind, PasswordField):
                multiline = issubclass(kind, TextAreaField)
                given = tuple(unbound_field.kwargs.get("filters", ()))
                options = dict(options, filters=(_cleaner(multiline), *given))
            return super().bind_field(form, unbound_field, options)


class DayField(StringField):
    """A date input (the browser's picker) that also accepts a typed dd/mm/yyyy."""

    widget = DateInput()

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not (valuelist[0] or "").strip():
            return
        self.data = read_day(valuelist[0], self.label.text)  # its ValueError names the field

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return self.data.isoformat() if isinstance(self.data, date) else ""


class PercentField(IntegerField):
    """A whole number from 0 to 100."""

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or str(valuelist[0]).strip() == "":
            return
        text = str(valuelist[0]).strip().rstrip("%").strip()
        try:
            self.data = int(text)
        except ValueError:
            raise ValueError(f"{self.label.text} phải là số nguyên.") from None

    def pre_validate(self, form):
        if self.process_errors or self.data is None:
            return
        if not 0 <= self.data <= 100:
            raise StopValidation(f"{self.label.text} phải trong khoảng 0–100.")


def optional_int(value):
    """Coerce a select's value to an int; the empty option is None."""
    if value in (None, "", "None"):
        return None
    return int(value)


class ChoiceField(SelectField):
    """A select whose refusals name the field in Vietnamese."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_value_message", f"{label}: lựa chọn không hợp lệ.")
        kwargs.setdefault(
            "invalid_choice_message", f"{label}: không có lựa chọn này, hoặc bạn không được chọn."
        )
        kwargs.setdefault("choices", [])
        super().__init__(label, validators, **kwargs)


class MultiChoiceField(SelectMultipleField):
    """A multiple select whose refusals name the field in Vietnamese."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_value_message", f"{label}: lựa chọn không hợp lệ.")
        kwargs.setdefault(
            "invalid_choice_message",
            f"{label}: không có lựa chọn “%(value)s”, hoặc bạn không được chọn.",
        )
        kwargs.setdefault("choices", [])
        super().__init__(label, validators, **kwargs)


def options(pairs, optgroup: str | None = None) -> list[SelectChoice]:
    """SelectChoice objects from (value, label) pairs."""
    return [SelectChoice(value=str(v), label=label, optgroup=optgroup) for v, label in pairs]
