"""Bookings on the unified calendar: a user's own confirmed bookings, and the times they are
booked as a person (a leader). Bookings that belong to another object (a meeting, a trip) are
left to the plugin owning it, which shows that object instead."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.booking.models import Booking, BookingStatus, Resource, ResourceKind
from core.booking.notices import booking_link
from core.hooktypes import CalendarEntry


def calendar_entries(session: Session, start: datetime, end: datetime, user: Any) -> list:
    """``user``'s calendar entries from bookings between ``start`` and ``end``."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = session.execute(
        select(Booking, Resource)
        .join(Booking.resource)
        .where(
            Booking.status == BookingStatus.CONFIRMED.value,
            Booking.owner_type == "",
            Booking.starts_at < end,
            Booking.ends_at > start,
            or_(Booking.booked_by_id == user.id, Resource.user_id == user.id),
        )
        .order_by(Booking.starts_at, Booking.id)
    ).all()
    return [
        CalendarEntry(
            source="core.booking",
            title=f"{booking.purpose} — {resource.name}",
            starts=booking.starts_at,
            ends=booking.ends_at,
            url=booking_link(booking),
            location=resource.location or None,
            leader_ids=(resource.user_id,)
            if resource.kind == ResourceKind.PERSON.value and resource.user_id
            else (),
            uid=f"core.booking.{booking.id}",
            permission="core.booking.view",
        )
        for booking, resource in rows
    ]
