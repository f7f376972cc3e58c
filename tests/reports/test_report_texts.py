"""The texts the report drafts from the work until the director writes them, and what an
empty section says instead of vanishing."""

from __future__ import annotations

import io
from datetime import timedelta

import docx
import pytest
from api_support import api_factory

from tracker.common import clock
from tracker.domain.periods import Kind, period_containing
from tracker.domain.report.prose import NO_DIFFICULTIES
from tracker.domain.timeliness import Status

CURRENT = period_containing(clock.today(), Kind.QUARTER)


@pytest.fixture
def api_as(client, world):
    return api_factory(client, world)


def test_difficulties_are_drafted_from_extension_requests_and_returns(world, api_as):
    late = world.task(title="Rà soát trạm BTS", due=clock.today() + timedelta(days=3))
    handed_in = world.task(
        title="Số hóa hồ sơ", status=Status.SUBMITTED, done=clock.today(), result="Xong",
        due=clock.today() + timedelta(days=5),
    )  # fmt: skip
    asked = api_as("head_a").post(
        f"/tasks/{late.id}/extensions",
        json={"due_date": CURRENT.end.isoformat(), "reason": "Chờ doanh nghiệp cung cấp số liệu."},
    )
    assert asked.status_code == 201, asked.get_json()
    director = api_as("director")
    version = director.get(f"/tasks/{handed_in.id}").get_json()["version"]
    back = director.post(
        f"/tasks/{handed_in.id}/return", json={"version": version, "reason": "Thiếu biên bản"}
    )
    assert back.status_code == 200

    texts = director.get(f"/reports/{CURRENT.code}").get_json()["texts"]
    assert texts["difficulties"].splitlines() == [
        "- Số hóa hồ sơ: thiếu biên bản (bị trả lại).",
        "- Rà soát trạm BTS: chờ doanh nghiệp cung cấp số liệu (đề nghị gia hạn).",
    ]
    # a viewer of division B sees only B's work: none of A's reasons
    assert (
        api_as("viewer_b").get(f"/reports/{CURRENT.code}").get_json()["texts"]["difficulties"] == ""
    )


def test_an_empty_section_is_said_on_the_page_and_in_the_document(world, login_as):
    client = login_as("director")
    form = {"introduction": "Mở đầu.", "difficulties": "", "proposals": "Đề nghị bố trí kinh phí."}
    saved = client.post_form(f"/reports/{CURRENT.code}/texts", form)
    assert saved.status_code == 303
    page = client.get(f"/reports/{CURRENT.code}").get_data(as_text=True)
    assert NO_DIFFICULTIES in page and "Mục này đang để trống" in page
    data = client.get(f"/reports/{CURRENT.code}/download/docx").data
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    at = paragraphs.index("2. Khó khăn, vướng mắc")
    assert paragraphs[at + 1] == NO_DIFFICULTIES
