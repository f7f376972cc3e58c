"""The organisation's header and the reminder window, as the admin sets them."""

from __future__ import annotations

from tracker.common import clock
from tracker.common.access import system_principal
from tracker.domain.periods import Kind, period_containing
from tracker.org import settings
from tracker.reports.build import build_period_report


def _form(**changes) -> dict:
    data = {
        "org_parent_body": "UBND TỈNH QUẢNG NAM",
        "org_name": "SỞ NỘI VỤ",
        "org_code": "SNV",
        "org_place": "Quảng Nam",
        "due_soon_days": "10",
    }
    data.update(changes)
    return data


def test_the_page_shows_the_current_header(login_as):
    html = login_as("admin").get("/admin/settings").get_data(as_text=True)
    assert 'value="SỞ THÔNG TIN VÀ TRUYỀN THÔNG"' in html and 'value="STTTT"' in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html  # the preview


def test_changing_the_header_changes_the_organisation(login_as, db):
    client = login_as("admin")
    response = client.post_form("/admin/settings", _form(), follow_redirects=True)
    assert "Đã lưu cài đặt" in response.get_data(as_text=True)
    org = settings.organisation()
    assert (org.parent_body, org.name, org.code, org.place) == (
        "UBND TỈNH QUẢNG NAM",
        "SỞ NỘI VỤ",
        "SNV",
        "Quảng Nam",
    )
    assert settings.due_soon_days() == 10
    again = client.post_form("/admin/settings", _form(), follow_redirects=True)
    assert "Không có thay đổi nào." in again.get_data(as_text=True)


def test_the_report_header_uses_the_new_organisation(login_as, db):
    login_as("admin").post_form("/admin/settings", _form(org_name="SỞ TƯ PHÁP", org_code="STP"))
    report = build_period_report(system_principal(), period_containing(clock.today(), Kind.YEAR))
    assert report.organisation.name == "SỞ TƯ PHÁP" and report.organisation.code == "STP"


def test_a_bad_value_saves_nothing_and_names_the_field(login_as, db):
    client = login_as("admin")
    response = client.post_form(
        "/admin/settings",
        _form(org_parent_body="UBND TỈNH KHÁC", org_code="S N V", due_soon_days="0"),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Ký hiệu cơ quan “S N V” không hợp lệ" in html
    assert "Số ngày nhắc trước hạn phải là số nguyên từ 1 đến 60." in html
    assert settings.organisation().parent_body == "UBND TỈNH"  # unchanged: all or nothing
    assert settings.due_soon_days() == 7


def test_required_fields_are_named(login_as, db):
    response = login_as("admin").post_form(
        "/admin/settings", _form(org_name="  ", due_soon_days="abc")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Chưa nhập tên cơ quan." in html
    assert "Số ngày nhắc trước hạn phải là số nguyên" in html
    assert settings.organisation().name == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"


def test_the_preview_writes_the_day_as_the_issued_report_does(login_as, monkeypatch):
    """Issue 16: the preview said "ngày 8 tháng 12" where the report says "ngày 08 tháng 12"."""
    import re
    from datetime import date

    from tracker.domain.report.prose import issued_line

    admin = login_as("admin")
    for day in (date(2026, 12, 8), date(2027, 2, 5), date(2027, 10, 15)):
        monkeypatch.setattr(clock, "today", lambda day=day: day)
        html = admin.get("/admin/settings").get_data(as_text=True)
        words = re.search(r"</span> (\d+ tháng \d+ năm \d+)</div>", html).group(1)
        assert issued_line(day).endswith(words), (day, words)
