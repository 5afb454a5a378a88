"""Room operations, the only way rooms and room bookings are written.

A room and its core booking resource are created, changed and deleted together. Room bookings
are core bookings (:mod:`core.booking.services`, :mod:`core.booking.series`: the database
refuses a double booking, approving one rejects the clashing requests and tells their
bookers); this module adds the expected attendees and the over-capacity warning the approver
sees. Like the core's, every function works in the caller's transaction and never commits.

For the other concepts of the plugin (a meeting books its room here)::

    from plugins.meetings.rooms.services import book_room, room_of_resource

    booking = book_room(session, room, starts, ends, meeting.title, by=user,
                        owner_type="meetings.meeting", owner_ref=str(meeting.id), attendees=25)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased, lazyload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.sql import ColumnElement

from core.booking import series, services
from core.booking.models import Booking, BookingStatus, Resource, ResourceKind
from core.booking.rules import LOOKBACK, BookingError
from core.db import word_filters
from core.identity.access import in_units
from core.text import fold
from plugins.meetings.rooms import notices
from plugins.meetings.rooms.models import (
    EQUIPMENT,
    LAYOUTS,
    Layout,
    Room,
    RoomBooking,
    RoomEquipment,
)

#: Fields of a room kept on its core resource, and those kept on the room itself.
RESOURCE_FIELDS = (
    "code",
    "name",
    "capacity",
    "location",
    "description",
    "approver_id",
    "unit_id",
    "active",
)
ROOM_FIELDS = ("building", "floor", "layout", "notes", "photo_url", "door_shows_purpose")
MAX_ATTENDEES = 100_000


class RoomError(BookingError):
    """A room breaks a rule of the catalogue; the message names the field and the rule."""


@dataclass(frozen=True)
class RoomSlot:
    """A booking of a room with what the room adds: the expected attendees, and the warning
    when they exceed the seats."""

    booking: Booking
    room: Room
    attendees: int | None

    @property
    def warning(self) -> str | None:
        return capacity_warning(self.room.capacity, self.attendees)


# -- the catalogue ----------------------------------------------------------------------


def create_room(
    session: Session,
    *,
    equipment: Iterable[str] = (),
    resource: Resource | None = None,
    **fields: Any,
) -> Room:
    """A new room from the fields of the room and of its resource (:data:`RESOURCE_FIELDS`,
    :data:`ROOM_FIELDS`) and its equipment codes: over a new core resource of kind room, or
    over ``resource``, an existing room resource not yet in the catalogue."""
    _check_names(fields)
    if resource is None:
        resource = Resource(kind=ResourceKind.ROOM.value)
    elif room_of_resource(session, resource.id) is not None:
        raise RoomError(
            _("Resource: %(resource)s is already in the catalogue.", resource=resource.name),
            field="resource_id",
        )
    room = Room(resource=resource)
    _assign(room, fields)
    set_equipment(room, equipment)
    return _save(session, room)


def update_room(
    session: Session, room: Room, *, equipment: Iterable[str] | None = None, **fields: Any
) -> Room:
    """Change a room and its resource together; ``equipment`` (if given) replaces the list."""
    _check_names(fields)
    _assign(room, fields)
    if equipment is not None:
        set_equipment(room, equipment)
    # The room's version covers its resource and equipment too: a change to any raises it.
    flag_modified(room, "layout")
    return _save(session, room)


def delete_room(session: Session, room: Room) -> None:
    """Delete a room never booked, with its resource. A room with bookings is made inactive
    instead: its history stays."""
    booked = session.scalar(select(exists().where(Booking.resource_id == room.resource_id)))
    if booked:
        raise RoomError(
            _(
                "Room: %(room)s has bookings and cannot be deleted; make it inactive instead.",
                room=room.name,
            ),
            field="active",
        )
    resource = room.resource
    session.delete(room)
    session.flush()
    session.delete(resource)
    session.flush()


def set_equipment(room: Room, items: Iterable[str]) -> None:
    """Replace the room's equipment by ``items`` (codes of :data:`EQUIPMENT`), keeping the rows
    of the items it already had."""
    wanted = list(dict.fromkeys(item.strip() for item in items if item and item.strip()))
    unknown = [item for item in wanted if item not in EQUIPMENT]
    if unknown:
        raise RoomError(
            _(
                "Equipment: %(items)s unknown; choose among %(known)s.",
                items=", ".join(unknown),
                known=", ".join(EQUIPMENT),
            ),
            field="equipment",
        )
    kept = [row for row in room.equipment_rows if row.item in wanted]
    have = {row.item for row in kept}
    room.equipment_rows = kept + [RoomEquipment(item=i) for i in wanted if i not in have]


def _check_names(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(RESOURCE_FIELDS) - set(ROOM_FIELDS)
    if unknown:
        raise TypeError(f"unknown room fields: {', '.join(sorted(unknown))}")


def _assign(room: Room, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        target = room.resource if name in RESOURCE_FIELDS else room
        setattr(target, name, value.strip() if isinstance(value, str) else value)


def _save(session: Session, room: Room) -> Room:
    """Check the room, then save its resource under the core's rules, then the room."""
    room.layout = room.layout or Layout.BOARDROOM.value
    if room.layout not in LAYOUTS:
        raise RoomError(
            _("Layout: one of %(layouts)s.", layouts=", ".join(LAYOUTS)), field="layout"
        )
    photo = room.photo_url or ""
    if photo and not photo.startswith(("https://", "http://", "/")):
        raise RoomError(
            _("Photo: give an address starting with https://, http:// or /."), field="photo_url"
        )
    if room.resource.kind != ResourceKind.ROOM.value:
        raise RoomError(_("Resource: a room's resource is of kind room."), field="resource_id")
    resource = room.resource
    with session.no_autoflush:  # the check runs before the changes are written
        taken = session.scalar(
            select(Resource.name).where(
                Resource.code == (resource.code or "").strip(), Resource.id != resource.id
            )
        )
    if taken is not None:
        raise RoomError(_("Code: already used by %(resource)s.", resource=taken), field="code")
    services.save_resource(session, resource)
    session.add(room)
    session.flush()
    return room


