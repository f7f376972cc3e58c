"""Every number of the overview links to the list it counts; the demo agrees with the API."""

from __future__ import annotations

import pytest
from factories import make_task
from overview_support import (
    KINDS,
    args_of,
    build_scene,
    figure,
    link,
    list_total,
    numeric_links,
    overview_url,
    page,
    row,
)

from tracker.common import clock
from tracker.domain.periods import Kind, period_containing
from tracker.extensions import db


@pytest.fixture
def scene(world):
    return build_scene(world)


# -- links ----------------------------------------------------------------------------------


def test_every_number_links_to_a_list_of_that_many_tasks(scene, login_as):
    w, p, _, _ = scene
    client = login_as("director")
    doc = page(client, overview_url(p))
    links = numeric_links(doc)
    assert len(links) > 50
    checked = {}
    for href, shown in links:
        if href not in checked:
            checked[href] = list_total(client, href)
        assert checked[href] == shown, href
    overdue = link(doc, "matrix-overdue")
    assert args_of(overdue) == {
        "period": [p.code],
        "unit": [str(w.units["root"].id)],
        "timeliness": ["overdue"],
        "as_of": [p.end.isoformat()],
    }
    own = link(doc, "col-assigned", row("D:own"))
    assert args_of(own)["subtree"] == ["0"]
    # The chart's bars link to the same lists as the table's numbers.
    bars = {a.get("href") for a in doc.xpath("//div[contains(@class, 'overview-chart')]//a")}
    assert bars and bars <= set(checked)


def test_see_all_links_when_a_list_is_longer_than_shown(world, login_as):
    due = world.days(-3)
    for i in range(23):
        make_task(world.units["b"], world.sections["I.1"], f"Quá hạn {i:02d}", due=due)
    db.session.commit()
    client = login_as("director")
    doc = page(client, "/overview")
    assert len(doc.xpath("//table[@id='overdue-list']/tbody/tr")) == 20
    see_all = doc.xpath("//a[@data-kind='see-all']")[0]
    assert "Xem tất cả 23" in see_all.text_content()
    assert list_total(client, see_all.get("href")) == 23


# -- the demo department, against the JSON API ----------------------------------------------


def test_demo_overview_agrees_with_the_api_timeliness_filter(client, db):
    from tracker.demo.data import DEMO_PASSWORD
    from tracker.demo.loader import load_demo

    load_demo()
    db.session.commit()
    client.login("giamdoc", DEMO_PASSWORD)
    quarter = period_containing(clock.today(), Kind.QUARTER).code
    doc = page(client, "/overview")
    shown = {kind: figure(doc, kind) for kind in KINDS}
    assert sum(shown.values()) > 10 and shown["overdue"] > 0  # the demo tells a story

    def api_total(**args) -> int:
        args |= {"period": quarter, "per_page": 1}
        response = client.get("/api/v1/tasks", query_string=args)
        assert response.status_code == 200, response.get_json()
        return response.get_json()["total"]

    assert shown == {kind: api_total(timeliness=kind) for kind in KINDS}
    assert figure(doc, "matrix-overdue") == api_total(timeliness="overdue")
    assert figure(doc, "matrix-done_on_time") == api_total(
        timeliness="done_on_time,done_no_deadline"
    )
    for tr in doc.xpath("//table[@id='unit-table']/tbody/tr[@data-unit]"):
        code, _, own = tr.get("data-unit").partition(":")
        scope = {"unit": code} | ({"subtree": "0"} if own else {})
        assert figure(doc, "col-overdue", row(tr.get("data-unit"))) == api_total(
            timeliness="overdue", **scope
        ), code
