"""The rooms' REST API: the catalogue (CRUD keeping the core resource in step, filters,
search ignoring diacritics, the record rule), a room's bookings in a window, and booking a
room — a double booking answers 409 naming the clash and stores nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.booking.models import Booking, Resource
from core.db import db
from plugins.meetings.rooms.models import Room
from tests.plugins.meetings import rooms_support as shared
from tests.plugins.meetings.rooms_support import at

pytestmark = pytest.mark.plugins("meetings")
rooms = shared.rooms  # a fixture
BASE = "/api/v1/meetings/rooms"


@pytest.fixture
def call(client, api_token, agency):
    """call(method, url, who="office", **kwargs) → the response, with that user's token."""

    def send(method: str, url: str, who: str = "office", **kwargs):
        headers = {"Authorization": f"Bearer {api_token(agency[who])}"}
        return client.open(url, method=method, headers=headers, **kwargs)

    return send


def test_the_office_creates_a_room_and_its_core_resource(call, app):
    response = call(
        "POST",
        BASE,
        json={
            "code": "HT",
            "name": "Hội trường lớn",
            "capacity": 250,
            "building": "Nhà C",
            "layout": "theatre",
            "equipment": ["sound", "projector"],
        },
    )
    assert response.status_code == 201, response.json
    body = response.json
    assert body["equipment"] == ["projector", "sound"]
    assert (body["name"], body["capacity"], body["active"]) == ("Hội trường lớn", 250, True)
    with app.app_context():
        resource = db.session.get(Resource, body["resource_id"])
        assert (resource.kind, resource.code, resource.capacity) == ("room", "HT", 250)


def test_patching_a_room_changes_its_resource_with_the_version(call, rooms, app):
    url = f"{BASE}/{rooms['free']}"
    version = call("GET", url).json["version"]
    response = call(
        "PATCH", url, json={"name": "Phòng họp nhỏ", "capacity": 10, "version": version}
    )
    assert response.status_code == 200, response.json
    stale = call("PATCH", url, json={"capacity": 12, "version": version})
    assert stale.status_code == 409
    with app.app_context():
        room = db.session.get(Room, rooms["free"])
        assert (room.resource.name, room.resource.capacity) == ("Phòng họp nhỏ", 10)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Phòng"}, "code"),
        ({"code": "X", "name": "Phòng", "capacity": -1}, "capacity"),
        ({"code": "X", "name": "Phòng", "equipment": ["jacuzzi"]}, "equipment.0"),
        ({"code": "X", "name": "Phòng", "photo_url": "javascript:alert(1)"}, "photo_url"),
        ({"code": "PH1", "name": "Trùng mã"}, "code"),
        ({"code": "X", "name": "Phòng", "approver_id": 99999}, "approver_id"),
    ],
)
def test_a_bad_room_is_refused_naming_the_field(call, rooms, app, body, field):
    response = call("POST", BASE, json=body)
    assert response.status_code == 422, response.json
    assert field in response.json["error"]["fields"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Resource)) == 2


def test_the_list_filters_and_searches_ignoring_diacritics(call, rooms):
    def names(query: str) -> list[str]:
        response = call("GET", f"{BASE}?{query}", who="staff_a1")
        assert response.status_code == 200, response.json
        return [item["name"] for item in response.json["items"]]

    assert names("") == ["Phòng họp tầng 2", "Phòng nhỏ"]
    assert names("q=phong%20hop") == ["Phòng họp tầng 2"]
    assert names("min_capacity=10") == ["Phòng họp tầng 2"]
    assert names("equipment=projector&equipment=video_conference") == ["Phòng họp tầng 2"]
    assert names("equipment=sound") == []
    assert names("building=nha%20b") == ["Phòng nhỏ"]
    assert names("sort=-capacity") == ["Phòng họp tầng 2", "Phòng nhỏ"]
    assert names("sort=capacity") == ["Phòng nhỏ", "Phòng họp tầng 2"]


def test_staff_see_rooms_but_do_not_change_them(call, rooms):
    assert call("GET", f"{BASE}/{rooms['approved']}", who="staff_a1").status_code == 200
    response = call("PATCH", f"{BASE}/{rooms['approved']}", who="staff_a1", json={"version": 1})
    assert response.status_code == 403


def test_a_room_never_booked_is_deleted_a_booked_one_is_not(call, rooms, app):
    booked = call(
        "POST",
        f"{BASE}/{rooms['approved']}/bookings",
        json={"starts_at": at(2).isoformat(), "ends_at": at(3).isoformat(), "purpose": "Họp"},
    )
    assert booked.status_code == 201
    refused = call("DELETE", f"{BASE}/{rooms['approved']}")
    assert refused.status_code == 422
    assert "inactive" in refused.json["error"]["message"]
    assert call("DELETE", f"{BASE}/{rooms['free']}").status_code == 204
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Resource)) == 1


