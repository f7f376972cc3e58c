"""Routes of the tasks blueprint, split by area; importing this module registers them all."""

from markupsafe import Markup

from tracker.tasks.views.blueprint import bp  # noqa: F401
from tracker.tasks.views.filterbar import period_label
from tracker.web.highlight import highlight


@bp.app_template_filter("highlight")
def highlight_filter(text: str | None, terms) -> Markup:
    """Mark the searched words in a text, accents or not."""
    return highlight(text, terms)


@bp.app_template_filter("period_label")
def period_label_filter(code: str | None) -> str:
    """ "2026-Q4" as "Quý IV năm 2026"."""
    return period_label(code)


@bp.app_template_filter("filesize")
def filesize_filter(size: int | None) -> str:
    """A byte count as people read it: 512 B, 34 KB, 2,5 MB."""
    if not size:
        return "0 B"
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
