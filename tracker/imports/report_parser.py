"""Read a past report (.txt or .docx shaped like the sample) into plain data. Pure: no Flask, no db.

Both readers produce the same lines (a .docx has its Word numbering typed back in, its breaks
split and its table rows flattened). The lines are cut into regions (header, title and subject,
body, closing, recipients, signer); body lines are classified, sentences broken across lines are
joined, and a builder grows the section tree and the text blocks.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import PurePath
from typing import BinaryIO

from docx import Document

from tracker.imports.docx_lines import docx_lines
from tracker.imports.report_body import (
    SIGNER,
    continues,
    fold_upper,
    heading_number,
    is_upper,
    read_body,
    roman_value,
)
from tracker.imports.report_model import (
    MARKER,
    Line,
    NotAReportError,
    ParsedItem,
    ParsedReport,
    ParsedSection,
    clean_line,
)

__all__ = [
    "NotAReportError",
    "ParsedItem",
    "ParsedReport",
    "ParsedSection",
    "parse_report",
    "parse_report_docx",
    "parse_report_text",
]

NOT_A_REPORT = "Tệp không phải là một báo cáo: "
_TITLE = re.compile(r"BÁO\s+CÁO\b\s*:?\s*(.*)")
_PAREN = re.compile(r"\(.*\)")  # "(Đã ký)" under a signature
_DOC_NO = re.compile(r"Số\s*:\s*([^\s/]*\s*/\s*\S+|\S+)", re.I)
_DATE = re.compile(
    r"(?:([^,]*),\s*)?ngày\s+(\d{1,2})(?:\s+tháng\s+|/)(\d{1,2})(?:\s+năm\s+|/)(\d{4})", re.I
)
_CLOSING_ORG = re.compile(r",\s*([^,]+?)\s+(?:xin\s+|kính\s+)?báo\s+cáo\b")


# --- helpers ---------------------------------------------------------------------------------


def _paragraphs(lines: Iterable[Line]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and not line.table and continues(out[-1], line.text):
            out[-1] += " " + line.text
        else:
            out.append(line.text)
    return out


def _index(lines: list, test: Callable, start: int = 0, stop: int | None = None) -> int | None:
    stop = len(lines) if stop is None else stop
    return next((i for i in range(start, stop) if test(lines[i])), None)


# --- the regions around the body -------------------------------------------------------------


def _header(lines: list[Line]) -> dict:
    out: dict = {}
    names = []
    for part in (p.strip() for line in lines for p in line.text.split(" | ")):
        number, when = _DOC_NO.match(part), _DATE.search(part)
        if number:
            out["number"] = re.sub(r"\s+", "", number[1])
        if when:
            out["place"] = (when[1] or "").strip() or None
            try:
                out["issued_on"] = date(int(when[4]), int(when[3]), int(when[2]))
            except ValueError:
                out["issued_on"] = None
        elif not number and is_upper(part) and "CONG HOA XA HOI" not in fold_upper(part):
            names.append(part)
    if names:  # the body the department belongs to is written above it
        out["parent_body"] = names[0] if len(names) > 1 else None
        out["organisation"] = " ".join(names[1:] or names)
    return out


def _split_signer(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Split a trailing signer block ("KT. GIÁM ĐỐC", ..., the name) off lines."""
    end = len(lines)
    while end and _PAREN.fullmatch(lines[end - 1].text):
        end -= 1
    words = lines[end - 1].text.split() if end else []
    if not (0 < len(words) <= 6 and all(w[0].isupper() and w.isalpha() for w in words)):
        return lines, []
    start = end - 1
    while start and (
        _PAREN.fullmatch(text := lines[start - 1].text) or (is_upper(text) and len(text) <= 60)
    ):
        start -= 1
    if not any(SIGNER.search(fold_upper(line.text)) for line in lines[start : end - 1]):
        return lines, []
    return lines[:start], lines[start:]


def _recipients(lines: list[Line]) -> tuple[list[str], list[Line]]:
    """Read the list after "Nơi nhận:"; return it and the lines after it."""
    head = lines[0].text.partition(":")[2].strip()  # "Nơi nhận: - Như trên;" on one line
    rest = [Line(head), *lines[1:]] if head else lines[1:]
    out: list[str] = []
    for i, line in enumerate(rest):
        if m := MARKER.fullmatch(line.text):
            out.append(m[2])
        elif out and continues(out[-1], line.text):
            out[-1] += " " + line.text
        else:
            return out, rest[i:]
    return out, []


