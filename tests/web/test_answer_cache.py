"""Kept answers are never stale: every write changes the data's token, reads do not.

The cache (tracker/answer_cache.py) keeps lists, counts and API pages per data version;
these tests change the data every way the application does and check that the next
answer sees the change, and that people who see different units never share an answer.
"""

from __future__ import annotations

import pytest
from api_support import api_factory
from sqlalchemy import select, text, update

from tracker.common.answer_cache import rows_of, statement_key
from tracker.common.freshness import current_token
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models import DataVersion, Task


@pytest.fixture
def api_as(client, world):
    return api_factory(client, world)


def token() -> str | None:
    db.session.rollback()  # a new transaction sees the latest commit
    return current_token(db.session)


def titles(response) -> list[str]:
    assert response.status_code == 200, response.get_json()
    return [item["title"] for item in response.get_json()["items"]]


def test_an_api_update_is_seen_by_the_next_list(world, api_as):
    task = world.task(title="Trước", due=world.days(5))
    db.session.commit()
    director = api_as("director")
    assert titles(director.get("/tasks")) == ["Trước"]
    assert titles(director.get("/tasks")) == ["Trước"]  # served again, unchanged
    version = director.get(f"/tasks/{task.id}").get_json()["version"]
    changed = director.patch(f"/tasks/{task.id}", json={"title": "Sau", "version": version})
    assert changed.status_code == 200, changed.get_json()
    assert titles(director.get("/tasks")) == ["Sau"]


def test_counts_and_lists_follow_a_status_change(world, api_as):
    task = world.task(title="Quá hạn", due=world.days(-3))
    director = api_as("director")
    assert titles(director.get("/tasks?timeliness=overdue")) == ["Quá hạn"]
    db.session.get(Task, task.id).status = Status.CANCELLED
    db.session.commit()
    assert titles(director.get("/tasks?timeliness=overdue")) == []
    assert titles(director.get("/tasks?status=cancelled")) == ["Quá hạn"]


def test_reads_keep_the_token_and_writes_change_it(world, api_as):
    world.task(title="Một", due=world.days(5))
    viewer = api_as("viewer")  # (issuing the bearer token is itself a write)
    viewer.get("/tasks")  # (and so is the token's first use: its last_used_at)
    first = token()
    assert viewer.get("/tasks").status_code == 200
    assert token() == first, "a read changed the token"
    world.task(title="Hai")
    second = token()
    assert second not in (None, first)
    # A bulk statement through the session is a write too, and so is plain SQL.
    db.session.execute(update(Task).values(progress=10))
    db.session.commit()
    third = token()
    assert third not in (None, second)
    db.session.execute(text("UPDATE task SET progress = 20"))
    db.session.commit()
    assert token() != third


def test_a_rolled_back_write_keeps_the_token(world):
    world.task(title="Giữ")
    before = token()
    db.session.execute(update(Task).values(title="Bỏ"))
    db.session.rollback()
    assert token() == before
    assert db.session.scalar(select(Task.title)) == "Giữ"


def test_savepoints_keep_the_mark_until_the_real_commit(world):
    """A write before a savepoint, a savepoint released inside another rolled back: the
    first write still changes the token when the transaction commits."""
    task = world.task(title="Trước")
    before = token()
    task.title = "Sau"
    db.session.flush()
    outer = db.session.begin_nested()
    with db.session.begin_nested():
        task.progress = 40
    outer.rollback()
    db.session.commit()
    assert token() != before
    assert db.session.scalar(select(Task.title)) == "Sau"


def test_a_transaction_rolled_back_whole_leaves_no_mark(world):
    world.task(title="Giữ")
    before = token()
    db.session.execute(update(Task).values(title="Bỏ"))
    db.session.rollback()
    db.session.commit()  # an empty transaction: nothing of the rolled back one is left
    assert token() == before


def test_people_who_see_different_units_never_share_an_answer(world, api_as):
    world.task(unit="a", title="Việc của A")
    world.task(unit="b", title="Việc của B")
    db.session.commit()
    assert titles(api_as("head_a").get("/tasks")) == ["Việc của A"]
    assert titles(api_as("head_b").get("/tasks")) == ["Việc của B"]
    assert titles(api_as("head_a").get("/tasks")) == ["Việc của A"]


def test_statements_share_a_key_only_with_the_same_values(world):
    one = select(Task.id).where(Task.lead_unit_id == world.units["a"].id)
    same = select(Task.id).where(Task.lead_unit_id == world.units["a"].id)
    other = select(Task.id).where(Task.lead_unit_id == world.units["b"].id)
    listed = select(Task.id).where(Task.lead_unit_id.in_([1, 2]))
    assert statement_key(one) == statement_key(same)
    assert statement_key(one) != statement_key(other)
    assert statement_key(listed) != statement_key(select(Task.id).where(Task.lead_unit_id.in_([1])))


def test_without_its_row_the_token_is_recreated_and_nothing_is_kept(world):
    db.session.execute(DataVersion.__table__.delete())
    db.session.commit()  # the delete is a write: the commit gives a new row
    assert token() is not None
    db.session.execute(DataVersion.__table__.delete())
    db.session.info.pop("data_token", None)  # read it again within this transaction
    assert current_token(db.session) is None
    stmt = select(Task.title)
    assert rows_of(stmt) == []  # computed, not kept: there is no version to keep it under
    db.session.rollback()


def test_a_transaction_that_wrote_reads_its_own_changes(world, app):
    from tracker.org.settings import get_settings, set_setting

    with app.test_request_context():
        assert get_settings()["org_place"] == ""  # kept now, at this token
        set_setting("org_place", "Hà Giang")
        assert get_settings()["org_place"] == "Hà Giang"  # pending: not the kept answer
        db.session.flush()
        assert get_settings()["org_place"] == "Hà Giang"  # flushed, not yet committed
        db.session.commit()
        assert get_settings()["org_place"] == "Hà Giang"


def test_the_overview_unit_table_follows_a_new_task(world, login_as):
    import lxml.html

    def overdue_in_unit_table(client) -> list[str]:
        doc = lxml.html.fromstring(client.get("/overview").get_data(as_text=True))
        return [a.text_content().strip() for a in doc.xpath("//a[@data-kind='col-overdue']")]

    world.task(title="Quá hạn một", due=world.days(-2))
    client = login_as("director")
    before = overdue_in_unit_table(client)
    assert before == overdue_in_unit_table(client)  # the kept section, unchanged
    world.task(title="Quá hạn hai", due=world.days(-4))
    after = overdue_in_unit_table(client)
    assert after != before
    assert max(int(x) for x in after if x.isdigit()) == 2
