"""What the registry shows about documents: their tasks, neighbours, directive ranking, links."""

from __future__ import annotations

from sqlalchemy import select

from tracker.common.access import principal_for
from tracker.documents.linking import ensure_document
from tracker.documents.progress import (
    cited_with,
    directive_ranking,
    document_overview,
    document_progress,
)
from tracker.domain.legal_refs import parse_ref
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import Document
from tracker.tasks.operations import create_task, update_task


def doc(text: str, title: str | None = "Trích yếu") -> Document:
    document = ensure_document(parse_ref(text), title=title)
    db.session.commit()
    return document


def linked(world, documents, **kw):
    task = world.task(**kw)
    task.documents.extend(documents)
    db.session.commit()
    return task


def principal(world, key):
    return principal_for(world.users[key])


def test_overview_counts_only_tasks_the_user_may_see(world):
    plan = doc("Kế hoạch 26/KH-UBND ngày 28/05/2020")
    linked(world, [plan], unit="a", title="Việc của A", status=Status.DONE, done=world.days(-3))
    linked(world, [plan], unit="a1", title="Việc của A1", due=world.days(-5))
    linked(world, [plan], unit="b", title="Việc của B", due=world.days(10))
    linked(world, [plan], unit="b", title="Việc huỷ", status=Status.CANCELLED)
    today = world.today

    director = document_overview(principal(world, "director"), plan, today)
    assert director.progress.summary == "1/3 nhiệm vụ hoàn thành, 1 quá hạn"
    assert director.task_total == 4 and director.progress.cancelled == 1
    assert director.by_timeliness["overdue"] == 1 and director.by_timeliness["on_track"] == 1
    # Most urgent first: the overdue one leads the list.
    assert director.tasks[0].title == "Việc của A1"

    head_b = document_overview(principal(world, "head_b"), plan, today)
    assert {t.title for t in head_b.tasks} == {"Việc của B", "Việc huỷ"}
    assert head_b.progress.summary == "0/1 nhiệm vụ hoàn thành"
    assert (
        head_b.progress == document_progress(principal(world, "head_b"), [plan.id], today)[plan.id]
    )


def test_cited_with_counts_shared_visible_tasks(world):
    qd, ct, nd = (
        doc("Quyết định 135/QĐ-TTg ngày 20/01/2020"),
        doc("Chỉ thị 03/CT-TTg ngày 16/01/2020"),
        doc("Nghị định 100/2019/NĐ-CP"),
    )
    linked(world, [qd, ct], unit="a")
    linked(world, [qd, ct], unit="a")
    linked(world, [qd, nd], unit="b")
    director = cited_with(qd, principal(world, "director"))
    assert [(d.symbol, n) for d, n in director] == [("03/CT-TTg", 2), ("100/2019/NĐ-CP", 1)]
    head_a = cited_with(qd, principal(world, "head_a"))
    assert [(d.symbol, n) for d, n in head_a] == [("03/CT-TTg", 2)]
    assert cited_with(nd, principal(world, "head_a")) == []


def test_directives_rank_by_overdue_count_then_days(world):
    late_once = doc("Chỉ thị 03/CT-TTg ngày 16/01/2020")
    late_twice = doc("Công điện 1658/CĐ-TTg ngày 09/12/2019")
    very_late = doc("Kế hoạch 26/KH-UBND ngày 28/05/2020")
    on_time = doc("Quyết định 135/QĐ-TTg ngày 20/01/2020")
    law = doc("Nghị định 100/2019/NĐ-CP")  # not a directive
    doc("Công văn 4366/BTTTT-HTQT")  # a directive, but no task implements it
    linked(world, [late_once], due=world.days(-3))
    linked(world, [late_twice], due=world.days(-2))
    linked(world, [late_twice], due=world.days(-1))
    linked(world, [very_late], due=world.days(-40))
    linked(world, [on_time], status=Status.DONE, done=world.days(-1), due=world.days(5))
    linked(world, [law], due=world.days(-100))

    rows = directive_ranking(principal(world, "director"), world.today)
    assert [r.document.symbol for r in rows] == [
        "1658/CĐ-TTg",
        "26/KH-UBND",
        "03/CT-TTg",
        "135/QĐ-TTg",
    ]
    assert [r.days_overdue for r in rows] == [2, 40, 3, 0]
    assert rows[0].progress.overdue == 2
    only_plans = directive_ranking(principal(world, "director"), world.today, doc_type="Kế hoạch")
    assert [r.document.symbol for r in only_plans] == ["26/KH-UBND"]
    # A division sees only the directives its own tasks implement.
    assert directive_ranking(principal(world, "head_b"), world.today) == []


def test_citing_a_reference_links_the_task_and_registers_unknown_documents(world):
    known = doc("Quyết định 135/QĐ-TTg ngày 20/01/2020", "Đề án thông tin cơ sở")
    director = world.users["director"]
    task = create_task(
        director,
        principal_for(director),
        {
            "title": "Triển khai đề án",
            "section": "I.1",
            "lead_unit": "A",
            "description": "Thực hiện Quyết định số 135/QĐ-TTg và Công văn 2841/BTTTT-THH.",
        },
    )
    db.session.commit()
    assert [d.symbol for d in task.documents] == ["135/QĐ-TTg", "2841/BTTTT-THH"]
    assert task.documents[0].id == known.id
    created = task.documents[1]
    assert created.needs_title and created.doc_type == "Công văn"
    assert created.issuer_name == "Bộ Thông tin và Truyền thông"

    update_task(
        director,
        principal_for(director),
        task,
        {"status": "done", "result": "Đã báo cáo theo Kế hoạch 26/KH-UBND ngày 28/5/2020."},
        task.version,
    )
    db.session.commit()
    plan = db.session.scalar(select(Document).where(Document.symbol == "26/KH-UBND"))
    assert plan is not None and plan.year == 2020 and task in _tasks_of(plan)
    overview = document_overview(principal_for(director), plan, world.today)
    assert overview.progress.summary == "1/1 nhiệm vụ hoàn thành"


def _tasks_of(document: Document):
    from tracker.models import Task, task_document

    return db.session.scalars(
        select(Task).join(task_document).where(task_document.c.document_id == document.id)
    ).all()