def room_filters(
    *,
    q: str = "",
    min_capacity: int | None = None,
    equipment: Iterable[str] = (),
    building: str = "",
    active: bool | None = None,
) -> list[ColumnElement[bool]]:
    """Conditions on :class:`Room` (no join needed, so list counts stay simple) for the rooms
    matching every word of ``q`` in their name, code, location or building (case and
    diacritics ignored), seating at least ``min_capacity``, having every item of
    ``equipment``, in ``building`` (diacritics ignored), active or not."""
    resource = aliased(Resource)  # the caller's query may join Resource too
    on_resource = word_filters((resource.name, resource.code, resource.location, Room.building), q)
    if min_capacity is not None:
        on_resource.append(resource.capacity >= min_capacity)
    if active is not None:
        on_resource.append(resource.active.is_(active))
    where: list[ColumnElement[bool]] = []
    if on_resource:
        where.append(exists().where(resource.id == Room.resource_id, *on_resource))
    for item in dict.fromkeys(equipment):
        where.append(exists().where(RoomEquipment.room_id == Room.id, RoomEquipment.item == item))
    if building.strip():
        where.append(func.vp_fold(Room.building) == fold(building.strip()))
    return where


def owned_by_units(paths: set[str]) -> ColumnElement[bool]:
    """The rooms whose resource belongs to the units under ``paths`` (the record rule)."""
    resource = aliased(Resource)
    return exists().where(resource.id == Room.resource_id, in_units(resource.unit_id, paths))


def room_of_resource(session: Session, resource_id: int) -> Room | None:
    """The room whose core resource is ``resource_id`` (None: not a catalogue room)."""
    return session.scalar(select(Room).where(Room.resource_id == resource_id))


def rooms_of_resources(session: Session, resource_ids: Iterable[int]) -> dict[int, Room]:
    """The rooms of these resources, by resource id, in one statement."""
    ids = list(set(resource_ids))
    if not ids:
        return {}
    return {
        r.resource_id: r
        for r in session.scalars(
            select(Room).options(lazyload(Room.equipment_rows)).where(Room.resource_id.in_(ids))
        )
    }


# -- booking ----------------------------------------------------------------------------


