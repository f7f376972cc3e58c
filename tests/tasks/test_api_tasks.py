"""Tasks through the JSON API: the list and its filters, create, read, update, conflicts."""

from __future__ import annotations

import pytest
from api_support import api_factory
from sqlalchemy import func, select

from tracker.common.access import principal_for
from tracker.documents.linking import document_from_text
from tracker.domain.timeliness import Status
from tracker.models import Task
from tracker.tasks.queries import TaskFilter, task_list

CONTRACT_FIELDS = {
    "id", "title", "description", "section", "lead_unit", "support_units", "assignee",
    "documents", "planned_period", "start_date", "due_date", "original_due_date", "status",
    "progress", "completed_on", "submitted_on", "confirmed_on", "result", "product", "weight",
    "timeliness", "days_overdue", "version",
    "created_at", "updated_at",
}  # fmt: skip
EXTRA_FIELDS = {"parent_id", "priority", "report_wording"}


@pytest.fixture
def api_as(client, world):
    return api_factory(client, world)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


# -- the list --------------------------------------------------------------------------------


def test_a_task_has_exactly_the_contract_fields(world, db, api_as):
    cited = document_from_text("Quyết định 135/QĐ-TTg")
    task = world.task(
        title="Triển khai", assignee=world.users["staff_a"], support=[world.units["b"]]
    )
    task.documents = [cited]
    db.session.commit()
    item = api_as("director").get("/tasks").get_json()["items"][0]
    assert set(item) == CONTRACT_FIELDS | EXTRA_FIELDS
    assert item["section"] == {
        "id": world.sections["I.1"].id,
        "code": "I.1",
        "title": "Lĩnh vực một",
    }
    assert item["lead_unit"] == {"id": world.units["a"].id, "code": "A", "name": "Phòng A"}
    assert item["support_units"] == [{"id": world.units["b"].id, "code": "B", "name": "Phòng B"}]
    assert item["assignee"] == {
        "id": world.users["staff_a"].id,
        "username": "staff.a",
        "full_name": world.users["staff_a"].full_name,
    }
    assert item["documents"] == [
        {"id": cited.id, "symbol": "135/QĐ-TTg", "title": None, "type": "Quyết định"}
    ]
    assert item["created_at"].endswith("Z") and item["status"] == "in_progress"


def test_dates_timeliness_and_days_overdue(world, api_as):
    world.task(title="Trễ", due=world.days(-4))
    world.task(title="Xong", status=Status.DONE, due=world.days(-2), done=world.days(-3))
    items = {i["title"]: i for i in api_as("director").get("/tasks").get_json()["items"]}
    assert items["Trễ"]["due_date"] == world.days(-4).isoformat()
    assert (items["Trễ"]["timeliness"], items["Trễ"]["days_overdue"]) == ("overdue", 4)
    assert items["Xong"]["completed_on"] == world.days(-3).isoformat()
    assert (items["Xong"]["timeliness"], items["Xong"]["days_overdue"]) == ("done_on_time", 0)


