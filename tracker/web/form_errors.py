"""A use case's refusal shown on the form that asked for it.

A view that has a form says how to show a refusal (`on_refusal`) and then calls the use case
without catching anything: the one error handler (errors.py) rolls the request back and
draws that page, with the messages put on the fields they name (`attach_errors`).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, g
from flask_wtf import FlaskForm

from tracker.common.exceptions import ServiceError

RefusalPage = Callable[[ServiceError], object]


def on_refusal(page: RefusalPage) -> None:
    """How this request answers a refused use case: `page(error)` (after the rollback)."""
    g.refusal_page = page


def refusal_page() -> RefusalPage | None:
    """The page the current request asked for on a refusal, if any (used once)."""
    return g.pop("refusal_page", None)


def attach_errors(
    form, error: ServiceError, aliases: dict | None = None, default: str | None = None
) -> list[str]:
    """Put a refusal's messages on the fields they name (one naming none on `default`);
    return what fits no field."""
    aliases = aliases or {}
    leftover: list[str] = []
    named = error.field or default
    fields = error.fields or ({named: error.message} if named else {})
    for name, message in fields.items():
        field = getattr(form, aliases.get(name, name), None) if form is not None else None
        if field is not None and hasattr(field, "errors") and name != "version":
            field.errors = [*list(field.errors or []), message]
        else:
            leftover.append(message)
    if not fields:
        leftover.append(error.message)
    return leftover


def show_errors(form: FlaskForm, error: ServiceError, default: str | None = None) -> None:
    """Put a refusal's messages under its fields, and flash those that fit none."""
    for message in attach_errors(form, error, default=default):
        flash(message, "danger")


def form_status(form: FlaskForm) -> int:
    """422 when a posted form was refused, 200 otherwise."""
    return 422 if form.errors else 200


def form_again(
    form: FlaskForm, page: Callable[[], object], default: str | None = None
) -> RefusalPage:
    """A refusal answered with `page()` (the same form), its messages on the form's fields
    (one that names no field on `default`)."""

    def render(error: ServiceError):
        show_errors(form, error, default)
        return page(), error.status

    return render


def flash_and_show(page: Callable[[], object]) -> RefusalPage:
    """A refusal of a button (no fields to mark) answered with its message above `page()`."""

    def render(error: ServiceError):
        flash(error.message, "danger")
        return page(), error.status

    return render
