"""The unified calendar: entries from every enabled plugin, filtered by permission, on a week
view, through the API, and as a personal iCalendar feed at a secret, revocable address."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from core.calendar.weeks import Week, parse_week
from core.db import db
from core.identity.models import User
from core.testing import csrf_token

ENTRIES = """
    from datetime import UTC, datetime, timedelta

    from core import CalendarEntry


    @hookimpl
    def calendar_entries(app, start, end, user):
        monday = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)  # 08:30 in Hà Nội
        return [
            CalendarEntry("trips", "Đi công tác Đà Nẵng", monday, monday + timedelta(hours=2),
                          url="/admin/", location="Đà Nẵng"),
            CalendarEntry("trips", "Họp mật", monday + timedelta(days=2),
                          monday + timedelta(days=2, hours=1), permission="core.audit.view"),
            CalendarEntry("trips", "Naive", datetime(2026, 11, 24, 9), datetime(2026, 11, 24, 10)),
            "not an entry",
        ]
"""
BROKEN = """
    @hookimpl
    def calendar_entries(app, start, end, user):
        raise RuntimeError("the trips database is down")
"""


@pytest.fixture
def app(make_app, temp_plugin):
    temp_plugin("trips", hooks=ENTRIES)
    temp_plugin("broken", hooks=BROKEN)
    return make_app(plugins=("trips", "broken"), strict=False)


def test_weeks_are_monday_to_sunday_and_named_by_iso_number():
    week = Week.of(date(2026, 11, 27))
    assert week.monday == date(2026, 11, 23) and week.label == "48 (23/11–29/11)"
    assert Week.of(date(2027, 1, 1)).label == "53 (28/12–03/01)"
    assert parse_week("2026-W48") == parse_week("2026-11-27") == week
    assert week.following.iso == "2026-W49" and week.previous.iso == "2026-W47"


def test_a_week_out_of_range_or_malformed_is_this_week(app, agency, client, login_as):
    login_as(agency["office"], client)
    for value in ("9999-W52", "0001-W01", "2026-W99", "nonsense", "9999-12-31"):
        assert client.get(f"/admin/core_agenda/?week={value}").status_code == 200, value
        assert client.get(f"/admin/core_booking_week/?week={value}").status_code == 200, value


def test_the_week_view_shows_what_the_reader_may_see(agency, client, login_as):
    login_as(agency["office"], client)
    page = client.get("/admin/core_agenda/?week=2026-W48").get_data(as_text=True)
    assert "Đi công tác Đà Nẵng" in page and "08:30–10:30" in page and "Đà Nẵng" in page
    assert "Họp mật" not in page and "Naive" not in page  # not allowed; malformed
    administrator = login_as(agency["administrator"], client.application.test_client())
    assert "Họp mật" in administrator.get("/admin/core_agenda/?week=2026-W48").get_data(
        as_text=True
    )
    assert "Đi công tác" not in client.get("/admin/core_agenda/?week=2026-W49").get_data(
        as_text=True
    )


def test_the_api_gives_the_window_and_refuses_a_bad_one(agency, client, api_token):
    headers = {"Authorization": f"Bearer {api_token(agency['office'])}"}
    url = "/api/v1/calendar?from=2026-11-23T00:00:00%2B07:00&to=2026-11-30T00:00:00%2B07:00"
    entries = client.get(url, headers=headers).json
    assert [e["title"] for e in entries] == ["Đi công tác Đà Nẵng"]
    assert entries[0]["starts"] == "2026-11-23T01:30:00+00:00" and entries[0]["uid"]
    for bad in (
        "/api/v1/calendar?from=2026-11-23T00:00:00%2B07:00&to=2027-11-30T00:00:00%2B07:00",
        "/api/v1/calendar?from=2026-11-23T00:00:00%2B07:00&to=2026-11-22T00:00:00%2B07:00",
        "/api/v1/calendar?from=2026-11-23T00:00:00&to=2026-11-30T00:00:00",
    ):
        response = client.get(bad, headers=headers)
        assert response.status_code == 422 and response.json["error"]["fields"], bad


def test_a_personal_feed_is_secret_replaceable_and_revocable(app, agency, client, login_as):
    import time_machine

    login_as(agency["office"], client)
    token = csrf_token(client, "/admin/core_agenda/")
    page = client.post("/admin/core_agenda/feed", data={"csrf_token": token, "action": "create"})
    address = re.search(r"(http://localhost/calendar/[\w-]+\.ics)", page.get_data(as_text=True))
    path = address.group(1).removeprefix("http://localhost")
    with time_machine.travel(datetime(2026, 11, 20, tzinfo=UTC)):
        feed = client.application.test_client().get(path)  # no session: the address is the key
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    events = Calendar.from_ical(feed.data).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Đi công tác Đà Nẵng"]
    assert str(events[0]["URL"]) == "http://localhost/admin/"
    assert path not in client.get("/admin/core_agenda/").get_data(as_text=True)

    client.post("/admin/core_agenda/feed", data={"csrf_token": token, "action": "create"})
    assert client.application.test_client().get(path).status_code == 404  # replaced
    client.post("/admin/core_agenda/feed", data={"csrf_token": token, "action": "revoke"})
    with app.app_context():
        assert db.session.get(User, agency["office"]).active
    assert client.get("/calendar/" + "x" * 43 + ".ics").status_code == 404
