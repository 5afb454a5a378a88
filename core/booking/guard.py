"""Writing confirmed bookings past the database's guard, and naming the clash when it refuses.

The database refuses overlapping confirmed bookings (see :mod:`core.booking.models`). Before a
booking write, :func:`lock` serialises writers per resource (PostgreSQL: ``SELECT … FOR NO
KEY UPDATE`` of the resource rows; SQLite: ``BEGIN IMMEDIATE``, the database's write lock), so
the reads that follow see what the write will be checked against, and two writers never wait
on each other's half-inserted rows. :func:`save_confirmed` then flushes inside a SAVEPOINT:
when the database refuses, the savepoint is rolled back, the session stays usable, and the
clashing bookings are looked up to name them in a :class:`~core.booking.rules.BookingConflict`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.booking.models import Booking, BookingStatus, Resource
from core.booking.rules import LOOKBACK, BookingConflict, clash_message

#: How the overlap guard names itself in the database's error (constraint or trigger).
GUARD = "core_booking_no_overlap"
EXCLUSION_VIOLATION = "23P01"


def lock(session: Session, resource_ids: Iterable[int]) -> None:
    """Take the write lock for bookings of these resources, for the rest of the transaction."""
    ids = sorted(set(resource_ids))
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        if raw is not None and not raw.in_transaction:
            connection.execute(text("BEGIN IMMEDIATE"))
        return
    session.execute(
        select(Resource.id)
        .where(Resource.id.in_(ids))
        .order_by(Resource.id)
        .with_for_update(key_share=True)  # FOR NO KEY UPDATE: inserts referencing it still pass
    )


def current(session: Session, booking: Booking) -> Booking:
    """``booking`` as stored now (the caller's pending changes flushed first): under the lock,
    the state a decision is checked against is the state it will be written over."""
    session.flush()
    session.refresh(booking)
    return booking


def is_overlap(error: IntegrityError) -> bool:
    """Whether the database refused a write because confirmed bookings would overlap."""
    original = error.orig
    if getattr(original, "sqlstate", None) == EXCLUSION_VIOLATION:
        return True
    return GUARD in str(original)


def overlapping(
    session: Session,
    resource_id: int,
    starts_at: datetime,
    ends_at: datetime,
    status: BookingStatus,
    exclude_id: int | None = None,
) -> list[Booking]:
    """Bookings of ``resource_id`` in ``status`` that overlap ``[starts_at, ends_at)``, by
    start (the index on resource and start is scanned over LOOKBACK before the range only)."""
    query = select(Booking).where(
        Booking.resource_id == resource_id,
        Booking.status == status.value,
        Booking.starts_at < ends_at,
        Booking.starts_at > starts_at - LOOKBACK,
        Booking.ends_at > starts_at,
    )
    if exclude_id is not None:
        query = query.where(Booking.id != exclude_id)
    return list(session.scalars(query.order_by(Booking.starts_at, Booking.id)))


def save_confirmed(
    session: Session, write: Callable[[], None], refused: Callable[[], BookingConflict]
) -> None:
    """Run ``write`` (which adds or changes confirmed bookings) and flush it inside a
    SAVEPOINT. When the database refuses an overlap, the savepoint is rolled back (nothing
    changes, the session stays usable) and ``refused()`` — called after the rollback, so it can
    query the clash — gives the error raised."""
    try:
        with session.begin_nested():
            write()
            session.flush()
    except IntegrityError as error:
        if not is_overlap(error):
            raise
        raise refused() from error


def refused_one(
    session: Session,
    resource: Resource,
    starts_at: datetime,
    ends_at: datetime,
    exclude_id: int | None = None,
) -> Callable[[], BookingConflict]:
    """The refusal of one booking over ``[starts_at, ends_at)``, naming what holds the time."""

    def error() -> BookingConflict:
        clashes = overlapping(
            session, resource.id, starts_at, ends_at, BookingStatus.CONFIRMED, exclude_id
        )
        return conflict(resource, clashes)

    return error


def clashes_by_slot(
    slots: Sequence[tuple[datetime, datetime]], bookings: Sequence[Booking]
) -> dict[int, list[Booking]]:
    """For each slot (by index) the bookings overlapping it; ``bookings`` sorted by start and
    none longer than LOOKBACK, so each slot looks at a few neighbours only."""
    starts = [b.starts_at for b in bookings]
    found: dict[int, list[Booking]] = {}
    for index, (slot_start, slot_end) in enumerate(slots):
        last = bisect_left(starts, slot_end)  # bookings from here on start after the slot
        first = bisect_left(starts, slot_start - LOOKBACK)
        hits = [b for b in bookings[first:last] if b.ends_at > slot_start]
        if hits:
            found[index] = hits
    return found


def conflict(
    resource: Resource, clashes: list[Booking], field: str = "starts_at"
) -> BookingConflict:
    """The error for a refused confirmation, naming every clashing booking."""
    if not clashes:  # confirmed and cancelled again while we looked: rare, and safe to retry
        message = _(
            "%(resource)s was booked by someone else at the same moment; try again.",
            resource=resource.name,
        )
        return BookingConflict(message, field=field, clashes=[])
    details = [clash_message(resource, clash) for clash in clashes]
    return BookingConflict(" ".join(details), field=field, clashes=clashes, details=details)
