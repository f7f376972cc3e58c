"""`flask --app app tracker export`: the period report as a file, exit codes per CONTRACT.md."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
import pytest
from report_readback import docx_items, expected_xlsx, json_items, xlsx_items

from tracker.common.access import system_principal
from tracker.domain.periods import parse_period
from tracker.reports.build import build_period_report

PERIOD = "2026-Q3"


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()

    def invoke(*args):
        return runner.invoke(args=["tracker", "export", *args], catch_exceptions=False)

    return invoke


@pytest.fixture
def scene(world):
    """A quarter with one result in each division, one task overdue and one planned after it."""
    world.task(unit="a", title="Việc A", status="done", due=date(2026, 8, 1),
               done=date(2026, 7, 15), result="Phòng A đã hoàn thành việc A.")  # fmt: skip
    world.task(unit="b", section="I.2", title="Việc B", status="done", due=date(2026, 7, 1),
               done=date(2026, 7, 10), result="- Phòng B: xong, chậm 9 ngày.")  # fmt: skip
    world.task(unit="a1", title="Việc còn dở", due=date(2026, 9, 1))
    world.task(unit="b", title="Việc quý sau", status="not_started", planned="2026-Q4")
    return world


def kind_of(data: bytes) -> str:
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    return "xlsx" if "xl/workbook.xml" in names else "docx" if "word/document.xml" in names else "?"


@pytest.mark.parametrize(
    ("name", "extra", "kind"),
    [
        ("bao-cao.xlsx", [], "xlsx"),
        ("bao-cao.DOCX", [], "docx"),
        ("bao-cao.bin", [], "xlsx"),  # neither: Excel by default
        ("bao-cao.xlsx", ["--format", "docx"], "docx"),  # the option wins
    ],
)
def test_the_format_comes_from_the_option_else_the_extension(
    cli, scene, tmp_path, name, extra, kind
):
    out = tmp_path / name
    result = cli("--period", PERIOD, "--out", str(out), *extra)
    assert result.exit_code == 0, result.output
    assert kind_of(out.read_bytes()) == kind
    assert f"Wrote {out} ({kind})" in result.output
    assert "2 achievements, 1 unfinished, 2 plan items" in result.output


def test_the_files_hold_the_whole_organisations_report(cli, scene, tmp_path):
    items = json_items(build_period_report(system_principal(), parse_period(PERIOD)).to_dict())
    assert len(items["achievements"]) == 2  # the command runs as no one: it sees every unit
    cli("--period", PERIOD, "--out", str(tmp_path / "r.xlsx"))
    cli("--period", PERIOD, "--out", str(tmp_path / "r.docx"))
    assert xlsx_items((tmp_path / "r.xlsx").read_bytes()) == expected_xlsx(items)
    word = docx_items((tmp_path / "r.docx").read_bytes())
    results = ["- Phòng A đã hoàn thành việc A.", "- Phòng B: xong, chậm 9 ngày."]
    assert word["achievements"] == results
    assert [row[0] for row in word["unfinished"]] == ["Việc còn dở"]


def test_a_dash_writes_the_file_to_standard_output(app, scene):
    result = app.test_cli_runner().invoke(
        args=["tracker", "export", "--period", PERIOD, "--out", "-"], catch_exceptions=False
    )
    assert result.exit_code == 0
    book = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))
    assert "Kết quả" in book.sheetnames


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--period", "2026-Q5", "--out", "{dir}/r.xlsx"], 1, "2026-Q5"),
        (["--period", PERIOD, "--out", "/nonexistent/dir/r.xlsx"], 1, "cannot write"),
        (["--period", PERIOD], 2, "--out"),
        (["--out", "{dir}/r.xlsx"], 2, "--period"),
        (["--period", PERIOD, "--out", "{dir}/r.pdf", "--format", "pdf"], 2, "pdf"),
    ],
)
def test_bad_input_and_usage_errors(cli, scene, tmp_path, args, code, message):
    result = cli(*[a.replace("{dir}", str(tmp_path)) for a in args])
    assert result.exit_code == code
    assert message in result.output


def test_an_empty_database_is_bad_input(cli, db, tmp_path):
    result = cli("--period", PERIOD, "--out", str(tmp_path / "r.xlsx"))
    assert result.exit_code == 1 and "no units" in result.output
    assert not (tmp_path / "r.xlsx").exists()
