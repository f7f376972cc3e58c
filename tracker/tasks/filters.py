"""Read a task list's filters from query arguments: the same names on pages and in the API.

    unit, subtree (1/0), support (1/0), section, period, status (repeatable or comma-separated),
    timeliness (same), assignee, document, q, due_before, due_after, sort, top (1: top-level only),
    as_of (the date timeliness is judged on; today by default)

Units, sections and documents may be given by id or by code/symbol; bad values raise
ValidationFailed naming the argument.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from marshmallow import EXCLUDE
from werkzeug.datastructures import MultiDict

from tracker.api.schemas import PERIOD_PATTERN, ApiSchema, Int, Parsed, load
from tracker.common.exceptions import ValidationFailed
from tracker.common.lookup import find_document, resolve_section, resolve_unit, resolve_user
from tracker.common.pagination import Page
from tracker.domain.periods import PeriodError, parse_period
from tracker.domain.timeliness import Status, Timeliness
from tracker.tasks.fields import parse_day
from tracker.tasks.queries import SORTS, TaskFilter

FILTER_ARGS = (
    "unit",
    "subtree",
    "support",
    "section",
    "period",
    "status",
    "timeliness",
    "assignee",
    "document",
    "q",
    "due_before",
    "due_after",
    "sort",
    "top",
    "as_of",
)


def _listed(allowed: set[str], label: str, field: str):
    """A reader of repeated or comma-separated values, each one of `allowed`."""

    def read(value: str) -> list[str]:
        values = [v.strip() for v in str(value).split(",") if v.strip()]
        for item in values:
            if item not in allowed:
                raise ValidationFailed(f"{label} “{item}” không hợp lệ.", field=field)
        return values

    return read


def _flag(value) -> bool:
    return str(value).lower() in ("1", "true", "yes", "on")


def _period(value: str):
    try:
        return parse_period(value)
    except PeriodError as error:
        raise ValidationFailed(str(error), field="period") from None


def _assignee(value) -> int:
    if value == "me":
        raise ValidationFailed("Dùng mã người dùng cho “assignee”.", field="assignee")
    return resolve_user(value, field="assignee").id


def _document(value) -> int:
    document = find_document(value)
    if document is None:
        raise ValidationFailed(f"Không có văn bản “{value}”.", field="document")
    return document.id


def _sort(value: str) -> str:
    if value not in SORTS:
        raise ValidationFailed(f"Cách sắp xếp “{value}” không hợp lệ.", field="sort")
    return value


BOOL = {"type": "boolean"}
STATUSES = sorted(s.value for s in Status)
KINDS = sorted(k.value for k in Timeliness)


class TaskListArgs(ApiSchema):
    """A task list's query arguments, as the pages and the API take them."""

    class Meta:
        unknown = EXCLUDE  # a page's own arguments (page, view ...) are not filters

    unit = Parsed(
        lambda v: resolve_unit(v, field="unit").id,
        {
            "type": "string",
            "description": "Lead unit by id or code; its subtree too unless subtree=0.",
        },
    )
    subtree = Parsed(_flag, BOOL | {"description": "Include the unit's subtree (default true)."})
    support = Parsed(_flag, BOOL | {"description": "Also tasks the unit supports (phối hợp)."})
    section = Parsed(
        lambda v: resolve_section(v, field="section").id,
        {"type": "string", "description": "Section (lĩnh vực) by id or code."},
    )
    period = Parsed(_period, {"type": "string", "pattern": PERIOD_PATTERN})
    status = Parsed(
        _listed(set(STATUSES), "Trạng thái", "status"),
        {"type": "array", "items": {"type": "string", "enum": STATUSES}},
    )
    timeliness = Parsed(
        _listed(set(KINDS), "Thời hạn", "timeliness"),
        {"type": "array", "items": {"type": "string", "enum": KINDS}},
    )
    assignee = Parsed(_assignee, {"type": "string", "description": "Assignee by id or username."})
    document = Parsed(_document, {"type": "string", "description": "Document by id or symbol."})
    q = Parsed(
        lambda v: str(v).strip()[:200] or None,
        {"type": "string", "description": "Search in titles, results, documents; no accents."},
    )
    due_before = Parsed(lambda v: parse_day(v, "due_before"), {"type": "string", "format": "date"})
    due_after = Parsed(lambda v: parse_day(v, "due_after"), {"type": "string", "format": "date"})
    sort = Parsed(_sort, {"type": "string", "enum": sorted(SORTS)})
    top = Parsed(_flag, BOOL | {"description": "Only top-level tasks (no subtasks)."})
    as_of = Parsed(
        lambda v: parse_day(v, "as_of"),
        {"type": "string", "format": "date", "description": "The day judged on (default today)."},
    )


def task_filter_from_args(args: MultiDict, today: date, due_soon_days: int) -> TaskFilter:
    """A TaskFilter from request arguments; ValidationFailed naming a bad one."""
    given = {
        name: ",".join(args.getlist(name)) if name in ("status", "timeliness") else args.get(name)
        for name in FILTER_ARGS
    }
    read = load(TaskListArgs(), {name: value for name, value in given.items() if value})
    timeliness = read.get("timeliness", [])
    return TaskFilter(
        as_of=read.get("as_of") or today,
        due_soon_days=due_soon_days,
        unit_id=read.get("unit"),
        subtree=read.get("subtree", True),
        include_support=read.get("support", False),
        top_level_only=read.get("top", False),
        section_id=read.get("section"),
        period=read.get("period"),
        statuses=read.get("status", []),
        timeliness=timeliness,
        assignee_id=read.get("assignee"),
        document_id=read.get("document"),
        q=read.get("q"),
        due_before=read.get("due_before"),
        due_after=read.get("due_after"),
        sort=read.get("sort") or ("overdue" if timeliness == ["overdue"] else "due"),
    )


MAX_PAGE = 1_000_000


@cache
def page_schema(default_per_page: int = 50, max_per_page: int = 200) -> type[ApiSchema]:
    """The page and per_page arguments of a list of at most `max_per_page` rows a page."""
    return ApiSchema.from_dict(
        {
            # A larger offset overflows the databases' integers.
            "page": Int(1, MAX_PAGE, load_default=1),
            "per_page": Int(1, max_per_page, load_default=default_per_page),
        },
        name="PageArgs",
    )


def page_args(args: MultiDict, default_per_page: int = 50, max_per_page: int = 200):
    """(page, per_page) from arguments, refused when out of range."""
    schema = page_schema(default_per_page, max_per_page)(unknown=EXCLUDE)
    numbers = load(schema, {k: args[k] for k in ("page", "per_page") if k in args})
    return numbers["page"], numbers["per_page"]


@dataclass
class ListRequest:
    """What a list page was asked for: its filter and page, or the argument that was wrong."""

    filter: Any
    page: int
    per_page: int
    error: ValidationFailed | None = None

    @property
    def status(self) -> int:
        """The page's HTTP status: the error's (422) when an argument was refused."""
        return self.error.status if self.error else 200

    def empty_page(self) -> Page:
        """The empty page a refused list shows, above the message naming the argument."""
        return Page([], 0, 1, self.per_page)


def list_request(
    args: MultiDict, read_filter: Callable[[MultiDict], Any], blank: Any, per_page: int
) -> ListRequest:
    """Read a list's filter and page; a bad argument gives `blank` and the error instead."""
    try:
        f = read_filter(args)
        page, size = page_args(args, per_page)
    except ValidationFailed as error:
        return ListRequest(blank, 1, per_page, error)
    return ListRequest(f, page, size)
