"""The room catalogue through the services: a room and its core resource kept in step, the
rules on bad input, search ignoring diacritics, filters, deleting a room never booked."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.booking.models import Resource
from core.booking.rules import BookingError
from core.db import db
from plugins.meetings.rooms import services
from plugins.meetings.rooms.models import Room, RoomEquipment
from tests.plugins.meetings import rooms_support as shared
from tests.plugins.meetings.rooms_support import at, user

pytestmark = pytest.mark.plugins("meetings")
ctx = shared.ctx  # a fixture
rooms = shared.rooms  # a fixture


def names(session, **filters) -> list[str]:
    query = select(Room).join(Room.resource).where(*services.room_filters(**filters))
    return sorted(r.name for r in session.scalars(query.order_by(Resource.name)))


def test_creating_a_room_creates_its_core_resource_of_kind_room(rooms, ctx):
    room = ctx.get(Room, rooms["approved"])
    resource = ctx.get(Resource, room.resource_id)
    assert (resource.kind, resource.code, resource.name, resource.capacity) == (
        "room",
        "PH1",
        "Phòng họp tầng 2",
        20,
    )
    assert room.equipment == ["projector", "video_conference"]
    assert (room.building, room.floor, room.layout) == ("Nhà A", "Tầng 2", "boardroom")


def test_updating_a_room_changes_its_resource_in_the_same_transaction(rooms, ctx, agency):
    room = ctx.get(Room, rooms["approved"])
    services.update_room(
        ctx,
        room,
        name="Phòng họp lớn",
        capacity=40,
        approver_id=None,
        floor="Tầng 3",
        equipment=["sound", "projector"],
    )
    ctx.commit()
    resource = ctx.get(Resource, room.resource_id)
    ctx.expire_all()
    assert (resource.name, resource.capacity, resource.approver_id) == ("Phòng họp lớn", 40, None)
    assert ctx.get(Room, rooms["approved"]).floor == "Tầng 3"
    assert ctx.get(Room, rooms["approved"]).equipment == ["projector", "sound"]
    assert ctx.scalar(select(func.count()).select_from(RoomEquipment)) == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"code": "", "name": "Phòng"}, "code"),
        ({"code": "X1", "name": "  "}, "name"),
        ({"code": "X1", "name": "Phòng", "capacity": -1}, "capacity"),
        ({"code": "X1", "name": "Phòng", "layout": "circus"}, "layout"),
        ({"code": "X1", "name": "Phòng", "equipment": ["jacuzzi"]}, "equipment"),
        ({"code": "X1", "name": "Phòng", "photo_url": "javascript:alert(1)"}, "photo_url"),
        ({"code": "X1", "name": "Phòng", "approver_id": 99999}, "approver_id"),
        ({"code": "PH1", "name": "Trùng mã"}, "code"),
    ],
)
def test_a_room_breaking_a_rule_is_refused_naming_the_field_and_nothing_is_stored(
    rooms, ctx, fields, field
):
    before = ctx.scalar(select(func.count()).select_from(Resource))
    with pytest.raises(BookingError) as refused:
        services.create_room(ctx, **fields)
    assert refused.value.field == field
    ctx.rollback()
    assert ctx.scalar(select(func.count()).select_from(Resource)) == before
    assert ctx.scalar(select(func.count()).select_from(Room)) == 2


def test_a_resource_already_catalogued_is_refused(rooms, ctx):
    resource = ctx.get(Room, rooms["free"]).resource
    with pytest.raises(BookingError) as refused:
        services.create_room(ctx, resource=resource)
    assert refused.value.field == "resource_id"


def test_an_existing_room_resource_can_be_catalogued(app, ctx):
    from core.booking.services import save_resource

    resource = save_resource(ctx, Resource(code="HT", name="Hội trường", capacity=120))
    room = services.create_room(ctx, resource=resource, building="Nhà B", equipment=["sound"])
    assert room.resource_id == resource.id
    assert services.room_of_resource(ctx, resource.id) is room


def test_search_ignores_case_and_diacritics(rooms, ctx):
    assert names(ctx, q="phong hop") == ["Phòng họp tầng 2"]
    assert names(ctx, q="PHÒNG") == ["Phòng họp tầng 2", "Phòng nhỏ"]
    assert names(ctx, q="nha b") == ["Phòng nhỏ"]  # the building
    assert names(ctx, q="ph2") == ["Phòng nhỏ"]  # the code
    assert names(ctx, q="hội trường") == []


def test_filters_by_seats_equipment_building_and_active(rooms, ctx):
    assert names(ctx, min_capacity=10) == ["Phòng họp tầng 2"]
    assert names(ctx, min_capacity=8) == ["Phòng họp tầng 2", "Phòng nhỏ"]
    assert names(ctx, equipment=["video_conference"]) == ["Phòng họp tầng 2"]
    assert names(ctx, equipment=["video_conference", "sound"]) == []
    assert names(ctx, building="nha a") == ["Phòng họp tầng 2"]
    services.update_room(ctx, ctx.get(Room, rooms["free"]), active=False)
    assert names(ctx, active=True) == ["Phòng họp tầng 2"]
    assert names(ctx, active=False) == ["Phòng nhỏ"]


def test_a_room_never_booked_is_deleted_with_its_resource(rooms, ctx):
    room = ctx.get(Room, rooms["free"])
    resource_id = room.resource_id
    services.delete_room(ctx, room)
    ctx.commit()
    assert ctx.get(Room, rooms["free"]) is None
    assert ctx.get(Resource, resource_id) is None


def test_a_booked_room_is_not_deleted_but_may_be_made_inactive(rooms, ctx, agency):
    room = ctx.get(Room, rooms["free"])
    services.book_room(ctx, room, at(2), at(3), "Họp tổ", user(agency, "staff_a1"))
    with pytest.raises(BookingError) as refused:
        services.delete_room(ctx, room)
    assert refused.value.field == "active"
    services.update_room(ctx, room, active=False)
    ctx.commit()
    assert db.session.get(Resource, room.resource_id).active is False
