"""The periodic report page, its texts, downloads and imports (plans, past reports).

Importing this package registers every view on `bp`.
"""

# Each module adds its views to `bp` when imported.
from tracker.reports.views import issued, onboarding, plan, report  # noqa: F401
from tracker.reports.views.blueprint import bp

__all__ = ["bp"]