def _fill_body(report: ParsedReport, lines: list[Line], has_roman: bool) -> None:
    body = read_body(lines, has_roman)
    report.sections = body.sections
    if not report.item_count:
        raise NotAReportError(NOT_A_REPORT + "không có mục kết quả nào có nội dung (dòng “- ...”).")
    for kind, paragraphs in body.texts.items():
        setattr(report, kind, "\n".join(paragraphs))
    report.plan_heading, report.plan_items = body.plan_heading, body.plan_items


def _fill_tail(report: ParsedReport, lines: list[Line]) -> None:
    cut = _index(lines, lambda ln: fold_upper(ln.text).startswith("NOI NHAN"))
    closing, signer = _split_signer(lines[:cut])
    if cut is not None:  # the signer may stand before "Nơi nhận" or after the list
        report.recipients, after = _recipients(lines[cut:])
        signer = after or signer
    report.closing = "\n".join(_paragraphs(closing))
    kept = [line.text for line in signer if not _PAREN.fullmatch(line.text)]
    if kept:
        report.signer_title, report.signer_name = "\n".join(kept[:-1]), kept[-1]
    if not report.organisation:  # "Trên đây là ..., Sở X báo cáo đến ..."
        found = [org for org in _CLOSING_ORG.findall(report.closing) if org[0].isupper()]
        report.organisation = found[-1] if found else None


def _parse_lines(lines: list[Line]) -> ParsedReport:
    if not lines:
        raise NotAReportError(NOT_A_REPORT + "tệp trống.")
    first_roman = _index(lines, lambda ln: roman_value(heading_number(ln, True)) > 0)
    title_i = _index(lines, lambda ln: bool(_TITLE.fullmatch(ln.text)), stop=first_roman)
    if title_i is None and first_roman is None:
        why = "không tìm thấy tiêu đề “BÁO CÁO” và các mục I., II. ..."
        raise NotAReportError(NOT_A_REPORT + why)
    has_roman = first_roman is not None
    start = 0 if title_i is None else title_i + 1
    body_i = _index(lines, lambda ln: bool(heading_number(ln, has_roman)), start)
    if body_i is None:
        raise NotAReportError(NOT_A_REPORT + "không tìm thấy các mục I., II. ... của báo cáo.")
    end_i = _index(
        lines, lambda ln: fold_upper(ln.text).startswith(("TREN DAY", "NOI NHAN")), body_i
    )
    end_i = len(lines) if end_i is None else end_i
    body, signer = _split_signer(lines[body_i:end_i])  # a signer with no closing sentence

    report = ParsedReport(**_header(lines[: body_i if title_i is None else title_i]))
    if title_i is not None:
        report.title = "BÁO CÁO"
        subject = [rest] if (rest := _TITLE.fullmatch(lines[title_i].text)[1]) else []
        pre = lines[start:body_i]
        while pre and (not subject or pre[0].text[0].islower()):  # a subject may wrap
            subject.append(pre.pop(0).text)
        report.subject, report.introduction = " ".join(subject), "\n".join(_paragraphs(pre))
    _fill_body(report, body, has_roman)
    _fill_tail(report, signer + lines[end_i:])
    return report


# --- entry points ----------------------------------------------------------------------------


def parse_report_text(text: str) -> ParsedReport:
    """Parse a report's text: one paragraph per line, blank lines ignored."""
    lines = [Line(clean) for raw in text.splitlines() if re.search(r"\w", clean := clean_line(raw))]
    return _parse_lines(lines)


def parse_report_docx(data: bytes | BinaryIO) -> ParsedReport:
    """Parse a Word report: paragraphs and tables in body order, Word numbering restored."""
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    try:
        doc = Document(stream)
    except Exception as exc:  # python-docx raises many kinds for a file that is not .docx
        raise NotAReportError("Tệp .docx bị hỏng hoặc không phải là tệp Word (.docx).") from exc
    return _parse_lines(docx_lines(doc))


def parse_report(filename: str, data: bytes) -> ParsedReport:
    """Parse an uploaded report, choosing the reader by the file's extension."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".txt":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise NotAReportError("Tệp .txt không đọc được: cần lưu với mã hóa UTF-8.") from exc
        return parse_report_text(text)
    if suffix == ".docx":
        return parse_report_docx(data)
    raise NotAReportError("Chỉ nhận tệp .docx hoặc .txt.")
