"""Every download is an attachment, never content-sniffed, with one charset at most.

Evidence, a document's file, an issued report's files (page and API), the report's exports
(page and API) and the plan template: a browser saves each, it never renders one in the
application's origin (an uploaded page or SVG would run its script there).
"""

from __future__ import annotations

import io
from pathlib import Path

from route_scene import build_scene
from werkzeug.datastructures import FileStorage

from tracker.common import clock
from tracker.common.access import system_principal
from tracker.domain.periods import Kind, period_containing
from tracker.extensions import db
from tracker.models import Task
from tracker.tasks.attachments import add_attachment

ROOT = Path(__file__).resolve().parents[2]


def download_paths(ids: dict) -> list[str]:
    last = period_containing(clock.today(), Kind.QUARTER).previous().code
    issued = ids["issued"]
    return [
        f"/tasks/{ids['task_a']}/attachments/{ids['attachment']}",
        f"/documents/{ids['document']}/file",
        f"/reports/issued/{issued}.docx",
        f"/reports/issued/{issued}.xlsx",
        f"/reports/issued/{issued}.json",
        f"/api/v1/issued-reports/{issued}.docx",
        f"/api/v1/issued-reports/{issued}.xlsx",
        f"/reports/{last}/download/xlsx",
        f"/reports/{last}/download/docx",
        f"/api/v1/reports/{last}.xlsx",
        f"/api/v1/reports/{last}.docx",
        "/reports/plan/template",
    ]


def text_evidence(world, task_id: int) -> str:
    """A plain-text evidence file on the task: text is where a charset was named twice."""
    upload = FileStorage(io.BytesIO("Ghi chú".encode()), filename="ghi-chu.txt")
    task = db.session.get(Task, task_id)
    row = add_attachment(world.users["staff_a"], system_principal(), task, upload)
    db.session.commit()
    return f"/tasks/{task_id}/attachments/{row.id}"


def test_every_download_is_an_attachment_not_sniffed_with_one_charset(world, login_as):
    ids = build_scene(world)
    paths = [*download_paths(ids), text_evidence(world, ids["task_a"])]
    client = login_as("director")
    for path in paths:
        response = client.get(path)
        response.close()
        assert response.status_code == 200, path
        headers = response.headers
        assert headers["Content-Disposition"].startswith("attachment; filename="), path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Content-Type"].count("charset") <= 1, (path, headers["Content-Type"])


def test_no_view_sends_a_file_around_the_one_download_answer():
    """send_file would set its own headers: every download goes through web.downloads."""
    users = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "tracker").rglob("*.py")
        if "send_file" in path.read_text("utf-8")
    ]
    assert users == []
