"""Minh chứng of a chỉ tiêu's figure: attached by the owning unit, checked like a task's."""

from __future__ import annotations

import io

from indicator_support import YEAR, indicator
from sqlalchemy import select
from task_pages import text

from tracker.indicators.models import IndicatorChange, IndicatorEvidence

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def attach(client, made, name="trich-xuat.pdf", data=PDF, period=f"{YEAR}-Q3"):
    return client.raw.post(
        f"/indicators/{made.id}/evidence",
        data={
            "period": period,
            "file": (io.BytesIO(data), name),
            "csrf_token": client.csrf(f"/indicators/{made.id}"),
        },
        content_type="multipart/form-data",
    )


def test_the_owning_unit_attaches_a_file_and_anyone_reads_it(login_as, world, db):
    made = indicator(world, "KYSO", "ratio", target=70)
    head = login_as("head_a")
    assert attach(head, made).status_code == 303
    [stored] = db.session.scalars(select(IndicatorEvidence)).all()
    assert (stored.period, stored.filename, stored.size) == (
        f"{YEAR}-Q3",
        "trich-xuat.pdf",
        len(PDF),
    )
    note = db.session.scalar(select(IndicatorChange.note))
    assert note == "Đính kèm minh chứng “trich-xuat.pdf”."
    client = head
    client.logout()
    client.login(world.users["viewer_b"].username)  # division B's viewer reads it
    page = text(client.get(f"/indicators/{made.id}"))
    assert "trich-xuat.pdf" in page
    assert 'id="h-evidence"' not in page  # no upload form for a reader
    download = client.get(f"/indicators/{made.id}/evidence/{stored.id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")


def test_a_file_not_what_its_name_says_is_refused(login_as, world, db):
    made = indicator(world, "KYSO", "ratio", target=70)
    head = login_as("head_a")
    response = attach(head, made, name="anh.png", data=b"<script>alert(1)</script>")
    assert response.status_code == 303  # back to the page, with the reason
    page = text(head.get(f"/indicators/{made.id}"))
    assert "nội dung không phải là tệp .png" in page
    assert db.session.scalar(select(IndicatorEvidence.id)) is None


def test_another_unit_may_not_attach(login_as, world, db):
    made = indicator(world, "KYSO", "ratio", target=70)
    assert attach(login_as("head_b"), made).status_code == 403
    assert db.session.scalar(select(IndicatorEvidence.id)) is None
