"""The report parser on the sample report, a Word copy of it, and files that are not reports."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st
from imports.report_docx import BULLET_LIST, DATA_TABLE, PLAN_LIST, add_list, build_sample_docx
from imports.report_docx import numbered as numbered_paragraph

from tracker.imports.report_model import NotAReportError, ParsedReport
from tracker.imports.report_parser import parse_report, parse_report_docx, parse_report_text

SAMPLE = "bao-cao-9-thang-2020.txt"
ROOT = Path(__file__).resolve().parents[2]

# (code, number as written, level, title, items counted by hand in the sample)
SECTIONS = [
    ("I", "I", 1, "CÔNG TÁC QUẢN LÝ NHÀ NƯỚC", 0),
    ("I.1", "1", 2,
     "Công tác tham mưu Tỉnh ủy, UBND tỉnh và ban hành văn bản chỉ đạo, điều hành", 6),
    ("I.2", "2", 2, "Lĩnh vực bưu chính", 7),
    ("I.3", "3", 2, "Lĩnh vực viễn thông", 9),
    ("I.4", "4", 2, "Lĩnh vực ứng dụng công nghệ thông tin", 10),
    ("I.5", "5", 2, "Lĩnh vực An toàn thông tin", 5),
    ("I.6", "6", 2, "Lĩnh vực thông tin, tuyên truyền", 0),
    ("I.6.1", "6.1", 3, "Cổng thông tin điện tử, trang tin điện tử thành phần", 2),
    ("I.6.2", "6.2", 3, "Xuất bản, in và phát hành", 2),
    ("I.6.3", "6.3", 3, "Thông tin cơ sở", 5),
    ("I.6.4", "6.4", 3, "Thông tin đối ngoại", 6),
    ("I.6.5", "6.5", 3,
     "Hoạt động Phòng Văn hóa – Thông tin; Trung tâm Văn hóa – Thông tin và Thể thao", 4),
    ("II", "II", 1, "CÔNG TÁC TỔNG HỢP", 0),
    ("II.1", "1", 2, "Hoạt động của Lãnh đạo Sở", 1),
    ("II.2", "2", 2, "Công tác tổ chức cán bộ, đào tạo, bồi dưỡng", 1),
    ("II.3", "3", 2, "Công tác Văn phòng", 5),
    ("II.4", "4", 2, "Công tác thanh tra", 7),
]  # fmt: skip

PLAN_STARTS = [
    "Tăng cường công tác tuyên truyền, phổ biến, góp phần nâng cao nhận thức",
    "Tiếp tục triển khai 02 dự án đầu tư công năm 2020:",
    "Trình UBND tỉnh ban hành: Quy chế quản lý, sử dụng phần mềm quản lý văn bản",
    "Hoàn thành dự án Ứng dụng công nghệ thông tin phục vụ công tác chỉ đạo",
    "Tổ chức tập huấn: an toàn thông tin cho Đội Ứng cứu khẩn cấp sự cố máy tính;",
    "Định hướng thông tin tuyên truyền tháng 9/2020;",
    "Tham gia đoàn đánh giá kết quả thực hiện 19 tiêu chí nông thôn mới",
    "Tạo điều kiện cho CCVC Sở nâng cao trình độ chuyên môn nghiệp vụ",
]

RECIPIENTS = [
    "Bộ TT&TT (b/c);",
    "Đại diện VP Bộ TT&TT;",
    "VP Tỉnh ủy, VP UBND tỉnh;",
    "Ban Tuyên giáo Tỉnh ủy;",
    "Cục PTTH & TTĐT;",
    "Sở Kế hoạch và Đầu tư;",
    "BGĐ Sở;",
    "Trang TTĐT Sở;",
    "Các Phòng, TT thuộc Sở (t/h theo Kế hoạch);",
    "Văn phòng Sở;",
    "ĐTT, P.VHTT, TT VT-TT&TT các huyện, thị xã, TP;",
    "Lưu: VT.",
]

HEADER = (
    "UBND TỈNH TRÀ VINH\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 245/BC-STTTT\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Trà Vinh, ngày 25 tháng 9 năm 2020\n"
)


@pytest.fixture(scope="module")
def sample_text() -> str:
    # The sample lives beside the repository (../shared/samples), or in samples/ once copied in.
    for path in (ROOT / "samples" / SAMPLE, ROOT.parent / "shared" / "samples" / SAMPLE):
        if path.exists():
            return path.read_text(encoding="utf-8")
    pytest.skip(f"the sample report {SAMPLE} is not available")


@pytest.fixture(scope="module")
def report(sample_text: str) -> ParsedReport:
    return parse_report_text(sample_text)


@pytest.fixture(scope="module")
def sample_docx(sample_text: str) -> bytes:
    return build_sample_docx(sample_text)


@pytest.fixture(scope="module")
def docx_report(sample_docx: bytes) -> ParsedReport:
    return parse_report("bao-cao-9-thang-2020.docx", sample_docx)


def section(report: ParsedReport, code: str):
    return next(s for s in report.walk() if s.code == code)


def all_text(report: ParsedReport) -> str:
    return "\n".join(item.full_text for s in report.walk() for item in s.items)


def shape(report: ParsedReport) -> list:
    return [
        (s.code, s.number, s.level, s.title, [i.full_text for i in s.items]) for s in report.walk()
    ]


# --- the sample as text ---------------------------------------------------------------------


def test_every_heading_in_order_with_its_items(report):
    found = [(s.code, s.number, s.level, s.title, len(s.items)) for s in report.walk()]
    assert found == SECTIONS
    assert report.item_count == 70
    assert [s.code for s in report.sections] == ["I", "II"]
    assert [c.code for c in section(report, "I.6").children] == [f"I.6.{n}" for n in range(1, 6)]


def test_sub_items_stay_with_their_item(report):
    telecom = section(report, "I.3").items[6]
    assert telecom.text == "Về viễn thông (ước):"
    assert telecom.subitems[0].startswith("Tổng số thuê bao điện thoại cố định")
    assert len(telecom.subitems) == 2
    inspection = section(report, "II.4").items
    assert inspection[2].text == "Kết quả thanh, kiểm tra:"  # "*. ..." is an item, not a heading
    assert inspection[5].text == "Kết quả xử lý:"
    assert len(inspection[5].subitems) == 7
    assert inspection[5].subitems[3] == "Số tiền xử lý tài sản vi phạm: Không có."  # "+Số"
    assert inspection[5].full_text.startswith(
        "Kết quả xử lý:\n+ Sở kiến nghị Thanh tra Bộ Thông tin và Truyền thông xử lý"
    )
    assert len(inspection[6].subitems) == 3


def test_unmarked_paragraphs(report):
    # Under an item, an unmarked paragraph continues it; as a section's first content, it is one.
    internet = section(report, "I.3").items[7]
    assert internet.text.startswith("Về Internet (đến quý II/2020):\nTổng số thuê bao internet")
    assert section(report, "I.4").items[3].text.count("\n") == 1
    assert section(report, "II.1").items[0].text.startswith("Tham dự Hội nghị tổng kết")
    assert section(report, "II.2").items[0].text.startswith("Hiện tại có 04 đ/c học lớp")


def test_sentences_broken_by_blank_lines_are_joined(report):
    text = all_text(report)
    for joined in (
        "Rà soát, xác nhận danh sách các điểm trường học, bệnh viện, UBND xã được hỗ trợ",
        "nâng tổng số 2.057 chứng thư số (474 chứng thư số tổ chức; 1.583 chứng thư số cá nhân",
        "đã triển khai đến 194 đơn vị (cấp tỉnh 16, cấp huyện 72, cấp xã 106)",
        "khoảng 27 phút/ngày. Nội dung chương trình tự sản xuất",
        "phục vụ nhiệm vụ thông tin đối ngoại đến năm 2020 định hướng đến năm 2030",
        "Hội nghị xúc tiến đầu tư tỉnh Trà Vinh; Hội nghị tổng kết cuộc thi",
        "sao lưu phục hồi dữ liệu tập trung của tỉnh",
    ):
        assert joined in text
    assert "Trung tâm phục vụ hành chính công (hoặc Bộ phận một cửa)" in report.plan_items[4]
    assert all(not line[0].islower() for line in text.splitlines())


def test_plan_for_the_next_period(report):
    assert report.plan_heading == "PHƯƠNG HƯỚNG, NHIỆM VỤ 3 THÁNG CUỐI NĂM 2020"
    assert report.plan_intro.startswith("Trong 3 tháng cuối năm 2020, Sở Thông tin và Truyền")
    assert len(report.plan_items) == 8
    for item, start in zip(report.plan_items, PLAN_STARTS, strict=True):
        assert item.startswith(start)
    assert "\n" not in "".join(report.plan_items)
    assert not any(s.code.startswith(("III", "IV")) for s in report.walk())


def test_assessment_and_other_texts(report):
    lines = report.assessment.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("- Được sự quan tâm lãnh, chỉ đạo kịp thời, sâu sát của Bộ")
    assert lines[1].startswith("- Việc ứng dụng CNTT đã góp phần đẩy mạnh công tác cải cách")
    assert lines[1].endswith("hướng tới chính quyền điện tử của tỉnh.")
    assert (report.difficulties, report.proposals, report.introduction) == ("", "", "")


def test_title_subject_closing_and_organisation(report):
    assert report.title == "BÁO CÁO"
    assert report.subject == "Công tác 9 tháng đầu năm và kế hoạch công tác 3 tháng cuối năm 2020"
    assert report.closing.startswith("Trên đây là kết quả công tác 9 tháng đầu năm")
    assert report.closing.endswith("Tỉnh ủy và UBND tỉnh nắm, chỉ đạo./.")
    assert report.organisation == "Sở Thông tin và Truyền thông Trà Vinh"
    assert (report.parent_body, report.number, report.issued_on, report.place) == (None,) * 4


def test_recipients_and_signer(report):
    assert report.recipients == RECIPIENTS
    assert report.signer_title == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    assert report.signer_name == "Nguyễn Văn Này"


def test_header_lines_fill_the_report_fields(sample_text, report):
    with_header = parse_report_text(HEADER + sample_text)
    assert with_header.parent_body == "UBND TỈNH TRÀ VINH"
    assert with_header.organisation == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert with_header.number == "245/BC-STTTT"
    assert with_header.issued_on == date(2020, 9, 25)
    assert with_header.place == "Trà Vinh"
    assert shape(with_header) == shape(report)


def test_bom_crlf_and_upper_case_extension(sample_text, report):
    data = ("\ufeff" + sample_text.replace("\n", "\r\n")).encode("utf-8")
    parsed = parse_report("BAO-CAO.TXT", data)
    assert shape(parsed) == shape(report)
    assert parsed.plan_items == report.plan_items


SHORT_REPORT = """SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số:    /BC-STTTT
Hà Nội, ngày 31/3/2021
BÁO CÁO
Kết quả công tác quý I
và phương hướng quý II năm 2021
Thực hiện Công văn số 12/UBND-KT, Sở báo cáo như sau:
I. KẾT QUẢ ĐẠT ĐƯỢC
1. Bưu chính
- Cấp 02 giấy phép.
2. Viễn thông
- Kiểm tra 03 doanh nghiệp
viễn thông.
CÔNG TÁC KHÁC
Tổ chức hội thi.
II. ĐÁNH GIÁ CHUNG
1. Kết quả
Hoàn thành kế hoạch.
2. Khó khăn, vướng mắc
- Thiếu nhân lực.
III. KẾ HOẠCH QUÝ II
- Triển khai LGSP.
- Tập huấn ATTT.
IV. KIẾN NGHỊ, ĐỀ XUẤT
Đề nghị Bộ hỗ trợ kinh phí.
GIÁM ĐỐC
(Đã ký)
Trần Văn B
Nơi nhận: - UBND tỉnh;
- Lưu: VT.
"""


def test_every_text_block_and_a_signer_before_the_recipients():
    parsed = parse_report_text(SHORT_REPORT)
    assert (parsed.organisation, parsed.parent_body) == ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", None)
    assert (parsed.number, parsed.place, parsed.issued_on) == (
        "/BC-STTTT",
        "Hà Nội",
        date(2021, 3, 31),
    )
    assert parsed.subject == "Kết quả công tác quý I và phương hướng quý II năm 2021"
    assert parsed.introduction == "Thực hiện Công văn số 12/UBND-KT, Sở báo cáo như sau:"
    assert [(s.code, s.title, [i.text for i in s.items]) for s in parsed.walk()] == [
        ("I", "KẾT QUẢ ĐẠT ĐƯỢC", []),
        ("I.1", "Bưu chính", ["Cấp 02 giấy phép."]),
        ("I.2", "Viễn thông", ["Kiểm tra 03 doanh nghiệp viễn thông."]),
        ("II", "CÔNG TÁC KHÁC", ["Tổ chức hội thi."]),  # an un-numbered upper-case title
    ]
    assert parsed.assessment == "1. Kết quả\nHoàn thành kế hoạch."
    assert parsed.difficulties == "- Thiếu nhân lực."
    assert parsed.plan_heading == "KẾ HOẠCH QUÝ II"
    assert parsed.plan_items == ["Triển khai LGSP.", "Tập huấn ATTT."]
    assert parsed.proposals == "Đề nghị Bộ hỗ trợ kinh phí."
    assert (parsed.signer_title, parsed.signer_name) == ("GIÁM ĐỐC", "Trần Văn B")
    assert parsed.recipients == ["UBND tỉnh;", "Lưu: VT."]
    assert parsed.closing == ""


def test_a_report_numbered_from_one_without_roman_headings():
    parsed = parse_report_text(
        "BÁO CÁO\nTình hình tháng 3\n1. Công tác chuyên môn\n- Việc A.\n1.1. Bưu chính\n"
        "- Việc B.\n2. Phương hướng tháng 4\n1. Việc C.\n2. Việc D.\n3. Kiến nghị\nKhông.\n"
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLê Thị C\n"
    )
    assert [(s.code, s.level, s.title) for s in parsed.walk()] == [
        ("1", 1, "Công tác chuyên môn"),
        ("1.1", 2, "Bưu chính"),
    ]
    assert parsed.plan_items == ["Việc C.", "Việc D."]
    assert parsed.proposals == "Không."
    assert (parsed.signer_title, parsed.signer_name) == ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Lê Thị C")


# --- the sample as Word ---------------------------------------------------------------------


def test_the_word_copy_really_uses_word_features(sample_docx):
    # Guard the builder: what the next test claims to survive must be in the document.
    body = Document(io.BytesIO(sample_docx)).element.body
    num_ids = [n.get(qn("w:val")) for n in body.iter(qn("w:numId"))]
    assert num_ids.count(PLAN_LIST) == 8
    assert num_ids.count(BULLET_LIST) == 5
    breaks = [br.get(qn("w:type")) for br in body.iter(qn("w:br"))]
    assert breaks.count("page") == 2 and None in breaks
    assert len(body.findall(qn("w:tbl"))) == 3
    texts = ["".join(t.text for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
    assert "" in texts
    assert not any(t.startswith(("1. Tăng cường", "- Phổ biến Công văn")) for t in texts)


def test_word_copy_gives_the_same_report(report, docx_report):
    expected = shape(report)
    telecom = next(row for row in expected if row[0] == "I.3")
    table_lines = "\n".join(" | ".join(row) for row in DATA_TABLE)
    telecom[4][8] += "\n" + table_lines  # the data table continues the item it follows
    assert shape(docx_report) == expected
    for name in ("subject", "plan_heading", "plan_intro", "plan_items", "assessment", "closing"):
        assert getattr(docx_report, name) == getattr(report, name), name
    assert docx_report.recipients == RECIPIENTS
    assert (docx_report.signer_title, docx_report.signer_name) == (
        report.signer_title,
        report.signer_name,
    )


def test_word_copy_header_table(docx_report):
    assert docx_report.parent_body == "UBND TỈNH TRÀ VINH"
    assert docx_report.organisation == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert docx_report.number == "245/BC-STTTT"
    assert docx_report.issued_on == date(2020, 9, 25)
    assert docx_report.place == "Trà Vinh"


def test_word_numbered_headings_and_style_lists():
    doc = Document()
    add_list(doc, "910", [("upperRoman", "%1."), ("decimal", "%2."), ("decimal", "%2.%3.")])
    add_list(doc, "911", [("bullet", "•"), ("bullet", "o")])
    doc.add_paragraph("BÁO CÁO")
    doc.add_paragraph("Công tác quý I năm 2021")
    for text, num_id, level in [
        ("CÔNG TÁC CHUYÊN MÔN", "910", 0),
        ("Lĩnh vực bưu chính", "910", 1),
        ("Cấp 02 giấy phép bưu chính.", "911", 0),
        ("Lĩnh vực viễn thông", "910", 1),
        ("Hạ tầng viễn thông", "910", 2),
        ("Thuê bao:", "911", 0),
        ("Cố định: 16.217.", "911", 1),
        ("CÔNG TÁC TỔNG HỢP", "910", 0),
        ("Công tác văn phòng", "910", 1),
        ("PHƯƠNG HƯỚNG QUÝ II NĂM 2021", "910", 0),
    ]:
        numbered_paragraph(doc.add_paragraph(text), num_id, level)
        if text == "Công tác văn phòng":
            doc.add_paragraph("Thực hiện các báo cáo định kỳ.")
    doc.add_paragraph("Triển khai nền tảng LGSP.", style="List Number")  # numbered by its style
    doc.add_paragraph("Tập huấn an toàn thông tin.", style="List Number")
    out = io.BytesIO()
    doc.save(out)

    parsed = parse_report_docx(out.getvalue())
    assert [(s.code, s.number, s.title) for s in parsed.walk()] == [
        ("I", "I", "CÔNG TÁC CHUYÊN MÔN"),
        ("I.1", "1", "Lĩnh vực bưu chính"),
        ("I.2", "2", "Lĩnh vực viễn thông"),
        ("I.2.1", "2.1", "Hạ tầng viễn thông"),
        ("II", "II", "CÔNG TÁC TỔNG HỢP"),
        ("II.1", "1", "Công tác văn phòng"),
    ]
    assert section(parsed, "I.1").items[0].text == "Cấp 02 giấy phép bưu chính."
    assert section(parsed, "I.2.1").items[0].full_text == "Thuê bao:\n+ Cố định: 16.217."
    assert section(parsed, "II.1").items[0].text == "Thực hiện các báo cáo định kỳ."
    assert parsed.plan_items == ["Triển khai nền tảng LGSP.", "Tập huấn an toàn thông tin."]


# --- not a report ---------------------------------------------------------------------------


def _small_docx(*paragraphs: str) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


LETTER = """SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 12/STTTT-VP
V/v mời họp giao ban
Kính gửi: Các phòng, đơn vị thuộc Sở.
Sở Thông tin và Truyền thông kính mời lãnh đạo các phòng dự họp giao ban.
Trân trọng./.
GIÁM ĐỐC
Nguyễn Văn A
"""


@pytest.mark.parametrize(
    ("filename", "data", "why"),
    [
        ("trong.txt", b"", "tệp trống"),
        ("trong.txt", b"\r\n \n\t\n", "tệp trống"),
        ("thu-moi.txt", LETTER.encode(), "không tìm thấy tiêu đề “BÁO CÁO”"),
        ("ghi-chu.docx", _small_docx("Việc cần làm", "- Mua máy tính", "- Họp"), "“BÁO CÁO”"),
        ("bao-cao.pdf", b"%PDF-1.4\n", "Chỉ nhận tệp .docx hoặc .txt"),
        ("bao-cao", b"BAO CAO", "Chỉ nhận tệp .docx hoặc .txt"),
        ("bao-cao.txt", "BÁO CÁO\nI. CÔNG TÁC".encode("utf-16"), "UTF-8"),
        ("bao-cao.txt", b"B\xc1O C\xc1O\nI. C\xd4NG T\xc1C\n- Vi\xeac", "UTF-8"),
        ("hong.docx", b"PK\x03\x04 not a zip", "không phải là tệp Word"),
        (
            "bao-cao.txt",
            "BÁO CÁO\nCông tác quý I\nI. CÔNG TÁC\n1. Bưu chính\n".encode(),
            "nội dung",
        ),
        ("bao-cao.txt", "BÁO CÁO\nCông tác quý I\nNội dung chưa viết.".encode(), "các mục I."),
    ],
)
def test_not_a_report_is_refused_with_a_reason(filename, data, why):
    with pytest.raises(NotAReportError) as refused:
        parse_report(filename, data)
    assert why in str(refused.value)
    assert isinstance(refused.value, ValueError)


FRAGMENTS = [
    "BÁO CÁO",
    "Công tác quý I",
    "I. CÔNG TÁC QUẢN LÝ NHÀ NƯỚC",
    "II. ĐÁNH GIÁ CHUNG",
    "III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II",
    "KHÓ KHĂN, VƯỚNG MẮC",
    "1. Lĩnh vực bưu chính",
    "6.1. Thông tin cơ sở",
    "2. Khó khăn",
    "- Đã cấp 12 giấy phép.",
    "+ chi tiết",
    "+Số tiền: 0 đồng.",
    "*. Kết quả:",
    "tiếp theo của câu",
    "Trên đây là kết quả, Sở X báo cáo đến Y./.",
    "Nơi nhận: - Như trên;",
    "Nơi nhận:",
    "- Lưu: VT.",
    "KT. GIÁM ĐỐC",
    "Nguyễn Văn A",
    "(Đã ký)",
    "Số: 12/BC-X",
    "Hà Nội, ngày 31 tháng 2 năm 2020",
    "X. ",
    "1.",
    "-",
    " | ",
]


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=25))
def test_any_text_is_parsed_or_refused_with_a_reason(parts):
    try:
        parsed = parse_report_text("\n".join(parts))
    except NotAReportError as refused:
        assert str(refused).startswith(("Tệp", "Chỉ"))
    else:
        assert parsed.item_count > 0
        assert len({s.code for s in parsed.walk()}) == len(list(parsed.walk()))
