"""The periodic report page, its texts, downloads and imports (plans, past reports).

Importing this package registers every view on `bp`.
"""

from tracker.reports.views import (
    onboarding,  # noqa: F401
    report,  # noqa: F401
)
from tracker.reports.views.blueprint import bp

__all__ = ["bp"]
