"""Administration: units, people, sections, issuers and settings.

Importing this package registers every view on `bp`.
"""

from tracker.org.views import (
    routes,  # noqa: F401
    sections,  # noqa: F401
    security,  # noqa: F401
    settings,  # noqa: F401
    units,  # noqa: F401
    users,  # noqa: F401
)
from tracker.org.views.blueprint import bp

__all__ = ["bp"]
