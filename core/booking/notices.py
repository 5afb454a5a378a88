"""What bookers and approvers are told: a request awaits approval; a booking was confirmed,
rejected (by the approver, or because a clashing one was confirmed) or cancelled by someone
else. Each notice is written in the recipient's language, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from core.booking.models import Booking
from core.booking.rules import describe
from core.db import db
from core.identity.models import User
from core.notifications.services import notify

REQUESTED = "core.booking_requested"
CONFIRMED = "core.booking_confirmed"
REJECTED = "core.booking_rejected"
CANCELLED = "core.booking_cancelled"


def booking_link(booking: Booking) -> str:
    """The booking's back-office page (under the app's own prefix when served from a request)."""
    if has_request_context():
        return url_for("core_booking.details_view", id=booking.id)
    return f"/admin/core_booking/details/?id={booking.id}"


def _tell(
    user_id: int | None,
    by: Any,
    kind: str,
    booking: Booking,
    words: Callable[[], tuple[str, str]],
) -> None:
    """Notify ``user_id`` (unless they did it themselves) with ``words()`` in their language."""
    if user_id is None or (by is not None and getattr(by, "id", None) == user_id):
        return
    user = db.session.get(User, user_id)
    if user is None:
        return
    settings = current_app.extensions["vanphong"].settings
    with force_locale(user.locale or settings.locale):
        subject, body = words()
    notify([user], kind, subject, body, booking_link(booking))


def _what(booking: Booking, count: int) -> str:
    """The booking, and for a recurring one how many dates the notice covers."""
    if count > 1:
        return _(
            "%(booking)s and the following dates (%(n)d in all)", booking=describe(booking), n=count
        )
    return describe(booking)


def request_awaits(booking: Booking, by: Any, count: int = 1) -> None:
    """Tell the resource's approver that a request (``count`` dates from ``booking``) awaits."""
    resource = booking.resource
    _tell(
        resource.approver_id,
        by,
        REQUESTED,
        booking,
        lambda: (
            _("Booking request for %(resource)s", resource=resource.name),
            _(
                "%(who)s asks for %(resource)s: %(booking)s. Confirm or reject it in "
                "the approval queue.",
                who=booking.booked_by or _("Someone"),
                resource=resource.name,
                booking=_what(booking, count),
            ),
        ),
    )


def confirmed(booking: Booking, by: Any, count: int = 1) -> None:
    _tell(
        booking.booked_by_id,
        by,
        CONFIRMED,
        booking,
        lambda: (
            _("Booking confirmed: %(resource)s", resource=booking.resource.name),
            _(
                "Your booking %(booking)s is confirmed.",
                booking=_what(booking, count),
            ),
        ),
    )


def rejected(booking: Booking, by: Any, displaced_by: Booking | None = None) -> None:
    """Tell the booker their request was rejected, and why (the clashing confirmed booking)."""

    def words() -> tuple[str, str]:
        subject = _("Booking rejected: %(resource)s", resource=booking.resource.name)
        if displaced_by is not None:
            body = _(
                "Your request %(booking)s was rejected: %(other)s was confirmed for the same time.",
                booking=describe(booking),
                other=describe(displaced_by),
            )
        else:
            body = _(
                "Your request %(booking)s was rejected. %(reason)s",
                booking=describe(booking),
                reason=booking.reason,
            )
        return subject, body.strip()

    _tell(booking.booked_by_id, by, REJECTED, booking, words)


def cancelled(booking: Booking, by: Any, count: int = 1) -> None:
    _tell(
        booking.booked_by_id,
        by,
        CANCELLED,
        booking,
        lambda: (
            _("Booking cancelled: %(resource)s", resource=booking.resource.name),
            _(
                "Your booking %(booking)s was cancelled by %(who)s. %(reason)s",
                booking=_what(booking, count),
                who=by or _("the system"),
                reason=booking.reason,
            ).strip(),
        ),
    )
