"""The booking rules written once: limits, errors, time checks, who decides, how a booking is
named in messages. Services, the API and the back office all use these."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask_babel import gettext as _

from core.booking.models import Booking, Resource
from core.db import EARLIEST, LATEST
from core.errors import ConflictError, Forbidden, VanPhongError
from core.i18n import agency_zone
from core.identity.access import scope_paths

#: The longest booking. The database refuses longer ones too (``ck_core_booking_span``), and
#: availability queries rely on it to bound their index scans: raise both together.
MAX_SPAN = timedelta(days=31)
#: How far back index scans on (resource_id, starts_at) look for bookings overlapping a time:
#: longer than any booking, with room for the database check's rounding to the second.
LOOKBACK = MAX_SPAN + timedelta(days=1)
#: The most occurrences a recurring booking may have, and the longest time it may cover.
MAX_OCCURRENCES = 366
MAX_SERIES_SPAN = timedelta(days=731)
#: The longest window an availability query may ask about.
MAX_WINDOW = timedelta(days=31)

MANAGE = "core.booking.manage"


class BookingError(VanPhongError):
    """A booking or a resource breaks a rule; the message names the field and the rule."""


class NotAllowed(BookingError, Forbidden):
    """The user may not take this decision on this booking (the API answers 403)."""


class BookingConflict(ConflictError):
    """Confirmed bookings already hold the time. ``clashes`` are those bookings and
    ``details`` one line per clash (per clashing date for a recurring booking)."""

    def __init__(
        self,
        message: str,
        *,
        field: str,
        clashes: list[Booking],
        details: list[str] | None = None,
    ) -> None:
        super().__init__(message, field=field)
        self.clashes = clashes
        self.details = details or [message]


def span_text(starts_at: datetime, ends_at: datetime) -> str:
    """``05/01/2026 09:00–10:00`` in the agency's time zone (both dates when they differ)."""
    zone = agency_zone()
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    if start.date() == end.date():
        return f"{start:%d/%m/%Y %H:%M}–{end:%H:%M}"
    return f"{start:%d/%m/%Y %H:%M} – {end:%d/%m/%Y %H:%M}"


def describe(booking: Booking) -> str:
    """How a message names a booking: ``#12 “Giao ban tuần” (05/01/2026 09:00–10:00)``."""
    return _(
        "#%(id)s “%(purpose)s” (%(time)s)",
        id=booking.id,
        purpose=booking.purpose,
        time=span_text(booking.starts_at, booking.ends_at),
    )


def clash_message(resource: Resource, clash: Booking) -> str:
    return _(
        "%(resource)s is already booked at this time: booking %(booking)s.",
        resource=resource.name,
        booking=describe(clash),
    )


def check_times(starts_at: Any, ends_at: Any) -> None:
    """Times are aware, the end comes after the start, and the span is at most MAX_SPAN."""
    for field, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        label = _("Start") if field == "starts_at" else _("End")
        if not isinstance(value, datetime):
            raise BookingError(
                _("%(field)s: a date and time is required.", field=label), field=field
            )
        if value.tzinfo is None or value.utcoffset() is None:
            raise BookingError(
                _(
                    "%(field)s: give the time with its UTC offset; a time without one is "
                    "ambiguous.",
                    field=label,
                ),
                field=field,
            )
        if not EARLIEST <= value < LATEST:
            raise BookingError(
                _("%(field)s: a time between 1900 and 2200.", field=label), field=field
            )
    if ends_at < starts_at:
        raise BookingError(
            _("End: must come after the start (the end is before the start)."), field="ends_at"
        )
    if ends_at == starts_at:
        raise BookingError(
            _("End: a booking cannot last zero minutes (the end equals the start)."),
            field="ends_at",
        )
    if ends_at - starts_at > MAX_SPAN:
        raise BookingError(
            _(
                "End: a booking lasts at most %(days)d days; book longer use as a recurring "
                "booking.",
                days=MAX_SPAN.days,
            ),
            field="ends_at",
        )


def check_bookable(resource: Resource) -> None:
    """An inactive resource (out of service, sold, left the agency) takes no bookings."""
    if not resource.active:
        raise BookingError(
            _("Resource: %(resource)s is inactive and cannot be booked.", resource=resource.name),
            field="resource_id",
        )


def check_purpose(purpose: str) -> str:
    purpose = (purpose or "").strip()
    if not purpose:
        raise BookingError(_("Purpose: say what the booking is for."), field="purpose")
    return purpose


def may_decide(user: Any, resource: Resource) -> bool:
    """The resource's approver, and holders of core.booking.manage (across the agency, or over
    the unit owning the resource), confirm and reject its bookings."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if resource.approver_id is not None and resource.approver_id == user.id:
        return True
    if scope_paths(user, MANAGE) is None:
        return True
    return resource.unit_id is not None and bool(user.can(MANAGE, resource.unit_id))


def may_change(user: Any, booking: Booking) -> bool:
    """Whoever booked it, and whoever decides on its resource, may move or cancel a booking."""
    if user is not None and booking.booked_by_id is not None and booking.booked_by_id == user.id:
        return True
    return may_decide(user, booking.resource)


def require_decider(user: Any, resource: Resource) -> None:
    """Refuse unless ``user`` may confirm and reject bookings of ``resource`` (None: the caller
    is the system, a plugin or a job, and decided by itself)."""
    if user is not None and not may_decide(user, resource):
        raise NotAllowed(
            _(
                "Only the approver of %(resource)s or the office may confirm or reject its "
                "bookings.",
                resource=resource.name,
            )
        )


def require_changer(user: Any, booking: Booking) -> None:
    if user is not None and not may_change(user, booking):
        raise NotAllowed(
            _(
                "Only whoever made booking %(booking)s, its approver or the office may change it.",
                booking=describe(booking),
            )
        )
