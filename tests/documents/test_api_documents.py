"""Legal documents through the API: the registry list, filters, progress, one document."""

from __future__ import annotations

import pytest
from api_support import api_factory

from tracker.common.access import principal_for
from tracker.documents.linking import document_from_text, refresh_search_text
from tracker.documents.progress import document_progress
from tracker.documents.schemas import DocumentProgressSchema
from tracker.domain.timeliness import Status

DOCUMENT_FIELDS = {
    "id", "type", "symbol", "number", "year", "issuer_code", "issuer_name", "issued_on",
    "title", "link", "needs_title", "progress",
}  # fmt: skip


@pytest.fixture
def api_as(client, world):
    return api_factory(client, world)


@pytest.fixture
def registry(world, db):
    """Three documents; the decision is implemented by tasks of A (one late) and of B."""
    decision = document_from_text("Quyết định 135/QĐ-TTg ngày 20/01/2020")
    decision.title = "Phê duyệt Chương trình chuyển đổi số"
    decision.needs_title = False
    refresh_search_text(decision)
    plan = document_from_text("Kế hoạch 12/KH-UBND ngày 05/03/2021")
    letter = document_from_text("Công văn 4366/BTTTT-HTQT")
    late = world.task(title="Triển khai ở A", due=world.days(-3))
    done = world.task(title="Xong ở A", status=Status.DONE, due=world.days(1), done=world.days(-1))
    other = world.task(unit="b", title="Việc của B", due=world.days(9))
    late.documents = [decision, plan]
    done.documents = [decision]
    other.documents = [decision, plan]
    db.session.commit()
    return {"decision": decision, "plan": plan, "letter": letter, "tasks": [late, done, other]}


def ids(response) -> list[int]:
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def test_the_registry_lists_documents_with_their_progress(registry, api_as):
    body = api_as("director").get("/documents").get_json()
    assert (body["total"], body["page"], body["per_page"]) == (3, 1, 50)
    items = {item["symbol"]: item for item in body["items"]}
    decision = items["135/QĐ-TTg"]
    assert set(decision) == DOCUMENT_FIELDS
    assert (decision["type"], decision["number"], decision["year"]) == ("Quyết định", "135", 2020)
    assert (decision["issuer_code"], decision["issued_on"]) == ("TTg", "2020-01-20")
    assert decision["issuer_name"] and decision["needs_title"] is False
    assert decision["progress"] == {
        "total": 3,
        "done": 1,
        "overdue": 1,
        "cancelled": 0,
        "summary": "1/3 nhiệm vụ hoàn thành, 1 quá hạn",
    }
    assert items["4366/BTTTT-HTQT"]["progress"]["summary"] == "Chưa có nhiệm vụ"


def test_progress_counts_only_the_tasks_the_caller_sees(registry, api_as, world):
    items = {i["symbol"]: i for i in api_as("head_b").get("/documents").get_json()["items"]}
    assert items["135/QĐ-TTg"]["progress"]["total"] == 1
    expected = document_progress(
        principal_for(world.users["head_b"]), [registry["decision"].id], world.today
    )[registry["decision"].id]
    assert items["135/QĐ-TTg"]["progress"] == DocumentProgressSchema().dump(expected)


def test_registry_filters(registry, api_as):
    api = api_as("viewer")
    decision, plan, letter = (registry[k].id for k in ("decision", "plan", "letter"))
    assert ids(api.get("/documents?type=Kế hoạch")) == [plan]
    assert ids(api.get("/documents?issuer=TTg")) == [decision]
    assert ids(api.get("/documents?year=2021")) == [plan]
    assert ids(api.get("/documents?q=chuyen doi so")) == [decision]
    assert ids(api.get("/documents?q=CHUYỂN ĐỔI")) == [decision]
    assert set(ids(api.get("/documents?needs_title=1"))) == {plan, letter}
    assert len(ids(api.get("/documents?per_page=2&page=2"))) == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [("year=abc", "year"), ("sort=nope", "sort"), ("per_page=0", "per_page"), ("page=-1", "page")],
)
def test_a_bad_registry_filter_names_the_argument(registry, api_as, query, field):
    response = api_as("viewer").get(f"/documents?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_one_document_with_its_tasks_and_companions(registry, api_as, world):
    decision = registry["decision"]
    late, done, other = registry["tasks"]
    body = api_as("director").get(f"/documents/{decision.id}").get_json()
    assert set(body) == DOCUMENT_FIELDS | {"tasks", "task_total", "by_timeliness", "cited_with"}
    assert body["title"] == "Phê duyệt Chương trình chuyển đổi số"
    assert [t["id"] for t in body["tasks"]] == [late.id, done.id, other.id]
    first = body["tasks"][0]
    assert set(first) == {
        "id", "title", "lead_unit", "status", "progress", "due_date", "timeliness", "days_overdue",
    }  # fmt: skip
    assert (first["timeliness"], first["days_overdue"]) == ("overdue", 3)
    assert first["lead_unit"]["code"] == "A"
    assert body["task_total"] == 3 and body["by_timeliness"]["overdue"] == 1
    assert body["cited_with"] == [
        {
            "id": registry["plan"].id,
            "symbol": "12/KH-UBND",
            "title": None,
            "type": "Kế hoạch",
            "shared_tasks": 2,
        }
    ]


def test_a_document_shows_only_the_visible_tasks(registry, api_as):
    body = api_as("head_b").get(f"/documents/{registry['decision'].id}").get_json()
    assert [t["title"] for t in body["tasks"]] == ["Việc của B"]
    assert body["progress"]["total"] == 1
    assert body["cited_with"][0]["shared_tasks"] == 1


def test_an_unknown_document_is_not_found(registry, api_as):
    api = api_as("viewer")
    assert api.get("/documents/424242").status_code == 404
    assert api.get("/documents/99999999999999").get_json()["error"]["code"] == "not_found"
