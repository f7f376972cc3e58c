"""Routes of the search blueprint."""

from . import bp  # noqa: F401
