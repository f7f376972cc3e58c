"""Task lists through HTTP: filters select what they say, boards group, queries stay flat."""

from __future__ import annotations

import re

import pytest
from task_pages import text

from tracker.domain.periods import Kind, period_containing
from tracker.models import Document


def titles(response) -> set[str]:
    """The task titles listed on a page (the links to task pages)."""
    page = re.sub(r"</?mark>", "", text(response))
    return set(re.findall(r'<a class="fw-medium" href="/tasks/\d+">([^<]+)</a>', page))


@pytest.fixture
def scene(world, db):
    """A few tasks that differ in one thing each."""
    w = world
    doc = Document(doc_type="Quyết định", symbol="135/QĐ-TTg", dedupe_key="135/qd-ttg|2020")
    db.session.add(doc)
    db.session.flush()
    tasks = {
        "late": w.task(title="Tuyên truyền an toàn thông tin", due=w.days(-5), progress=20),
        "soon": w.task(title="Kiểm tra đơn vị viễn thông", due=w.days(3), section="I.2"),
        "team": w.task(unit="a1", title="Rà soát hạ tầng của tổ", due=w.days(30)),
        "other": w.task(unit="b", title="Việc riêng phòng B", due=w.days(40)),
        "help": w.task(unit="b", title="Phòng B nhờ A phối hợp", support=[w.units["a"]]),
        "done": w.task(title="Đã xong báo cáo", status="done", due=w.days(-2), done=w.days(-3)),
        "mine": w.task(title="Giao cho chuyên viên", assignee=w.users["staff_a"]),
    }
    tasks["doc"] = w.task(title="Thực hiện Quyết định", documents=[doc])
    tasks["child"] = w.task(title="Việc con", parent=tasks["late"])
    db.session.commit()
    return {k: v.title for k, v in tasks.items()}, doc


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("unit={a}", {"late", "soon", "team", "done", "mine", "doc", "child"}),
        ("unit={a}&subtree=0", {"late", "soon", "done", "mine", "doc", "child"}),
        ("unit={a}&subtree=0&support=1", {"late", "soon", "done", "mine", "doc", "child", "help"}),
        ("unit=B", {"other", "help"}),
        ("section=I.2", {"soon"}),
        ("status=done", {"done"}),
        ("status=not_started,done", {"done"}),
        ("timeliness=overdue", {"late"}),
        ("timeliness=due_soon", {"soon"}),
        ("timeliness=overdue&timeliness=due_soon", {"late", "soon"}),
        ("assignee={staff_a}", {"mine"}),
        ("document={doc}", {"doc"}),
        ("document=135/QĐ-TTg", {"doc"}),
        ("q=tuyen+truyen", {"late"}),
        ("q=DON+VI", {"soon"}),
        ("q=đơn+vị", {"soon"}),
        ("q=TUYÊN", {"late"}),
        ("due_before={minus1}", {"late", "done"}),
        ("due_after={plus20}", {"team", "other"}),
        ("top=1&unit={a}&subtree=0", {"late", "soon", "done", "mine", "doc"}),
    ],
)
def test_each_filter_selects_what_it_says(login_as, world, scene, args, expected):
    names, doc = scene
    client = login_as("director")
    url = "/tasks/?" + args.format(
        a=world.units["a"].id,
        staff_a=world.users["staff_a"].id,
        doc=doc.id,
        minus1=world.days(-1).isoformat(),
        plus20=world.days(20).isoformat(),
    )
    response = client.get(url)
    assert response.status_code == 200
    assert titles(response) == {names[k] for k in expected}
    assert f"<strong>{len(expected)}</strong> nhiệm vụ khớp bộ lọc" in text(response)


def test_the_overviews_link_shows_exactly_what_it_says_with_clearable_filters(login_as, world, db):
    quarter = period_containing(world.today, Kind.QUARTER)
    late = world.task(title="Quá hạn trong quý", due=max(quarter.start, world.days(-2)))
    world.task(title="Quá hạn phòng khác", unit="b", due=world.days(-2))
    world.task(title="Đúng hạn trong quý", due=world.days(60))
    client = login_as("director")
    url = f"/tasks/?period={quarter.code}&timeliness=overdue&unit={world.units['a'].id}"
    response = client.get(url)
    page = text(response)
    expected = {late.title} if late.due_date < world.today else set()
    assert titles(response) == expected
    assert "Đang lọc:" in page and quarter.label in page and "Quá hạn" in page
    assert "Phòng A" in page and "Xóa tất cả bộ lọc" in page
    chip = re.search(r'href="([^"]+)"\s+title="Bỏ lọc kỳ"', page).group(1)
    assert "period" not in chip and "timeliness=overdue" in chip


def test_search_terms_are_marked_in_the_titles(login_as, world, db):
    world.task(title="Tuyên truyền về đơn vị hành chính")
    page = text(login_as("director").get("/tasks/?q=tuyen+don+vi"))
    assert "<mark>Tuyên</mark>" in page and "<mark>đơn</mark> <mark>vị</mark>" in page


