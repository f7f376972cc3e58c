"""Named settings the admin can change: the organisation's header, the reminder window, how a
report counts its days and is signed, how far back a unit may date its finished work."""

from __future__ import annotations

import re

from flask import current_app, has_app_context
from sqlalchemy import select

from tracker.common.answer_cache import rows_of
from tracker.common.exceptions import NotAllowed, ValidationFailed
from tracker.domain.report import Organisation
from tracker.domain.report.window import WindowRule
from tracker.domain.text import whole_number
from tracker.extensions import db
from tracker.models import Setting
from tracker.permissions import Action, Principal, can

DEFAULTS = {
    "org_parent_body": "UBND TỈNH",
    "org_name": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "org_code": "STTTT",
    "org_place": "",
    "due_soon_days": "7",
    "report_window": WindowRule.CALENDAR.value,
    "completion_backdate_days": "30",
    "report_signer_title": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    "report_signer_name": "",
    "report_recipients": (
        "UBND tỉnh (b/c);\nBan Giám đốc Sở;\nCác phòng, đơn vị thuộc Sở;\nLưu: VT."
    ),
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


def window_rule() -> WindowRule:
    """How reports count their days (domain/report/window.py)."""
    try:
        return WindowRule(get_settings()["report_window"])
    except ValueError:
        return WindowRule.CALENDAR


def completion_backdate_days() -> int:
    """How many days before handing work in a unit may say it was finished."""
    try:
        return max(0, int(get_settings()["completion_backdate_days"]))
    except ValueError:
        return 30


# What the admin may change: (label, required, longest; None for a number, "lines" for text
# kept line by line, "choice" for one of a list).
EDITABLE = {
    "org_parent_body": ("Cơ quan chủ quản", True, 160),
    "org_name": ("Tên cơ quan", True, 200),
    "org_code": ("Ký hiệu cơ quan", True, 20),
    "org_place": ("Địa danh", False, 80),
    "due_soon_days": ("Số ngày nhắc trước hạn", True, None),
    "report_window": ("Thời gian chốt số liệu", True, "choice"),
    "completion_backdate_days": ("Số ngày được khai hoàn thành trước ngày gửi", True, None),
    "report_signer_title": ("Chức danh người ký", False, "lines"),
    "report_signer_name": ("Người ký", False, 160),
    "report_recipients": ("Nơi nhận", False, "lines"),
}
RANGES = {"due_soon_days": (1, 60), "completion_backdate_days": (0, 366)}
DUE_SOON_RANGE = RANGES["due_soon_days"]
LINES_LIMIT = 2_000
_ORG_CODE = re.compile(r"^[0-9A-Za-zĐđ&]+(?:-[0-9A-Za-zĐđ&]+)*$")


def save_settings(actor, principal: Principal, data: dict) -> list[str]:
    """Check and store the admin's settings, all or none; return the keys that changed."""
    if not can(principal, Action.ADMINISTER):
        raise NotAllowed("Chỉ quản trị viên được thay đổi cài đặt.")
    values, errors, current = {}, {}, get_settings()
    for key, (label, required, longest) in EDITABLE.items():
        # What the form did not send stays as it is (a page may show some settings only).
        raw = str(data[key] if key in data else current.get(key, "") or "")
        if longest == "lines":  # each line tidied, the lines kept
            lines = (" ".join(line.split()) for line in raw.splitlines())
            value, longest = "\n".join(line for line in lines if line), LINES_LIMIT
        else:
            value = " ".join(raw.split())
        if required and not value:
            errors[key] = f"Chưa nhập {label.lower()}."
        elif longest == "choice" and value not in {r.value for r in WindowRule}:
            errors[key] = f"{label}: “{value}” không phải một lựa chọn."
        elif isinstance(longest, int) and len(value) > longest:
            errors[key] = f"{label} dài quá {longest} ký tự."
        values[key] = value
    code = values["org_code"]
    if code and "org_code" not in errors and not _ORG_CODE.match(code):
        errors["org_code"] = (
            f"Ký hiệu cơ quan “{code}” không hợp lệ: chỉ gồm chữ, số, “&” và “-”, không có "
            "dấu cách (ví dụ: STTTT, SNV)."
        )
    for key, (low, high) in RANGES.items():
        days = values[key]
        if days and key not in errors:
            number = whole_number(days, 6)
            if number is None or not low <= number <= high:
                errors[key] = f"{EDITABLE[key][0]} phải là số nguyên từ {low} đến {high}."
            else:
                values[key] = str(number)
    if errors:
        raise ValidationFailed(next(iter(errors.values())), fields=errors)
    changed = [key for key, value in values.items() if current.get(key) != value]
    for key in changed:
        set_setting(key, values[key])
    db.session.flush()
    return changed
