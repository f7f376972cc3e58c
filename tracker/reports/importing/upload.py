"""Between a report's preview and its confirmation: the kept file and the director's choices.

The file is kept as a row of the database (tracker/common/uploads.py); the confirmation reads
it back and parses it again, so what is written is exactly what was previewed, and nothing is
trusted from the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.common.exceptions import NotFound, ValidationFailed
from tracker.common.lookup import as_id
from tracker.common.uploads import UploadStore
from tracker.domain.periods import Period, PeriodError, parse_period
from tracker.reports.importing.write import Selections

if TYPE_CHECKING:
    from tracker.reports.importing.plan import ImportPlan

UPLOADS = UploadStore("report")
EXPIRED = "Tệp đã tải lên không còn (quá 24 giờ hoặc đã nhập); hãy tải tệp lên lại."


@dataclass(frozen=True)
class Upload:
    """A report kept for its confirmation."""

    token: str
    filename: str
    data: bytes
    period: Period


def keep_upload(filename: str, data: bytes, period: Period, user_id: int) -> str:
    """Store the upload for the preview; return the token that names it."""
    return UPLOADS.keep(data, user_id, filename=filename, period=period.code)


def load_upload(token: str | None, user_id: int) -> Upload:
    """The upload this user previewed; NotFound if it is gone, foreign or altered."""
    kept = UPLOADS.load(token, user_id)
    if kept is None:
        raise NotFound(EXPIRED)
    data, note = kept
    try:
        period = parse_period(note["period"])
    except (KeyError, PeriodError):
        raise NotFound(EXPIRED) from None
    return Upload(token, str(note.get("filename") or token), data, period)


def discard_upload(token: str) -> None:
    """Remove an upload once imported."""
    UPLOADS.discard(token)


def selections_from_form(plan: ImportPlan, form) -> Selections:
    """The director's choices from the preview form (checkboxes, unit and section selects).

    An item left without a unit takes the unit chosen for its heading (or a heading above),
    else the one chosen for all the items still empty.
    """
    included = set(form.getlist("include"))
    fresh = {e.key for e in [*plan.items, *plan.plan_tasks] if not e.duplicate}
    if not fresh & included:
        raise ValidationFailed("Chưa chọn mục nào để nhập.", field="include")
    keys = [i.key for i in plan.items] + [p.key for p in plan.plan_tasks]
    parents = {s.key: s.parent_key for s in plan.sections}
    everyone = _unit_field(form, "unit-all")
    units: dict[str, int] = {}
    for item in plan.items:
        value, key = _unit_field(form, f"unit-{item.key}"), item.section_key
        while value is None and key is not None:
            value, key = _unit_field(form, f"unit-section-{key}"), parents.get(key)
        if (value := value or everyone) is not None:
            units[item.key] = value
    for task in plan.plan_tasks:
        if (value := _unit_field(form, f"unit-{task.key}") or everyone) is not None:
            units[task.key] = value
    sections = {
        t.key: form[f"section-{t.key}"] for t in plan.plan_tasks if form.get(f"section-{t.key}")
    }
    return Selections(
        excluded=frozenset(k for k in keys if k not in included),
        units=units,
        sections=sections,
        require_units=True,
    )


def _unit_field(form, name: str) -> int | None:
    value = (form.get(name) or "").strip()
    if not value:
        return None
    if (unit_id := as_id(value)) is None:
        raise ValidationFailed("Đơn vị chủ trì không hợp lệ.", field=name)
    return unit_id
