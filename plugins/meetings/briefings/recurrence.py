"""When a briefing series meets: its RRULE, checked once when saved, and the dates it gives in
a window.

The rule is read in the agency's time zone from the first session's start ("every Monday at
08:00" stays at 08:00 local time) and may run without an end (``FREQ=WEEKLY;BYDAY=MO``): the
sessions are made a few weeks ahead at a time. It is checked with the core's rules for
recurring bookings (the same parts, no impossible dates), so a series never holds a rule the
bookings would refuse.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from dateutil.rrule import rrulestr
from flask_babel import gettext as _

from core.booking import series as booking_series
from core.booking.rules import BookingError
from core.i18n import agency_zone

#: The parts that end a rule; a series' rule may leave them out.
ENDINGS = ("COUNT", "UNTIL")


def normalise(rule: str) -> str:
    """The rule as stored: upper case, without ``RRULE:``, spaces or empty parts."""
    body = (rule or "").strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    return ";".join(part.strip().upper() for part in body.split(";") if part.strip())


def check_rule(rule: str, first_starts_at: datetime, duration: timedelta) -> str:
    """Refuse a rule the bookings would refuse or that gives no date within two years
    (:class:`~core.booking.rules.BookingError`, field ``rrule``); return it normalised."""
    text = normalise(rule)
    if not text:
        raise BookingError(_("Repeat rule: required, e.g. FREQ=WEEKLY;BYDAY=MO."), field="rrule")
    open_ended = ";".join(p for p in text.split(";") if p.partition("=")[0] not in ENDINGS)
    # One date is enough to prove the rule possible; its own end is checked when parsed below.
    booking_series.occurrences(first_starts_at, first_starts_at + duration, f"{open_ended};COUNT=1")
    _parsed(text, first_starts_at)
    return text


def dates_between(
    rule: str, first_starts_at: datetime, start: datetime, end: datetime
) -> list[datetime]:
    """The sessions' starts the rule gives in ``[start, end)``, aware in the agency's zone."""
    if end <= start:
        return []
    found = _parsed(rule, first_starts_at).between(start, end, inc=True)
    return [when for when in found if start <= when < end]


def _parsed(rule: str, first_starts_at: datetime) -> Any:
    try:
        return rrulestr(rule, dtstart=first_starts_at.astimezone(agency_zone()))
    except (ValueError, TypeError, OverflowError, IndexError, KeyError) as error:
        raise BookingError(
            _("Repeat rule: not a valid RRULE (%(error)s).", error=error), field="rrule"
        ) from None
