"""Building blocks of the JSON schemas (marshmallow): fields that speak Vietnamese, the
references to units, sections, documents and people, the list envelope and the error body.

Each feature's `schemas.py` builds on these: one schema per resource validates what comes
in, serialises what goes out, and describes both in /api/v1/openapi.json (api/spec.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from marshmallow import RAISE, Schema, ValidationError, fields

from tracker.common.exceptions import ServiceError, ValidationFailed
from tracker.domain.dates import read_day
from tracker.domain.text import clean_text

ID = {"type": "integer", "minimum": 1}
# A unit, section, document or person named by id or by code / symbol / username.
NAMED = {"anyOf": [ID, {"type": "string", "minLength": 1}]}
# What domain/periods.py parses: years 1900 to 2100, months 01 to 12.
PERIOD_PATTERN = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-(H[12]|Q[1-4]|9M|0[1-9]|1[0-2]))?$"


class ApiSchema(Schema):
    """A schema whose refusals are in Vietnamese and which refuses unknown members."""

    class Meta:
        unknown = RAISE

    error_messages = {
        "unknown": "Trường này không có (hoặc không sửa được).",
        "type": "Nội dung phải là một đối tượng JSON ({...}).",
    }


def load(schema: Schema, data, partial: bool = False) -> dict:
    """Data as the schema reads it; ValidationFailed naming each field at fault."""
    try:
        return schema.load(data, partial=partial)
    except ValidationError as error:
        at_fault = flat(error.messages)
        first = next(iter(at_fault))
        raise ValidationFailed(
            first_message(error.messages), field=first, fields=at_fault
        ) from None


def flat(messages, prefix: str = "") -> dict[str, str]:
    """{field: first message} from marshmallow's nested messages (list items by their field)."""
    if isinstance(messages, list):
        return {prefix or "_schema": str(messages[0])} if messages else {}
    found: dict[str, str] = {}
    for key, value in messages.items():
        name = prefix if isinstance(key, int) else str(key)
        for field, message in flat(value, name).items():
            found.setdefault(field, message)
    return found


def first_message(messages) -> str:
    """The first refusal (each names its field: "page phải trong khoảng 1–10.")."""
    return next(iter(flat(messages).values()))


# -- fields ----------------------------------------------------------------------------------


class Text(fields.String):
    """A string of at most `limit` characters, cleaned (domain/text.clean_text; `single_line`
    folds line breaks to spaces); `blank=False` refuses one of spaces only."""

    def __init__(self, limit: int, blank: bool = True, single_line: bool = False, **kwargs):
        kwargs.setdefault("allow_none", blank)
        kwargs.setdefault("metadata", {}).setdefault("maxLength", limit)
        if not blank:
            kwargs["metadata"].setdefault("minLength", 1)
        super().__init__(**kwargs)
        self.limit, self.blank, self.single_line = limit, blank, single_line

    default_error_messages = {"null": "Không được để trống.", "required": "Không được để trống."}

    def _deserialize(self, value, attr, data, **kwargs):
        name = self.data_key or attr
        if not isinstance(value, str):
            raise ValidationError(f"“{name}” phải là chuỗi ký tự.")
        value = clean_text(value, multiline=not self.single_line)
        if not self.blank and not value.strip():
            raise ValidationError(f"“{name}” không được để trống.")
        if len(value) > self.limit:
            raise ValidationError(f"“{name}” dài quá {self.limit} ký tự.")
        return value.strip() if not self.blank else value


class Int(fields.Integer):
    """A whole number in [low, high] (a JSON number, or digits in a string)."""

    def __init__(self, low: int | None = None, high: int | None = None, **kwargs):
        metadata = kwargs.setdefault("metadata", {})
        if low is not None:
            metadata.setdefault("minimum", low)
        if high is not None:
            metadata.setdefault("maximum", high)
        super().__init__(strict=False, **kwargs)
        self.low, self.high = low, high

    default_error_messages = {"null": "Không được để trống.", "required": "Chưa có giá trị."}

    def _deserialize(self, value, attr, data, **kwargs):
        name = self.data_key or attr
        try:
            if isinstance(value, bool):
                raise ValidationError("bool")
            number = super()._deserialize(value, attr, data, **kwargs)
        except ValidationError:
            raise ValidationError(f"{name} phải là số nguyên.") from None
        if (self.low is not None and number < self.low) or (
            self.high is not None and number > self.high
        ):
            raise ValidationError(f"{name} phải trong khoảng {self.low}–{self.high}.")
        return number


