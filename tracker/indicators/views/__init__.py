"""Chỉ tiêu pages: the list, one indicator, the figures of a unit, the set-up form, files.

Importing this package registers every view on `bp`.
"""

# Each module adds its views to `bp` when imported.
from tracker.indicators.views import files, pages, setup  # noqa: F401
from tracker.indicators.views.blueprint import bp

__all__ = ["bp"]
