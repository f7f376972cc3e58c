"""A backup carries the evidence and document files, and only its owner may read it."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest
from backup_support import CSRF, cli_app, run, signed_in
from factories import build_world
from sqlalchemy.engine import make_url

from tracker.documents.linking import ensure_document
from tracker.domain.legal_refs import parse_ref
from tracker.extensions import db as _db

EVIDENCE = b"%PDF-1.7\n% bi\xean b\xe1n\n" + bytes(range(256)) + b"\n%%EOF\n"
DOCUMENT = b"%PDF-1.4\n% quy\xe1t \xc4\x91\xe1\xbb\x8bnh\n" + bytes(range(255, -1, -1)) + b"%%EOF\n"


@pytest.fixture
def department(tmp_path):
    """A migrated SQLite database with evidence on a task and a document's file, both sent
    through the pages; returns the application and each file's download path and bytes."""
    url = f"sqlite:///{tmp_path / 'department.db'}"
    application = cli_app(url, tmp_path)
    with application.app_context():
        from flask_migrate import upgrade

        upgrade()
        world = build_world()
        task = world.task(title="Kiểm tra an toàn thông tin")
        document = ensure_document(parse_ref("Quyết định 135/QĐ-TTg"), title="Đề án")
        _db.session.commit()
        task_id, document_id = task.id, document.id
        client = signed_in(application, world.users["director"].username)
        for page, name, data in (
            (f"/tasks/{task_id}", "Biên bản.pdf", EVIDENCE),
            (f"/documents/{document_id}", "QĐ 135.pdf", DOCUMENT),
        ):
            token = CSRF.search(client.get(page).get_data(as_text=True)).group(1)
            target = page + ("/attachments" if page.startswith("/tasks") else "/file")
            form = {"csrf_token": token, "file": (io.BytesIO(data), name)}
            answer = client.post(target, data=form, content_type="multipart/form-data")
            assert answer.status_code == 303, answer.get_data(as_text=True)[:500]
        _db.session.remove()
        _db.engine.dispose()
    files = {
        f"/tasks/{task_id}/attachments/1": EVIDENCE,
        f"/documents/{document_id}/file": DOCUMENT,
    }
    return application, url, files


def downloaded(application, paths) -> dict[str, bytes]:
    with application.app_context():
        client = signed_in(application, "director")
        answers = {path: client.get(path) for path in paths}
        _db.session.remove()
        _db.engine.dispose()
    return {
        path: answer.get_data() for path, answer in answers.items() if answer.status_code == 200
    }


def wipe(url: str) -> None:
    """The database is gone: its file and SQLite's companions."""
    database = make_url(url).database
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(database + suffix).unlink(missing_ok=True)


@pytest.mark.parametrize("target", ["sqlite", "portable", "postgresql"])
def test_files_come_back_byte_identical_after_a_wipe_and_a_restore(
    department, tmp_path, make_postgres, target
):
    application, url, files = department
    assert downloaded(application, files) == files
    backup_file = tmp_path / "department.backup"
    portable = ["--portable"] if target != "sqlite" else []
    result = run(application, "backup", str(backup_file), *portable)
    assert result.exit_code == 0, result.output
    wipe(url)
    # Restored on another server: an instance folder of its own, with nothing in it.
    elsewhere = tmp_path / "another-server"
    elsewhere.mkdir()
    restored = cli_app(make_postgres() if target == "postgresql" else url, elsewhere)
    result = run(restored, "restore", str(backup_file))
    assert result.exit_code == 0, result.output
    assert downloaded(restored, files) == files
    if target == "postgresql":  # and from PostgreSQL, in its own format: still 0600
        dump = tmp_path / "department.dump"
        assert run(restored, "backup", str(dump)).exit_code == 0
        assert stat.S_IMODE(dump.stat().st_mode) == 0o600


@pytest.mark.parametrize("portable", [False, True])
def test_a_backup_is_readable_by_its_owner_only_from_the_start(department, tmp_path, portable):
    """Whatever the umask, and over an older world-readable backup of the same name."""
    application, _, _ = department
    backup_file = tmp_path / "department.backup"
    backup_file.write_bytes(b"an older backup")
    backup_file.chmod(0o644)
    previous = os.umask(0)
    try:
        result = run(application, "backup", str(backup_file), *(["--portable"] * portable))
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600
