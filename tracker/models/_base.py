"""Shared column helpers for the models."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time in UTC, naive, as stored in the database."""
    return datetime.now(UTC).replace(tzinfo=None)


# Marks a table or column whose writes change nothing pages show (see common/freshness.py).
BOOKKEEPING = {"bookkeeping": True}
