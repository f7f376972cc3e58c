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
from typing import Any

from werkzeug.datastructures import MultiDict

from tracker.common.exceptions import ValidationFailed
from tracker.common.lookup import find_document, resolve_section, resolve_unit, resolve_user
from tracker.domain.periods import PeriodError, parse_period
from tracker.domain.timeliness import Status, Timeliness
from tracker.tasks.fields import parse_day
from tracker.tasks.queries import SORTS, Page, TaskFilter

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


def _many(args: MultiDict, name: str) -> list[str]:
    values: list[str] = []
    for raw in args.getlist(name):
        values += [v.strip() for v in raw.split(",") if v.strip()]
    return values


def _flag(args: MultiDict, name: str, default: bool) -> bool:
    value = args.get(name)
    if value in (None, ""):
        return default
    return value.lower() in ("1", "true", "yes", "on")


def task_filter_from_args(args: MultiDict, today: date, due_soon_days: int) -> TaskFilter:
    """A TaskFilter from request arguments; ValidationFailed on a bad value."""
    as_of = parse_day(args.get("as_of"), "as_of") if args.get("as_of") else today
    f = TaskFilter(as_of=as_of, due_soon_days=due_soon_days)
    if args.get("unit"):
        f.unit_id = resolve_unit(args["unit"], field="unit").id
    f.subtree = _flag(args, "subtree", True)
    f.include_support = _flag(args, "support", False)
    f.top_level_only = _flag(args, "top", False)
    if args.get("section"):
        f.section_id = resolve_section(args["section"], field="section").id
    if args.get("period"):
        try:
            f.period = parse_period(args["period"])
        except PeriodError as error:
            raise ValidationFailed(str(error), field="period") from None
    statuses = _many(args, "status")
    for status in statuses:
        if status not in {s.value for s in Status}:
            raise ValidationFailed(f"Trạng thái “{status}” không hợp lệ.", field="status")
    f.statuses = statuses
    kinds = _many(args, "timeliness")
    for kind in kinds:
        if kind not in {k.value for k in Timeliness}:
            raise ValidationFailed(f"Tiến độ “{kind}” không hợp lệ.", field="timeliness")
    f.timeliness = kinds
    if args.get("assignee"):
        if args["assignee"] == "me":
            raise ValidationFailed("Dùng mã người dùng cho “assignee”.", field="assignee")
        f.assignee_id = resolve_user(args["assignee"], field="assignee").id
    if args.get("document"):
        document = find_document(args["document"])
        if document is None:
            raise ValidationFailed(f"Không có văn bản “{args['document']}”.", field="document")
        f.document_id = document.id
    f.q = (args.get("q") or "").strip()[:200] or None
    for name in ("due_before", "due_after"):
        setattr(f, name, parse_day(args.get(name), name) if args.get(name) else None)
    sort = args.get("sort") or ("overdue" if f.timeliness == ["overdue"] else "due")
    if sort not in SORTS:
        raise ValidationFailed(f"Cách sắp xếp “{sort}” không hợp lệ.", field="sort")
    f.sort = sort
    return f


MAX_PAGE = 1_000_000


def page_args(args: MultiDict, default_per_page: int = 50, max_per_page: int = 200):
    """(page, per_page) from arguments, refused when out of range."""
    numbers = {}
    for name, default in (("page", 1), ("per_page", default_per_page)):
        try:
            numbers[name] = int(args.get(name, default))
        except ValueError:
            raise ValidationFailed(f"{name} phải là số nguyên.", field=name) from None
    page, per_page = numbers["page"], numbers["per_page"]
    if not 1 <= page <= MAX_PAGE:  # a larger offset overflows the databases' integers
        raise ValidationFailed(f"page phải trong khoảng 1–{MAX_PAGE}.", field="page")
    if not 1 <= per_page <= max_per_page:
        raise ValidationFailed(f"per_page phải trong khoảng 1–{max_per_page}.", field="per_page")
    return page, per_page


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
