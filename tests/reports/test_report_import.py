"""Importing last period's report: the service and `flask tracker import-report`."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_section
from report_import_support import make_department, sample_file, sample_refs
from sqlalchemy import func, select

from tracker.common.access import principal_for
from tracker.common.exceptions import ValidationFailed
from tracker.domain.periods import parse_period
from tracker.domain.timeliness import Status
from tracker.imports.report_mapping import short_title
from tracker.models import (
    Document,
    ReportText,
    Section,
    Setting,
    Task,
    TaskUpdate,
    Unit,
    User,
    task_document,
)
from tracker.reports.build import build_period_report
from tracker.reports.importing.read import plan_import_of_report, read_report
from tracker.reports.importing.write import Selections, apply_report_import

PERIOD = parse_period("2020-9M")
TABLES = (Unit, Section, Task, TaskUpdate, Document, ReportText, Setting, task_document)


def count(db, table) -> int:
    return db.session.scalar(select(func.count()).select_from(table))


def counts(db) -> dict:
    return {getattr(t, "__name__", getattr(t, "name", "")): count(db, t) for t in TABLES}


def run_import(db, kind="txt", period=PERIOD, selections=None, user=None):
    name, data = sample_file(kind)
    parsed = read_report(name, data)
    plan = plan_import_of_report(parsed, period, name)
    summary = apply_report_import(user, plan, selections or Selections(), principal=None)
    db.session.commit()
    return parsed, plan, summary


def director(db) -> User:
    return db.session.scalar(select(User).where(User.username == "giamdoc"))


@pytest.fixture
def department(db):
    return make_department()


@pytest.fixture
def cli(app, db, tmp_path):
    runner = app.test_cli_runner()

    def invoke(*args, data: tuple[str, bytes] | None = None):
        if data is not None:
            path = tmp_path / data[0]
            path.write_bytes(data[1])
            args = (str(path), *args)
        return runner.invoke(args=["tracker", "import-report", *args], catch_exceptions=False)

    return invoke


# -- what the import creates ---------------------------------------------------------------


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_the_report_generated_back_lists_the_same_items_in_the_same_sections(db, department, kind):
    parsed, _, summary = run_import(db, kind, user=director(db))
    report = build_period_report(principal_for(director(db)), PERIOD)

    got = [(s.code, s.title, [a.result for a in s.achievements]) for _, s in report.walk_sections()]
    expected = [(s.code, s.title, [i.full_text for i in s.items]) for s in parsed.walk()]
    assert got == expected  # every heading in order, every item in its section
    assert [code for code, *_ in got][:3] == ["I", "I.1", "I.2"] and got[-1][0] == "II.4"
    assert report.achievement_count == parsed.item_count == summary.achievements == 70
    assert summary.sections_created == 17 and summary.sections_matched == 0


def test_every_bullet_of_section_one_is_a_done_task_of_the_period(db, department):
    parsed, _, _ = run_import(db, user=director(db))
    bullets = {
        (s.code, i.full_text) for s in parsed.walk() if s.code.split(".")[0] == "I" for i in s.items
    }
    assert len(bullets) == 56
    tasks = db.session.scalars(select(Task).where(Task.status == Status.DONE)).all()
    stored = {(t.section.code, t.result) for t in tasks}
    assert bullets <= stored
    for task in tasks:
        assert PERIOD.contains_date(task.completed_on)
        assert task.planned_period == "2020-9M" and task.progress == 100
        assert 0 < len(task.title) <= 200 and task.title == short_title(task.result)
    sub_items = next(t for t in tasks if t.title == "Về viễn thông (ước)")
    assert sub_items.result.count("\n+ ") == 2  # the "+" sub-items stay with their item
    assert sub_items.section.code == "I.3" and sub_items.section.parent.code == "I"


def test_section_four_becomes_the_next_periods_plan(db, department):
    parsed, _, summary = run_import(db, user=director(db))
    planned = db.session.scalars(
        select(Task).where(Task.planned_period == "2020-Q4").order_by(Task.id)
    ).all()
    assert summary.planned == len(planned) == 8
    assert [t.description for t in planned] == parsed.plan_items
    assert all(t.status == Status.NOT_STARTED and t.completed_on is None for t in planned)
    report = build_period_report(principal_for(director(db)), PERIOD)
    assert report.next_period.code == "2020-Q4"
    assert sorted(p.title for p in report.plan) == sorted(short_title(p) for p in parsed.plan_items)
    assert not any(p.carried_over for p in report.plan)
    by_title = {t.title: t.section.code for t in planned}
    assert (
        by_title["Tổ chức tập huấn: an toàn thông tin cho Đội Ứng cứu khẩn cấp sự cố máy tính"]
        == "I.5"
    )
    assert by_title["Định hướng thông tin tuyên truyền tháng 9/2020"] == "I.6"


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_the_42_references_are_linked_to_41_registered_documents(db, department, kind):
    _, plan, summary = run_import(db, kind)
    assert plan.counts["references"] == 42
    assert count(db, task_document) == summary.links == 42
    assert count(db, Document) == summary.documents_created == summary.documents_linked == 41
    for ref in sample_refs():
        document = db.session.scalar(select(Document).where(Document.symbol == ref["symbol"]))
        assert document is not None, ref["symbol"]
        assert (document.doc_type, document.issuer_code, document.year) == (
            ref["type"],
            ref["issuer_code"],
            ref["year"],
        )
    twice = db.session.scalar(select(Document).where(Document.symbol == "1552/BTTTT-CATTT"))
    linked = select(func.count()).where(task_document.c.document_id == twice.id)
    assert db.session.scalar(linked) == 2


def test_units_are_guessed_from_the_names_an_item_mentions(db, department):
    _, plan, summary = run_import(db, user=director(db))
    unit_of = {t.title: t.lead_unit.code for t in db.session.scalars(select(Task))}
    assert unit_of["Ban hành Quyết định bổ nhiệm lại Phó Chánh Văn phòng Sở"] == "VP"
    # "Trung tâm Công nghệ thông tin và Truyền thông trực thuộc Sở ...": the centre
    centre = next(i for i in plan.items if "bản quyền phần mềm năm 2020" in i.text)
    assert (centre.unit_id, centre.unit_mention) == (
        department["TTCNTT"].id,
        "Trung tâm Công nghệ thông tin và Truyền thông",
    )
    # The longest name wins over "Trung tâm CNTT&TT" in the same sentence.
    transfer = next(i for i in plan.items if "Trung tâm CNTT&TT về Phòng" in i.text)
    assert transfer.unit_id == department["BCVT"].id
    # "Văn phòng UBND tỉnh", "Văn phòng Chính phủ" are other bodies, not our Văn phòng.
    video = next(i for i in plan.items if i.title.startswith("Hệ thống hội nghị truyền hình"))
    assert video.unit_id is None and unit_of[video.title] == "STTTT"
    # Without a name in its words, an item takes the unit its heading names: "Công tác
    # thanh tra" is the inspectorate's work, unless the item names another unit.
    inspection = plan.items_of("II.4")
    assert (
        inspection[0].unit_id == department["TTCNTT"].id and not inspection[0].guessed_from_heading
    )
    assert {i.unit_id for i in inspection[1:]} == {department["TTRA"].id}
    assert all(i.guessed_from_heading for i in inspection[1:])
    assert summary.units_guessed == sum(1 for i in plan.items if i.unit_id is not None) >= 10
    assert summary.units_default == 70 - summary.units_guessed


def test_header_signer_and_recipients_fill_the_periods_texts(db, department):
    parsed, _, _ = run_import(db, "docx")
    texts = db.session.scalar(select(ReportText).where(ReportText.period == "2020-9M"))
    assert texts.number == "245/BC-STTTT"
    assert (texts.signer_title, texts.signer_name) == (
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        "Nguyễn Văn Này",
    )
    assert texts.recipients.splitlines()[0] == "Bộ TT&TT (b/c);" and "Lưu: VT." in texts.recipients
    assert texts.assessment == parsed.assessment and texts.assessment.startswith("- Được sự quan")
    assert texts.introduction  # the report has none: the period keeps the default opening


def test_texts_the_director_already_wrote_are_kept(db, department):
    root = department["root"]
    db.session.add(ReportText(period="2020-9M", unit_id=root.id, assessment="Đánh giá của tôi."))
    db.session.commit()
    run_import(db)
    texts = db.session.scalar(select(ReportText).where(ReportText.period == "2020-9M"))
    assert texts.assessment == "Đánh giá của tôi." and texts.signer_name == "Nguyễn Văn Này"


def test_history_says_the_tasks_were_imported_and_by_whom(db, department):
    run_import(db, user=director(db))
    entries = db.session.scalars(select(TaskUpdate)).all()
    assert len(entries) == count(db, Task) == 78
    assert {e.kind for e in entries} == {"imported"}
    assert {e.user_id for e in entries} == {director(db).id}
    assert "9 tháng đầu năm 2020" in entries[0].note


def test_unchecked_items_and_chosen_units_are_respected(db, department):
    name, data = sample_file("txt")
    plan = plan_import_of_report(read_report(name, data), PERIOD, name)
    first, second = plan.items[0], plan.items[1]
    selections = Selections(
        excluded=frozenset({first.key, "plan-1"}),
        units={second.key: department["TTRA"].id},
    )
    summary = apply_report_import(None, plan, selections, principal=None)
    db.session.commit()
    assert (summary.achievements, summary.planned, summary.skipped) == (69, 7, 2)
    assert db.session.scalar(select(Task).where(Task.result == first.text)) is None
    assert (
        db.session.scalar(select(Task).where(Task.result == second.text)).lead_unit.code == "TTRA"
    )


def test_the_web_rule_every_item_needs_a_unit(db, department):
    name, data = sample_file("txt")
    plan = plan_import_of_report(read_report(name, data), PERIOD, name)
    before = counts(db)
    with pytest.raises(ValidationFailed) as caught:
        apply_report_import(None, plan, Selections(require_units=True), principal=None)
    db.session.rollback()
    assert "chưa chọn đơn vị chủ trì" in caught.value.message
    missing = [i for i in plan.items if i.unit_id is None]
    assert f"unit-{missing[0].key}" in caught.value.fields
    assert counts(db) == before


# -- matching what exists, importing twice ---------------------------------------------------


def test_existing_sections_are_matched_by_code_and_title(db, department):
    management = make_section("I", "CÔNG TÁC QUẢN LÝ NHÀ NƯỚC")
    posts = make_section("I.2", "Lĩnh vực Bưu chính", management)  # case and accents aside
    other = make_section("I.1", "Lĩnh vực khác hẳn", management)
    db.session.commit()
    _, plan, summary = run_import(db)
    assert plan.section("I").existing_id == management.id
    assert plan.section("I.2").existing_id == posts.id
    assert plan.section("I.1").is_new and plan.section("I.1").code not in ("I.1", "I.2")
    assert any("I.1" in warning and "Lĩnh vực khác hẳn" in warning for warning in plan.warnings)
    assert summary.sections_matched == 2 and summary.sections_created == 15
    codes = db.session.scalars(select(Section.code)).all()
    assert len(codes) == len(set(codes)) == 18
    assert db.session.get(Section, other.id).title == "Lĩnh vực khác hẳn"
    posts_tasks = db.session.scalars(select(Task).where(Task.section_id == posts.id)).all()
    assert len(posts_tasks) == 7


def test_importing_twice_creates_nothing_twice(db, department, cli):
    run_import(db)
    before = counts(db)
    result = cli("--period", "2020-9M", data=sample_file("txt"))
    assert result.exit_code == 0, result.output
    assert "Không có gì mới để nhập" in result.output
    assert "70 mục đã có từ lần nhập trước, bỏ qua" in result.output
    assert counts(db) == before


def test_a_second_import_adds_only_the_items_left_out_the_first_time(db, department):
    name, data = sample_file("txt")
    plan = plan_import_of_report(read_report(name, data), PERIOD, name)
    left_out = frozenset(i.key for i in plan.items[:5])
    apply_report_import(None, plan, Selections(excluded=left_out), principal=None)
    db.session.commit()
    _, again, summary = run_import(db)
    assert [i.key for i in again.items if not i.duplicate] == sorted(
        left_out, key=lambda k: int(k[5:])
    )
    assert (summary.achievements, summary.duplicates, summary.planned) == (5, 65, 0)
    assert count(db, Task) == 78


def test_a_period_that_does_not_match_the_title_is_flagged(db, department):
    name, data = sample_file("txt")
    plan = plan_import_of_report(read_report(name, data), parse_period("2020-Q3"), name)
    assert any("9 tháng đầu năm 2020" in w and "Quý III năm 2020" in w for w in plan.warnings)
    assert all(i.completed_on == date(2020, 9, 30) for i in plan.items)


# -- the command line ------------------------------------------------------------------------


def test_cli_imports_and_prints_a_summary(db, department, cli):
    result = cli("--period", "2020-9M", data=sample_file("txt"))
    assert result.exit_code == 0, result.output
    assert "Lĩnh vực: 17 tạo mới, 0 đã có." in result.output
    assert "Kết quả đạt được: 70 nhiệm vụ hoàn thành." in result.output
    assert "Phương hướng Quý IV năm 2020: 8 nhiệm vụ." in result.output
    assert "42 liên kết tới 41 văn bản (41 văn bản mới)" in result.output
    assert count(db, Task) == 78
    first_director = db.session.scalar(select(TaskUpdate.user_id).limit(1))
    assert first_director == director(db).id


def test_cli_dry_run_prints_the_tree_and_writes_nothing(db, department, cli):
    before = counts(db)
    result = cli("--period", "2020-9M", "--dry-run", data=sample_file("docx"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "  I. CÔNG TÁC QUẢN LÝ NHÀ NƯỚC [mới] – 56 mục" in lines
    assert "      6.1. Cổng thông tin điện tử, trang tin điện tử thành phần [mới] – 2 mục" in lines
    assert "Phương hướng Quý IV năm 2020: 8 nhiệm vụ." in lines
    assert "  Công văn 1552/BTTTT-CATTT [mới]" in lines
    assert "Chưa ghi gì vào cơ sở dữ liệu (--dry-run)." in lines
    assert counts(db) == before


def test_cli_on_an_empty_database_makes_the_department_the_root_unit(db, cli):
    result = cli("--period", "2020-9M", data=sample_file("docx"))
    assert result.exit_code == 0, result.output
    root = db.session.scalar(select(Unit))
    assert count(db, Unit) == 1 and root.parent_id is None
    assert (root.code, root.name, root.kind) == (
        "STTTT",
        "Sở Thông tin và Truyền thông",
        "department",
    )
    assert "Tạo đơn vị gốc: Sở Thông tin và Truyền thông (STTTT)." in result.output
    settings = dict(db.session.execute(select(Setting.key, Setting.value)).all())
    assert settings["org_name"] == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert settings["org_parent_body"] == "UBND TỈNH TRÀ VINH"
    assert settings["org_place"] == "Trà Vinh" and settings["org_code"] == "STTTT"
    assert set(db.session.scalars(select(Task.lead_unit_id))) == {root.id}
    assert db.session.scalar(select(TaskUpdate.user_id).limit(1)) is None  # nobody yet


def test_cli_on_an_empty_database_names_the_unit_after_the_closing_sentence(db, cli):
    result = cli("--period", "2020-9M", data=sample_file("txt"))
    assert result.exit_code == 0, result.output
    root = db.session.scalar(select(Unit))
    assert root.name == "Sở Thông tin và Truyền thông Trà Vinh" and root.code == "STTTT"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "ghi-chu.txt",
            "Danh sách việc cần làm\n- Mua giấy\n".encode(),
            "không phải là một báo cáo",
        ),
        ("bao-cao.docx", b"PK\x03\x04 not really a zip", "không phải là tệp Word"),
        ("bao-cao.pdf", b"%PDF-1.4", "Chỉ nhận tệp báo cáo .docx hoặc .txt"),
        (
            "latin1.txt",
            "BÁO CÁO\nI. Mục\n- Đã xong".encode("latin-1", "replace") + b"\xe0",
            "UTF-8",
        ),
    ],
)
def test_cli_refuses_a_file_that_is_not_a_report_and_writes_nothing(
    db, department, cli, name, data, message
):
    before = counts(db)
    result = cli("--period", "2020-9M", data=(name, data))
    assert result.exit_code == 1
    assert message in result.output
    assert counts(db) == before


def test_cli_bad_period_missing_file_and_usage(db, department, cli, tmp_path):
    bad = cli("--period", "2020-Q5", data=sample_file("txt"))
    assert bad.exit_code == 1 and "--period" in bad.output and "2020-Q5" in bad.output
    missing = cli(str(tmp_path / "khong-co.docx"), "--period", "2020-9M")
    assert missing.exit_code == 1 and "không có tệp này" in missing.output
    usage = cli(str(tmp_path / "khong-co.docx"))
    assert usage.exit_code == 2 and "--period" in usage.output
    assert count(db, Task) == 0
