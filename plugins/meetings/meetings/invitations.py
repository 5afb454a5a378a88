"""The invitation: sent to each invitee (a person, or a unit's members) with the meeting as an
iCalendar file attached to the e-mail, and that file itself (RFC 5545, ``METHOD:REQUEST``),
also served at :func:`~plugins.meetings.meetings.notifications.ics_link` for the inbox.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from flask_babel import gettext as _

from core.booking.rules import span_text
from core.db import utcnow
from core.notifications.services import Attachment
from plugins.meetings.meetings import notifications
from plugins.meetings.meetings.models import Invitee, Meeting

#: The iCalendar file's product identifier.
PRODID = "-//VanPhong//Hop//VI"


def send_invitations(meeting: Meeting, invitees: Iterable[Invitee]) -> int:
    """Tell ``invitees`` (persons, and every member of invited units) of the meeting; returns
    how many people were told. Guests from outside have no account: the office sends them
    the numbered invitation."""
    recipients: list[object] = []
    for invitee in invitees:
        if invitee.user_id is not None:
            recipients.append(invitee.user_id)
        elif invitee.unit is not None:
            recipients.append(invitee.unit)
    if not recipients:
        return 0
    link = notifications.meeting_link(meeting.id)
    ics = absolute(notifications.ics_link(meeting.id))

    def compose() -> tuple[str, str]:
        symbol = meeting.invitation.symbol if meeting.invitation else ""
        subject = _("Invitation %(symbol)s: %(title)s", symbol=symbol, title=meeting.title)
        lines = [
            _("Time: %(time)s", time=span_text(meeting.starts_at, meeting.ends_at)),
            _("Place: %(place)s", place=place_of(meeting)),
            _("Chair: %(name)s", name=meeting.chair.full_name or meeting.chair.username),
            *(f"{a.position}. {a.title}" for a in meeting.agenda),
            _("Add it to your calendar: %(url)s", url=ics),
        ]
        return subject, "\n".join(lines)

    attachment = Attachment(f"giay-moi-{meeting.id}.ics", "text/calendar", render_ics(meeting))
    return notifications.send(recipients, notifications.INVITED, link, compose, [attachment])


def place_of(meeting: Meeting) -> str:
    """The room's name and location, or the outside location."""
    if meeting.room is not None:
        where = meeting.room.resource.location
        return f"{meeting.room.name} ({where})" if where else meeting.room.name
    return meeting.location


def absolute(path: str) -> str:
    """A path in VanPhong as a full address (for e-mail bodies and calendar files)."""
    if "://" in path:
        return path
    return current_app.extensions["vanphong"].settings.base_url.rstrip("/") + path


def render_ics(meeting: Meeting) -> bytes:
    """The meeting as a VCALENDAR with one VEVENT: times in UTC, place, the agenda as the
    description, the chair as organiser, every invited person as attendee; ``SEQUENCE`` is
    the meeting's version, so an update replaces the event, a cancellation cancels it."""
    from icalendar import Calendar, Event, vCalAddress, vText  # slow import: only when asked

    cancelled = meeting.status == "cancelled"
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", f"meetings.meeting.{meeting.id}@vanphong")
    event.add("sequence", meeting.version or 1)
    event.add("dtstamp", utcnow())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title)
    event.add("location", place_of(meeting))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    agenda = "\n".join(f"{a.position}. {a.title}" for a in meeting.agenda)
    event.add("description", "\n\n".join(p for p in (meeting.description, agenda) if p))
    event.add("url", absolute(notifications.meeting_link(meeting.id)))
    event.add(
        "organizer", _address(meeting.chair.email, meeting.chair.full_name, vCalAddress, vText)
    )
    for invitee in meeting.invitees:
        person = invitee.attendee
        email = person.email if person is not None else invitee.guest_email
        if email:
            event.add("attendee", _address(email, invitee.name, vCalAddress, vText), encode=False)
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def _address(email: str, name: str, address_type: type, text_type: type) -> object:
    address = address_type(f"mailto:{email}" if email else "mailto:noreply@vanphong.invalid")
    if name:
        address.params["cn"] = text_type(name)
    return address
