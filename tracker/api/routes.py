"""Routes of the api blueprint, one module per area (see openapi.py for the description)."""

from . import (  # noqa: F401  (each module registers its views on the blueprint)
    auth,
    bp,
    common,
    documents,
    errors,
    openapi,
    reports,
    task_actions,
    tasks,
    units,
)


@bp.record_once
def _utf8_json(state) -> None:
    # Vietnamese text as UTF-8, not \u escapes: half the size, and readable in a terminal.
    state.app.json.ensure_ascii = False
