"""A Word report whose list markup is broken or forged (a 5,000-digit w:start) is refused
with a message, by the service and the command line alike, not a server error (item 11)."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from imports.report_docx import PLAN_LIST, add_list, numbered

from tracker.common.exceptions import ValidationFailed
from tracker.reports.importing.read import read_report


def report_with_start(start: str) -> bytes:
    doc = Document()
    doc.add_paragraph("BÁO CÁO Kết quả thực hiện nhiệm vụ quý I năm 2021")
    add_list(doc, PLAN_LIST, [("decimal", "%1.")])
    numbering = doc.part.numbering_part.element
    for element in numbering.iter(qn("w:start")):
        element.set(qn("w:val"), start)
    numbered(doc.add_paragraph("Triển khai nền tảng LGSP."), PLAN_LIST)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize("start", ["9" * 5000, "²", "-3"])
def test_a_forged_list_start_is_refused_naming_the_file(start):
    with pytest.raises(ValidationFailed, match="số thứ tự tự động không hợp lệ") as refused:
        read_report("bao-cao.docx", report_with_start(start))
    assert refused.value.field == "file"


def test_a_plain_list_start_is_read_on_to_the_report_check():
    with pytest.raises(ValidationFailed) as refused:
        read_report("bao-cao.docx", report_with_start("4"))
    assert "không tìm thấy các mục" in refused.value.message  # the list itself was read


def test_the_command_line_refuses_it_with_exit_status_1(app, db, tmp_path):
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(report_with_start("9" * 5000))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["tracker", "import-report", str(path), "--period", "2021-Q1"])
    assert result.exit_code == 1 and "không hợp lệ" in result.output
