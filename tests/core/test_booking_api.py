"""Bookings through the REST API and the back office, and the demo data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.booking.models import Booking, Resource
from core.db import db
from tests.core import test_booking as shared
from tests.core.test_booking import at, overlapping_confirmed

rooms = shared.rooms  # a fixture


def iso(value: datetime) -> str:
    return value.isoformat()


@pytest.fixture
def call(client, agency, api_token):
    """``call(role, method, url, json=None, headers=None)`` with that role's bearer token."""
    tokens: dict[str, str] = {}

    def send(role: str, method: str, url: str, **kwargs):
        if role not in tokens:
            tokens[role] = api_token(agency[role])
        headers = {"Authorization": f"Bearer {tokens[role]}", **kwargs.pop("headers", {})}
        return client.open(url, method=method, headers=headers, **kwargs)

    return send


def stored(app, **where) -> int:
    with app.app_context():
        query = select(func.count()).select_from(Booking)
        for key, value in where.items():
            query = query.where(getattr(Booking, key) == value)
        return int(db.session.scalar(query))


def body(room: int, start: datetime, end: datetime, **extra) -> dict:
    return {
        "resource_id": room,
        "starts_at": iso(start),
        "ends_at": iso(end),
        "purpose": "Họp",
    } | extra


def test_request_then_confirm_over_the_api(app, call, agency, rooms):
    created = call(
        "staff_a1", "POST", "/api/v1/bookings", json=body(rooms["approved"], at(9), at(10))
    )
    assert created.status_code == 201, created.json
    booking = created.json
    assert booking["status"] == "requested" and booking["booked_by_id"] == agency["staff_a1"]
    assert created.headers["Location"].endswith(f"/api/v1/bookings/{booking['id']}")
    assert created.headers["ETag"] == '"1"'
    url = f"/api/v1/bookings/{booking['id']}"

    refused = call("staff_a1", "POST", f"{url}/confirm", json={"version": 1})
    assert refused.status_code == 403 and refused.json["error"]["code"] == "forbidden"
    assert call("office", "POST", f"{url}/confirm", json={}).status_code == 422  # no version
    stale = call("office", "POST", f"{url}/confirm", json={"version": 7})
    assert stale.status_code == 409 and stale.json["error"]["code"] == "stale"
    confirmed = call("office", "POST", f"{url}/confirm", headers={"If-Match": '"1"'}, json={})
    assert confirmed.status_code == 200, confirmed.json
    assert confirmed.json["status"] == "confirmed" and confirmed.json["version"] == 2
    assert call("office", "GET", url).json["decided_by_id"] == agency["office"]


def test_a_clash_answers_409_naming_the_booking(app, call, rooms):
    first = call(
        "office",
        "POST",
        "/api/v1/bookings",
        json=body(rooms["free"], at(9), at(10), purpose="Giao ban"),
    )
    assert first.json["status"] == "confirmed"
    clash = call("staff_a1", "POST", "/api/v1/bookings", json=body(rooms["free"], at(9.5), at(11)))
    assert clash.status_code == 409
    error = clash.json["error"]
    assert error["code"] == "conflict"
    assert f"#{first.json['id']}" in error["message"] and "Giao ban" in error["message"]
    assert f"#{first.json['id']}" in error["fields"]["starts_at"][0]
    touching = call(
        "staff_a1", "POST", "/api/v1/bookings", json=body(rooms["free"], at(10), at(11))
    )
    assert touching.status_code == 201
    assert stored(app) == 2