def test_each_filter_narrows_the_list(world, db, api_as):
    cited = document_from_text("Chỉ thị 02/CT-UBND")
    late = world.task(title="Tuyên truyền an toàn", due=world.days(-3))
    soon = world.task(unit="a1", section="I.2", title="Kiểm tra", due=world.days(2))
    done = world.task(
        unit="b", title="Cấp phép", status=Status.DONE, due=world.days(5), done=world.days(-1)
    )
    mine = world.task(title="Việc riêng", assignee=world.users["staff_a"], due=world.days(30))
    late.documents = [cited]
    db.session.commit()
    api = api_as("director")
    assert set(ids(api.get("/tasks"))) == {late.id, soon.id, done.id, mine.id}
    assert set(ids(api.get("/tasks?unit=A"))) == {late.id, soon.id, mine.id}
    assert set(ids(api.get(f"/tasks?unit={world.units['a'].id}&subtree=0"))) == {late.id, mine.id}
    assert ids(api.get("/tasks?section=I.2")) == [soon.id]
    assert ids(api.get("/tasks?status=done")) == [done.id]
    assert set(ids(api.get("/tasks?status=done,in_progress&status=paused"))) == {
        late.id, soon.id, done.id, mine.id,
    }  # fmt: skip
    assert ids(api.get("/tasks?timeliness=overdue")) == [late.id]
    assert set(ids(api.get("/tasks?timeliness=due_soon,done_on_time"))) == {soon.id, done.id}
    assert ids(api.get(f"/tasks?due_before={world.days(0).isoformat()}")) == [late.id]
    assert set(ids(api.get(f"/tasks?due_after={world.days(3).isoformat()}"))) == {
        done.id, mine.id,
    }  # fmt: skip
    assert ids(api.get("/tasks?q=tuyen truyen")) == [late.id]
    assert ids(api.get("/tasks?q=TUYÊN")) == [late.id]
    assert ids(api.get(f"/tasks?document={cited.id}")) == [late.id]
    assert ids(api.get("/tasks?document=02/CT-UBND")) == [late.id]
    assert ids(api.get(f"/tasks?assignee={world.users['staff_a'].id}")) == [mine.id]
    assert ids(api.get("/tasks?assignee=staff.a")) == [mine.id]
    assert ids(api.get("/tasks?sort=-due"))[0] == mine.id
    as_of = world.days(-10).isoformat()
    assert ids(api.get(f"/tasks?timeliness=overdue&as_of={as_of}")) == []


def test_support_and_top_level_filters(world, api_as):
    parent = world.task(title="Cha", support=[world.units["b"]])
    child = world.task(title="Con", parent_id=parent.id)
    own = world.task(unit="b", title="Của B")
    api = api_as("director")
    assert ids(api.get("/tasks?unit=B")) == [own.id]
    assert set(ids(api.get("/tasks?unit=B&support=1"))) == {parent.id, own.id}
    assert child.id in ids(api.get("/tasks?unit=A"))
    assert ids(api.get("/tasks?unit=A&top=1")) == [parent.id]


def test_the_period_filter_takes_the_tasks_of_that_period(world, api_as):
    from datetime import date

    inside = world.task(title="Trong quý", due=date(2020, 8, 15))
    world.task(title="Năm sau", due=date(2021, 3, 1))
    assert ids(api_as("director").get("/tasks?period=2020-Q3")) == [inside.id]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=bogus", "status"),
        ("timeliness=late", "timeliness"),
        ("unit=NOPE", "unit"),
        ("section=IX.9", "section"),
        ("period=2020-Q5", "period"),
        ("due_before=31/02/2020", "due_before"),
        ("due_after=yesterday", "due_after"),
        ("document=999/QĐ-XYZ", "document"),
        ("sort=random", "sort"),
        ("per_page=500", "per_page"),
        ("page=0", "page"),
        ("per_page=abc", "per_page"),
    ],
)
def test_a_bad_filter_is_refused_naming_the_argument(world, api_as, query, field):
    response = api_as("viewer").get(f"/tasks?{query}")
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert field in error["fields"], error
    assert error["message"]


def test_pagination(world, api_as):
    created = [world.task(title=f"Việc {n:02}", due=world.days(n)) for n in range(1, 8)]
    body = api_as("director").get("/tasks?per_page=3&page=2").get_json()
    assert (body["total"], body["page"], body["per_page"], body["pages"]) == (7, 2, 3, 3)
    assert [i["id"] for i in body["items"]] == [t.id for t in created[3:6]]


def test_the_list_shows_only_what_the_caller_may_see(world, api_as):
    world.task(unit="a", title="Của A")
    theirs = world.task(unit="b", title="Của B")
    helped = world.task(unit="a", title="B phối hợp", support=[world.units["b"]])
    assert set(ids(api_as("head_b").get("/tasks"))) == {theirs.id, helped.id}
    assert ids(api_as("viewer_b").get("/tasks?unit=A")) == [helped.id]