class Bool(fields.Boolean):
    """A JSON true or false (not "yes", not 1: a script that sends those has a bug)."""

    default_error_messages = {
        "invalid": "Phải là true hoặc false.",
        "null": "Phải là true hoặc false.",
        "required": "Chưa có giá trị (true hoặc false).",
    }

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class Day(fields.Field):
    """A date: ISO yyyy-mm-dd (written so) or dd/mm/yyyy (also read)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).update(type="string", format="date")
        super().__init__(**kwargs)

    default_error_messages = {"null": "Không được để trống.", "required": "Chưa có ngày."}

    def _serialize(self, value, attr, obj, **kwargs):
        return value.isoformat() if value is not None else None

    def _deserialize(self, value, attr, data, **kwargs):
        if value == "":
            return None
        if not isinstance(value, str | date):
            raise ValidationError("Ngày phải là chuỗi dd/mm/yyyy hoặc yyyy-mm-dd.")
        try:
            return read_day(value, f"“{self.data_key or attr}”")
        except ValueError as refused:
            raise ValidationError(str(refused)) from None


class Moment(fields.Field):
    """A stored (naive UTC) time, written as RFC 3339 with its zone."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).update(type="string", format="date-time")
        super().__init__(dump_only=True, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return value.isoformat(timespec="seconds") + "Z" if value else None


class Parsed(fields.Field):
    """A value read by `parse(value)`, which refuses in Vietnamese (a ServiceError).

    The features' own readers (a unit by id or code, a period, a task's title) stay the
    one place that knows their rules; `describe` says in the description what they take
    (null included, where it is taken). None is handed to `parse` too: whether it may
    clear the field is its call.
    """

    default_error_messages = {"required": "Chưa có giá trị."}

    def __init__(self, parse: Callable, describe: dict, **kwargs):
        kwargs.setdefault("metadata", {}).update(describe)
        super().__init__(**kwargs)
        self.parse = parse

    def deserialize(self, value, attr=None, data=None, **kwargs):
        if value is None:
            return self._deserialize(value, attr, data, **kwargs)
        return super().deserialize(value, attr, data, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return self.parse(value)
        except ServiceError as refused:
            raise ValidationError(refused.message) from None


class Extended:
    """A record seen with more than it holds (a task's history, a document's progress), to be
    written by a schema that names both."""

    def __init__(self, record, **extra):
        self._record = record
        self.__dict__.update(extra)

    def __getattr__(self, name: str):
        return getattr(self._record, name)


# -- references and envelopes ----------------------------------------------------------------


class UnitRef(Schema):
    id = fields.Integer(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)


class SectionRef(Schema):
    id = fields.Integer(required=True)
    code = fields.String(required=True)
    title = fields.String(required=True)


class DocumentRef(Schema):
    id = fields.Integer(required=True)
    symbol = fields.String(required=True)
    title = fields.String(required=True, allow_none=True)
    type = fields.String(required=True, attribute="doc_type")


class UserRef(Schema):
    id = fields.Integer(required=True)
    username = fields.String(required=True)
    full_name = fields.String(required=True)


class PageArgs(ApiSchema):
    page = Int(1, 1_000_000, load_default=1, metadata={"description": "Page number, from 1."})
    per_page = Int(1, 200, load_default=50, metadata={"description": "At most 200 a page."})


def page_of(item: type[Schema], name: str, **more) -> type[Schema]:
    """CONTRACT's list envelope around `item`."""
    members = {
        "items": fields.List(fields.Nested(item), required=True),
        "total": fields.Integer(required=True, metadata={"minimum": 0}),
        "page": fields.Integer(required=True, metadata={"minimum": 1}),
        "per_page": fields.Integer(required=True, metadata={"minimum": 1, "maximum": 200}),
        "pages": fields.Integer(required=True, metadata={"minimum": 1}),
        **more,
    }
    return Schema.from_dict(members, name=name)


class ErrorDetail(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    at_fault = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        data_key="fields",
        metadata={"description": "The fields (or query arguments) at fault, with why."},
    )


class Error(Schema):
    """An error; a 409 on a task also carries the task as it is now (`current`)."""

    error = fields.Nested(ErrorDetail, required=True)
    current = fields.Dict(metadata={"description": "The task as it is now (409 on a task)."})
