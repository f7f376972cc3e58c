"""Shared by the report import tests: the sample report (as .txt and .docx) and a department."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from factories import make_unit, make_user
from imports.report_docx import build_sample_docx

from tracker.extensions import db
from tracker.models import Unit

SAMPLE = "bao-cao-9-thang-2020.txt"
ROOT = Path(__file__).resolve().parents[1]
PLACES = (ROOT / "samples", ROOT.parent / "shared" / "samples")

# code, name, short name: the divisions a department adopting the product already set up
DIVISIONS = [
    ("VP", "Văn phòng Sở", "Văn phòng"),
    ("TTRA", "Thanh tra Sở", "Thanh tra"),
    ("BCVT", "Phòng Bưu chính, Viễn thông – Công nghệ thông tin", "Phòng BCVT-CNTT"),
    ("TTCNTT", "Trung tâm Công nghệ thông tin và Truyền thông", "Trung tâm CNTT&TT"),
]


def sample_path() -> Path:
    """The sample report beside the repository (../shared/samples), or skip the test."""
    for folder in PLACES:
        if (folder / SAMPLE).exists():
            return folder / SAMPLE
    pytest.skip(f"the sample report {SAMPLE} is not in ../shared/samples (CI keeps it there)")


@cache
def _docx(text: str) -> bytes:
    return build_sample_docx(text)


def sample_file(kind: str) -> tuple[str, bytes]:
    """(file name, bytes) of the sample as "txt" or as the Word copy built from it ("docx")."""
    path = sample_path()
    if kind == "txt":
        return "bao-cao-9-thang-2020.txt", path.read_bytes()
    return "bao-cao-9-thang-2020.docx", _docx(path.read_text(encoding="utf-8"))


def sample_refs() -> list[dict]:
    """The expected references of the sample (refs.jsonl), in order."""
    path = sample_path().with_suffix(".refs.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def make_department() -> dict[str, Unit]:
    """A department with its divisions and a director, and no sections yet."""
    root = make_unit("STTTT", "Sở Thông tin và Truyền thông", kind="department")
    units = {"root": root}
    for code, name, short in DIVISIONS:
        unit = make_unit(code, name, root)
        unit.short_name = short
        units[code] = unit
    make_user("giamdoc", "director", root, full_name="Trần Minh Đức")
    make_user("truong.vp", "head", units["VP"])
    db.session.commit()
    return units
