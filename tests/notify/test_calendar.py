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


def test_the_feed_address_is_the_one_the_site_is_served_at(app, login_as, world):
    """Without TRACKER_BASE_URL the account page and the feed use the request's own address,
    not the development server's (issue 16)."""
    client = login_as("staff_a")
    page = client.get("/account").get_data(True)  # the test client's host is "localhost"
    token = world.users["staff_a"].calendar_token
    assert f'value="http://localhost/calendar/{token}.ics"' in page
    assert "127.0.0.1:5000" not in page
    mine = world.task(unit="a", due=world.days(3), assignee=world.users["staff_a"])
    event = next(iter(Calendar.from_ical(client.get(f"/calendar/{token}.ics").data).walk("VEVENT")))
    assert str(event["url"]) == f"http://localhost/tasks/{mine.id}"
    assert str(event["uid"]) == f"task-{mine.id}@localhost"


def test_the_site_address_follows_the_request_or_the_setting(app):
    from tracker.common.site import DEVELOPMENT_URL, site_url

    with app.test_request_context("/", base_url="https://tracker.sotttt.example"):
        assert site_url() == "https://tracker.sotttt.example"
    with app.app_context():
        assert site_url() == DEVELOPMENT_URL  # a command run by cron, nothing configured
    app.config["BASE_URL"] = "https://theodoi.example.gov.vn/"
    try:
        with app.test_request_context("/", base_url="http://10.0.0.5:8000"):
            assert site_url() == "https://theodoi.example.gov.vn"
    finally:
        app.config["BASE_URL"] = None


def test_a_configured_base_url_wins_on_the_account_page(app, login_as, world):
    app.config["BASE_URL"] = "https://theodoi.example.gov.vn/"
    try:
        page = login_as("staff_a").get("/account").get_data(True)
        token = world.users["staff_a"].calendar_token
        assert f"https://theodoi.example.gov.vn/calendar/{token}.ics" in page
    finally:
        app.config["BASE_URL"] = None
