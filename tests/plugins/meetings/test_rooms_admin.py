"""The rooms' back office: the catalogue form saving a room with its resource, the list's
filters and search, booking a room (a clash refused with a clear message), the approvers'
queue with the over-capacity warning, the room calendar in a bounded number of statements,
and the door page at its secret, revocable address."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from core.booking.models import Booking, Resource
from core.db import db
from core.testing import csrf_token
from plugins.meetings.rooms import services
from plugins.meetings.rooms.models import Room
from tests.plugins.meetings import rooms_support as shared
from tests.plugins.meetings.rooms_support import MONDAY, at, user

pytestmark = pytest.mark.plugins("meetings")
rooms = shared.rooms  # a fixture


@pytest.fixture
def office(login_as, agency):
    return login_as(agency["office"])


@pytest.fixture
def staff(app, login_as, agency):
    return login_as(agency["staff_a1"], app.test_client())


def page(response) -> str:
    return response.get_data(as_text=True)


def test_the_office_adds_a_room_with_its_resource(office, app):
    token = csrf_token(office, "/admin/meetings_room/new/")
    response = office.post(
        "/admin/meetings_room/new/",
        data={
            "csrf_token": token,
            "code": "HT",
            "name": "Hội trường lớn",
            "capacity": "250",
            "building": "Nhà C",
            "layout": "theatre",
            "equipment": ["sound", "projector"],
            "active": "y",
        },
    )
    assert response.status_code == 302, page(response)
    with app.app_context():
        room = db.session.scalar(select(Room))
        assert room.resource.code == "HT" and room.resource.capacity == 250
        assert room.equipment == ["projector", "sound"] and room.layout == "theatre"


def test_a_duplicate_code_is_refused_with_a_message(office, rooms, app):
    token = csrf_token(office, "/admin/meetings_room/new/")
    response = office.post(
        "/admin/meetings_room/new/",
        data={"csrf_token": token, "code": "PH1", "name": "Trùng", "layout": "boardroom"},
    )
    assert "Code: already used by Phòng họp tầng 2." in page(response)
    with app.app_context():
        assert len(db.session.scalars(select(Resource)).all()) == 2


def test_editing_a_room_prefills_and_saves_both(office, rooms, app):
    url = f"/admin/meetings_room/edit/?id={rooms['approved']}"
    form = page(office.get(url))
    assert 'value="PH1"' in form and 'value="Nhà A"' in form
    response = office.post(
        url,
        data={
            "csrf_token": csrf_token(office, url),
            "code": "PH1",
            "name": "Phòng họp tầng 2",
            "capacity": "24",
            "building": "Nhà A",
            "layout": "u_shape",
            "equipment": ["projector"],
            "active": "y",
        },
    )
    assert response.status_code == 302, page(response)
    with app.app_context():
        room = db.session.get(Room, rooms["approved"])
        assert (room.resource.capacity, room.layout, room.equipment) == (
            24,
            "u_shape",
            ["projector"],
        )
        assert room.resource.approver_id is None  # the form's blank approver


def test_the_list_searches_ignoring_diacritics_and_filters(office, rooms):
    assert "Phòng nhỏ" not in page(office.get("/admin/meetings_room/?search=phong+hop"))
    assert "Phòng họp tầng 2" in page(office.get("/admin/meetings_room/?search=phong+hop"))
    # Flask-Admin names the filters by their order (flt<position>_<index>): seats, equipment,
    # building, active.
    seats = page(office.get("/admin/meetings_room/?flt0_0=10"))
    assert "Phòng họp tầng 2" in seats and "Phòng nhỏ" not in seats
    video = page(office.get("/admin/meetings_room/?flt1_1=video_conference"))
    assert "Phòng họp tầng 2" in video and "Phòng nhỏ" not in video
    building = page(office.get("/admin/meetings_room/?flt2_2=nha+b"))
    assert "Phòng nhỏ" in building and "Phòng họp tầng 2" not in building


def test_staff_see_the_catalogue_but_may_not_edit_it(staff, rooms):
    assert staff.get("/admin/meetings_room/").status_code == 200
    assert staff.get(f"/admin/meetings_room/edit/?id={rooms['free']}").status_code == 403


def book(client, room_id: int, start: str, end: str, purpose: str, **extra):
    url = "/admin/meetings_room_book/"
    data = {
        "csrf_token": csrf_token(client, url),
        "room": str(room_id),
        "starts_at": start,
        "ends_at": end,
        "purpose": purpose,
        **extra,
    }
    return client.post(url, data=data, follow_redirects=True)


def test_booking_a_room_and_a_clash_refused_with_a_clear_message(office, staff, rooms, app):
    done = book(office, rooms["free"], "2031-03-03T09:00", "2031-03-03T10:00", "Giao ban")
    assert "Booking confirmed: 1 date(s)." in page(done)
    refused = book(staff, rooms["free"], "2031-03-03T09:30", "2031-03-03T11:00", "Họp tổ")
    text = page(refused)
    assert "Phòng nhỏ is already booked at this time: booking #1 “Giao ban”" in text
    with app.app_context():
        assert len(db.session.scalars(select(Booking)).all()) == 1


def test_a_repeated_booking_until_a_day(office, rooms, app):
    done = book(
        office,
        rooms["free"],
        "2031-03-03T09:00",
        "2031-03-03T10:00",
        "Giao ban tuần",
        repeat="weekly",
        until="2031-03-24",
        attendees="6",
    )
    assert "Booking confirmed: 4 date(s)." in page(done)
    missing = book(
        office, rooms["free"], "2031-04-07T09:00", "2031-04-07T10:00", "Giao ban", repeat="weekly"
    )
    assert "Repeat until" in page(missing)


def test_the_queue_shows_the_over_capacity_warning_and_confirms(office, staff, rooms, app):
    requested = book(
        staff, rooms["approved"], "2031-03-03T09:00", "2031-03-03T10:00", "Hội nghị", attendees="35"
    )
    text = page(requested)
    assert "awaits the approver" in text and "Over capacity" in text
    queue = page(office.get("/admin/meetings_room_queue/"))
    assert "Hội nghị" in queue and "Over capacity: 35 attendees expected for 20 seats." in queue
    home = page(office.get("/admin/"))
    assert "Room requests awaiting you" in home and "All 1 requests awaiting you" in home
    assert "Room requests awaiting you" not in page(staff.get("/admin/"))
    with app.app_context():
        booking_id = db.session.scalar(select(Booking.id))
    confirmed = office.post(
        "/admin/meetings_room_queue/decide",
        data={
            "csrf_token": csrf_token(office, "/admin/meetings_room_queue/"),
            "id": str(booking_id),
            "decision": "confirm",
        },
        follow_redirects=True,
    )
    assert "Booking confirmed." in page(confirmed)
    with app.app_context():
        assert db.session.get(Booking, booking_id).status == "confirmed"


def test_a_clashing_approval_is_refused_in_the_queue_with_the_message(office, staff, rooms, app):
    book(office, rooms["approved"], "2031-03-03T09:00", "2031-03-03T10:00", "Giao ban", confirm="y")
    book(staff, rooms["approved"], "2031-03-03T09:30", "2031-03-03T10:30", "Họp tổ")
    with app.app_context():
        late = db.session.scalar(select(Booking.id).where(Booking.status == "requested"))
    refused = office.post(
        "/admin/meetings_room_queue/decide",
        data={
            "csrf_token": csrf_token(office, "/admin/meetings_room_queue/"),
            "id": str(late),
            "decision": "confirm",
        },
        follow_redirects=True,
    )
    assert "is already booked at this time: booking #1 “Giao ban”" in page(refused)


def test_the_room_calendar_costs_the_same_statements_for_few_or_many_rooms(
    office, rooms, app, agency, query_counter
):
    def statements(url: str) -> int:
        with query_counter() as queries:
            response = office.get(url)
        assert response.status_code == 200
        return queries.count

    with app.test_request_context():
        office_user = user(agency, "office")
        for i in range(3):
            room = db.session.get(Room, rooms["free"])
            services.book_room(db.session, room, at(2 + i), at(2.5 + i), f"Họp {i}", office_user)
        db.session.commit()
    week_url = "/admin/meetings_room_calendar/?view=week&week=2031-W10"
    day_url = "/admin/meetings_room_calendar/?day=2031-03-03"
    few = (statements(week_url), statements(day_url))
    with app.test_request_context():
        office_user = user(agency, "office")
        for i in range(12):
            more = services.create_room(db.session, code=f"R{i}", name=f"Phòng {i}", capacity=10)
            for day in range(7):
                services.book_room(
                    db.session, more, at(3, day), at(4, day), f"Họp {i}", office_user
                )
        db.session.commit()
    many = (statements(week_url), statements(day_url))
    assert few == many
    assert many[0] <= 5  # the user and session, the rooms, the bookings
    week = page(office.get(week_url))
    assert "Họp 0" in week and "Phòng 11" in week
    day = page(office.get(day_url))
    assert "Họp 2" in day and "left:" in day


def test_the_door_page_by_token_and_revoked_token_404(office, rooms, app, agency, client):
    with app.test_request_context():
        room = db.session.get(Room, rooms["free"])
        services.book_room(db.session, room, at(2.5), at(4), "Họp mật", user(agency, "office"))
        services.book_room(db.session, room, at(2.5, day=1), at(4, day=1), "Mai", None)
        db.session.commit()
    details = f"/admin/meetings_room/details/?id={rooms['free']}"

    def door(action: str):
        return office.post(
            "/admin/meetings_room/door/",
            data={"csrf_token": csrf_token(office, details), "id": rooms["free"], "door": action},
            follow_redirects=True,
        )

    issued = page(door("issue"))
    address = re.search(r"http://localhost(/meetings/rooms/door/[\w-]{43})", issued)
    assert address, issued
    path = address.group(1)
    with time_machine.travel(MONDAY + timedelta(hours=3), tick=False):  # 10:00 in Hà Nội
        shown = client.get(path)
        text = page(shown)
        assert shown.status_code == 200
        assert "Phòng nhỏ" in text and "09:30–11:00" in text and "In use" in text
        assert "Họp mật" not in text and "Mai" not in text  # no purposes; today only
        assert 'http-equiv="refresh"' in text
        with app.app_context():
            services.update_room(
                db.session, db.session.get(Room, rooms["free"]), door_shows_purpose=True
            )
            db.session.commit()
        assert "Họp mật" in page(client.get(path))
    door("issue")
    assert client.get(path).status_code == 404  # a new address stops the old one
    door("revoke")
    with app.app_context():
        assert db.session.get(Room, rooms["free"]).door_token_hash is None
    assert client.get("/meetings/rooms/door/" + "x" * 43).status_code == 404
