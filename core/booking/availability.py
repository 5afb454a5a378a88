"""When resources are free: the gaps between confirmed bookings in a window.

Two statements whatever the number of resources: the active resources asked about, and their
confirmed bookings touching the window (an index range scan per resource on (resource_id,
starts_at), bounded below by LOOKBACK: no booking is longer). Requests do not make a resource
busy; inactive resources have no free time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.booking.models import Booking, BookingStatus, Resource
from core.booking.rules import LOOKBACK, MAX_WINDOW, BookingError


@dataclass(frozen=True)
class Slot:
    """A free interval ``[starts_at, ends_at)``."""

    starts_at: datetime
    ends_at: datetime


def check_window(window_start: datetime, window_end: datetime) -> None:
    for field, value in (("from", window_start), ("to", window_end)):
        if value.tzinfo is None or value.utcoffset() is None:
            raise BookingError(
                _("%(field)s: give the time with its UTC offset.", field=field), field=field
            )
    if window_end <= window_start:
        raise BookingError(_("to: the window must end after it starts."), field="to")
    if window_end - window_start > MAX_WINDOW:
        raise BookingError(
            _("to: ask about %(days)d days at most.", days=MAX_WINDOW.days), field="to"
        )


def gaps(
    busy: Iterable[tuple[datetime, datetime]],
    window_start: datetime,
    window_end: datetime,
    min_length: timedelta,
) -> list[Slot]:
    """The free intervals of ``[window_start, window_end)`` around ``busy`` (sorted by start),
    of at least ``min_length``."""
    free: list[Slot] = []
    cursor = window_start
    for starts_at, ends_at in busy:
        if starts_at > cursor and starts_at - cursor >= min_length:
            free.append(Slot(cursor, min(starts_at, window_end)))
        cursor = max(cursor, ends_at)
        if cursor >= window_end:
            break
    if window_end > cursor and window_end - cursor >= min_length:
        free.append(Slot(cursor, window_end))
    return free


def free_slots(
    session: Session,
    resource_ids: Sequence[int],
    window_start: datetime,
    window_end: datetime,
    min_minutes: int = 30,
) -> dict[int, list[Slot]]:
    """For each active resource among ``resource_ids``: its free intervals in the window, at
    least ``min_minutes`` long. Unknown and inactive resources are left out."""
    check_window(window_start, window_end)
    if min_minutes < 1:
        raise BookingError(_("min_minutes: one minute or more."), field="min_minutes")
    active = session.scalars(
        select(Resource.id).where(Resource.id.in_(list(resource_ids)), Resource.active)
    ).all()
    return free_slots_of(session, active, window_start, window_end, min_minutes)


def free_slots_of(
    session: Session,
    resource_ids: Sequence[int],
    window_start: datetime,
    window_end: datetime,
    min_minutes: int = 30,
) -> dict[int, list[Slot]]:
    """:func:`free_slots` for resources already known to be active: one statement."""
    busy: dict[int, list[tuple[datetime, datetime]]] = {rid: [] for rid in resource_ids}
    if busy:
        rows = session.execute(
            select(Booking.resource_id, Booking.starts_at, Booking.ends_at)
            .where(
                Booking.resource_id.in_(list(busy)),
                Booking.status == BookingStatus.CONFIRMED.value,
                Booking.starts_at < window_end,
                Booking.starts_at > window_start - LOOKBACK,
                Booking.ends_at > window_start,
            )
            .order_by(Booking.resource_id, Booking.starts_at)
        )
        for resource_id, starts_at, ends_at in rows:
            busy[resource_id].append((starts_at, ends_at))
    length = timedelta(minutes=min_minutes)
    return {rid: gaps(times, window_start, window_end, length) for rid, times in busy.items()}