def book_room(
    session: Session,
    room: Room,
    starts: datetime,
    ends: datetime,
    purpose: str,
    by: Any = None,
    owner_type: str = "",
    owner_ref: str = "",
    attendees: int | None = None,
    *,
    confirm: bool = False,
) -> Booking:
    """Book ``room`` over ``[starts, ends)`` through the core bookings, for ``attendees``
    people (None: not said). ``owner_type``/``owner_ref`` name the object the booking belongs
    to (``"meetings.meeting"``, its id); a plain room booking has none, and the core's
    unified calendar shows it to its booker.

    As the core: confirmed at once when the room has no approver or ``confirm`` comes from a
    decider (a clash raises :class:`~core.booking.rules.BookingConflict` naming it, nothing
    stored), else a request the approver is told about. More attendees than seats is not
    refused: the approver is warned (see :func:`capacity_warning`).
    """
    check_attendees(attendees)
    booking = services.request_booking(
        session,
        room.resource,
        starts,
        ends,
        purpose,
        by=by,
        owner_type=owner_type,
        owner_ref=owner_ref,
        confirm=confirm,
    )
    _record_attendees(session, room, [booking], attendees, by)
    return booking


def book_room_series(
    session: Session,
    room: Room,
    starts: datetime,
    ends: datetime,
    rule: str,
    purpose: str,
    by: Any = None,
    owner_type: str = "",
    owner_ref: str = "",
    attendees: int | None = None,
    *,
    confirm: bool = False,
) -> list[Booking]:
    """Book ``room`` on every date of the RRULE ``rule`` (the first at ``[starts, ends)``),
    all dates or none, as :func:`core.booking.series.request_series`; attendees and the
    over-capacity warning as :func:`book_room`."""
    check_attendees(attendees)
    bookings = series.request_series(
        session,
        room.resource,
        starts,
        ends,
        rule,
        purpose,
        by=by,
        owner_type=owner_type,
        owner_ref=owner_ref,
        confirm=confirm,
    )
    _record_attendees(session, room, bookings, attendees, by)
    return bookings


def check_attendees(attendees: Any) -> None:
    """Expected attendees are a whole number from 1 (None: not said)."""
    if attendees is None:
        return
    if isinstance(attendees, bool) or not isinstance(attendees, int):
        raise BookingError(_("Attendees: a whole number."), field="attendees")
    if not 1 <= attendees <= MAX_ATTENDEES:
        raise BookingError(
            _("Attendees: from 1 to %(most)d.", most=MAX_ATTENDEES), field="attendees"
        )


def capacity_warning(capacity: int | None, attendees: int | None) -> str | None:
    """The warning shown when ``attendees`` exceed the seats (None when they fit or either
    number is unknown)."""
    if capacity is None or attendees is None or attendees <= capacity:
        return None
    return _(
        "Over capacity: %(attendees)d attendees expected for %(capacity)d seats.",
        attendees=attendees,
        capacity=capacity,
    )


def _record_attendees(
    session: Session, room: Room, bookings: list[Booking], attendees: int | None, by: Any
) -> None:
    """Keep the expected attendees of ``bookings``; warn the approver of requests over
    capacity."""
    if attendees is None:
        return
    session.add_all(RoomBooking(booking_id=b.id, attendees=attendees) for b in bookings)
    session.flush()
    warning = capacity_warning(room.capacity, attendees)
    waiting = [b for b in bookings if b.status == BookingStatus.REQUESTED.value]
    if warning and waiting:
        notices.over_capacity(room, waiting[0], attendees, by, count=len(waiting))


def attendees_of(session: Session, booking_ids: Iterable[int]) -> dict[int, int | None]:
    """The expected attendees of these bookings, by booking id (one statement)."""
    ids = list(set(booking_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(RoomBooking.booking_id, RoomBooking.attendees).where(RoomBooking.booking_id.in_(ids))
    )
    return {booking_id: attendees for booking_id, attendees in rows}


def bookings_in_window(
    session: Session,
    room: Room,
    start: datetime,
    end: datetime,
    statuses: Sequence[str] = services.OPEN,
) -> list[RoomSlot]:
    """The bookings of ``room`` in ``statuses`` overlapping ``[start, end)``, by start, with
    their expected attendees (one statement; the caller bounds the window)."""
    rows = session.execute(
        select(Booking, RoomBooking.attendees)
        .outerjoin(RoomBooking, RoomBooking.booking_id == Booking.id)
        .where(
            Booking.resource_id == room.resource_id,
            Booking.status.in_(list(statuses)),
            Booking.starts_at < end,
            Booking.starts_at > start - LOOKBACK,
            Booking.ends_at > start,
        )
        .order_by(Booking.starts_at, Booking.id)
    )
    return [RoomSlot(booking, room, attendees) for booking, attendees in rows]
