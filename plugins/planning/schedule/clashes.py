"""Conflicts of a week: a leader, a room or a vehicle in two places at once.

Each active entry *claims* its presiding leader, its room and its vehicle over its times. Two
claims of one week on the same leader, room or vehicle that overlap clash (publishing would
confirm both); so does a claim overlapping another open booking of the core on that resource —
a confirmed one blocks publishing (the database would refuse it), a request is rejected by the
core when the week is published. Claims come from the entries themselves, not from the state of
their bookings, so an entry whose request someone else's confirmation displaced still shows
where it clashes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import and_, not_, or_, select
from sqlalchemy.orm import Session, contains_eager

from core.booking.models import Booking, BookingStatus, Resource
from core.booking.rules import LOOKBACK, describe, span_text
from core.booking.services import OPEN
from plugins.planning.schedule.bookings import LEADER, ROOM, VEHICLE
from plugins.planning.schedule.models import OWNER_TYPE, ScheduleEntry

Key = tuple[str, int]  # ("leader", user id), ("room", resource id), ("vehicle", resource id)


@dataclass(frozen=True)
class Claim:
    entry: ScheduleEntry
    slot: str
    key: Key
    name: str  # the leader's, the room's or the vehicle's


@dataclass(frozen=True)
class Clash:
    """A claim overlapping another entry's claim (``other_entry_id``) or another booking
    (``other_booking``). ``blocking``: publishing is refused until it is resolved."""

    slot: str
    name: str
    entry_id: int
    other_entry_id: int | None
    other_booking: Booking | None
    blocking: bool
    message: str


def claims_of(entry: ScheduleEntry) -> list[Claim]:
    found = [Claim(entry, LEADER, (LEADER, entry.leader_id), str(entry.leader))]
    if entry.room is not None:
        found.append(Claim(entry, ROOM, (ROOM, entry.room.id), entry.room.name))
    if entry.vehicle is not None:
        found.append(Claim(entry, VEHICLE, (VEHICLE, entry.vehicle.id), entry.vehicle.name))
    return found


def find_clashes(session: Session, entries: Iterable[ScheduleEntry]) -> list[Clash]:
    """Every clash of the active ``entries``, each pair once (one statement whatever their
    number: the other bookings of the leaders, rooms and vehicles they claim)."""
    active = [e for e in entries if e.active]
    if not active:
        return []
    by_key: dict[Key, list[Claim]] = defaultdict(list)
    for entry in sorted(active, key=lambda e: (e.starts_at, e.id)):
        for claim in claims_of(entry):
            by_key[claim.key].append(claim)
    found: list[Clash] = []
    for claims in by_key.values():
        for i, claim in enumerate(claims):
            for other in claims[i + 1 :]:
                if _overlap(claim.entry, other.entry.starts_at, other.entry.ends_at):
                    found.append(_between_entries(claim, other))
    for booking, key in _other_bookings(session, active, by_key):
        for claim in by_key[key]:
            if _overlap(claim.entry, booking.starts_at, booking.ends_at):
                found.append(_with_booking(claim, booking))
    return found


def _overlap(entry: ScheduleEntry, starts, ends) -> bool:
    return starts < entry.ends_at and entry.starts_at < ends


def _other_bookings(
    session: Session, active: list[ScheduleEntry], by_key: dict[Key, list[Claim]]
) -> list[tuple[Booking, Key]]:
    """Open bookings of the claimed leaders, rooms and vehicles in the entries' time span, but
    the entries' own, each with the claim key it concerns."""
    leaders = {k[1] for k in by_key if k[0] == LEADER}
    resources = {k[1] for k in by_key if k[0] != LEADER}
    start = min(e.starts_at for e in active)
    end = max(e.ends_at for e in active)
    query = (
        select(Booking)
        .join(Booking.resource)
        .options(contains_eager(Booking.resource))
        .where(
            or_(Booking.resource_id.in_(resources), Resource.user_id.in_(leaders)),
            Booking.status.in_(OPEN),
            Booking.starts_at < end,
            Booking.starts_at > start - LOOKBACK,
            Booking.ends_at > start,
            not_(
                and_(
                    Booking.owner_type == OWNER_TYPE,
                    Booking.owner_ref.in_([str(e.id) for e in active]),
                )
            ),
        )
        .order_by(Booking.starts_at, Booking.id)
    )
    found = []
    for booking in session.scalars(query):
        user_id = booking.resource.user_id
        if user_id is not None and (LEADER, user_id) in by_key:
            found.append((booking, (LEADER, user_id)))
        for slot in (ROOM, VEHICLE):
            if (slot, booking.resource_id) in by_key:
                found.append((booking, (slot, booking.resource_id)))
    return found


def _entry_text(entry: ScheduleEntry) -> str:
    return _(
        "“%(title)s” (%(time)s)",
        title=entry.content,
        time=span_text(entry.starts_at, entry.ends_at),
    )


def _message(claim: Claim, first: str, second: str) -> str:
    if claim.slot == LEADER:
        return _(
            "%(leader)s is in two places at once: %(first)s and %(second)s.",
            leader=claim.name,
            first=first,
            second=second,
        )
    return _(
        "%(resource)s is booked twice at once: %(first)s and %(second)s.",
        resource=claim.name,
        first=first,
        second=second,
    )


def _between_entries(claim: Claim, other: Claim) -> Clash:
    return Clash(
        slot=claim.slot,
        name=claim.name,
        entry_id=claim.entry.id,
        other_entry_id=other.entry.id,
        other_booking=None,
        blocking=True,
        message=_message(claim, _entry_text(claim.entry), _entry_text(other.entry)),
    )


def _with_booking(claim: Claim, booking: Booking) -> Clash:
    return Clash(
        slot=claim.slot,
        name=claim.name,
        entry_id=claim.entry.id,
        other_entry_id=None,
        other_booking=booking,
        blocking=booking.status == BookingStatus.CONFIRMED.value,
        message=_message(claim, _entry_text(claim.entry), describe(booking)),
    )
