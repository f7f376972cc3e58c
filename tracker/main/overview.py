"""The director's overview ("Tổng quan")."""

from . import bp  # noqa: F401
