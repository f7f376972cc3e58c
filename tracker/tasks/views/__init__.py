"""Task lists, the task page, assigning, updating, confirming and extensions.

Importing this package registers every view on `bp`.
"""

# Each module adds its views to `bp` when imported.
from tracker.tasks.views import edit, extensions, files, lists, task  # noqa: F401
from tracker.tasks.views.blueprint import bp

__all__ = ["bp"]