def test_confirm_true_is_for_deciders_only(app, call, rooms):
    refused = call(
        "head_a",
        "POST",
        "/api/v1/bookings",
        json=body(rooms["approved"], at(9), at(10), confirm=True),
    )
    assert refused.status_code == 403
    assert "approver" in refused.json["error"]["message"]
    done = call(
        "office",
        "POST",
        "/api/v1/bookings",
        json=body(rooms["approved"], at(9), at(10), confirm=True),
    )
    assert done.status_code == 201 and done.json["status"] == "confirmed"
    assert stored(app) == 1


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"starts_at": iso(at(10)), "ends_at": iso(at(9))}, "ends_at", "after the start"),
        ({"starts_at": iso(at(9)), "ends_at": iso(at(9))}, "ends_at", "zero minutes"),
        ({"ends_at": iso(at(9) + timedelta(days=3652))}, "ends_at", "at most 31 days"),
        ({"resource_id": "closed"}, "resource_id", "inactive"),
        ({"resource_id": 999_999}, "resource_id", "does not exist"),
        ({"starts_at": "2031-03-03T09:00:00"}, "starts_at", ""),
        ({"purpose": ""}, "purpose", ""),
    ],
)
def test_bad_input_is_refused_naming_the_field(app, call, rooms, change, field, words):
    if change.get("resource_id") == "closed":
        change = {"resource_id": rooms["closed"]}
    sent = body(rooms["free"], at(9), at(10)) | change
    refused = call("office", "POST", "/api/v1/bookings", json=sent)
    assert refused.status_code == 422, refused.json
    assert field in refused.json["error"]["fields"]
    assert words in refused.json["error"]["fields"][field][0]
    assert stored(app) == 0


def test_move_cancel_and_reject_over_the_api(app, call, agency, rooms):
    mine = call(
        "staff_a1", "POST", "/api/v1/bookings", json=body(rooms["approved"], at(9), at(10))
    ).json
    url = f"/api/v1/bookings/{mine['id']}"
    assert call("head_b", "PATCH", url, json={"version": 1, "purpose": "x"}).status_code == 403
    assert call("staff_a1", "PATCH", url, json={"ends_at": iso(at(11))}).status_code == 422
    moved = call(
        "staff_a1", "PATCH", url, json={"version": 1, "ends_at": iso(at(11)), "purpose": "Họp dài"}
    )
    assert moved.status_code == 200, moved.json
    assert (
        moved.json["ends_at"] == "2031-03-03T11:00:00+00:00" and moved.json["purpose"] == "Họp dài"
    )
    rejected = call(
        "office", "POST", f"{url}/reject", json={"version": moved.json["version"], "reason": "Bận"}
    )
    assert rejected.json["status"] == "rejected" and rejected.json["reason"] == "Bận"
    again = call("staff_a1", "POST", f"{url}/cancel", json={"version": rejected.json["version"]})
    assert again.status_code == 422 and "status" in again.json["error"]["fields"]

    other = call(
        "staff_a1", "POST", "/api/v1/bookings", json=body(rooms["approved"], at(12), at(13))
    ).json
    cancelled = call(
        "staff_a1", "POST", f"/api/v1/bookings/{other['id']}/cancel", json={"version": 1}
    )
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled"


def test_moving_onto_a_confirmed_booking_answers_409(app, call, rooms):
    first = call(
        "office",
        "POST",
        "/api/v1/bookings",
        json=body(rooms["free"], at(9), at(10), purpose="Sáng"),
    ).json
    second = call(
        "office", "POST", "/api/v1/bookings", json=body(rooms["free"], at(11), at(12))
    ).json
    moved = call(
        "office",
        "PATCH",
        f"/api/v1/bookings/{second['id']}",
        json={"version": 1, "starts_at": iso(at(9.5)), "ends_at": iso(at(10.5))},
    )
    assert moved.status_code == 409 and f"#{first['id']}" in moved.json["error"]["message"]
    assert (
        call("office", "GET", f"/api/v1/bookings/{second['id']}")
        .json["starts_at"]
        .startswith("2031-03-03T11:00")
    )


def test_series_over_the_api(app, call, rooms):
    start = datetime(2031, 3, 3, 2, 0, tzinfo=UTC)
    made = call(
        "office",
        "POST",
        "/api/v1/bookings/series",
        json=body(rooms["free"], start, start + timedelta(hours=1), rrule="FREQ=WEEKLY;COUNT=3"),
    )
    assert made.status_code == 201, made.json
    assert len(made.json["items"]) == 3 and made.json["series_id"]
    clash = call(
        "office",
        "POST",
        "/api/v1/bookings/series",
        json=body(
            rooms["free"],
            start - timedelta(days=7),
            start + timedelta(hours=1) - timedelta(days=7),
            rrule="FREQ=WEEKLY;COUNT=5",
        ),
    )
    assert clash.status_code == 409
    lines = clash.json["error"]["fields"]["rrule"]
    assert len(lines) == 3 and all("#" in line for line in lines)
    assert "3 of the 5 dates" in clash.json["error"]["message"]
    bad = call(
        "office",
        "POST",
        "/api/v1/bookings/series",
        json=body(rooms["free"], start, start + timedelta(hours=1), rrule="FREQ=SECONDLY;COUNT=2"),
    )
    assert bad.status_code == 422 and "rrule" in bad.json["error"]["fields"]
    assert stored(app) == 3
    listed = call("staff_a1", "GET", f"/api/v1/bookings?series={made.json['series_id']}").json
    assert listed["total"] == 3


