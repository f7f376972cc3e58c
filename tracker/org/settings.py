"""Named settings the admin can change: the organisation's header, the reminder window."""

from __future__ import annotations

import re

from flask import current_app, has_app_context
from sqlalchemy import select

from tracker.common.answer_cache import rows_of
from tracker.common.exceptions import NotAllowed, ValidationFailed
from tracker.domain.report import Organisation
from tracker.extensions import db
from tracker.models import Setting
from tracker.permissions import Action, Principal, can

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
    values.update(dict(rows_of(select(Setting.key, Setting.value))))
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


# What the admin may change: (label, required, longest; None for a number).
EDITABLE = {
    "org_parent_body": ("Cơ quan chủ quản", True, 160),
    "org_name": ("Tên cơ quan", True, 200),
    "org_code": ("Ký hiệu cơ quan", True, 20),
    "org_place": ("Địa danh", False, 80),
    "due_soon_days": ("Số ngày nhắc trước hạn", True, None),
}
DUE_SOON_RANGE = (1, 60)
_ORG_CODE = re.compile(r"^[0-9A-Za-zĐđ&]+(?:-[0-9A-Za-zĐđ&]+)*$")


def save_settings(actor, principal: Principal, data: dict) -> list[str]:
    """Check and store the admin's settings, all or none; return the keys that changed."""
    if not can(principal, Action.ADMINISTER):
        raise NotAllowed("Chỉ quản trị viên được thay đổi cài đặt.")
    values, errors = {}, {}
    for key, (label, required, longest) in EDITABLE.items():
        value = " ".join(str(data.get(key) or "").split())
        if required and not value:
            errors[key] = f"Chưa nhập {label.lower()}."
        elif longest is not None and len(value) > longest:
            errors[key] = f"{label} dài quá {longest} ký tự."
        values[key] = value
    code = values["org_code"]
    if code and "org_code" not in errors and not _ORG_CODE.match(code):
        errors["org_code"] = (
            f"Ký hiệu cơ quan “{code}” không hợp lệ: chỉ gồm chữ, số, “&” và “-”, không có "
            "dấu cách (ví dụ: STTTT, SNV)."
        )
    days = values["due_soon_days"]
    low, high = DUE_SOON_RANGE
    if days and "due_soon_days" not in errors:
        if not days.isdigit() or not low <= int(days) <= high:
            errors["due_soon_days"] = (
                f"Số ngày nhắc trước hạn phải là số nguyên từ {low} đến {high}."
            )
        else:
            values["due_soon_days"] = str(int(days))
    if errors:
        raise ValidationFailed(next(iter(errors.values())), fields=errors)
    current = get_settings()
    changed = [key for key, value in values.items() if current.get(key) != value]
    for key in changed:
        set_setting(key, values[key])
    db.session.flush()
    return changed