def test_a_bad_filter_is_named_and_shows_nothing(login_as, world, db):
    world.task(title="Một việc")
    client = login_as("director")
    for url, message in (
        ("/tasks/?unit=ZZZ", "Không có đơn vị “ZZZ”"),
        ("/tasks/?status=xong", "Trạng thái “xong” không hợp lệ"),
        ("/tasks/?period=2026-Q9", "2026-Q9"),
        ("/tasks/?page=0", "page phải"),
    ):
        response = client.get(url)
        assert response.status_code == 422 and message in text(response)
        assert titles(response) == set()


def test_users_see_only_tasks_their_grants_reach(login_as, world, scene):
    names, _ = scene
    client = login_as("head_b")
    assert titles(client.get("/tasks/")) == {names["other"], names["help"]}


def test_pages_of_fifty(login_as, world, db):
    for n in range(53):
        world.task(title=f"Việc số {n:02d}", due=world.days(n))
    client = login_as("director")
    first, second = client.get("/tasks/"), client.get("/tasks/?page=2")
    assert len(titles(first)) == 50 and titles(second) == {f"Việc số {n}" for n in (50, 51, 52)}
    assert "Hiển thị 51–53 trong 53" in text(second)


def test_the_unit_board_groups_by_what_needs_doing(login_as, world, db):
    world.task(title="Trễ rồi", due=world.days(-1), assignee=world.users["staff_a"])
    world.task(title="Sắp tới", due=world.days(2))
    world.task(title="Còn lâu", due=world.days(50))
    world.task(title="Chờ duyệt", status="submitted", done=world.days(-1))
    world.task(title="Vừa xong", status="done", done=world.days(-2))
    world.task(title="Xong lâu rồi", status="done", done=world.days(-90))
    world.task(title="Của phòng B", unit="b", due=world.days(-1))
    client = login_as("staff_a")
    page = text(client.get("/tasks/unit"))
    sections = re.split(r'id="group-', page)[1:]
    groups = {s.split('"')[0]: s for s in sections}
    assert "Trễ rồi" in groups["overdue"] and "Sắp tới" in groups["due_soon"]
    assert "Còn lâu" in groups["in_progress"] and "Chờ duyệt" in groups["submitted"]
    assert "Vừa xong" in groups["recent_done"] and "Xong lâu rồi" not in page
    assert "Của phòng B" not in page
    # Staff may update only their own task inline.
    assert page.count('class="quick-inline js-quick"') == 1
    assert client.get(f"/tasks/unit?unit={world.units['b'].id}").status_code == 404
    assert client.get("/tasks/unit?unit=x").status_code == 404


def test_the_inline_update_keeps_the_result_and_returns_to_the_board(login_as, world, db):
    task = world.task(title="Đang làm", result="Kết quả tạm", due=world.days(9))
    client = login_as("head_a")
    page = client.get("/tasks/unit").get_data(as_text=True)
    form = re.search(rf'action="/tasks/{task.id}/update".*?</form>', page, re.S).group(0)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    response = client.raw.post(
        f"/tasks/{task.id}/update", data={**fields, "progress": "45", "status": "in_progress"}
    )
    assert response.status_code == 303 and response.headers["Location"] == "/tasks/unit"
    db.session.expire_all()
    assert (task.progress, task.result) == (45, "Kết quả tạm")


def test_home_groups_my_tasks_and_shows_the_directors_queue(login_as, world, db):
    world.task(title="Việc của tôi quá hạn", due=world.days(-1), assignee=world.users["staff_a"])
    world.task(title="Việc người khác", due=world.days(-1))
    world.task(title="Chờ xác nhận", status="submitted", done=world.days(-1))
    client = login_as("staff_a")
    page = text(client.get("/"))
    assert "Việc của tôi quá hạn" in page and "Việc người khác" not in page
    client.logout()
    client.login("director")
    page = text(client.get("/"))
    assert "Chờ bạn xác nhận hoàn thành" in page and "Chờ xác nhận" in page
    assert "Đề nghị gia hạn chờ duyệt" in page