def test_list_filters(app, call, agency, rooms):
    call("staff_a1", "POST", "/api/v1/bookings", json=body(rooms["approved"], at(9), at(10)))
    call("staff_a1", "POST", "/api/v1/bookings", json=body(rooms["free"], at(9), at(10)))
    call("staff_a1", "POST", "/api/v1/bookings", json=body(rooms["free"], at(9, 1), at(10, 1)))

    def total(role: str, query: str) -> int:
        answer = call(role, "GET", f"/api/v1/bookings?{query}")
        assert answer.status_code == 200, answer.json
        return answer.json["total"]

    assert total("head_b", "") == 3
    assert total("head_b", f"resource={rooms['free']}") == 2
    assert total("head_b", "status=requested") == 1
    assert total("head_b", f"from={iso(at(12))}".replace("+", "%2B")) == 1
    assert total("head_b", f"to={iso(at(9.5))}".replace("+", "%2B")) == 2
    assert total("office", "awaiting_me=true") == 1
    assert total("head_a", "awaiting_me=true") == 0
    assert call("head_b", "GET", "/api/v1/bookings?status=lost").status_code == 422


def test_availability(app, call, rooms, query_counter):
    call("office", "POST", "/api/v1/bookings", json=body(rooms["free"], at(9), at(10)))
    query = (
        f"from={iso(at(8))}&to={iso(at(12))}&resource={rooms['free']}&resource={rooms['approved']}"
    )
    call("staff_a1", "GET", "/api/v1/me")  # the token is made, and its first use noted
    with query_counter() as queries:
        answer = call("staff_a1", "GET", "/api/v1/availability?" + query.replace("+", "%2B"))
    assert answer.status_code == 200, answer.json
    assert queries.count == 3  # the caller, the resources, their bookings
    by_room = {r["resource_id"]: r["free"] for r in answer.json["resources"]}
    assert by_room[rooms["free"]] == [
        {"starts_at": "2031-03-03T08:00:00+00:00", "ends_at": "2031-03-03T09:00:00+00:00"},
        {"starts_at": "2031-03-03T10:00:00+00:00", "ends_at": "2031-03-03T12:00:00+00:00"},
    ]
    assert len(by_room[rooms["approved"]]) == 1
    default = call("staff_a1", "GET", "/api/v1/availability").json
    assert {r["resource_id"] for r in default["resources"]} == {rooms["free"], rooms["approved"]}
    too_long = call(
        "staff_a1",
        "GET",
        f"/api/v1/availability?to={iso(datetime.now(UTC) + timedelta(days=90))}".replace(
            "+", "%2B"
        ),
    )
    assert too_long.status_code == 422 and "to" in too_long.json["error"]["fields"]


def test_resources_over_the_api(app, call, agency):
    made = call(
        "office",
        "POST",
        "/api/v1/resources",
        json={"code": "XE1", "name": "Xe 7 chỗ", "kind": "vehicle", "capacity": 7},
    )
    assert made.status_code == 201, made.json
    assert (
        call("staff_a1", "POST", "/api/v1/resources", json={"code": "X", "name": "X"}).status_code
        == 403
    )
    duplicate = call("office", "POST", "/api/v1/resources", json={"code": "XE1", "name": "Trùng"})
    assert duplicate.status_code == 409 and "code" in duplicate.json["error"]["fields"]
    person = call(
        "office",
        "POST",
        "/api/v1/resources",
        json={"code": "GD", "name": "Giám đốc", "kind": "person"},
    )
    assert person.status_code == 422 and "user_id" in person.json["error"]["fields"]
    url = f"/api/v1/resources/{made.json['id']}"
    changed = call("office", "PATCH", url, json={"version": 1, "active": False})
    assert changed.status_code == 200 and changed.json["active"] is False
    listed = call("staff_a1", "GET", "/api/v1/resources?kind=vehicle").json
    assert [r["code"] for r in listed["items"]] == ["XE1"]


