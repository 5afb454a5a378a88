"""What room approvers are told beyond the core's booking notices: a request expects more
people than the room seats. Written in the approver's language, in the caller's transaction."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core import NotificationType
from core.booking.models import Booking
from core.booking.rules import describe
from core.db import db
from core.identity.models import User
from core.notifications.services import notify

OVER_CAPACITY = "meetings.room_over_capacity"

TYPES = [NotificationType(OVER_CAPACITY, _l("A room request expects more people than seats"))]


def queue_link() -> str:
    """The rooms' approval queue in the back office."""
    if has_request_context():
        return url_for("meetings_room_queue.index")
    return "/admin/meetings_room_queue/"


def over_capacity(room: Any, booking: Booking, attendees: int, by: Any, count: int = 1) -> None:
    """Warn the room's approver that ``booking`` (and ``count - 1`` more dates of its series)
    expects ``attendees`` people for fewer seats."""
    approver_id = room.resource.approver_id
    if approver_id is None or getattr(by, "id", None) == approver_id:
        return
    approver = db.session.get(User, approver_id)
    if approver is None:
        return
    settings = current_app.extensions["vanphong"].settings
    with force_locale(approver.locale or settings.locale):
        subject = _("Over capacity: %(room)s", room=room.name)
        body = _(
            "Request %(booking)s expects %(attendees)d people; %(room)s seats %(capacity)d.",
            booking=describe(booking),
            attendees=attendees,
            room=room.name,
            capacity=room.capacity,
        )
        if count > 1:
            body += " " + _("The same for the %(n)d dates of the series.", n=count)
    notify([approver], OVER_CAPACITY, subject, body, queue_link())
