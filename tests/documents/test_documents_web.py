"""The registry's pages: list filters, a document's page, registering, directives, rights."""

from __future__ import annotations

import re

import pytest
from document_support import doc, implement, text_of
from sqlalchemy import select

from tracker.common import clock
from tracker.common.access import principal_for
from tracker.demo.loader import load_demo
from tracker.documents.progress import document_progress
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import Document, User

DEMO_PASSWORD = "Demo2026tracker"  # noqa: S105


def listed(response) -> list[str]:
    """The symbols of the documents a list page shows, in order."""
    return re.findall(r'class="fw-semibold doc-symbol"[^>]*>([^<]+)<', text_of(response))


@pytest.fixture
def registry(world):
    return {
        "qd": doc("Quyết định 135/QĐ-TTg ngày 20/01/2020", "Phê duyệt Đề án thông tin cơ sở"),
        "ct": doc("Chỉ thị 03/CT-TTg ngày 16/01/2020", "Phòng, chống tác hại của rượu, bia"),
        "cv": doc("Công văn 4366/BTTTT-HTQT", None),
        "nd": doc("Nghị định 100/2019/NĐ-CP ngày 30/12/2019", "Xử phạt giao thông"),
    }


# -- the list ----------------------------------------------------------------------------------


def test_list_search_ignores_accents_and_symbol_spacing(registry, login_as):
    client = login_as("viewer")
    assert listed(client.get("/documents/?q=quyet+dinh")) == ["135/QĐ-TTg"]
    assert listed(client.get("/documents/?q=135/qd-ttg")) == ["135/QĐ-TTg"]
    assert listed(client.get("/documents/?q=135+/+QĐ-TTg")) == ["135/QĐ-TTg"]
    assert listed(client.get("/documents/?q=ruou+bia")) == ["03/CT-TTg"]
    page = text_of(client.get("/documents/?q=khong+co+gi"))
    assert "Không có văn bản nào khớp bộ lọc" in page


def test_list_filters_and_badges(registry, login_as):
    client = login_as("staff_b")
    assert listed(client.get("/documents/?type=Chỉ+thị")) == ["03/CT-TTg"]
    assert listed(client.get("/documents/?year=2019")) == ["100/2019/NĐ-CP"]
    assert set(listed(client.get("/documents/?issuer=TTg"))) == {"135/QĐ-TTg", "03/CT-TTg"}
    assert listed(client.get("/documents/?needs_title=1")) == ["4366/BTTTT-HTQT"]
    everything = client.get("/documents/")
    assert len(listed(everything)) == 4
    page = text_of(everything)
    assert "Chưa có trích yếu" in page and "20/01/2020" in page and "Thủ tướng Chính phủ" in page
    assert "Đăng ký văn bản" not in page  # staff read the registry, they do not manage it


def test_list_paginates(world, login_as):
    for n in range(1, 8):
        doc(f"Công văn {n}/UBND-VX ngày 0{n}/01/2021")
    client = login_as("viewer")
    first = listed(client.get("/documents/?per_page=5"))
    second = listed(client.get("/documents/?per_page=5&page=2"))
    assert len(first) == 5 and len(second) == 2 and not set(first) & set(second)
    assert first[0] == "7/UBND-VX"  # the newest first


def test_a_bad_filter_says_which_one(registry, login_as):
    response = login_as("viewer").get("/documents/?year=hai-nghin")
    assert response.status_code == 422
    assert "Năm “hai-nghin” không hợp lệ" in text_of(response)


