"""Routes of the tasks blueprint."""

from . import bp  # noqa: F401
