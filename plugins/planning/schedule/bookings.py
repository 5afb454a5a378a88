"""An entry's bookings in the core: its presiding leader (their person resource), its room and
its vehicle, each a booking owned by the entry (``planning.schedule_entry``/<id>).

Units' entries hold booking *requests*, which may overlap (:mod:`.clashes` finds the overlaps);
publishing confirms them, and the database refuses a real double booking. Every booking is
written through :mod:`core.booking.services`; errors are renamed after the entry's field they
concern (``leader_id``, ``room_id``, ``vehicle_id``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from core.booking import rules as booking_rules
from core.booking import services
from core.booking.models import Booking, BookingStatus, Resource, ResourceKind
from core.identity.models import User
from core.org.models import Membership, Unit, UnitKind
from plugins.planning.schedule.models import OWNER_TYPE, ScheduleEntry
from plugins.planning.schedule.rules import NotAllowed, ScheduleConflict, ScheduleError

LEADER, ROOM, VEHICLE = "leader", "room", "vehicle"
#: The entry's field each booking is for, named in errors.
FIELDS = {LEADER: "leader_id", ROOM: "room_id", VEHICLE: "vehicle_id"}


def slot_of(resource: Resource) -> str:
    """Which of an entry's bookings one on ``resource`` is: a person's is the leader's."""
    if resource.user_id is not None:
        return LEADER
    return VEHICLE if resource.kind == ResourceKind.VEHICLE.value else ROOM


@contextmanager
def entry_field(slot: str) -> Iterator[None]:
    """Name the entry's field in the core's refusals about the booking for ``slot``."""
    field = FIELDS[slot]
    try:
        yield
    except booking_rules.BookingConflict as exc:
        raise ScheduleConflict(str(exc), details=exc.details, field=field) from exc
    except booking_rules.NotAllowed as exc:
        raise NotAllowed(str(exc), field=field) from exc
    except booking_rules.BookingError as exc:
        raise ScheduleError(str(exc), field=field) from exc


# -- the leader as a bookable person ----------------------------------------------------------


def leader_resource(session: Session, leader: User) -> Resource:
    """The leader's person resource, made on first need. A new one is approved by the head of
    the agency's office (the unit of kind ``office``), who arranges the leaders' time, so units'
    entries wait as requests; without such a head, bookings of it are confirmed at once."""
    found = session.scalar(select(Resource).where(Resource.user_id == leader.id))
    if found is not None:
        return found
    unit_id = session.scalar(
        select(Membership.unit_id).where(Membership.user_id == leader.id, Membership.is_primary)
    )
    resource = Resource(
        kind=ResourceKind.PERSON.value,
        code=f"PERSON-{leader.id}",
        name=str(leader),
        user_id=leader.id,
        approver_id=_office_head(session),
        unit_id=unit_id,
    )
    return services.save_resource(session, resource)


def _office_head(session: Session) -> int | None:
    return session.scalar(
        select(Membership.user_id)
        .join(Unit, Unit.id == Membership.unit_id)
        .where(Unit.kind == UnitKind.OFFICE.value, Unit.active, Membership.is_head)
        .order_by(Unit.path)
        .limit(1)
    )


# -- reading -------------------------------------------------------------------------------


def open_bookings(session: Session, entry_ids: Iterable[int]) -> dict[int, list[Booking]]:
    """The requested and confirmed bookings of these entries, by entry (one statement)."""
    refs = [str(i) for i in entry_ids]
    found: dict[int, list[Booking]] = defaultdict(list)
    if not refs:
        return found
    for booking in session.scalars(
        select(Booking)
        .options(joinedload(Booking.resource))
        .where(
            Booking.owner_type == OWNER_TYPE,
            Booking.owner_ref.in_(refs),
            Booking.status.in_(services.OPEN),
        )
        .order_by(Booking.id)
    ):
        found[int(booking.owner_ref)].append(booking)
    return found


# -- writing -------------------------------------------------------------------------------


def _actor(by: Any, booking: Booking) -> Any:
    """Act as ``by`` where the core lets them (so they are not told of their own change), else
    as the plugin itself: the schedule's own rules already decided who may change the entry."""
    return by if by is not None and booking_rules.may_change(by, booking) else None


def sync(session: Session, entry: ScheduleEntry, by: Any, *, confirm: bool) -> None:
    """Make the entry's bookings match it: request what it now needs, move what changed time,
    cancel what it no longer needs (all of them once withdrawn). ``confirm``: the week is
    published, so its bookings are confirmed at once (refused if the time is taken)."""
    held = {slot_of(b.resource): b for b in open_bookings(session, [entry.id])[entry.id]}
    wanted: dict[str, Resource | None] = {LEADER: None, ROOM: None, VEHICLE: None}
    if entry.active:
        wanted = {
            LEADER: leader_resource(session, entry.leader),
            ROOM: entry.room,
            VEHICLE: entry.vehicle,
        }
    purpose = entry.content[:255]
    for slot, resource in wanted.items():
        booking = held.get(slot)
        with entry_field(slot):
            if booking is not None and (resource is None or booking.resource_id != resource.id):
                services.cancel(session, booking, by=_actor(by, booking))
                booking = None
            if resource is None:
                continue
            if booking is None:
                services.request_booking(
                    session,
                    resource,
                    entry.starts_at,
                    entry.ends_at,
                    purpose,
                    by=by,
                    owner_type=OWNER_TYPE,
                    owner_ref=str(entry.id),
                    confirm=confirm,
                )
                continue
            if (booking.starts_at, booking.ends_at) != (entry.starts_at, entry.ends_at):
                services.move(
                    session, booking, entry.starts_at, entry.ends_at, by=_actor(by, booking)
                )
            if booking.purpose != purpose:
                services.set_purpose(session, booking, purpose, by=_actor(by, booking))
            if confirm and booking.status == BookingStatus.REQUESTED.value:
                services.confirm(session, booking, by=by)