def _make(world, n: int) -> None:
    for i in range(n):
        world.task(
            title=f"Nhiệm vụ {i}",
            due=world.days(i - n // 2),
            assignee=world.users["staff_a"],
            support=[world.units["b"]] if i % 2 else [],
            status="submitted" if i % 5 == 0 else "in_progress",
            done=world.days(-1) if i % 5 == 0 else None,
        )


@pytest.mark.parametrize("url", ["/tasks/", "/tasks/?q=nhiem+vu&sort=updated", "/tasks/unit", "/"])
@pytest.mark.parametrize("who", ["head_a", "director"])
def test_list_pages_run_a_fixed_number_of_queries(login_as, world, db, sql_counter, url, who):
    client = login_as(who)
    counts = []
    for n in (5, 45):
        _make(world, n)
        client.get(url)  # warm up: the first request loads what every request loads once
        with sql_counter() as counter:
            assert client.get(url).status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


def test_a_leaders_home_opens_with_the_counts_and_the_most_overdue_work(login_as, world, db):
    """Issue 16: the director's home showed a "Nhiệm vụ quá hạn" button with no count."""
    for days, unit in ((3, "b"), (40, "a"), (12, "a1")):
        world.task(title=f"Quá hạn {days} ngày", unit=unit, due=world.days(-days))
    world.task(title="Đến hạn tuần này", due=world.days(2))
    world.task(title="Còn xa", due=world.days(30))
    world.task(title="Đã xong", status="done", due=world.days(-5), done=world.days(-6))
    world.task(title="Chờ xác nhận", status="submitted", due=world.days(5), done=world.days(-1))
    page = text(login_as("director").get("/"))
    counts = dict(re.findall(r'data-kind="desk-([\w-]+)">.*?fs-3[^>]*>(\d+)', page, re.S))
    assert counts == {"overdue": "3", "due-soon": "1", "awaiting": "1", "extensions": "0"}
    table = page[page.index('id="desk-overdue-list"') :]
    titles = re.findall(r'class="fw-medium task-name"[^>]*>([^<]+)<', table)
    assert titles == ["Quá hạn 40 ngày", "Quá hạn 12 ngày", "Quá hạn 3 ngày"]
    assert re.findall(r'data-kind="days-overdue">(\d+) ngày', table) == ["40", "12", "3"]
    assert re.search(
        r'href="/tasks/\?timeliness=overdue&(amp;)?sort=overdue" data-kind="desk-overdue"', page
    )


def test_a_heads_home_has_no_leaders_desk(login_as, world, db):
    world.task(title="Quá hạn", unit="a", due=world.days(-4))
    page = text(login_as("head_a").get("/"))
    assert "desk-overdue" not in page and 'data-kind="desk-overdue"' not in page


def test_the_list_opens_on_open_work_overdue_first_with_the_defaults_as_chips(login_as, world):
    """Issue 16: /tasks/ opened on every period sorted by deadline (January's finished work)."""
    world.task(
        title="Xong từ tháng Một", status="done", due=world.days(-300), done=world.days(-301)
    )
    world.task(title="Còn xa", due=world.days(40))
    world.task(title="Quá hạn lâu", due=world.days(-60))
    world.task(title="Quá hạn mới", due=world.days(-2))
    world.task(title="Không có hạn")
    client = login_as("director")
    page = text(client.get("/tasks/"))
    titles = re.findall(r'class="task-title[^"]*">\s*<a[^>]*>([^<]+)</a>', page)
    assert titles == ["Quá hạn lâu", "Quá hạn mới", "Còn xa", "Không có hạn"], titles
    chip = re.search(
        r'class="filter-chip[^"]*" href="([^"]+)"[^>]*>\s*<span[^>]*>Trạng thái:', page
    )
    assert chip, "the default statuses are shown as a removable chip"
    everything = text(client.get(chip.group(1).replace("&amp;", "&")))
    assert "Xong từ tháng Một" in everything
    assert "Xong từ tháng Một" in text(client.get("/tasks/?status="))


def test_a_heads_boards_include_the_work_the_division_supports(login_as, world, db):
    """Issue 16: a task division A only supports (phối hợp) showed on neither board."""
    world.task(
        title="Việc B có A phối hợp", unit="b", due=world.days(4), support=[world.units["a"]]
    )
    world.task(title="Việc của A", unit="a", due=world.days(4))
    world.task(title="Việc B riêng", unit="b", due=world.days(4))
    client = login_as("head_a")
    for url in ("/", "/tasks/unit"):
        page = text(client.get(url))
        assert "Việc B có A phối hợp" in page and "Việc của A" in page, url
        assert "Việc B riêng" not in page, url
        marked = re.findall(
            r'>([^<]+)</a>\s*<div class="small text-secondary">'
            r'(?:(?!</div>).)*?data-kind="supporting"',
            page,
            re.S,
        )
        assert marked == ["Việc B có A phối hợp"], (url, marked)
        assert "đơn vị chủ trì cập nhật tiến độ" in page


def test_column_headers_sort_the_list_and_say_how(login_as, world):
    world.task(title="Bê", due=world.days(10))
    world.task(title="An", due=world.days(20))
    world.task(title="Cường", due=world.days(5))
    client = login_as("director")

    def shown(url: str) -> tuple[list[str], str]:
        page = client.get(url.replace("&amp;", "&")).get_data(as_text=True)
        return re.findall(r'class="task-title[^"]*">\s*<a[^>]*>([^<]+)</a>', page), page

    def header_link(page: str, sort: str) -> str:
        return re.search(rf'href="([^"]+)" data-sort="{sort}"', page).group(1)

    titles, page = shown("/tasks/?status=")
    assert titles == ["Cường", "Bê", "An"]  # by deadline, and the header says so
    assert re.search(r'aria-sort="ascending">\s*<a[^>]*data-sort="-due">Hạn', page)
    titles, reversed_page = shown(header_link(page, "-due"))  # "Hạn" again: the other way
    assert titles == ["An", "Bê", "Cường"]
    assert re.search(r'aria-sort="descending">\s*<a[^>]*data-sort="due">Hạn', reversed_page)
    link = header_link(page, "title")
    assert "status=" in link  # the filters stay
    assert shown(link)[0] == ["An", "Bê", "Cường"]
