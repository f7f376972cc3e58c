"""In a browser: the director declines an extension request; a reason is asked first."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tracker.extensions import db as _db
from tracker.models import Extension

pytest_plugins = ["e2e_support"]
pytestmark = pytest.mark.e2e


def test_declining_an_extension_requires_a_reason(browser_page, sign_in, world, db):
    task = world.task(title="Báo cáo chuyển đổi số quý", due=world.days(3))
    extension = Extension(
        task_id=task.id,
        requested_by_id=world.users["head_a"].id,
        previous_due_date=world.days(3),
        requested_due_date=world.days(10),
        reason="Chờ số liệu của các huyện",
    )
    _db.session.add(extension)
    _db.session.commit()
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    sign_in(page, "director")

    # The home page's "Không đồng ý…" leads to the request on the task page.
    page.get_by_role("link", name="Không đồng ý…").click()
    expect(page.get_by_role("heading", name="Đề nghị gia hạn chờ duyệt")).to_be_visible()
    # The confirmation is bound by the page's script: on a loaded machine the heading shows
    # before the script has run, and a click then would skip the question.
    page.wait_for_load_state("load")

    page.get_by_role("button", name="Không đồng ý").click()
    assert dialogs and dialogs[0].startswith("Không đồng ý gia hạn?")
    expect(page.get_by_text("hãy ghi lý do để đơn vị biết")).to_be_visible()
    _db.session.expire_all()
    assert _db.session.get(Extension, extension.id).status == "pending"

    page.fill("textarea#decision-note", "Số liệu đã có từ tuần trước; giữ hạn cũ.")
    page.get_by_role("button", name="Không đồng ý").click()
    expect(page.get_by_text("Đã không đồng ý đề nghị gia hạn.")).to_be_visible()
    _db.session.expire_all()
    declined = _db.session.get(Extension, extension.id)
    assert declined.status == "declined"
    assert declined.decision_note == "Số liệu đã có từ tuần trước; giữ hạn cũ."
