"""Task lists, the task page, assigning, updating, confirming and extensions.

Importing this package registers every view on `bp`.
"""

from tracker.tasks.views import (
    edit,  # noqa: F401
    extensions,  # noqa: F401
    files,  # noqa: F401
    lists,  # noqa: F401
    routes,  # noqa: F401
    task,  # noqa: F401
)
from tracker.tasks.views.blueprint import bp

__all__ = ["bp"]
