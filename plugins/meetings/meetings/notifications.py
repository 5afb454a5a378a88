"""What the meeting dossier tells people: the notification types, the link to a meeting, and
sending one message to many people each in their own language, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from flask import has_request_context, url_for
from flask_babel import lazy_gettext as _l

from core import NotificationType
from core.notifications.services import Attachment, notify_each

PROPOSED = "meetings.proposed"
INVITED = "meetings.invited"
CANCELLED = "meetings.cancelled"
DELEGATED = "meetings.delegated"
REMINDER = "meetings.reminder"
MATERIALS_DUE = "meetings.materials_due"
MINUTES_LATE = "meetings.minutes_late"
NOTICE_TO_APPROVE = "meetings.notice_to_approve"
CONCLUSIONS = "meetings.conclusions"

EMAIL = ("inapp", "email")
TYPES = [
    NotificationType(PROPOSED, _l("A meeting you chair awaits your approval")),
    NotificationType(INVITED, _l("Invitation to a meeting"), EMAIL),
    NotificationType(CANCELLED, _l("A meeting was cancelled"), EMAIL),
    NotificationType(DELEGATED, _l("You attend a meeting in someone's place"), EMAIL),
    NotificationType(REMINDER, _l("A meeting is coming up"), EMAIL),
    NotificationType(MATERIALS_DUE, _l("Your materials for a meeting are due"), EMAIL),
    NotificationType(MINUTES_LATE, _l("Minutes of a meeting are late")),
    NotificationType(NOTICE_TO_APPROVE, _l("A conclusion notice awaits your approval")),
    NotificationType(CONCLUSIONS, _l("Conclusions of a meeting assigned to your unit"), EMAIL),
]


def meeting_link(meeting_id: int) -> str:
    """The meeting's dossier in the back office."""
    if has_request_context():
        return url_for("meetings_meeting.details_view", id=meeting_id)
    return f"/admin/meetings_meeting/details/?id={meeting_id}"


def ics_link(meeting_id: int) -> str:
    """The meeting as an iCalendar file (the invitation's attachment)."""
    if has_request_context():
        return url_for("meetings_meeting.ics_view", id=meeting_id)
    return f"/admin/meetings_meeting/{meeting_id}/invitation.ics"


def send(
    recipients: Iterable[Any],
    type: str,
    link: str,
    compose: Callable[[], tuple[str, str]],
    attachments: Sequence[Attachment] = (),
) -> int:
    """Notify ``recipients`` (users, ids, units), each in their language (see
    :func:`core.notifications.services.notify_each`); returns how many people."""
    return notify_each(recipients, type, compose, link, attachments)