def test_booking_a_room_with_attendees_over_capacity_answers_a_warning(call, rooms):
    response = call(
        "POST",
        f"{BASE}/{rooms['approved']}/bookings",
        who="staff_a1",
        json={
            "starts_at": "2031-03-03T09:00:00+07:00",
            "ends_at": "2031-03-03T10:00:00+07:00",
            "purpose": "Hội nghị",
            "attendees": 35,
        },
    )
    assert response.status_code == 201, response.json
    body = response.json
    assert body["items"][0]["status"] == "requested"
    assert body["items"][0]["attendees"] == 35
    assert body["warnings"] == ["Over capacity: 35 attendees expected for 20 seats."]


def test_a_double_booking_answers_409_naming_the_clash_and_stores_nothing(call, rooms, app):
    url = f"{BASE}/{rooms['free']}/bookings"
    first = call(
        "POST",
        url,
        json={"starts_at": at(2).isoformat(), "ends_at": at(3).isoformat(), "purpose": "Giao ban"},
    )
    assert first.status_code == 201
    winner = first.json["items"][0]
    clash = call(
        "POST",
        url,
        who="staff_a1",
        json={
            "starts_at": at(2.5).isoformat(),
            "ends_at": at(4).isoformat(),
            "purpose": "Họp tổ",
            "attendees": 5,
        },
    )
    assert clash.status_code == 409, clash.json
    error = clash.json["error"]
    assert error["code"] == "conflict"
    assert f"#{winner['id']}" in error["message"] and "Giao ban" in error["message"]
    assert any(f"#{winner['id']}" in line for line in error["fields"]["starts_at"])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Booking)) == 1


def test_a_recurring_booking_clash_lists_every_clashing_date(call, rooms):
    url = f"{BASE}/{rooms['free']}/bookings"
    for week in (1, 3):
        call(
            "POST",
            url,
            json={
                "starts_at": at(2, day=7 * week).isoformat(),
                "ends_at": at(3, day=7 * week).isoformat(),
                "purpose": "Hội nghị",
            },
        )
    response = call(
        "POST",
        url,
        json={
            "starts_at": at(2).isoformat(),
            "ends_at": at(3).isoformat(),
            "purpose": "Giao ban",
            "rrule": "FREQ=WEEKLY;COUNT=5",
        },
    )
    assert response.status_code == 409
    assert len(response.json["error"]["fields"]["rrule"]) == 2
    made = call(
        "POST",
        url,
        json={
            "starts_at": at(4).isoformat(),
            "ends_at": at(5).isoformat(),
            "purpose": "Giao ban",
            "rrule": "FREQ=WEEKLY;COUNT=5",
            "attendees": 8,
        },
    )
    assert made.status_code == 201
    assert len(made.json["items"]) == 5 and made.json["series_id"]
    assert made.json["warnings"] == []


def test_only_a_decider_may_confirm_at_once(call, rooms):
    response = call(
        "POST",
        f"{BASE}/{rooms['approved']}/bookings",
        who="staff_a1",
        json={
            "starts_at": at(2).isoformat(),
            "ends_at": at(3).isoformat(),
            "purpose": "Họp",
            "confirm": True,
        },
    )
    assert response.status_code == 403


def test_bad_booking_input_names_the_field(call, rooms):
    url = f"{BASE}/{rooms['free']}/bookings"
    ends_first = call(
        "POST",
        url,
        json={"starts_at": at(3).isoformat(), "ends_at": at(2).isoformat(), "purpose": "Họp"},
    )
    assert ends_first.status_code == 422
    assert "ends_at" in ends_first.json["error"]["fields"]
    no_offset = call(
        "POST",
        url,
        json={"starts_at": "2031-03-03T09:00:00", "ends_at": at(2).isoformat(), "purpose": "Họp"},
    )
    assert no_offset.status_code == 422
    assert "starts_at" in no_offset.json["error"]["fields"]
    zero = call(
        "POST",
        url,
        json={
            "starts_at": at(2).isoformat(),
            "ends_at": at(3).isoformat(),
            "purpose": "Họp",
            "attendees": 0,
        },
    )
    assert zero.status_code == 422
    assert "attendees" in zero.json["error"]["fields"]
    assert call("POST", f"{BASE}/999/bookings", json={}).status_code in (404, 422)


def test_the_bookings_of_a_room_in_a_window(call, rooms):
    url = f"{BASE}/{rooms['approved']}/bookings"
    call(
        "POST",
        url,
        who="staff_a1",
        json={
            "starts_at": at(2).isoformat(),
            "ends_at": at(3).isoformat(),
            "purpose": "Họp",
            "attendees": 25,
        },
    )
    window = f"from={at(0).isoformat()}&to={at(24).isoformat()}".replace("+", "%2B")
    response = call("GET", f"{url}?{window}", who="staff_a1")
    assert response.status_code == 200, response.json
    (item,) = response.json["items"]
    assert (item["purpose"], item["status"], item["attendees"]) == ("Họp", "requested", 25)
    assert item["warning"].startswith("Over capacity")
    confirmed = call("GET", f"{url}?{window}&status=confirmed", who="staff_a1")
    assert confirmed.json["items"] == []
    too_long = f"from={at(0).isoformat()}&to={at(0, day=40).isoformat()}".replace("+", "%2B")
    assert call("GET", f"{url}?{too_long}").status_code == 422
