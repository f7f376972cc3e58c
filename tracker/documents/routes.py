"""Routes of the documents blueprint."""

from . import bp  # noqa: F401
