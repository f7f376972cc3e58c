"""The personal calendar feed: valid RFC 5545, the right deadlines, a revocable token."""

from icalendar import Calendar


def test_feed_lists_the_persons_open_deadlines(client, world):
    mine = world.task(
        unit="a", title="Hạn của tôi", due=world.days(3), assignee=world.users["staff_a"]
    )
    world.task(
        unit="a",
        title="Đã xong",
        status="done",
        due=world.days(-2),
        done=world.days(-3),
        assignee=world.users["staff_a"],
    )
    world.task(unit="b", title="Việc phòng B", due=world.days(4))
    token = world.users["staff_a"].calendar_token
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = [c for c in calendar.walk("VEVENT")]
    assert [str(e["summary"]) for e in events] == ["Hạn: Hạn của tôi"]
    event = events[0]
    assert event["dtstart"].dt == mine.due_date
    assert str(event["uid"]).startswith(f"task-{mine.id}@")
    assert f"/tasks/{mine.id}" in str(event["url"])


def test_a_head_sees_the_deadlines_of_the_unit(client, world):
    world.task(unit="a1", title="Việc của tổ A1", due=world.days(9))
    response = client.get(f"/calendar/{world.users['head_a'].calendar_token}.ics")
    calendar = Calendar.from_ical(response.data)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Hạn: Việc của tổ A1"]


def test_unknown_or_revoked_token_is_404(client, world, db):
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    user = world.users["staff_a"]
    old = user.calendar_token
    client.login("staff.a")
    client.post_form("/account/calendar", token_from="/account")
    db.session.expire_all()
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{user.calendar_token}.ics").status_code == 200


def test_deactivated_users_feed_stops(client, world, db):
    user = world.users["staff_a"]
    user.active = False
    db.session.commit()
    assert client.get(f"/calendar/{user.calendar_token}.ics").status_code == 404
