"""Recurring bookings: the dates of an RRULE (RFC 5545), booked all or none.

A refusal lists every clashing date, so the booker sees at once which weeks to move. The rule
is read in the agency's time zone ("every Monday at 08:00" stays at 08:00 local time); it must
end (COUNT or UNTIL) within :data:`~core.booking.rules.MAX_OCCURRENCES` dates and
:data:`~core.booking.rules.MAX_SERIES_SPAN`.
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

from dateutil.rrule import rrulestr
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.booking import notices
from core.booking.guard import clashes_by_slot, conflict, current, lock, save_confirmed
from core.booking.models import Booking, BookingStatus, Resource
from core.booking.rules import (
    LOOKBACK,
    MAX_OCCURRENCES,
    MAX_SERIES_SPAN,
    BookingConflict,
    BookingError,
    check_bookable,
    check_purpose,
    check_times,
    describe,
    require_changer,
    require_decider,
    span_text,
)
from core.booking.services import OPEN, decide, reject_displaced
from core.db import utcnow
from core.i18n import agency_zone

Slot = tuple[datetime, datetime]

#: The parts of a rule VanPhong accepts: enough for "every weekday", "every second Tuesday",
#: "the first Monday of the month"; not the sub-daily frequencies.
PARTS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST"}
FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}


def _invalid(reason: str) -> BookingError:
    return BookingError(_("Repeat rule: %(reason)s", reason=reason), field="rrule")


def _parts(rule: str) -> dict[str, str]:
    body = rule.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    if not body or "\n" in body or "\r" in body:
        raise _invalid(_("give one RRULE line, such as FREQ=WEEKLY;COUNT=10."))
    parts: dict[str, str] = {}
    for item in body.split(";"):
        name, _sep, value = item.partition("=")
        name = name.strip().upper()
        if name not in PARTS or not value.strip():
            raise _invalid(
                _(
                    "%(part)s is not supported; use %(parts)s.",
                    part=item,
                    parts=", ".join(sorted(PARTS)),
                )
            )
        parts[name] = value.strip().upper()
    if parts.get("FREQ") not in FREQUENCIES:
        raise _invalid(_("FREQ is one of %(freqs)s.", freqs=", ".join(sorted(FREQUENCIES))))
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise _invalid(_("say when it ends, with COUNT or UNTIL."))
    _check_possible(parts)
    return parts


def _numbers(value: str) -> list[int]:
    try:
        return [int(v) for v in value.split(",")]
    except ValueError:
        raise _invalid(_("%(value)s is not a list of numbers.", value=value)) from None


def _check_possible(parts: dict[str, str]) -> None:
    """Refuse day filters no date can meet (30 February): the rule would be searched for
    thousands of years before giving up."""
    if "BYMONTHDAY" in parts:
        months = _numbers(parts["BYMONTH"]) if "BYMONTH" in parts else list(range(1, 13))
        days = _numbers(parts["BYMONTHDAY"])
        longest = {m: calendar.monthrange(2024, m)[1] for m in range(1, 13)}  # a leap year
        if not any(1 <= abs(d) <= longest.get(m, 0) for m in months for d in days):
            raise _invalid(_("no date matches BYMONTHDAY in these months."))
    if "BYSETPOS" in parts:
        # Only a month has sets to pick from ("the last working day"); elsewhere a position
        # beyond the set never matches, and the search runs to the year 9999.
        if parts["FREQ"] != "MONTHLY" or "BYDAY" not in parts:
            raise _invalid(_("BYSETPOS goes with FREQ=MONTHLY and BYDAY only."))
        weekdays = len(parts["BYDAY"].split(","))
        if not all(1 <= abs(p) <= 5 * weekdays for p in _numbers(parts["BYSETPOS"])):
            raise _invalid(_("BYSETPOS: no month has that many of these days."))
    limit = 5 if parts["FREQ"] == "MONTHLY" or "BYMONTH" in parts else 53
    for day in parts.get("BYDAY", "").split(","):
        ordinal = day.strip()[:-2]
        if ordinal and ordinal.lstrip("+-").isdigit() and not 1 <= abs(int(ordinal)) <= limit:
            raise _invalid(_("%(day)s: no such weekday in a month or year.", day=day))


def _bounded(rule: Any, horizon: datetime) -> Iterator[datetime]:
    """The rule's dates, with the walk stopped a day past ``horizon``: looking for a date a rule
    never gives, dateutil would otherwise walk day by day to the year 9999 (seconds of CPU).
    A rule that ends past the horizon, or still owes dates there, yields one date past it, so
    the caller refuses the span."""
    limit = horizon + timedelta(days=1)
    count, until = rule._count, rule._until  # dateutil keeps the parsed COUNT and UNTIL here
    if until is not None and until > limit:
        yield limit
        return
    given = 0
    for start in rule.replace(count=None, until=until or limit):
        if count is not None and given == count:
            return
        given += 1
        yield start
    if count is not None and given < count:
        yield limit


def occurrences(starts_at: datetime, ends_at: datetime, rule: str) -> list[Slot]:
    """The ``[start, end)`` of every date ``rule`` gives from the first booking's times."""
    check_times(starts_at, ends_at)
    parts = _parts(rule)
    zone = agency_zone()
    duration = ends_at - starts_at
    horizon = starts_at + MAX_SERIES_SPAN
    text = ";".join(f"{k}={v}" for k, v in parts.items())
    slots: list[Slot] = []
    try:
        for start in _bounded(rrulestr(text, dtstart=starts_at.astimezone(zone)), horizon):
            if len(slots) == MAX_OCCURRENCES:
                raise _invalid(_("at most %(n)d dates.", n=MAX_OCCURRENCES))
            if start > horizon:
                raise _invalid(_("it may cover at most %(days)d days.", days=MAX_SERIES_SPAN.days))
            slots.append((start, start + duration))
    except (ValueError, TypeError, OverflowError, IndexError, KeyError) as error:
        raise _invalid(_("not a valid RRULE (%(error)s).", error=error)) from None
    if not slots:
        raise _invalid(_("it gives no date."))
    for (_start, end), (next_start, _end) in pairwise(slots):
        if next_start < end:
            raise _invalid(
                _("the dates overlap each other (%(time)s).", time=span_text(next_start, end))
            )
    return slots


