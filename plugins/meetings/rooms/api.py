"""REST endpoints of the room catalogue: ``/api/v1/meetings/rooms`` (CRUD), a room's bookings
in a window, and booking a room (once or recurring).

Every write goes through :mod:`plugins.meetings.rooms.services` in one transaction. A clash
with a confirmed booking answers 409 naming it (one line per clashing date for a recurring
booking); a decision the caller may not take (``confirm``) answers 403.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import jsonify
from flask_login import current_user
from marshmallow import fields, validate
from sqlalchemy import and_, select, true
from sqlalchemy.orm import contains_eager, joinedload
from sqlalchemy.sql import ColumnElement, Select

from core.api import (
    ApiBlueprint,
    Choice,
    Filter,
    Resource,
    Text,
    require,
    requires,
)
from core.booking.availability import check_window
from core.booking.models import Resource as BookableResource
from core.booking.services import OPEN
from core.db import db, utcnow
from plugins.meetings.rooms import services
from plugins.meetings.rooms.access import BOOK
from plugins.meetings.rooms.models import EQUIPMENT, Room
from plugins.meetings.rooms.schemas import (
    BookedSchema,
    BookRoomSchema,
    RoomBookingsSchema,
    RoomInputSchema,
    RoomSchema,
    RoomUpdateSchema,
    WindowArgsSchema,
)

bp = ApiBlueprint(
    "meetings_rooms",
    __name__,
    url_prefix="/api/v1/meetings",
    description="The meeting-room catalogue (on the core booking resources) and room bookings.",
)


def _each(conditions: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    return and_(true(), *conditions)


class RoomResource(Resource):
    """Everyone who may book sees every room; the office (or a unit's manager, for the rooms
    of their units) changes them. A room never booked may be deleted."""

    name = "rooms"
    model = Room
    schema = RoomSchema
    create_schema = RoomInputSchema
    update_schema = RoomUpdateSchema
    permission = "meetings.room"
    scope_column = "unit_id"
    can_delete = True
    filters = {
        "min_capacity": Filter(
            fields.Integer(
                validate=validate.Range(0, 100_000),
                metadata={"description": "Rooms seating at least this many."},
            ),
            lambda seats: _each(services.room_filters(min_capacity=seats)),
        ),
        "equipment": Filter(
            fields.List(
                Choice(EQUIPMENT),
                validate=validate.Length(max=len(EQUIPMENT)),
                metadata={"description": "Rooms having every item (repeat the parameter)."},
            ),
            lambda items: _each(services.room_filters(equipment=items)),
        ),
        "building": Filter(
            Text(100, metadata={"description": "Diacritics ignored."}),
            lambda building: _each(services.room_filters(building=building)),
        ),
        "active": Filter(
            fields.Boolean(), lambda active: _each(services.room_filters(active=active))
        ),
    }
    sorts = {
        "code": BookableResource.code,
        "name": BookableResource.name,
        "capacity": BookableResource.capacity,
        "building": Room.building,
    }
    default_sort = "name"
    searchable = (BookableResource.name, BookableResource.code, Room.building)

    def select(self) -> Select[Any]:
        return (
            select(Room)
            .join(Room.resource)
            .options(contains_eager(Room.resource), joinedload(Room.equipment_rows))
        )

    def scope(self, paths: set[str]) -> ColumnElement[bool]:
        return services.owned_by_units(paths)

    def criteria(self, args: dict[str, Any], paths: set[str] | None) -> list[Any]:
        """The base's conditions, with ``q`` matched through :func:`services.room_filters`
        (name, code, location, building), which needs no join in the count."""
        where = super().criteria({**args, "q": ""}, paths)
        return where + services.room_filters(q=args.get("q") or "")

    def required(self, action: str) -> set[str] | None:
        if action == "view":  # a room of another unit is still a room one may book
            require("meetings.room.view")
            return None
        return super().required(action)

    def create(self, data: dict[str, Any]) -> Room:
        return services.create_room(db.session, **data)

    def update(self, obj: Room, data: dict[str, Any]) -> None:
        services.update_room(db.session, obj, **data)

    def delete(self, obj: Room) -> None:
        services.delete_room(db.session, obj)


rooms = RoomResource()
rooms.register(bp)


@bp.route("/rooms/<id:id>/bookings", methods=["GET"], endpoint="rooms_bookings")
@requires("meetings.room.view")
@bp.arguments(WindowArgsSchema, location="query", unknown="raise")
@bp.response(200, RoomBookingsSchema)
def room_bookings(args: dict[str, Any], id: int) -> Any:
    """The room's bookings overlapping a window (at most 31 days), by start.

    Default: requests and confirmed bookings from now for seven days.
    """
    room: Room = rooms.get(id, None)
    start = args.get("from_") or utcnow().replace(second=0, microsecond=0)
    end = args.get("to") or start + timedelta(days=7)
    check_window(start, end)
    statuses = args.get("status") or list(OPEN)
    items = services.bookings_in_window(db.session, room, start, end, statuses)
    return {"from_": start, "to": end, "items": items}


@bp.route("/rooms/<id:id>/bookings", methods=["POST"], endpoint="rooms_book")
@requires(BOOK)
@bp.arguments(BookRoomSchema)
@bp.response(201, BookedSchema)
def book(data: dict[str, Any], id: int) -> Any:
    """Book the room, once or on every date of `rrule` (all dates or none).

    Confirmed at once when the room has no approver, or with `"confirm": true` from its
    approver or the office; otherwise requests awaiting the approver. A clash with a confirmed
    booking answers 409 naming it and stores nothing. More attendees than seats is not refused:
    the answer carries a warning, and so does the approver's queue.
    """
    room: Room = rooms.get(id, None)
    by = current_user._get_current_object()
    common = {"by": by, "attendees": data["attendees"], "confirm": data["confirm"]}
    if data.get("rrule"):
        made = services.book_room_series(
            db.session,
            room,
            data["starts_at"],
            data["ends_at"],
            data["rrule"],
            data["purpose"],
            **common,
        )
    else:
        made = [
            services.book_room(
                db.session, room, data["starts_at"], data["ends_at"], data["purpose"], **common
            )
        ]
    db.session.commit()
    slots = [services.RoomSlot(b, room, data["attendees"]) for b in made]
    warning = slots[0].warning
    body = BookedSchema().dump(
        {
            "series_id": made[0].series_id,
            "items": slots,
            "warnings": [warning] if warning else [],
        }
    )
    response = jsonify(body)
    response.status_code = 201
    return response
