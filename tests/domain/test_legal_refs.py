"""Legal references: the sample report, every written form, and text that holds none."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from tracker.domain.issuers import DEFAULT_ISSUERS, issuer_name
from tracker.domain.legal_refs import (
    DOCUMENT_TYPES,
    TYPE_CODES,
    LegalRef,
    find_refs,
    parse_ref,
    symbol_key,
)

# The shared samples sit next to the repository (CONTRACT.md: ../shared/samples).
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
SAMPLE_TEXT = SAMPLES / "bao-cao-9-thang-2020.txt"
SAMPLE_REFS = SAMPLES / "bao-cao-9-thang-2020.refs.jsonl"
needs_sample = pytest.mark.skipif(not SAMPLE_TEXT.exists(), reason=f"no sample at {SAMPLES}")


def _fields(ref: LegalRef) -> dict[str, object]:
    """The reference as JSON, without offsets (the expected file has none)."""
    data = ref.to_dict()
    del data["start"], data["end"]
    return data


def _one(text: str) -> LegalRef:
    refs = find_refs(text)
    assert len(refs) == 1, refs
    return refs[0]


# --- The sample report -------------------------------------------------------------------


@needs_sample
def test_sample_report_gives_exactly_the_expected_references_in_order():
    expected = [json.loads(line) for line in SAMPLE_REFS.read_text("utf-8").splitlines() if line]
    found = find_refs(SAMPLE_TEXT.read_text("utf-8"))
    assert len(found) == len(expected) == 42
    for position, (ref, want) in enumerate(zip(found, expected, strict=True)):
        assert _fields(ref) == want, f"reference #{position}"


@needs_sample
def test_sample_offsets_cover_each_reference_and_do_not_overlap():
    text = SAMPLE_TEXT.read_text("utf-8")
    refs = find_refs(text)
    for ref in refs:
        span = text[ref.start : ref.end]
        # Every piece of the symbol is in the span: "250/CATTT- VNCERT/CC" keeps its space.
        for piece in re.split(r"[-/]", ref.symbol):
            assert piece in span, (piece, span)
        assert re.sub(r"\s+", "", span).find(ref.symbol) >= 0
        assert span == span.strip()
        if ref.date:
            assert span.endswith(str(ref.date.year))
        else:
            assert span.endswith(ref.symbol.split("/")[-1].split("-")[-1])
    assert all(a.end <= b.start for a, b in zip(refs, refs[1:], strict=False))


@needs_sample
def test_sample_keeps_a_repeated_reference_twice():
    refs = find_refs(SAMPLE_TEXT.read_text("utf-8"))
    assert [r.symbol for r in refs].count("1552/BTTTT-CATTT") == 2


@needs_sample
def test_sample_spans_of_some_references():
    text = SAMPLE_TEXT.read_text("utf-8")
    spans = {r.symbol: text[r.start : r.end] for r in find_refs(text)}
    assert spans["59/QĐ-UBND"] == "Quyết định số 59/QĐ-UBND ngày 13/01/2014"
    assert spans["250/CATTT-VNCERT/CC"] == "Công văn số 250/CATTT- VNCERT/CC ngày 14/4/2020"
    assert spans["52-NQ/TW"] == "Nghị quyết số 52-NQ/TW, ngày 27/9/2019"
    assert spans["126-QĐ/TW"] == "Quy định số 126-QĐ/TW 28/02/2018"
    assert spans["100/2019/NĐ-CP"] == "Nghị định số 100/2019/NĐ-CP"
    assert spans["153/CATTT-NCSC"] == "công văn số 153/CATTT-NCSC"


# --- Every form, written by hand -----------------------------------------------------------

FORMS = [
    # (text, span, type, symbol, number, year, issuer_code, date)
    (
        "thay thế Quyết định số 59/QĐ-UBND ngày 13/01/2014 của Chủ tịch",
        "Quyết định số 59/QĐ-UBND ngày 13/01/2014",
        "Quyết định", "59/QĐ-UBND", "59", 2014, "UBND", date(2014, 1, 13),
    ),
    (
        "thực hiện Quyết định 135/QĐ-TTg ngày 20/01/2020 của Thủ tướng",
        "Quyết định 135/QĐ-TTg ngày 20/01/2020",
        "Quyết định", "135/QĐ-TTg", "135", 2020, "TTg", date(2020, 1, 20),
    ),
    (
        "QUYẾT ĐỊNH\nSố: 12/QĐ-STTTT",
        "QUYẾT ĐỊNH\nSố: 12/QĐ-STTTT",
        "Quyết định", "12/QĐ-STTTT", "12", None, "STTTT", None,
    ),
    (
        "Số:135/QĐ-TTg",
        "Số:135/QĐ-TTg",
        "Quyết định", "135/QĐ-TTg", "135", None, "TTg", None,
    ),
    (
        "và Nghị định số 100/2019/NĐ-CP của Chính phủ quy định",
        "Nghị định số 100/2019/NĐ-CP",
        "Nghị định", "100/2019/NĐ-CP", "100", 2019, "CP", None,
    ),
    (
        "theo Thông tư 14/2018/TT-BTTTT ngày 15/01/2019 của Bộ",
        "Thông tư 14/2018/TT-BTTTT ngày 15/01/2019",
        "Thông tư", "14/2018/TT-BTTTT", "14", 2018, "BTTTT", date(2019, 1, 15),
    ),
    (
        "Thông tư liên tịch số 01/2020/TTLT-BTTTT-BNV hướng dẫn",
        "Thông tư liên tịch số 01/2020/TTLT-BTTTT-BNV",
        "Thông tư liên tịch", "01/2020/TTLT-BTTTT-BNV", "01", 2020, "BTTTT", None,
    ),
    (
        "theo Luật số 86/2015/QH13 về an toàn thông tin mạng",
        "Luật số 86/2015/QH13",
        "Luật", "86/2015/QH13", "86", 2015, "QH", None,
    ),
    (
        "căn cứ 86/2015/QH13; căn cứ",
        "86/2015/QH13",
        "Luật", "86/2015/QH13", "86", 2015, "QH", None,
    ),
    (
        "cuộc thi theo Công văn 4366/BTTTT-HTQT; Có văn bản",
        "Công văn 4366/BTTTT-HTQT",
        "Công văn", "4366/BTTTT-HTQT", "4366", None, "BTTTT", None,
    ),
    (
        "theo 4366/BTTTT-HTQT của Bộ",
        "4366/BTTTT-HTQT",
        "Công văn", "4366/BTTTT-HTQT", "4366", None, "BTTTT", None,
    ),
    (
        "theo Công văn số 305/CATTT ngày 29/04/2020 của Cục",
        "Công văn số 305/CATTT ngày 29/04/2020",
        "Công văn", "305/CATTT", "305", 2020, "CATTT", date(2020, 4, 29),
    ),
    (
        "Công văn số 250/CATTT- VNCERT/CC ngày 14/4/2020 của Cục",
        "Công văn số 250/CATTT- VNCERT/CC ngày 14/4/2020",
        "Công văn", "250/CATTT-VNCERT/CC", "250", 2020, "CATTT", date(2020, 4, 14),
    ),
    (
        "theo công văn số 153/CATTT-NCSC của Cục",
        "công văn số 153/CATTT-NCSC",
        "Công văn", "153/CATTT-NCSC", "153", None, "CATTT", None,
    ),
    (
        "Văn bản số 1234/TTg-KTTH của Thủ tướng",
        "Văn bản số 1234/TTg-KTTH",
        "Công văn", "1234/TTg-KTTH", "1234", None, "TTg", None,
    ),
    (
        "Văn bản số 12/QĐ-UBND",
        "Văn bản số 12/QĐ-UBND",
        "Quyết định", "12/QĐ-UBND", "12", None, "UBND", None,
    ),
    (
        "Quán triệt Nghị quyết số 52-NQ/TW, ngày 27/9/2019 của Bộ Chính trị",
        "Nghị quyết số 52-NQ/TW, ngày 27/9/2019",
        "Nghị quyết", "52-NQ/TW", "52", 2019, "TW", date(2019, 9, 27),
    ),
    (
        "Hội nghị quán triệt Quy định số 126-QĐ/TW 28/02/2018; Lễ khai trương",
        "Quy định số 126-QĐ/TW 28/02/2018",
        "Quy định", "126-QĐ/TW", "126", 2018, "TW", date(2018, 2, 28),
    ),
    (
        "thực hiện 126-QĐ/TW của Bộ Chính trị",
        "126-QĐ/TW",
        "Quyết định", "126-QĐ/TW", "126", None, "TW", None,
    ),
    (
        "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị",
        "Chỉ thị số 05-CT/TW ngày 15/5/2016",
        "Chỉ thị", "05-CT/TW", "05", 2016, "TW", date(2016, 5, 15),
    ),
    (
        "Kết luận số 15-KL/TW",
        "Kết luận số 15-KL/TW",
        "Kết luận", "15-KL/TW", "15", None, "TW", None,
    ),
    (
        "theo 09-HD/BTGTW của Ban Tuyên giáo",
        "09-HD/BTGTW",
        "Hướng dẫn", "09-HD/BTGTW", "09", None, "BTGTW", None,
    ),
    (
        "Công văn số 123-CV/TU của Tỉnh ủy",
        "Công văn số 123-CV/TU",
        "Công văn", "123-CV/TU", "123", None, "TU", None,
    ),
    (
        "Nghị định số 43/2011/NĐ-CP ngày 06 tháng 4 năm 2011 của Chính phủ",
        "Nghị định số 43/2011/NĐ-CP ngày 06 tháng 4 năm 2011",
        "Nghị định", "43/2011/NĐ-CP", "43", 2011, "CP", date(2011, 4, 6),
    ),
    (
        "Kế hoạch số 26/KH-UBND, ngày 28/5/2020 của UBND tỉnh",
        "Kế hoạch số 26/KH-UBND, ngày 28/5/2020",
        "Kế hoạch", "26/KH-UBND", "26", 2020, "UBND", date(2020, 5, 28),
    ),
    (
        "Quyết định số 36a/QĐ-UBND ngày 13-01-2014",
        "Quyết định số 36a/QĐ-UBND ngày 13-01-2014",
        "Quyết định", "36a/QĐ-UBND", "36a", 2014, "UBND", date(2014, 1, 13),
    ),
    (
        "Quyết định\nsố 135/QĐ-\nTTg ngày\n20/01/2020",
        "Quyết định\nsố 135/QĐ-\nTTg ngày\n20/01/2020",
        "Quyết định", "135/QĐ-TTg", "135", 2020, "TTg", date(2020, 1, 20),
    ),
    (
        "Công văn số 1234/BLĐTBXH-VP",
        "Công văn số 1234/BLĐTBXH-VP",
        "Công văn", "1234/BLĐTBXH-VP", "1234", None, "BLĐTBXH", None,
    ),
    (
        "Tờ trình số 45/TTr-STT&TT",
        "Tờ trình số 45/TTr-STT&TT",
        "Tờ trình", "45/TTr-STT&TT", "45", None, "STT&TT", None,
    ),
    (
        "theo 45/TTR-STTTT",
        "45/TTR-STTTT",
        "Tờ trình", "45/TTR-STTTT", "45", None, "STTTT", None,
    ),
    (
        "Chương trình 05/CTr-UBND",
        "Chương trình 05/CTr-UBND",
        "Chương trình", "05/CTr-UBND", "05", None, "UBND", None,
    ),
    (
        "ban hành 07/QyĐ-BCĐ",
        "07/QyĐ-BCĐ",
        "Quy định", "07/QyĐ-BCĐ", "07", None, "BCĐ", None,
    ),
    (
        "Thông báo kết luận số 12/TB-VPCP",
        "Thông báo kết luận số 12/TB-VPCP",
        "Thông báo", "12/TB-VPCP", "12", None, "VPCP", None,
    ),
    (
        "Công điện số 1658/CĐ-TTg ngày 09/12/2019",
        "Công điện số 1658/CĐ-TTg ngày 09/12/2019",
        "Công điện", "1658/CĐ-TTg", "1658", 2019, "TTg", date(2019, 12, 9),
    ),
    # A date that is not a date: the reference stands, without it.
    (
        "Quyết định số 12/QĐ-UBND ngày 31/02/2020",
        "Quyết định số 12/QĐ-UBND",
        "Quyết định", "12/QĐ-UBND", "12", None, "UBND", None,
    ),
    # A date belongs to a reference only when it follows it at once.
    (
        "Quyết định số 12/QĐ-UBND của UBND tỉnh ngày 01/02/2020",
        "Quyết định số 12/QĐ-UBND",
        "Quyết định", "12/QĐ-UBND", "12", None, "UBND", None,
    ),
    (
        "Quyết định số 12/QĐ-UBND, 01/02/2020",
        "Quyết định số 12/QĐ-UBND",
        "Quyết định", "12/QĐ-UBND", "12", None, "UBND", None,
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "span", "type_", "symbol", "number", "year", "issuer", "issued"), FORMS
)
def test_each_written_form(text, span, type_, symbol, number, year, issuer, issued):
    ref = _one(text)
    assert (ref.type, ref.symbol, ref.number, ref.year, ref.issuer_code, ref.date) == (
        type_,
        symbol,
        number,
        year,
        issuer,
        issued,
    )
    assert text[ref.start : ref.end] == span


def test_several_references_in_one_sentence():
    text = "các Quyết định số 12/QĐ-UBND, số 13/QĐ-UBND và 14/QĐ-UBND ngày 02/3/2020."
    refs = find_refs(text)
    assert [r.symbol for r in refs] == ["12/QĐ-UBND", "13/QĐ-UBND", "14/QĐ-UBND"]
    assert [text[r.start : r.end] for r in refs] == [
        "Quyết định số 12/QĐ-UBND",
        "số 13/QĐ-UBND",
        "14/QĐ-UBND ngày 02/3/2020",
    ]
    assert [r.date for r in refs] == [None, None, date(2020, 3, 2)]


NOT_REFERENCES = [
    "ngày 13/01/2014",
    "hết ngày 31/12/2020",
    "85/85 xã có điểm phục vụ bưu chính",
    "khoảng 27 phút/ngày",
    "mật độ 1,61 thuê bao/100 dân",
    "Về Internet (đến quý II/2020):",
    "Định hướng thông tin tuyên truyền tháng 9/2020;",
    "giai đoạn 2021-2025",
    "giai đoạn 2020 - 2025",
    "phòng, chống dịch COVID-19",
    "dịch cúm A(H5N1) trên gia cầm",
    "Hệ thống quản lý văn bản và điều hành (VNPT-iOffice)",
    "(VNPT - iGate)",
    "khung kiến trúc CQĐT 2.0",
    "tỷ lệ 74,18%; mức độ 3: 775",
    "ước 1.009.186 người",
    "Số tiền xử phạt: 41.250.000 đồng",
    "số 12/3 đường Nguyễn Đáng, phường 6",
    "số 45/12A Nguyễn Thị Minh Khai",
    "Điện thoại: 0294.3855.123, (0294) 3 855 123, 0913-123-456",
    "Bộ TT&TT (b/c); 04 đ/c học lớp",
    "Ngày toàn dân phòng, chống ma túy 26/6",
    "Nghị định, Quyết định của Thủ tướng Chính phủ",
    "Luật phòng, chống tác hại của rượu bia",
    "Kế hoạch Ứng dụng CNTT năm 2020",
    "1/ UBND tỉnh chỉ đạo; 2/ CNTT",
    "tiêu chuẩn QCVN 9:2016/BTTTT",
    "mạng 4G/LTE và 3G/4G",
    "Quyết định 135/qđ-ttg",  # in running text a code needs capitals
    "",
]


@pytest.mark.parametrize("text", NOT_REFERENCES)
def test_text_without_references(text):
    assert find_refs(text) == []


# --- Typed references ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "type_", "symbol", "year", "issuer"),
    [
        ("Quyết định 135/QĐ-TTg ngày 20/01/2020", "Quyết định", "135/QĐ-TTg", 2020, "TTg"),
        ("135/qđ-ttg", "Quyết định", "135/QĐ-TTg", None, "TTg"),
        ("  135 /qđ-ttg", None, None, None, None),  # the number is followed by its slash
        ("Công văn số 4366/BTTTT-HTQT", "Công văn", "4366/BTTTT-HTQT", None, "BTTTT"),
        ("công văn số 4366/btttt-htqt", "Công văn", "4366/BTTTT-HTQT", None, "BTTTT"),
        ("nghị định 100/2019/nđ-cp", "Nghị định", "100/2019/NĐ-CP", 2019, "CP"),
        ("52-nq/tw", "Nghị quyết", "52-NQ/TW", None, "TW"),
        ("quy định 126-qđ/tw", "Quy định", "126-QĐ/TW", None, "TW"),
        ("04/ttr-ubnd", "Tờ trình", "04/TTr-UBND", None, "UBND"),
        ("07/qyđ-bcđ", "Quy định", "07/QyĐ-BCĐ", None, "BCĐ"),
        ("05/ctr-ubnd", "Chương trình", "05/CTr-UBND", None, "UBND"),
        ("12/tth-ubnd", "Bản thỏa thuận", "12/TTh-UBND", None, "UBND"),
        ("86/2015/qh13", "Luật", "86/2015/QH13", 2015, "QH"),
        ("12/abc-xyz", "Công văn", "12/ABC-XYZ", None, "ABC"),
        ("Số: 1552/BTTTT-CATTT của Bộ", "Công văn", "1552/BTTTT-CATTT", None, "BTTTT"),
    ],
)
def test_parse_ref_canonicalises_codes(typed, type_, symbol, year, issuer):
    ref = parse_ref(typed)
    if type_ is None:
        assert ref is None
        return
    assert ref is not None
    assert (ref.type, ref.symbol, ref.year, ref.issuer_code) == (type_, symbol, year, issuer)


def test_parse_ref_keeps_the_number_and_offsets_as_written():
    ref = parse_ref("  quyết định số 36A/qđ-ubnd ngày 6 tháng 4 năm 2011")
    assert ref is not None
    assert (ref.number, ref.symbol, ref.date) == ("36A", "36A/QĐ-UBND", date(2011, 4, 6))
    assert (ref.start, ref.end) == (2, 51)


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "hello", "13/01/2014", "85/85", "3/tháng", "tháng 9/2020", "quý II/2020",
     "Quyết định của Thủ tướng", "theo Quyết định 135/QĐ-TTg", "135"],
)  # fmt: skip
def test_parse_ref_rejects_what_is_not_a_reference(typed):
    assert parse_ref(typed) is None


# --- Keys, JSON, tables --------------------------------------------------------------------


def test_symbol_key_folds_case_spaces_and_d():
    assert symbol_key("135/qd-ttg") == symbol_key("135/QĐ-TTg") == symbol_key("135/QĐ- TTg")
    assert symbol_key("135/QĐ-TTg") == "135/qd-ttg"
    assert symbol_key("135/QĐ-TTg") != symbol_key("136/QĐ-TTg")


def test_key_tells_documents_apart_by_symbol_and_year():
    first = _one("Quyết định 135/QĐ-TTg ngày 20/01/2020")
    typed = parse_ref("135/qđ-ttg ngày 20/01/2020")
    other_year = _one("Quyết định 135/QĐ-TTg ngày 20/01/2019")
    assert typed is not None
    assert first.key == typed.key == ("135/qd-ttg", 2020)
    assert first.key != other_year.key


def test_to_dict_is_the_contract_json():
    ref = _one("Quyết định 135/QĐ-TTg ngày 20/01/2020")
    data = ref.to_dict()
    assert list(data) == [
        "type", "symbol", "number", "year", "issuer_code", "date", "start", "end",
    ]  # fmt: skip
    assert data == {
        "type": "Quyết định",
        "symbol": "135/QĐ-TTg",
        "number": "135",
        "year": 2020,
        "issuer_code": "TTg",
        "date": "2020-01-20",
        "start": 0,
        "end": 37,
    }
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert _one("Công văn 4366/BTTTT-HTQT").to_dict()["date"] is None


def test_type_tables_follow_decree_30():
    assert set(TYPE_CODES.values()) <= set(DOCUMENT_TYPES)
    assert len(DOCUMENT_TYPES) == len(set(DOCUMENT_TYPES))
    assert TYPE_CODES["TTh"] == "Bản thỏa thuận"
    assert TYPE_CODES["QyĐ"] == "Quy định"
    assert TYPE_CODES["CTr"] == "Chương trình"
    assert TYPE_CODES["TTr"] == "Tờ trình"
    assert {"Luật", "Pháp lệnh", "Công văn", "Thông tư liên tịch"} <= set(DOCUMENT_TYPES)
    # Codes must stay distinct when typed in lower case.
    assert len({code.casefold() for code in TYPE_CODES}) == len(TYPE_CODES)


def test_issuer_names_with_overrides():
    assert issuer_name("TTg") == "Thủ tướng Chính phủ"
    assert issuer_name("BTTTT") == "Bộ Thông tin và Truyền thông"
    assert issuer_name("ubnd") == "Ủy ban nhân dân tỉnh"
    assert issuer_name("XYZ") is None
    assert issuer_name(None) is None
    overrides = {"UBND": "Ủy ban nhân dân tỉnh Trà Vinh", "XYZ": "Ban XYZ"}
    assert issuer_name("UBND", overrides) == "Ủy ban nhân dân tỉnh Trà Vinh"
    assert issuer_name("xyz", overrides) == "Ban XYZ"
    assert issuer_name("TTg", overrides) == "Thủ tướng Chính phủ"


def test_every_issuer_in_the_sample_has_a_name():
    for code in ["TTg", "CP", "BTTTT", "UBND", "TW", "VPCP", "CATTT", "VP"]:
        assert issuer_name(code), code
    assert len(DEFAULT_ISSUERS) >= 40
    # Codes typed in lower case must find one name only.
    assert len({code.casefold() for code in DEFAULT_ISSUERS}) == len(DEFAULT_ISSUERS)