def test_the_list_equals_the_shared_query(world, db, api_as):
    for n in range(6):
        world.task(unit="ab"[n % 2], title=f"Việc {n}", due=world.days(n - 3))
    api = api_as("head_a")
    principal = principal_for(world.users["head_a"])
    expected = db.session.scalars(
        task_list(principal, TaskFilter(timeliness=["overdue", "due_soon"], as_of=world.today))
    ).all()
    assert ids(api.get("/tasks?timeliness=overdue,due_soon")) == [t.id for t in expected]


def test_the_list_costs_a_fixed_number_of_queries(world, db, api_as, sql_counter):
    """5 tasks or 50, with assignees, support units and documents: the same queries."""
    cited = document_from_text("Kế hoạch 12/KH-UBND")
    api = api_as("director")
    counts, statements = [], []
    for total in (5, 50):
        while db.session.scalar(select(func.count()).select_from(Task)) < total:
            task = world.task(
                assignee=world.users["staff_a"], support=[world.units["b"], world.units["a1"]]
            )
            task.documents = [cited]
            db.session.commit()
        with sql_counter() as counter:
            response = api.get("/tasks?per_page=200&unit=D")
        assert len(response.get_json()["items"]) == total
        # The token's last-use stamp is a write that may or may not be due: count the reads.
        reads = [sql for sql in counter.statements if sql.lstrip().upper().startswith("SELECT")]
        counts.append(len(reads))
        statements.append(reads)
    assert counts[0] == counts[1], statements
    assert counts[0] <= 20, reads  # a handful: auth, principal, the page, eager loads


# -- one task ----------------------------------------------------------------------------------


def test_one_task_with_its_history_and_etag(world, api_as):
    api = api_as("director")
    created = api.post(
        "/tasks", json={"title": "Rà soát", "section": "I.1", "lead_unit": "A", "due_date": None}
    ).get_json()
    api.patch(f"/tasks/{created['id']}", json={"progress": 30, "version": created["version"]})
    response = api.get(f"/tasks/{created['id']}")
    assert response.status_code == 200
    body = response.get_json()
    assert response.headers["ETag"] == f'"{body["version"]}"'
    assert [h["kind"] for h in body["history"]] == ["created", "updated"]
    assert body["history"][1]["changes"] == {"progress": [0, 30]}
    assert body["history"][1]["user"]["username"] == "director"
    assert body["extensions"] == [] and body["permissions"]["move_due_date"] is True


def test_a_task_the_caller_may_not_see_is_not_found(world, api_as):
    task = world.task(unit="a")
    api = api_as("head_b")
    assert api.get(f"/tasks/{task.id}").status_code == 404
    assert api.patch(f"/tasks/{task.id}", json={"progress": 5, "version": 1}).status_code == 404
    assert api.get("/tasks/999999").status_code == 404
    assert api.get("/tasks/99999999999999999999").status_code == 404


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/tasks?unit=99999999999999999999", 422),
        ("/tasks?assignee=99999999999999999999", 422),
        ("/tasks?document=99999999999999999999", 422),
        ("/tasks?page=99999999999999999999", 422),
        ("/tasks?q=a%00b", 400),
        ("/tasks/99999999999999999999", 404),
    ],
)
def test_out_of_range_input_is_refused_not_a_server_error(world, api_as, path, status):
    assert api_as("director").get(path).status_code == status


@pytest.mark.parametrize(
    ("field", "value"),
    [("parent", "²"), ("parent", 2**70), ("progress", 10**400), ("lead_unit", 2**64)],
)
def test_out_of_range_fields_are_refused_naming_them(world, api_as, field, value):
    body = {"title": "Việc", "section": "I", "lead_unit": "A", field: value}
    response = api_as("director").post("/tasks", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
