"""A service's refusal shown on the form that asked for it (admin and document pages)."""

from __future__ import annotations

from flask import flash
from flask_wtf import FlaskForm

from tracker.common.exceptions import ServiceError


def show_errors(form: FlaskForm, error: ServiceError) -> None:
    """Put a service's messages under the fields they name (the rest above the form)."""
    placed = False
    for name, message in (error.fields or {}).items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, message]
            placed = True
    if not placed:
        flash(error.message, "danger")


def form_status(form: FlaskForm) -> int:
    """422 when a posted form was refused, 200 otherwise."""
    return 422 if form.errors else 200
