"""Named settings the admin can change: the organisation's header, the reminder window."""

from __future__ import annotations

from flask import current_app, has_app_context
from sqlalchemy import select

from ..domain.report import Organisation
from ..extensions import db
from ..models import Setting

DEFAULTS = {
    "org_parent_body": "UBND TỈNH",
    "org_name": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "org_code": "STTTT",
    "org_place": "",
    "due_soon_days": "7",
}


def get_settings() -> dict[str, str]:
    """All settings, stored values over defaults."""
    values = dict(DEFAULTS)
    if has_app_context():
        values["due_soon_days"] = str(current_app.config.get("DUE_SOON_DAYS", 7))
    values.update({s.key: s.value for s in db.session.scalars(select(Setting))})
    return values


def set_setting(key: str, value: str) -> None:
    setting = db.session.get(Setting, key)
    if setting is None:
        db.session.add(Setting(key=key, value=value))
    else:
        setting.value = value


def organisation() -> Organisation:
    values = get_settings()
    return Organisation(
        parent_body=values["org_parent_body"],
        name=values["org_name"],
        code=values["org_code"],
        place=values["org_place"],
    )


def due_soon_days() -> int:
    try:
        return max(0, int(get_settings()["due_soon_days"]))
    except ValueError:
        return 7
