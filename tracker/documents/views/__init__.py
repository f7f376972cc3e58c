"""The legal document registry and the director's directive view.

Importing this package registers every view on `bp`.
"""

from tracker.documents.views import (
    editing,  # noqa: F401
    issuers,  # noqa: F401
    registry,  # noqa: F401
)
from tracker.documents.views.blueprint import bp

__all__ = ["bp"]