def request_series(
    session: Session,
    resource: Resource,
    starts_at: datetime,
    ends_at: datetime,
    rule: str,
    purpose: str,
    *,
    by: Any = None,
    owner_type: str = "",
    owner_ref: str = "",
    confirm: bool = False,
) -> list[Booking]:
    """Book ``resource`` on every date of ``rule``, the first one at ``[starts_at, ends_at)``,
    with one ``series_id``: confirmed at once (no approver, or ``confirm`` by a decider) only if
    every date is free — else :class:`BookingConflict` listing every clashing date and nothing
    stored — or as requests awaiting the approver."""
    purpose = check_purpose(purpose)
    slots = occurrences(starts_at, ends_at, rule)
    check_bookable(resource)
    if confirm:
        require_decider(by, resource)
    immediate = confirm or resource.approver_id is None
    series_id = uuid.uuid4().hex
    bookings = [
        Booking(
            resource=resource,
            starts_at=start,
            ends_at=end,
            purpose=purpose,
            booked_by_id=getattr(by, "id", None),
            owner_type=owner_type,
            owner_ref=owner_ref,
            series_id=series_id,
            status=BookingStatus.REQUESTED.value,
        )
        for start, end in slots
    ]
    if not immediate:
        session.add_all(bookings)
        session.flush()
        notices.request_awaits(bookings[0], by, count=len(bookings))
        return bookings
    _confirm_all(session, resource, bookings, by, field="rrule")
    return bookings


def confirm_series(session: Session, booking: Booking, *, by: Any = None) -> list[Booking]:
    """Confirm every request of ``booking``'s series that has not ended, all or none."""
    resource = booking.resource
    require_decider(by, resource)
    lock(session, [resource.id])
    requests = _open_occurrences(session, booking, (BookingStatus.REQUESTED.value,))
    if not requests:
        raise BookingError(
            _(
                "Status: the series of %(booking)s has no request left to confirm.",
                booking=describe(booking),
            ),
            field="status",
        )
    check_bookable(resource)
    _confirm_all(session, resource, requests, by, field="series")
    notices.confirmed(requests[0], by, count=len(requests))
    return requests


