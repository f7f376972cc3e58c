"""The legal document registry and the director's directive view.

Importing this package registers every view on `bp`.
"""

# Each module adds its views to `bp` when imported.
from tracker.documents.views import editing, issuers, registry  # noqa: F401
from tracker.documents.views.blueprint import bp

__all__ = ["bp"]
