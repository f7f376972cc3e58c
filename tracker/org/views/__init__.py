"""Administration: units, people, sections, issuers and settings.

Importing this package registers every view on `bp`.
"""

# Each module adds its views to `bp` when imported.
from tracker.org.views import routes, sections, security, settings, units, users  # noqa: F401
from tracker.org.views.blueprint import bp

__all__ = ["bp"]
