"""Scheduled jobs run once per due time, whichever server or cron starts them (ops/jobs.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import DigestSend, JobRun
from tracker.models._base import utcnow
from tracker.ops.jobs import claim, finish

pytest_plugins = ["mail_support"]
ROOT = Path(__file__).resolve().parents[2]


def test_a_due_time_is_claimed_once(app, db):
    first = claim("remind", "2026-12-08")
    assert first is not None and first.status == "running"
    assert claim("remind", "2026-12-08") is None  # running elsewhere
    assert claim("remind", "2026-12-09") is not None  # another day is another run
    finish(first, ok=True, detail="sent 3")
    assert claim("remind", "2026-12-08") is None  # done: never again


def test_a_failed_run_may_be_taken_over(app, db):
    finish(claim("remind", "2026-12-08"), ok=False, detail="smtp down")
    again = claim("remind", "2026-12-08")
    assert again is not None and again.status == "running" and again.finished_at is None


def test_a_run_left_running_by_a_dead_server_is_taken_over_after_an_hour(app, db):
    stuck = claim("remind", "2026-12-08")
    stuck.started_at = utcnow() - timedelta(minutes=59)
    db.session.commit()
    assert claim("remind", "2026-12-08") is None
    stuck.started_at = utcnow() - timedelta(minutes=61)
    db.session.commit()
    assert claim("remind", "2026-12-08") is not None


def remind_process(database_url: str, port: int, tmp_path: Path, name: str):
    env = os.environ | {
        "TRACKER_ENV": "development",
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(port),
        "TRACKER_INSTANCE_PATH": str(tmp_path / name),
    }
    command = [sys.executable, "-m", "flask", "--app", "app", "tracker", "remind"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_servers_running_remind_at_the_same_second_send_each_digest_once(
    app, database_url, smtp, world, tmp_path
):
    world.task(unit="a", title="Quá hạn", due=world.days(-3), assignee=world.users["staff_a"])
    world.task(unit="a1", title="Sắp đến hạn", due=world.days(2))
    db.session.commit()
    port = app.config["SMTP_PORT"]
    runs = [remind_process(database_url, port, tmp_path, name) for name in ("one", "two")]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert sum("already ran or are running elsewhere" in out for out in outputs) == 1, outputs
    sent = db.session.scalars(select(DigestSend)).all()
    assert sent and len(smtp.messages) == len(sent)
    recipients = [m["To"] for m in smtp.messages]
    assert len(recipients) == len(set(recipients)), recipients
    [run] = db.session.scalars(select(JobRun)).all()
    assert (run.job, run.status) == ("remind", "done")
