"""The `tracker` commands: demo, units, create-user, refs (exit codes per CONTRACT.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tracker.common import clock
from tracker.models import Document, Section, Task, Unit, User

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"


@pytest.fixture
def cli(app, db):
    runner = app.test_cli_runner()

    def invoke(*args, input=None):
        return runner.invoke(args=["tracker", *args], input=input, catch_exceptions=False)

    return invoke


def count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_demo_loads_once_and_prints_the_logins(cli, db):
    first = cli("demo")
    assert first.exit_code == 0, first.output
    assert "giamdoc" in first.output and "Demo2026tracker" in first.output
    tasks, units = count(db, Task), count(db, Unit)
    assert tasks >= 40 and units >= 8 and count(db, Document) >= 30
    assert count(db, Section) == 17
    second = cli("demo")
    assert second.exit_code == 0 and "already has data" in second.output
    assert count(db, Task) == tasks


def test_demo_story_is_live(cli, db):

    from tracker.domain.timeliness import classify

    cli("demo")
    today = clock.today()
    kinds = {
        classify(t.status, t.due_date, t.completed_on, today).value
        for t in db.session.scalars(select(Task))
    }
    assert {"overdue", "due_soon", "on_track", "done_on_time", "done_late"} <= kinds
    assert db.session.scalar(select(func.count()).where(Task.status == "submitted")) >= 2


def test_units_prints_the_tree_parents_first(cli, world):
    result = cli("units")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert lines[0] == {"code": "D", "name": "Sở Thử nghiệm", "parent": None}
    seen = set()
    for line in lines:
        assert line["parent"] is None or line["parent"] in seen
        seen.add(line["code"])
    assert {"code": "A1", "name": "Tổ A1", "parent": "A"} in lines


def test_create_user_reads_the_password_from_stdin(cli, world, db):
    result = cli(
        "create-user",
        "nguyen.an",
        "--role",
        "head",
        "--unit",
        "B",
        "--name",
        "Nguyễn An",
        input="Mat-khau-2026\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.username == "nguyen.an"))
    assert user.full_name == "Nguyễn An" and user.grants[0].unit.code == "B"
    assert user.password_hash.startswith("$argon2")


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [
        (["x.y", "--role", "head", "--unit", "NOPE"], "Mat-khau-2026\n", 1, "No unit"),
        (["x.y", "--role", "head", "--unit", "B"], "short\n", 1, "password"),
        (["x.y", "--role", "head", "--unit", "B"], "\n", 1, "No password"),
        (["x.y", "--role", "boss", "--unit", "B"], "Mat-khau-2026\n", 2, "boss"),
        (["x.y", "--unit", "B"], "Mat-khau-2026\n", 2, "--role"),
    ],
)
def test_create_user_bad_input(cli, world, args, stdin, code, message):
    result = cli("create-user", *args, input=stdin)
    assert result.exit_code == code
    assert message in result.output


@pytest.mark.skipif(not SAMPLES.exists(), reason="../shared/samples is not beside the checkout")
def test_refs_on_the_sample_report_equals_the_expected_file(cli):
    result = cli("refs", str(SAMPLES / "bao-cao-9-thang-2020.txt"))
    assert result.exit_code == 0
    got = [json.loads(line) for line in result.output.splitlines()]
    expected = [
        json.loads(line)
        for line in (SAMPLES / "bao-cao-9-thang-2020.refs.jsonl").read_text().splitlines()
    ]
    assert [{k: v for k, v in ref.items() if k not in ("start", "end")} for ref in got] == expected
    assert all(ref["start"] < ref["end"] for ref in got)


def test_refs_reads_standard_input_and_reports_offsets(cli):
    text = "Thực hiện Công văn số 4366/BTTTT-HTQT về cuộc thi."
    result = cli("refs", input=text)
    (ref,) = [json.loads(line) for line in result.output.splitlines()]
    assert ref["symbol"] == "4366/BTTTT-HTQT" and ref["type"] == "Công văn"
    assert text[ref["start"] : ref["end"]] == "Công văn số 4366/BTTTT-HTQT"


def test_refs_on_a_missing_file_is_bad_input(cli):
    result = cli("refs", "/nonexistent/file.txt")
    assert result.exit_code == 1 and "no such file" in result.output
