"""Onboarding: import a past report (upload, preview, confirm)."""

from . import bp  # noqa: F401