def test_the_registry_needs_a_sign_in(registry, client):
    response = client.get("/documents/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# -- a document's page -------------------------------------------------------------------------


def demo_client(client, username="giamdoc"):
    load_demo()
    db.session.commit()
    client.login(username, DEMO_PASSWORD)
    return client


def demo_document(symbol: str) -> Document:
    return db.session.scalar(select(Document).where(Document.symbol == symbol))


def page_summary(page: str) -> str:
    return re.search(r'id="progress-summary">([^<]+)<', page).group(1).strip()


@pytest.mark.parametrize("username", ["giamdoc", "truong.ttbc", "truong.bcvt", "theodoi"])
def test_a_demo_document_page_shows_its_tasks_and_the_shared_figures(db, client, username):
    demo_client(client, username)
    document = demo_document("135/QĐ-TTg")
    page = text_of(client.get(f"/documents/{document.id}"))
    user = db.session.scalar(select(User).where(User.username == username))
    figures = document_progress(principal_for(user), [document.id], clock.today())[document.id]
    assert page_summary(page) == figures.summary
    if username == "truong.bcvt":  # that division does none of this document's tasks
        assert figures.summary == "Chưa có nhiệm vụ"
        return
    assert figures.summary == "2/4 nhiệm vụ hoàn thành, 1 quá hạn"
    assert "Tăng cường tuyên truyền, định hướng thông tin trên mạng xã hội" in page
    assert "Quá hạn 12 ngày" in page
    assert "Phê duyệt Đề án Nâng cao hiệu quả hoạt động thông tin cơ sở" in page


def test_the_page_and_the_api_give_the_same_numbers(db, client):
    demo_client(client)
    for symbol in ("135/QĐ-TTg", "26/KH-UBND", "59/QĐ-UBND"):
        document = demo_document(symbol)
        page = text_of(client.get(f"/documents/{document.id}"))
        response = client.get(f"/api/v1/documents/{document.id}")
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        body = response.get_json()
        assert page_summary(page) == body["progress"]["summary"]
        task_count = re.search(r'id="tasks-heading">.*?badge[^>]*>(\d+)<', page, re.S).group(1)
        assert int(task_count) == body["task_total"] == body["progress"]["total"]
        for task in body["tasks"]:
            assert task["title"] in page


def test_the_page_links_to_tasks_and_to_companions(world, login_as):
    qd, ct = doc("Quyết định 135/QĐ-TTg ngày 20/01/2020"), doc("Chỉ thị 03/CT-TTg")
    task = world.task(unit="a", title="Thực hiện cả hai", due=world.days(-2))
    task.documents.extend([qd, ct])
    db.session.commit()
    page = text_of(login_as("head_a").get(f"/documents/{qd.id}"))
    assert f'href="/documents/{ct.id}"' in page and "cùng trong 1 nhiệm vụ" in page
    assert "Phòng A" in page and "Quá hạn 2 ngày" in page
    assert "1/1" not in page and "0/1 nhiệm vụ hoàn thành, 1 quá hạn" in page


def test_tasks_the_user_may_not_see_are_neither_listed_nor_counted(world, login_as):
    qd = doc("Quyết định 135/QĐ-TTg ngày 20/01/2020")
    implement(world.task(unit="b", title="Việc bí mật của B"), qd)
    db.session.commit()
    page = text_of(login_as("head_a").get(f"/documents/{qd.id}"))
    assert "Việc bí mật của B" not in page and page_summary(page) == "Chưa có nhiệm vụ"


def test_an_unknown_document_is_not_found(world, login_as):
    assert login_as("viewer").get("/documents/999999").status_code == 404


def test_creating_a_task_from_the_page_pre_links_the_document(world, login_as, app):
    qd = doc("Quyết định 135/QĐ-TTg ngày 20/01/2020")
    client = login_as("director")
    page = text_of(client.get(f"/documents/{qd.id}"))
    if "tasks.new" not in app.view_functions:
        pytest.skip("the tasks pages are not there yet")
    link = f"/tasks/new?document={qd.id}"
    assert f'href="{link}"' in page and "Giao nhiệm vụ thực hiện văn bản này" in page
    form = text_of(client.get(link))
    checked = re.search(rf'<input[^>]*name="documents"[^>]*value="{qd.id}"[^>]*>', form)
    assert checked and "checked" in checked.group(0)
    client.logout()
    assert link not in text_of(login_as("staff_a").get(f"/documents/{qd.id}"))


# -- the directive view --------------------------------------------------------------------------


def test_directives_are_ranked_by_what_is_most_overdue(world, login_as):
    ct, cd = doc("Chỉ thị 03/CT-TTg"), doc("Công điện 1658/CĐ-TTg ngày 09/12/2019")
    kh, nd = doc("Kế hoạch 26/KH-UBND ngày 28/05/2020"), doc("Nghị định 100/2019/NĐ-CP")
    for document, due in ((ct, -3), (cd, -1), (cd, -2), (kh, -40), (nd, -90)):
        implement(world.task(unit="a", due=world.days(due)), document)
    implement(world.task(unit="a", status=Status.DONE, done=world.days(-1)), ct)
    finished = doc("Quyết định 135/QĐ-TTg ngày 20/01/2020")
    implement(world.task(unit="a", status=Status.DONE, done=world.days(-1)), finished)
    client = login_as("director")
    page = text_of(client.get("/documents/directives"))
    order = re.findall(r'href="/documents/(\d+)">', page)
    assert order == [str(cd.id), str(kh.id), str(ct.id), str(finished.id)]  # no law
    assert "40 ngày" in page and "1/2 nhiệm vụ hoàn thành, 1 quá hạn" in page
    plans = text_of(client.get("/documents/directives?type=Kế+hoạch"))
    assert re.findall(r'href="/documents/(\d+)">', plans) == [str(kh.id)]
    overdue_only = text_of(client.get("/documents/directives?overdue=1"))
    assert re.findall(r'href="/documents/(\d+)">', overdue_only) == order[:3]
    assert client.get("/documents/directives?type=Luật").status_code == 422


def test_directives_link_to_the_overdue_tasks(world, login_as, app):
    kh = doc("Kế hoạch 26/KH-UBND ngày 28/05/2020")
    implement(world.task(unit="a", due=world.days(-4)), kh)
    page = text_of(login_as("director").get("/documents/directives"))
    if "tasks.index" in app.view_functions:
        assert f"/tasks/?document={kh.id}&timeliness=overdue" in page


def test_pages_run_a_fixed_number_of_queries(world, login_as, sql_counter):
    client = login_as("director")

    def fill(first: int, count: int) -> None:
        for n in range(first, first + count):
            document = doc(f"Công văn {n}/UBND-VX ngày 02/01/2021")
            implement(world.task(unit="a", due=world.days(-n)), document)
        client.get("/documents/")  # the first request after a commit reloads the user

    def count() -> int:
        with sql_counter() as counter:
            assert client.get("/documents/").status_code == 200
            assert client.get("/documents/directives").status_code == 200
        return counter.count

    fill(1, 3)
    few = count()
    fill(10, 12)
    assert count() == few
