"""Helpers for the overview tests: reading its figures and the lists they link to; a scene."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from urllib.parse import parse_qs, urlsplit

from lxml import html

from tracker.domain.periods import Kind, period_containing
from tracker.domain.timeliness import Status, Timeliness
from tracker.extensions import db
from tracker.tasks.history import record

KINDS = [k.value for k in Timeliness]


def page(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:800]
    return html.fromstring(response.get_data(as_text=True))


def number(text: str) -> int:
    return int(text.strip().replace(".", ""))


def figure(doc, kind: str, within: str = "") -> int:
    """The number shown with data-kind=`kind` (inside the element matched by `within`)."""
    found = doc.xpath(f'{within}//*[@data-kind="{kind}"]')
    assert len(found) == 1, f"{kind}: {len(found)} elements"
    return number(found[0].text_content())


def link(doc, kind: str, within: str = "") -> str:
    return doc.xpath(f'{within}//a[@data-kind="{kind}"]')[0].get("href")


def args_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def list_total(client, url: str) -> int:
    """How many tasks the task list at `url` holds: its stated total, and its rows."""
    doc = page(client, url + "&per_page=200")
    total = number(doc.xpath("//*[@id='task-total']/strong")[0].text_content())
    rows = doc.xpath("//table[contains(@class, 'table-tasks')]/tbody/tr")
    assert len(rows) == total, url
    return total


def row(code: str) -> str:
    return f'//tr[@data-unit="{code}"]'


# -- the scene ------------------------------------------------------------------------------


def build_scene(world):
    """Tasks around a past quarter P (judged as of its last day) and the quarter before it."""
    w = world
    current = period_containing(w.today, Kind.QUARTER)
    p = current.previous()
    pp = p.previous()
    s, e = p.start, p.end
    d = timedelta
    t = {}
    t["on_time"] = w.task("a", due=e, done=s + d(10), status=Status.DONE, title="Đúng hạn A")
    t["late"] = w.task("a1", due=s + d(5), done=s + d(20), status=Status.DONE, title="Trễ A1")
    t["over_a"] = w.task("a", due=s + d(30), progress=10, title="Quá hạn A", assignee=None)
    t["over_a1"] = w.task("a1", due=s + d(1), status=Status.NOT_STARTED, title="Quá hạn A1")
    t["carried"] = w.task("a", due=pp.start + d(5), title="Chuyển từ kỳ trước")
    t["late_after"] = w.task(
        "a", due=s + d(15), done=e + d(1), status=Status.DONE, title="Xong sau kỳ"
    )
    t["cancelled"] = w.task("a", due=s + d(10), status=Status.CANCELLED, title="Đã hủy A")
    t["soon_b"] = w.task("b", due=e, title="Sắp hạn B")
    t["open_b"] = w.task("b", planned=p.code, title="Không hạn B")
    t["submitted_b"] = w.task(
        "b", due=e, done=e - d(2), status=Status.SUBMITTED, title="Chờ xác nhận B"
    )
    t["own_root"] = w.task("root", done=s + d(3), status=Status.DONE, title="Sở tự làm")
    # The quarter before P.
    t["pp_late"] = w.task("a", due=pp.start + d(2), done=pp.start + d(9), status=Status.DONE)
    t["pp_on_time"] = w.task("b", due=pp.end, done=pp.start + d(5), status=Status.DONE)
    # Outside both: far in the future; and the "now" lists.
    t["future"] = w.task("a", due=e + d(200), title="Năm sau")
    t["soon_now"] = w.task("a1", due=w.days(2), title="Sắp hạn hôm nay")
    t["submitted_now"] = w.task(
        "b", done=w.today, status=Status.SUBMITTED, title="Vừa báo cáo", planned=current.code
    )
    staff_a, staff_b = w.users["staff_a"], w.users["staff_b"]
    entry = record(t["over_a"], staff_a, "updated", {"progress": (0, 10)}, "Đang tổng hợp")
    entry.created_at = datetime.combine(s + d(12), time(9, 30))
    older = record(t["over_a"], staff_a, "created", {"title": (None, "Quá hạn A")})
    older.created_at = datetime.combine(s, time(8))
    sub = record(t["submitted_b"], staff_b, "submitted", {"status": ("in_progress", "submitted")})
    sub.created_at = datetime.combine(e - d(2), time(15))
    db.session.commit()
    return w, p, pp, t


def overview_url(p, unit=None) -> str:
    url = f"/overview?period={p.code}"
    return url + (f"&unit={unit.id}" if unit is not None else "")


def numeric_links(doc) -> list[tuple[str, int]]:
    """Every linked number on the page, with its link."""
    return [
        (a.get("href"), number(a.text_content()))
        for a in doc.xpath("//a[contains(@class, 'num-link')]")
    ]
