"""Daily digests and event e-mails, sent through a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tracker.models import DigestSend

pytest_plugins = ["mail_support"]


@pytest.fixture
def cli(app, db):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=["tracker", *args], catch_exceptions=False)


@pytest.fixture
def scene(world):
    """Overdue and due-soon work in division A, one submission awaiting the director."""
    users = world.users
    overdue = world.task(
        unit="a", title="Báo cáo quá hạn của phòng A", due=world.days(-3), assignee=users["staff_a"]
    )
    soon = world.task(unit="a1", title="Việc sắp đến hạn của tổ A1", due=world.days(2))
    world.task(unit="a", title="Việc còn xa", due=world.days(40), assignee=users["staff_a"])
    submitted = world.task(
        unit="b",
        title="Việc phòng B chờ xác nhận",
        status="submitted",
        due=world.days(5),
        done=world.days(-1),
    )
    return {"overdue": overdue, "soon": soon, "submitted": submitted}


def body(message) -> tuple[str, str]:
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def test_digest_reaches_the_right_people_with_the_right_tasks(cli, smtp, scene):
    result = cli("remind")
    assert result.exit_code == 0, result.output
    staff = smtp.to("staff.a@example.test")
    assert len(staff) == 1
    text, html = body(staff[0])
    assert "Báo cáo quá hạn của phòng A" in text and "quá 3 ngày" in text
    assert "Việc còn xa" not in text and "Việc sắp đến hạn của tổ A1" not in text
    assert "Báo cáo quá hạn của phòng A" in html and "/tasks/" in html
    head_text, _ = body(smtp.to("head.a@example.test")[0])
    assert "Báo cáo quá hạn" in head_text and "Việc sắp đến hạn của tổ A1" in head_text
    director_text, _ = body(smtp.to("director@example.test")[0])
    assert "CHỜ ANH/CHỊ XÁC NHẬN" in director_text
    assert "Việc phòng B chờ xác nhận" in director_text
    assert "Việc phòng B chờ xác nhận" in body(smtp.to("admin@example.test")[0])[0]
    assert smtp.to("viewer@example.test") == []  # nothing is theirs to do
    assert smtp.to("head.b@example.test") == []  # their only task is already submitted


def test_no_duplicate_digest_on_a_second_run_the_same_day(cli, smtp, scene, db):
    cli("remind")
    first = len(smtp.messages)
    second = cli("remind")
    assert second.exit_code == 0 and "already ran or are running elsewhere" in second.output
    assert len(smtp.messages) == first
    rows = db.session.scalars(select(DigestSend)).all()
    assert {r.status for r in rows} == {"sent"} and len(rows) == first


def test_refusing_server_is_recorded_and_retried_next_run(cli, smtp, scene, db):
    smtp.refuse = True
    failed = cli("remind")
    assert failed.exit_code == 1 and "retried next run" in failed.output
    rows = db.session.scalars(select(DigestSend)).all()
    assert rows and all(r.status == "failed" and "554" in r.error for r in rows)
    smtp.refuse = False
    retried = cli("remind")
    assert retried.exit_code == 0
    db.session.expire_all()
    rows = db.session.scalars(select(DigestSend)).all()
    assert all(r.status == "sent" and r.attempts == 2 for r in rows)


def test_unreachable_server_does_not_crash_the_run(cli, app, scene, db, unused_port):
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=unused_port)
    try:
        result = cli("remind")
    finally:
        app.config.update(SMTP_HOST=None)
    assert result.exit_code == 1
    assert len(db.session.scalars(select(DigestSend)).all()) == 4


def test_dry_run_sends_and_records_nothing(cli, smtp, scene, db):
    result = cli("remind", "--dry-run")
    assert result.exit_code == 0 and "would send staff.a" in result.output
    assert smtp.messages == [] and db.session.scalars(select(DigestSend)).all() == []


def test_as_of_moves_the_day_judged(cli, smtp, scene, world):
    result = cli("remind", "--dry-run", "--as-of", world.days(-60).isoformat())
    assert "would send staff.a" not in result.output  # two months ago nothing was near
    assert cli("remind", "--as-of", "31/02/2026").exit_code == 1


def test_digest_can_be_turned_off(cli, smtp, scene, world, db):
    world.users["staff_a"].notify_prefs = {"digest": False}
    db.session.commit()
    cli("remind")
    assert smtp.to("staff.a@example.test") == []


def test_assignment_mail_is_sent_after_commit(app, smtp, world, db):
    from tracker.common.access import principal_for
    from tracker.tasks.operations import create_task

    director = world.users["director"]
    with app.test_request_context():
        create_task(
            director,
            principal_for(director),
            {
                "title": "Việc mới giao",
                "section": "I.1",
                "lead_unit": "A",
                "assignee": world.users["staff_a"].id,
            },
        )
        assert smtp.messages == []  # nothing leaves before the commit
        db.session.commit()
    mail = smtp.to("staff.a@example.test")
    assert len(mail) == 1 and "[Giao việc] Việc mới giao" in mail[0]["Subject"]


def test_rolled_back_changes_send_no_mail(app, smtp, world, db):
    from tracker.common.access import principal_for
    from tracker.tasks.operations import create_task

    director = world.users["director"]
    with app.test_request_context():
        create_task(
            director,
            principal_for(director),
            {
                "title": "Việc bị hủy bỏ",
                "section": "I.1",
                "lead_unit": "A",
                "assignee": world.users["staff_a"].id,
            },
        )
        db.session.rollback()
    assert smtp.messages == []


def test_a_reminder_mails_the_head_and_the_assignee_at_once(app, smtp, world, db):
    from tracker.common.access import principal_for
    from tracker.models import TaskUpdate
    from tracker.notify.reminders import remind_task

    late = world.task(
        unit="a", title="Việc quá hạn cần nhắc", due=world.days(-4), assignee=world.users["staff_a"]
    )
    director = world.users["director"]
    with app.test_request_context():
        remind_task(director, principal_for(director), late, note="Khẩn trương hoàn thành")
        assert smtp.messages == []  # nothing leaves before the commit
        db.session.commit()
    for address in ("staff.a@example.test", "head.a@example.test"):
        (mail,) = smtp.to(address)
        assert mail["Subject"] == "[Nhắc nhở] Nhiệm vụ quá hạn: Việc quá hạn cần nhắc"
        text, html = body(mail)
        assert "Việc quá hạn cần nhắc" in text and f"/tasks/{late.id}" in html
    assert len(smtp.messages) == 2  # nobody else, not the director who reminded
    history = db.session.scalars(select(TaskUpdate.kind).where(TaskUpdate.task_id == late.id))
    assert "reminded" in list(history)


def test_a_person_who_turned_reminders_off_gets_no_reminder_mail(app, smtp, world, db):
    from tracker.common.access import principal_for
    from tracker.notify.reminders import remind_task

    late = world.task(unit="a", due=world.days(-2), assignee=world.users["staff_a"])
    world.users["staff_a"].notify_prefs = {"reminded": False}
    db.session.commit()
    director = world.users["director"]
    with app.test_request_context():
        remind_task(director, principal_for(director), late)
        db.session.commit()
    assert smtp.to("staff.a@example.test") == []
    assert len(smtp.to("head.a@example.test")) == 1


def test_a_return_and_an_extension_decision_are_mailed(app, smtp, world, db):
    from tracker.common.access import principal_for
    from tracker.tasks.review import decide_extension, request_extension, return_task

    staff, director = world.users["staff_a"], world.users["director"]
    returned = world.task(
        unit="a",
        title="Việc bị trả lại",
        status="submitted",
        due=world.days(5),
        done=world.days(-1),
        result="Xong",
        assignee=staff,
    )
    extended = world.task(unit="a", title="Việc xin gia hạn", due=world.days(5), assignee=staff)
    with app.test_request_context():
        return_task(director, principal_for(director), returned, returned.version, "Thiếu số liệu")
        extension = request_extension(
            staff, principal_for(staff), extended, world.days(20), "Chờ số liệu"
        )
        db.session.commit()
        decide_extension(director, principal_for(director), extension, True, "Đồng ý")
        db.session.commit()
    subjects = sorted(m["Subject"] for m in smtp.to("staff.a@example.test"))
    assert subjects == ["[Gia hạn] Việc xin gia hạn", "[Trả lại] Việc bị trả lại"]
    back = next(m for m in smtp.to("staff.a@example.test") if "[Trả lại]" in m["Subject"])
    assert "Thiếu số liệu" in body(back)[0]


def test_a_title_with_line_breaks_cannot_add_mail_headers(app, smtp, world, db):
    from tracker.common.access import principal_for
    from tracker.common.mail import Mail, build_message
    from tracker.tasks.operations import create_task

    director = world.users["director"]
    with app.test_request_context():
        task = create_task(
            director,
            principal_for(director),
            {"title": "Inject", "section": "I.1", "lead_unit": "A"},
        )
        db.session.commit()
        task.title = "Inject\r\nBcc: evil@example.org"  # as stored by an older version
        mail = Mail("staff.a@example.test", "A\r\nCc: x@y", task.title, "text", "<p>html</p>")
        message = build_message(mail)
    assert message["Subject"] == "Inject Bcc: evil@example.org"
    assert message["Bcc"] is None and message["Cc"] is None
    assert "\n" not in message["To"]


def test_a_mail_that_cannot_be_built_never_fails_the_committed_request(
    client, smtp, world, db, monkeypatch, caplog
):
    from tracker.common import mail as mail_module
    from tracker.models import Task

    def broken(_mail):
        raise ValueError("a header the mail library refuses")

    monkeypatch.setattr(mail_module, "build_message", broken)
    client.login("director")
    form = {
        "title": "Việc mới giao",
        "section": str(world.sections["I.1"].id),
        "lead_unit": str(world.units["a"].id),
        "assignee": str(world.users["staff_a"].id),
    }
    response = client.post_form("/tasks/new", form)
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:2000]
    assert "could not build or send" in caplog.text
    db.session.rollback()
    assert db.session.scalar(select(Task).where(Task.title == "Việc mới giao")) is not None
