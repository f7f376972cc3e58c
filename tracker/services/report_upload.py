"""Between a report's preview and its confirmation: the kept file and the director's choices.

The file is stored under `<instance>/imports/<token>` with a small JSON note beside it (who
uploaded it, its name, the period); the confirmation reads it back and parses it again, so
what is written is exactly what was previewed, and nothing is trusted from the form.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app

from ..domain.periods import Period, PeriodError, parse_period
from . import NotFound, ValidationFailed
from .report_import_write import Selections

if TYPE_CHECKING:
    from .report_plan import ImportPlan

KEEP_SECONDS = 24 * 3600
KIND = "report"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
EXPIRED = "Tệp đã tải lên không còn (quá 24 giờ hoặc đã nhập); hãy tải tệp lên lại."


@dataclass(frozen=True)
class Upload:
    token: str
    filename: str
    data: bytes
    period: Period


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep_upload(filename: str, data: bytes, period: Period, user_id: int) -> str:
    """Store the upload for the preview; return the token that names it."""
    folder = _folder()
    _purge(folder)
    token = secrets.token_urlsafe(24)
    (folder / token).write_bytes(data)
    note = {
        "kind": KIND,
        "filename": filename,
        "period": period.code,
        "user_id": user_id,
        "sha256": hashlib.sha256(data).hexdigest(),
        "stored_at": time.time(),
    }
    (folder / f"{token}.json").write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")
    return token


def load_upload(token: str | None, user_id: int) -> Upload:
    """The upload this user previewed; NotFound if it is gone, foreign or altered."""
    if not token or not _TOKEN.match(token):
        raise NotFound(EXPIRED)
    folder = _folder()
    try:
        note = json.loads((folder / f"{token}.json").read_text(encoding="utf-8"))
        data = (folder / token).read_bytes()
        period = parse_period(note["period"])
    except (OSError, ValueError, KeyError, PeriodError):
        raise NotFound(EXPIRED) from None
    fresh = time.time() - float(note.get("stored_at", 0)) < KEEP_SECONDS
    intact = note.get("sha256") == hashlib.sha256(data).hexdigest()
    if note.get("kind") != KIND or note.get("user_id") != user_id or not fresh or not intact:
        raise NotFound(EXPIRED)
    return Upload(token, str(note.get("filename") or token), data, period)


def discard_upload(token: str) -> None:
    """Remove an upload once imported."""
    if _TOKEN.match(token or ""):
        folder = _folder()
        for path in (folder / token, folder / f"{token}.json"):
            path.unlink(missing_ok=True)


def _purge(folder: Path) -> None:
    """Remove the report uploads nobody confirmed within a day (file and note alike)."""
    limit = time.time() - KEEP_SECONDS
    for path in folder.iterdir():
        token = path.name.removesuffix(".json")
        if not _TOKEN.match(token) or path.stat().st_mtime >= limit:
            continue
        if path.suffix == ".json":
            try:
                kind = json.loads(path.read_text(encoding="utf-8")).get("kind")
            except (OSError, ValueError):
                continue
            if kind != KIND:
                continue  # another importer's note: it cleans up its own
        path.unlink(missing_ok=True)


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
    if not value.isdigit():
        raise ValidationFailed("Đơn vị chủ trì không hợp lệ.", field=name)
    return int(value)
