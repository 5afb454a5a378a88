"""Refusing a batch of sessions whole, naming every clashing date, before any is booked.

The sessions of a series are booked one meeting at a time by the meetings services (their room
and their chair); this check, run first under the booking lock, gives them the semantics of a
core recurring booking: all dates or none, and a refusal that lists every date taken. The
database still guards every write.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.booking.guard import clashes_by_slot, lock
from core.booking.models import Booking, BookingStatus, Resource
from core.booking.rules import LOOKBACK, BookingConflict, describe, span_text

Slot = tuple[datetime, datetime]


def refuse_clashes(session: Session, resources: Sequence[Resource], slots: Sequence[Slot]) -> None:
    """Raise :class:`BookingConflict` (field ``rrule``) when a confirmed booking of one of
    ``resources`` overlaps one of ``slots`` (sorted by start), listing every clashing date."""
    if not slots or not resources:
        return
    lock(session, [r.id for r in resources])
    confirmed = list(
        session.scalars(
            select(Booking)
            .where(
                Booking.resource_id.in_([r.id for r in resources]),
                Booking.status == BookingStatus.CONFIRMED.value,
                Booking.starts_at < slots[-1][1],
                Booking.starts_at > slots[0][0] - LOOKBACK,
                Booking.ends_at > slots[0][0],
            )
            .order_by(Booking.starts_at, Booking.id)
        )
    )
    details: list[str] = []
    clashing: list[Booking] = []
    dates: set[int] = set()
    for resource in resources:
        own = [b for b in confirmed if b.resource_id == resource.id]
        for index, hits in sorted(clashes_by_slot(slots, own).items()):
            dates.add(index)
            clashing.extend(hits)
            details.append(
                _(
                    "%(time)s: %(resource)s is already booked (%(booking)s).",
                    time=span_text(*slots[index]),
                    resource=resource.name,
                    booking=", ".join(describe(b) for b in hits),
                )
            )
    if details:
        message = _(
            "Refused: %(n)d of the %(total)d dates clash with confirmed bookings. %(dates)s",
            n=len(dates),
            total=len(slots),
            dates=" ".join(details),
        )
        raise BookingConflict(message, field="rrule", clashes=clashing, details=details)