# -- back office --------------------------------------------------------------------------


def test_back_office_pages(app, agency, rooms, login_as, query_counter):
    from core.testing import csrf_token

    staff = login_as(agency["staff_a1"], app.test_client())
    token = csrf_token(staff, "/admin/core_booking/new/")
    made = staff.post(
        "/admin/core_booking/new/",
        data={
            "csrf_token": token,
            "resource": str(rooms["approved"]),
            "starts_at": "2031-03-03T09:00",  # the agency's local time
            "ends_at": "2031-03-03T10:00",
            "purpose": "Họp tổ",
        },
    )
    assert made.status_code == 302, made.get_data(as_text=True)
    with app.app_context():
        booking = db.session.scalars(select(Booking)).one()
        assert booking.starts_at == datetime(2031, 3, 3, 2, 0, tzinfo=UTC)
        booking_id = booking.id
    refused = staff.post(
        "/admin/core_booking/new/",
        data={
            "csrf_token": token,
            "resource": str(rooms["approved"]),
            "starts_at": "2031-03-03T10:00",
            "ends_at": "2031-03-03T09:00",
            "purpose": "Ngược",
        },
    )
    assert "must come after the start" in refused.get_data(as_text=True)

    office = login_as(agency["office"], app.test_client())
    queue = office.get("/admin/core_booking_queue/").get_data(as_text=True)
    assert f'data-booking="{booking_id}"' in queue
    decided = office.post(
        "/admin/core_booking_queue/decide",
        data={
            "csrf_token": csrf_token(office, "/admin/core_booking_queue/"),
            "id": booking_id,
            "decision": "confirm",
        },
    )
    assert decided.status_code == 303
    with app.app_context():
        assert db.session.get(Booking, booking_id).status == "confirmed"

    with app.test_request_context():
        from core.booking import services
        from core.identity.models import User

        for i, name in enumerate(("head_a", "head_b", "administrator")):
            services.request_booking(
                db.session,
                db.session.get(Resource, rooms["free"]),
                at(9 + i),
                at(10 + i),
                f"Họp {i}",
                by=db.session.get(User, agency[name]),
            )
        db.session.commit()
    week = office.get(f"/admin/core_booking_week/?resource={rooms['approved']}&week=2031-03-05")
    assert "Họp tổ" in week.get_data(as_text=True)
    with query_counter() as queries:
        assert office.get("/admin/core_booking/?page_size=100").status_code == 200
    assert queries.count <= 3
    assert "Họp tổ" in office.get("/admin/core_booking/").get_data(as_text=True)

    action = staff.post(
        "/admin/core_booking/action/",
        data={"csrf_token": token, "action": "cancel", "rowid": [str(booking_id)]},
    )
    assert action.status_code == 302
    with app.app_context():
        assert db.session.get(Booking, booking_id).status == "cancelled"


def test_the_resource_form_applies_the_rules(app, agency, admin_client):
    from core.testing import csrf_token

    token = csrf_token(admin_client, "/admin/core_resource/new/")
    page = admin_client.post(
        "/admin/core_resource/new/",
        data={"csrf_token": token, "code": "GD", "name": "Giám đốc", "kind": "person"},
    ).get_data(as_text=True)
    assert "names the person" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Resource)) == 0


def test_demo_data(app, run_cli):
    for _ in range(2):  # loading twice changes nothing
        result = run_cli("demo")
        assert result.exit_code == 0, result.output
    with app.app_context():
        kinds = set(db.session.scalars(select(Resource.kind)))
        assert kinds == {"room", "vehicle", "driver", "person", "equipment"}
        statuses = set(db.session.scalars(select(Booking.status)))
        assert {"confirmed", "requested"} <= statuses
        assert db.session.scalar(select(func.count()).select_from(Booking)) >= 13
        assert overlapping_confirmed(db.session) == []
