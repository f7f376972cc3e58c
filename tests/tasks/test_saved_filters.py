"""Bộ lọc của tôi: a person saves the list's filters under a name, finds them again on the
list, and removes them; nobody else sees or removes them."""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import SavedFilter


def saved_links(page: str) -> dict[str, str]:
    found = re.findall(
        r'<a class="badge[^"]*" href="([^"]+)" data-kind="saved-filter">([^<]+)</a>', page
    )
    return {name: html.unescape(href) for href, name in found}


def test_a_filter_is_saved_listed_followed_and_removed(login_as, world):
    world.task(title="Quá hạn A", unit="a", due=world.days(-3))
    world.task(title="Trong hạn A", unit="a", due=world.days(30))
    client = login_as("head_a")
    url = "/tasks/?timeliness=overdue&sort=overdue"
    response = client.post_form(
        "/tasks/filters?timeliness=overdue&sort=overdue&page=3",
        {"name": "Quá hạn của phòng"},
        token_from=url,
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/tasks/?timeliness=overdue&sort=overdue"
    page = client.get("/tasks/").get_data(as_text=True)
    links = saved_links(page)
    assert links == {"Quá hạn của phòng": "/tasks/?timeliness=overdue&sort=overdue"}
    followed = client.get(links["Quá hạn của phòng"]).get_data(as_text=True)
    assert "Quá hạn A" in followed and "Trong hạn A" not in followed
    # The same name again replaces it; another person sees none of it.
    client.post_form(
        "/tasks/filters?status=done", {"name": "Quá hạn của phòng"}, token_from="/tasks/"
    )
    assert saved_links(client.get("/tasks/").get_data(as_text=True)) == {
        "Quá hạn của phòng": "/tasks/?status=done"
    }
    [row] = db.session.scalars(select(SavedFilter)).all()
    client.logout()
    other = login_as("head_b")
    assert saved_links(other.get("/tasks/").get_data(as_text=True)) == {}
    refused = other.post_form(f"/tasks/filters/{row.id}/delete", token_from="/tasks/")
    assert refused.status_code == 404
    other.logout()
    mine = login_as("head_a")
    assert (
        mine.post_form(f"/tasks/filters/{row.id}/delete", token_from="/tasks/").status_code == 303
    )
    db.session.expire_all()
    assert db.session.scalars(select(SavedFilter)).all() == []


def test_a_filter_needs_a_name_and_nothing_is_saved_without_one(login_as, world):
    client = login_as("staff_a")
    response = client.post_form("/tasks/filters?status=done", {"name": "  "}, token_from="/tasks/")
    assert response.status_code == 422
    assert "Hãy đặt tên cho bộ lọc." in response.get_data(as_text=True)
    assert db.session.scalars(select(SavedFilter)).all() == []
