"""A hand-made report for export tests: built through the real roll-up, no database."""

from __future__ import annotations

from datetime import date, datetime

from tracker.domain.periods import parse_period
from tracker.domain.report import (
    Organisation,
    Report,
    ReportTexts,
    SectionNode,
    TaskFact,
    build_report,
)

SECTIONS = [
    SectionNode(1, "I", "CÔNG TÁC QUẢN LÝ NHÀ NƯỚC", None, 1),
    SectionNode(2, "I.1", "Công tác tham mưu Tỉnh ủy, UBND tỉnh", 1, 1),
    SectionNode(3, "I.2", "Lĩnh vực bưu chính", 1, 2),
    SectionNode(4, "I.6", "Lĩnh vực thông tin, tuyên truyền", 1, 6),
    SectionNode(5, "I.6.1", "Cổng thông tin điện tử, trang tin điện tử thành phần", 4, 1),
    SectionNode(6, "I.6.2", "Xuất bản, in và phát hành", 4, 2),
    SectionNode(7, "II", "CÔNG TÁC TỔNG HỢP", None, 2),
    SectionNode(8, "II.1", "Công tác thanh tra", 7, 1),
]

UNITS = ["Văn phòng Sở", "Phòng Bưu chính, Viễn thông – CNTT", "Thanh tra Sở"]


def fact(id_, section_id, unit, status, due, done=None, title=None, result=None, planned=None):
    """A task fact with readable defaults."""
    return TaskFact(
        id=id_,
        title=title or f"Nhiệm vụ số {id_}",
        result=result,
        section_id=section_id,
        unit_id=UNITS.index(unit) + 1,
        unit_name=unit,
        status=status,
        due_date=due,
        completed_on=done,
        planned_period=planned,
        section_order=(section_id,),
    )


def sample_report() -> Report:
    """The 9-month report of 2020 with achievements, carry-over, plan and statistics."""
    vp, bc, tt = UNITS
    period_tasks = [
        fact(
            1,
            2,
            vp,
            "done",
            date(2020, 3, 31),
            date(2020, 3, 20),
            title="Trình kế hoạch triển khai Quyết định 135/QĐ-TTg",
            result="Đã trình UBND tỉnh kế hoạch triển khai Quyết định 135/QĐ-TTg ngày "
            "20/01/2020 của Thủ tướng Chính phủ.",
        ),
        fact(
            2,
            3,
            bc,
            "done",
            date(2020, 5, 31),
            date(2020, 6, 10),
            title="Triển khai Chỉ thị 28/CT-BTTTT",
            result="Triển khai đến các doanh nghiệp bưu chính Chỉ thị 28/CT-BTTTT ngày "
            "08/5/2020 của Bộ Thông tin và Truyền thông.",
        ),
        fact(
            3,
            5,
            vp,
            "submitted",
            date(2020, 9, 30),
            date(2020, 9, 15),
            title="Cập nhật Cổng thông tin điện tử tỉnh",
            result="=Đăng 508 tin, bài tiếng Việt; 26 tin, bài tiếng Anh.",
        ),
        fact(
            4,
            6,
            tt,
            "done",
            None,
            date(2020, 8, 1),
            title="Cấp giấy phép xuất bản tài liệu không kinh doanh",
            result="+Cấp 158 Giấy phép xuất bản tài liệu không kinh doanh.",
        ),
        fact(
            5,
            8,
            tt,
            "done",
            date(2020, 9, 1),
            date(2020, 7, 1),
            title="Thanh tra hành chính Trung tâm CNTT&TT",
            result="@Tổ chức thanh tra hành chính 01 cuộc; kết quả: chấn chỉnh, rút kinh nghiệm.",
        ),
        fact(6, 3, bc, "in_progress", date(2020, 8, 15), title="Rà soát điểm phục vụ bưu chính"),
        fact(7, 2, vp, "not_started", date(2020, 9, 25), title="-Xây dựng khung kiến trúc 2.0"),
        fact(8, 2, vp, "cancelled", date(2020, 6, 1), title="Nhiệm vụ đã hủy"),
        fact(9, 3, bc, "in_progress", date(2020, 12, 15), title="Theo dõi cột ăng ten BTS"),
    ]
    planned = [
        fact(
            10,
            2,
            vp,
            "not_started",
            date(2020, 12, 31),
            planned="2020-Q4",
            title="Trình UBND tỉnh Quy chế quản lý văn bản và điều hành",
        )._replace(support_units=(tt,), product="Quyết định ban hành Quy chế"),
        fact(
            11,
            5,
            bc,
            "not_started",
            date(2020, 11, 30),
            planned="2020-Q4",
            title="Hoàn thành kết nối Cổng dịch vụ công với PostID",
        ),
        fact(
            12,
            8,
            tt,
            "not_started",
            None,
            planned="2020-Q4",
            title="Tập huấn an toàn thông tin cho Đội ứng cứu sự cố",
        ),
    ]
    previous = [
        fact(20, 2, vp, "done", date(2019, 6, 30), date(2019, 6, 1)),
        fact(21, 3, bc, "done", date(2019, 6, 30), date(2019, 7, 5)),
        fact(22, 8, tt, "in_progress", date(2019, 8, 30)),
    ]
    texts = ReportTexts(
        introduction="Thực hiện chế độ báo cáo định kỳ, Sở báo cáo kết quả như sau:",
        assessment="Được sự quan tâm lãnh, chỉ đạo kịp thời của Bộ Thông tin và Truyền thông.",
        difficulties="Nguồn kinh phí còn hạn chế.",
        proposals="Đề nghị UBND tỉnh bố trí kinh phí.",
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="Nguyễn Văn Này",
        recipients="Bộ TT&TT (b/c);\nVP Tỉnh ủy, VP UBND tỉnh;\nLưu: VT.",
        number="245/BC-STTTT",
    )
    return build_report(
        parse_period("2020-9M"),
        SECTIONS,
        period_tasks,
        planned,
        previous,
        texts=texts,
        organisation=Organisation(
            parent_body="UBND TỈNH TRÀ VINH",
            name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
            code="STTTT",
            place="Trà Vinh",
        ),
        generated_at=datetime(2020, 10, 2, 8, 30),
        unit_order=UNITS,
    )