def cancel_series(
    session: Session, booking: Booking, *, by: Any = None, reason: str = ""
) -> list[Booking]:
    """Cancel every request and confirmed booking of ``booking``'s series that has not ended."""
    require_changer(by, booking)
    cancelled = _open_occurrences(session, booking, OPEN)
    for occurrence in cancelled:
        decide(occurrence, BookingStatus.CANCELLED, by, reason)
    session.flush()
    if cancelled:
        notices.cancelled(cancelled[0], by, count=len(cancelled))
    return cancelled


def _open_occurrences(
    session: Session, booking: Booking, statuses: tuple[str, ...]
) -> list[Booking]:
    """The occurrences of ``booking``'s series in ``statuses`` that have not ended, fresh from
    the database (the caller holds the lock)."""
    if booking.series_id is None:
        current(session, booking)
        return [booking] if booking.status in statuses else []
    return list(
        session.scalars(
            select(Booking)
            .where(
                Booking.series_id == booking.series_id,
                Booking.status.in_(statuses),
                Booking.ends_at > utcnow(),
            )
            .order_by(Booking.starts_at, Booking.id)
            .execution_options(populate_existing=True)
        )
    )


def _confirm_all(
    session: Session, resource: Resource, bookings: list[Booking], by: Any, field: str
) -> None:
    """Store ``bookings`` confirmed, all or none. Their clashes are looked up first, in one
    query, so that a refusal lists every clashing date; the database still guards the write."""
    lock(session, [resource.id])
    slots = [(b.starts_at, b.ends_at) for b in bookings]
    own = {b.id for b in bookings if b.id is not None}
    found = _clashes(session, resource, slots, own, field)
    if found is not None:
        raise found

    def write() -> None:
        session.add_all(bookings)
        for booking in bookings:
            decide(booking, BookingStatus.CONFIRMED, by)

    def refused() -> BookingConflict:
        return _clashes(session, resource, slots, own, field) or conflict(resource, [], field)

    save_confirmed(session, write, refused)
    reject_displaced(session, resource, bookings, by)


def _clashes(
    session: Session, resource: Resource, slots: list[Slot], own: set[int], field: str
) -> BookingConflict | None:
    """The conflict listing every date of ``slots`` a confirmed booking holds; None if free.

    The window's confirmed bookings are read as bare (id, start, end) rows — a year of a busy
    room is hundreds — and only the clashing ones are loaded whole, to be named."""
    times = [
        row
        for row in session.execute(
            select(Booking.id, Booking.starts_at, Booking.ends_at)
            .where(
                Booking.resource_id == resource.id,
                Booking.status == BookingStatus.CONFIRMED.value,
                Booking.starts_at < max(end for _start, end in slots),
                Booking.starts_at > slots[0][0] - LOOKBACK,
                Booking.ends_at > slots[0][0],
            )
            .order_by(Booking.starts_at, Booking.id)
        )
        if row.id not in own
    ]
    by_times = clashes_by_slot(slots, times)  # type: ignore[arg-type]  # rows have the fields
    if not by_times:
        return None
    ids = {row.id for hits in by_times.values() for row in hits}
    loaded = {b.id: b for b in session.scalars(select(Booking).where(Booking.id.in_(ids)))}
    clashes = {index: [loaded[row.id] for row in hits] for index, hits in by_times.items()}
    details = [
        _(
            "%(time)s: %(resource)s is already booked (%(booking)s).",
            time=span_text(*slots[index]),
            resource=resource.name,
            booking=", ".join(describe(b) for b in hits),
        )
        for index, hits in sorted(clashes.items())
    ]
    message = _(
        "Refused: %(n)d of the %(total)d dates clash with confirmed bookings. %(dates)s",
        n=len(clashes),
        total=len(slots),
        dates=" ".join(details),
    )
    every = [b for hits in clashes.values() for b in hits]
    return BookingConflict(message, field=field, clashes=every, details=details)
