"""The door (lobby) page of a room: today's bookings at a secret, revocable address.

Like the calendar feeds of :mod:`core.agenda.feeds`, the address carries a secret of which
only the SHA-256 is kept; a new address replaces the old one and revoking clears it. The page
needs no login, so it shows only what a passer-by may read: the times of the confirmed
bookings, and what each is for only when the room allows it (``door_shows_purpose``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.booking.models import Booking, BookingStatus, Resource
from core.booking.rules import LOOKBACK
from core.db import utcnow
from core.i18n import agency_zone
from core.text import digest
from plugins.meetings.rooms.models import Room

#: Length of the secret in the address (``secrets.token_urlsafe(32)``).
TOKEN_LENGTH = 43


@dataclass(frozen=True)
class DoorEntry:
    """A booking as the door page shows it."""

    starts_at: datetime
    ends_at: datetime
    title: str

    def is_on(self, now: datetime) -> bool:
        return self.starts_at <= now < self.ends_at


def issue_door_token(session: Session, room: Room) -> str:
    """A new secret address for ``room``'s door page; the previous one stops working. The
    token is returned once and never stored."""
    token = secrets.token_urlsafe(32)
    room.door_token_hash = digest(token)
    room.door_token_set_at = utcnow()
    session.flush()
    return token


def revoke_door_token(session: Session, room: Room) -> bool:
    """Stop ``room``'s door page; returns whether it had one."""
    had = room.door_token_hash is not None
    room.door_token_hash = None
    room.door_token_set_at = None
    session.flush()
    return had


def room_for_door(session: Session, token: str) -> Room | None:
    """The active room whose door address carries ``token`` (None: unknown or revoked)."""
    if len(token) != TOKEN_LENGTH:
        return None
    return session.scalar(
        select(Room)
        .join(Room.resource)
        .where(Room.door_token_hash == digest(token), Resource.active)
    )


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The agency-local day ``day`` as a UTC-aware range."""
    start = datetime.combine(day, time(), agency_zone())
    return start, start + timedelta(days=1)


def door_entries(session: Session, room: Room, day: date) -> list[DoorEntry]:
    """The confirmed bookings of ``room`` touching ``day``, titled as the room allows."""
    start, end = day_bounds(day)
    rows = session.execute(
        select(Booking.starts_at, Booking.ends_at, Booking.purpose)
        .where(
            Booking.resource_id == room.resource_id,
            Booking.status == BookingStatus.CONFIRMED.value,
            Booking.starts_at < end,
            Booking.starts_at > start - LOOKBACK,
            Booking.ends_at > start,
        )
        .order_by(Booking.starts_at)
    )
    busy = _("Booked")
    return [
        DoorEntry(starts_at, ends_at, purpose if room.door_shows_purpose else busy)
        for starts_at, ends_at, purpose in rows
    ]
