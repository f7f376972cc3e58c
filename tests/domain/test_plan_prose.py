"""How the plan (section IV) writes an item: its words, who, what it delivers, by when."""

from datetime import date

from report_samples import sample_report

from tracker.domain.report import PlanItem
from tracker.domain.report.header import Organisation
from tracker.domain.report.plan_prose import plan_details, plan_intro, plan_line, plan_text

DEPARTMENT = "Sở Thông tin và Truyền thông"


def item(**kw) -> PlanItem:
    base = {"no": 3, "task_id": 9, "title": "Tổ chức tập huấn", "lead_unit": "Phòng A",
            "due_date": None, "carried_over": False}  # fmt: skip
    return PlanItem(**(base | kw))


def test_the_departments_own_item_names_no_unit():
    own = item(lead_unit="Sở Thông tin  và Truyền thông")  # spacing and case do not matter
    assert plan_line(own, DEPARTMENT) == "3. Tổ chức tập huấn"
    assert plan_line(item(), DEPARTMENT) == "3. Tổ chức tập huấn (Phòng A)."


def test_support_product_and_deadline_follow_in_order():
    full = item(
        support_units=("Phòng B", "Phòng A", "Trung tâm C"),
        product="03  lớp tập huấn",
        due_date=date(2026, 12, 15),
    )
    assert plan_details(full, DEPARTMENT) == [
        "Phòng A chủ trì, Phòng B, Trung tâm C phối hợp",
        "sản phẩm: 03 lớp tập huấn",
        "hạn: 15/12/2026",
    ]
    own = full._replace(lead_unit=DEPARTMENT)
    assert plan_details(own, DEPARTMENT)[0] == "Phòng B, Phòng A, Trung tâm C phối hợp"


def test_the_whole_wording_is_written_when_kept():
    kept = item(wording="Tổ chức tập huấn: an toàn thông tin;\n các lớp chứng thư số.")
    assert plan_text(kept) == "Tổ chức tập huấn: an toàn thông tin; các lớp chứng thư số."
    assert plan_line(kept, "Phòng A") == (
        "3. Tổ chức tập huấn: an toàn thông tin; các lớp chứng thư số."
    )
    assert plan_line(kept) == "3. Tổ chức tập huấn: an toàn thông tin; các lớp chứng thư số " \
        "(Phòng A)."  # fmt: skip


def test_the_intro_is_the_directors_else_drafted_from_the_plan():
    report = sample_report()
    assert plan_intro(report).endswith("(3 nhiệm vụ mới, 2 nhiệm vụ chuyển tiếp từ kỳ trước):")
    report.plan = [p for p in report.plan if not p.carried_over]
    assert plan_intro(report).endswith("tập trung thực hiện các nhiệm vụ trọng tâm sau:")
    report.texts = report.texts.__class__(plan_intro="  Quý tới,   Sở tập trung:  ")
    assert plan_intro(report) == "Quý tới, Sở tập trung:"


def test_a_name_keeps_the_case_it_was_written_in():
    header = Organisation(name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG TRÀ VINH")
    assert header.prose_name == "Sở Thông tin và Truyền thông trà vinh"  # capitals lose it
    written = Organisation(name=header.name, written_name="Sở Thông tin và Truyền thông Trà Vinh")
    assert written.prose_name == "Sở Thông tin và Truyền thông Trà Vinh"
    assert Organisation(name="SỞ KẾ HOẠCH VÀ ĐẦU TƯ").prose_name == "Sở Kế hoạch và Đầu tư"


def test_every_detail_is_written_in_its_brackets_apart_by_semicolons():
    full = item(support_units=("Phòng B",), product="Quy chế", due_date=date(2026, 12, 15))
    assert plan_line(full, DEPARTMENT) == (
        "3. Tổ chức tập huấn (Phòng A chủ trì, Phòng B phối hợp; sản phẩm: Quy chế; "
        "hạn: 15/12/2026)."
    )
    assert plan_line(item(lead_unit=""), DEPARTMENT) == "3. Tổ chức tập huấn"


def test_the_drafted_intro_counts_new_and_carried_items():
    report = sample_report()
    assert plan_intro(report) == (
        "Trong quý IV năm 2020, Sở Thông tin và Truyền thông tập trung thực hiện các nhiệm vụ "
        "trọng tâm sau (3 nhiệm vụ mới, 2 nhiệm vụ chuyển tiếp từ kỳ trước):"
    )
