"""Reading a report's words in the tracker's terms: titles, dates, units, periods, headings."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.legal_refs import find_refs
from tracker.domain.periods import parse_period
from tracker.imports.report_mapping import (
    UnitMatcher,
    as_written,
    completion_date,
    fold_chars,
    organisation_code,
    period_from_subject,
    same_heading,
    short_title,
)

NINE_MONTHS = parse_period("2020-9M")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Trình UBND tỉnh ban hành: Kế hoạch Ứng dụng CNTT năm 2020; Kế hoạch triển khai",
         "Trình UBND tỉnh ban hành: Kế hoạch Ứng dụng CNTT năm 2020"),
        ("Tập trung chỉ đạo công tác truyền thông. Xây dựng chuyên trang",
         "Tập trung chỉ đạo công tác truyền thông"),
        ("Về viễn thông (ước):\n+ Tổng số thuê bao", "Về viễn thông (ước)"),
        ("Cấp 12 Giấy chứng nhận trò chơi điện tử công cộng.",
         "Cấp 12 Giấy chứng nhận trò chơi điện tử công cộng"),
        # A semicolon inside brackets does not end the clause; "1.960" is no full stop.
        ("Cung cấp 1.960 dịch vụ (mức độ 3: 775; mức độ 4: 681) trên Cổng; tiếp nhận",
         "Cung cấp 1.960 dịch vụ (mức độ 3: 775; mức độ 4: 681) trên Cổng"),
        ("- ;...", "Nhiệm vụ"),
    ],
)  # fmt: skip
def test_short_title_is_the_first_clause(text, title):
    assert short_title(text) == title


def test_short_title_is_cut_at_a_word_within_the_limit():
    title = short_title("Triển khai " + "nhiệm vụ trọng tâm " * 40)
    assert len(title) <= 200 and title.endswith("…") and not title.endswith(" …")
    assert short_title("x" * 500, limit=50) == "x" * 49 + "…"


def test_completion_date_is_a_date_named_within_the_period_but_not_a_documents_date():
    text = (
        "Triển khai Chỉ thị 28/CT-BTTTT ngày 08/5/2020; tổ chức hội nghị ngày 15/3/2020 và "
        "ngày 20 tháng 6 năm 2020; thuê mạng đến hết ngày 31/12/2020."
    )
    assert completion_date(text, NINE_MONTHS, find_refs(text)) == date(2020, 6, 20)
    assert completion_date("Đã xong.", NINE_MONTHS) == date(2020, 9, 30)
    assert completion_date("Ngày 31/02/2020 không có.", NINE_MONTHS) == date(2020, 9, 30)
    only_ref = "Theo Công văn số 2654/UBND-THNV ngày 13/7/2020 của UBND tỉnh."
    assert completion_date(only_ref, NINE_MONTHS, find_refs(only_ref)) == date(2020, 9, 30)


@pytest.mark.parametrize(
    ("subject", "code"),
    [
        ("Công tác 9 tháng đầu năm và kế hoạch công tác 3 tháng cuối năm 2020", "2020-9M"),
        ("Kết quả công tác quý I và phương hướng quý II năm 2021", "2021-Q1"),
        ("Sơ kết 6 tháng đầu năm 2019", "2019-H1"),
        ("Kết quả 6 tháng cuối năm 2019", "2019-H2"),
        ("Tổng kết công tác năm 2018 và phương hướng năm 2019", "2018"),
        ("Tình hình tháng 3 năm 2022", "2022-03"),
        ("Quý 4/2023", "2023-Q4"),
    ],
)
def test_period_from_the_subject(subject, code):
    assert period_from_subject(subject).code == code


def test_period_from_the_subject_needs_a_year_and_a_period():
    assert period_from_subject("Tình hình tháng 3") is None
    assert period_from_subject("Tình hình tháng 3", fallback_year=2021).code == "2021-03"
    assert period_from_subject("Báo cáo kết quả công tác") is None


UNITS = [
    (1, "Văn phòng Sở", "Văn phòng"),
    (2, "Thanh tra Sở", "Thanh tra"),
    (3, "Trung tâm Công nghệ thông tin và Truyền thông", "Trung tâm CNTT&TT"),
    (4, "Phòng Bưu chính, Viễn thông – Công nghệ thông tin", None),
]


@pytest.mark.parametrize(
    ("text", "unit", "mention"),
    [
        ("Bổ nhiệm lại Phó Chánh Văn phòng Sở.", 1, "Văn phòng Sở"),
        ("Gửi Văn phòng UBND tỉnh, Văn phòng Chính phủ.", None, None),  # other bodies' offices
        ("Tổ chức thanh tra việc chấp hành pháp luật.", None, None),  # a verb, not the unit
        ("Kiến nghị Thanh tra Bộ xử lý.", None, None),
        ("Mua sắm của Trung tâm Công nghệ thông tin và Truyền thông trực thuộc Sở",
         3, "Trung tâm Công nghệ thông tin và Truyền thông"),
        ("Viên chức từ Trung tâm CNTT&TT về Phòng Bưu chính, Viễn thông – Công nghệ thông tin.",
         4, "Phòng Bưu chính, Viễn thông – Công nghệ thông tin"),  # the longest name wins
        ("Giao TRUNG TÂM CNTT&TT triển khai.", 3, "TRUNG TÂM CNTT&TT"),
        ("Công tác Văn phòng", 1, "Văn phòng"),
    ],
)  # fmt: skip
def test_the_unit_an_item_names(text, unit, mention):
    found = UnitMatcher(UNITS).find(text)
    assert (found.unit_id, found.text) == (unit, mention) if unit else found is None


def test_fold_chars_keeps_every_position():
    for text in ("Đường Ứng dụng CNTT&TT", "ﬁ ß İ", "Tiếng Việt có dấu"):
        assert len(fold_chars(text)) == len(text)
    assert fold_chars("Đã Ứng") == "da ung"


def test_the_organisation_as_written_and_its_code():
    closing = "Trên đây là kết quả, Sở Thông tin và Truyền thông Trà Vinh báo cáo."
    assert as_written("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", closing) == "Sở Thông tin và Truyền thông"
    assert as_written("SỞ NỘI VỤ", closing) == "Sở nội vụ"
    assert as_written("Sở Tài chính", closing) == "Sở Tài chính"
    assert organisation_code("Sở Thông tin và Truyền thông Trà Vinh") == "STTTT"
    assert organisation_code("Ban Quản lý dự án") == "BQLDA"


def test_same_heading():
    assert same_heading("CÔNG TÁC QUẢN LÝ", "Công tác quản lý nhà nước")
    assert same_heading("Lĩnh vực Bưu chính", "Lĩnh vực bưu chính")
    assert same_heading("Lĩnh vực An toàn thông tin", "Lĩnh vực an toàn, thông tin")
    assert not same_heading("Lĩnh vực hai", "Lĩnh vực bưu chính")
    assert not same_heading("Bưu chính", "Bưu chính viễn thông và công nghệ thông tin")
    assert not same_heading("", "Bưu chính")
