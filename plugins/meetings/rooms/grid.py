"""What the back office shows of room bookings: the room calendar (every room × a day or a
week) and the approvers' queue of room requests. Each costs a fixed number of statements,
whatever the number of rooms and bookings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager, joinedload, lazyload

from core.booking.models import Booking, Resource, ResourceKind
from core.booking.rules import LOOKBACK
from core.booking.services import OPEN, pending_for
from plugins.meetings.rooms.door import day_bounds
from plugins.meetings.rooms.models import Room, RoomBooking
from plugins.meetings.rooms.services import (
    RoomSlot,
    attendees_of,
    room_filters,
    rooms_of_resources,
)

#: The most days the calendar shows at once (a week).
MAX_DAYS = 7


@dataclass
class RoomCalendar:
    """Rooms × days: ``cells[(room.id, day)]`` lists the open bookings (requests and confirmed)
    touching that agency-local day, by start."""

    rooms: list[Room]
    days: list[date]
    start: datetime
    end: datetime
    cells: dict[tuple[int, date], list[RoomSlot]] = field(default_factory=dict)

    def slots(self, room: Room, day: date) -> list[RoomSlot]:
        return self.cells.get((room.id, day), [])


def calendar_rooms(session: Session, *, building: str = "") -> list[Room]:
    """The active rooms (of ``building``, diacritics ignored), by building, floor and name, in
    one statement: the calendar's rows and the booking form's choices."""
    query = (
        select(Room)
        .join(Room.resource)
        .options(contains_eager(Room.resource), lazyload(Room.equipment_rows))
        .where(Resource.active)
        .order_by(Room.building, Room.floor, Resource.name)
    )
    if building:
        query = query.where(*room_filters(building=building))
    return list(session.scalars(query))


def room_calendar(
    session: Session, first_day: date, days: int, rooms: Sequence[Room]
) -> RoomCalendar:
    """The open bookings of ``rooms`` over ``days`` agency-local days from ``first_day``, in one
    statement (with their bookers and expected attendees)."""
    days = max(1, min(days, MAX_DAYS))
    day_list = [first_day + timedelta(days=i) for i in range(days)]
    start, _first_end = day_bounds(day_list[0])
    _last_start, end = day_bounds(day_list[-1])
    grid = RoomCalendar(list(rooms), day_list, start, end)
    by_resource = {room.resource_id: room for room in rooms}
    if not by_resource:
        return grid
    rows = session.execute(
        select(Booking, RoomBooking.attendees)
        .outerjoin(RoomBooking, RoomBooking.booking_id == Booking.id)
        .options(joinedload(Booking.booked_by))
        .where(
            Booking.resource_id.in_(list(by_resource)),
            Booking.status.in_(OPEN),
            Booking.starts_at < end,
            Booking.starts_at > start - LOOKBACK,
            Booking.ends_at > start,
        )
        .order_by(Booking.starts_at, Booking.id)
    )
    bounds = [(day, *day_bounds(day)) for day in day_list]
    for booking, attendees in rows:
        room = by_resource[booking.resource_id]
        slot = RoomSlot(booking, room, attendees)
        for day, day_start, day_end in bounds:
            if booking.starts_at < day_end and booking.ends_at > day_start:
                grid.cells.setdefault((room.id, day), []).append(slot)
    return grid


def pending_room_requests(session: Session, user: Any) -> list[RoomSlot]:
    """The room requests awaiting ``user`` (as the core's queue: the rooms they approve, or
    manage), soonest first, with attendees and capacity warnings, in a few statements."""
    pending = [b for b in pending_for(session, user) if b.resource.kind == ResourceKind.ROOM.value]
    rooms = rooms_of_resources(session, (b.resource_id for b in pending))
    attendees = attendees_of(session, (b.id for b in pending if b.resource_id in rooms))
    return [
        RoomSlot(b, rooms[b.resource_id], attendees.get(b.id))
        for b in pending
        if b.resource_id in rooms
    ]
