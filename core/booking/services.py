"""Booking operations, the only way bookings are written: request, confirm, reject, cancel,
move; and resources saved under their rules.

Every function works in the caller's transaction and never commits, so a plugin books a room
as part of its own change (a meeting, a trip) and both are kept or lost together. ``by`` is the
user acting (recorded, notified, checked against who may decide); None means the system.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from core.booking import notices
from core.booking.guard import clashes_by_slot, current, lock, refused_one, save_confirmed
from core.booking.models import KINDS, Booking, BookingStatus, Resource, ResourceKind
from core.booking.rules import (
    LOOKBACK,
    MANAGE,
    BookingError,
    check_bookable,
    check_purpose,
    check_times,
    describe,
    may_decide,
    require_changer,
    require_decider,
)
from core.db import utcnow
from core.identity.access import in_units, scope_paths
from core.identity.models import User
from core.org.models import Unit

OPEN = (BookingStatus.REQUESTED.value, BookingStatus.CONFIRMED.value)


def save_resource(session: Session, resource: Resource) -> Resource:
    """Check a new or edited resource and flush it."""
    resource.code = (resource.code or "").strip()
    resource.name = (resource.name or "").strip()
    resource.kind = resource.kind or ResourceKind.ROOM.value
    if not resource.code or not resource.name:
        raise BookingError(
            _("Code and name: required."), field="code" if not resource.code else "name"
        )
    if resource.kind not in KINDS:
        raise BookingError(_("Kind: one of %(kinds)s.", kinds=", ".join(KINDS)), field="kind")
    if (
        resource.kind == ResourceKind.PERSON.value
        and resource.user_id is None
        and resource.user is None
    ):
        raise BookingError(
            _("User: a person resource names the person's user account."), field="user_id"
        )
    if resource.capacity is not None and resource.capacity < 0:
        raise BookingError(_("Capacity: zero or more."), field="capacity")
    for field, model in (("approver_id", User), ("user_id", User), ("unit_id", Unit)):
        chosen = getattr(resource, field)
        if chosen is not None and session.get(model, chosen) is None:
            raise BookingError(_("No such record: %(id)s.", id=chosen), field=field)
    session.add(resource)
    session.flush()
    return resource


def request_booking(
    session: Session,
    resource: Resource,
    starts_at: datetime,
    ends_at: datetime,
    purpose: str,
    *,
    by: Any = None,
    owner_type: str = "",
    owner_ref: str = "",
    confirm: bool = False,
) -> Booking:
    """Ask for ``resource`` over ``[starts_at, ends_at)``.

    The booking is confirmed at once when the resource has no approver, or when ``confirm`` is
    asked by someone who may decide; the database then refuses it if a confirmed booking
    overlaps (:class:`BookingConflict`, nothing stored). Otherwise it waits as a request, which
    may overlap other requests and confirmed bookings, and the approver is told.
    """
    purpose = check_purpose(purpose)
    check_times(starts_at, ends_at)
    check_bookable(resource)
    immediate = confirm or resource.approver_id is None
    if confirm:
        require_decider(by, resource)
    booking = Booking(
        resource=resource,
        starts_at=starts_at,
        ends_at=ends_at,
        purpose=purpose,
        booked_by_id=getattr(by, "id", None),
        owner_type=owner_type,
        owner_ref=owner_ref,
        status=BookingStatus.REQUESTED.value,
    )
    if not immediate:
        session.add(booking)
        session.flush()
        notices.request_awaits(booking, by)
        return booking
    lock(session, [resource.id])
    decide(booking, BookingStatus.CONFIRMED, by)
    save_confirmed(
        session,
        lambda: session.add(booking),
        refused_one(session, resource, starts_at, ends_at),
    )
    reject_displaced(session, resource, [booking], by)
    return booking


def confirm(session: Session, booking: Booking, *, by: Any = None) -> list[Booking]:
    """Confirm a request; the requests it clashes with are rejected and their bookers told.

    Returns the rejected requests. Raises :class:`BookingConflict` naming the confirmed booking
    that already holds the time.
    """
    require_decider(by, booking.resource)
    lock(session, [booking.resource_id])
    current(session, booking)
    _require_status(booking, BookingStatus.REQUESTED, _("only a request can be confirmed"))
    check_bookable(booking.resource)
    resource = booking.resource
    save_confirmed(
        session,
        lambda: decide(booking, BookingStatus.CONFIRMED, by),
        refused_one(session, resource, booking.starts_at, booking.ends_at, booking.id),
    )
    notices.confirmed(booking, by)
    return reject_displaced(session, resource, [booking], by)


def reject(session: Session, booking: Booking, *, by: Any = None, reason: str = "") -> None:
    """Turn down a request, saying why; the booker is told."""
    require_decider(by, booking.resource)
    current(session, booking)
    _require_status(booking, BookingStatus.REQUESTED, _("only a request can be rejected"))
    decide(booking, BookingStatus.REJECTED, by, reason)
    session.flush()
    notices.rejected(booking, by)


def cancel(session: Session, booking: Booking, *, by: Any = None, reason: str = "") -> None:
    """Withdraw a request or release a confirmed booking; the booker is told when someone
    else did it."""
    require_changer(by, booking)
    current(session, booking)
    if booking.status not in OPEN:
        raise BookingError(
            _(
                "Status: booking %(booking)s is already %(status)s; only a request or a "
                "confirmed booking can be cancelled.",
                booking=describe(booking),
                status=_status_label(booking.status),
            ),
            field="status",
        )
    decide(booking, BookingStatus.CANCELLED, by, reason)
    session.flush()
    notices.cancelled(booking, by)


def move(
    session: Session,
    booking: Booking,
    starts_at: datetime,
    ends_at: datetime,
    *,
    by: Any = None,
) -> list[Booking]:
    """Give a booking new times. A confirmed booking stays confirmed only if the database finds
    the new times free (else :class:`BookingConflict`, nothing changed), and the requests it
    now clashes with are rejected; moved by its booker on a resource with an approver, it
    becomes a request again and awaits approval. Returns the rejected requests."""
    require_changer(by, booking)
    check_times(starts_at, ends_at)
    resource = booking.resource
    lock(session, [resource.id])
    current(session, booking)
    if booking.status not in OPEN:
        raise BookingError(
            _(
                "Status: booking %(booking)s is %(status)s; only a request or a confirmed "
                "booking can be moved.",
                booking=describe(booking),
                status=_status_label(booking.status),
            ),
            field="status",
        )
    check_bookable(resource)
    needs_approval = (
        resource.approver_id is not None and by is not None and not may_decide(by, resource)
    )
    if booking.status == BookingStatus.REQUESTED.value or needs_approval:
        was_confirmed = booking.status == BookingStatus.CONFIRMED.value
        booking.starts_at, booking.ends_at = starts_at, ends_at
        booking.status = BookingStatus.REQUESTED.value
        if was_confirmed:
            booking.decided_by_id, booking.decided_at = None, None
        session.flush()
        if was_confirmed:
            notices.request_awaits(booking, by)
        return []

    def write() -> None:
        booking.starts_at, booking.ends_at = starts_at, ends_at

    save_confirmed(session, write, refused_one(session, resource, starts_at, ends_at, booking.id))
    return reject_displaced(session, resource, [booking], by)


def set_purpose(session: Session, booking: Booking, purpose: str, *, by: Any = None) -> None:
    """Say differently what a booking is for (its times and status stay)."""
    require_changer(by, booking)
    booking.purpose = check_purpose(purpose)
    session.flush()


def pending_for(session: Session, user: Any, limit: int = 200) -> list[Booking]:
    """Requests awaiting ``user``: those of resources they approve, and for holders of
    core.booking.manage those of the resources they manage, soonest first."""
    query = (
        select(Booking)
        .join(Booking.resource)
        .options(joinedload(Booking.resource), joinedload(Booking.booked_by))
        .where(Booking.status == BookingStatus.REQUESTED.value, Booking.ends_at > utcnow())
    )
    paths = scope_paths(user, MANAGE)
    if paths is not None:  # else: every resource's requests
        mine = Resource.approver_id == user.id
        query = query.where(or_(mine, in_units(Resource.unit_id, paths)) if paths else mine)
    return list(session.scalars(query.order_by(Booking.starts_at, Booking.id).limit(limit)))


# -- helpers ----------------------------------------------------------------------------


def decide(booking: Booking, status: BookingStatus, by: Any, reason: str = "") -> None:
    """Set a booking's status, and who decided it when."""
    booking.status = status.value
    booking.decided_by_id = getattr(by, "id", None)
    booking.decided_at = utcnow()
    if reason:
        booking.reason = reason.strip()[:500]


def reject_displaced(
    session: Session, resource: Resource, confirmed: Sequence[Booking], by: Any
) -> list[Booking]:
    """Reject the requests that clash with the newly ``confirmed`` bookings of ``resource``
    (one query whatever their number), telling their bookers. Returns them."""
    confirmed = sorted(confirmed, key=lambda b: b.starts_at)
    ids = {b.id for b in confirmed}
    requests = [
        r
        for r in session.scalars(
            select(Booking)
            .where(
                Booking.resource_id == resource.id,
                Booking.status == BookingStatus.REQUESTED.value,
                Booking.starts_at < max(b.ends_at for b in confirmed),
                Booking.starts_at > confirmed[0].starts_at - LOOKBACK,
                Booking.ends_at > confirmed[0].starts_at,
            )
            .order_by(Booking.starts_at, Booking.id)
        )
        if r.id not in ids
    ]
    displaced: list[tuple[Booking, Booking]] = []
    for index, hits in clashes_by_slot(
        [(r.starts_at, r.ends_at) for r in requests], confirmed
    ).items():
        request, cause = requests[index], hits[0]
        reason = _("Clashes with booking %(booking)s, confirmed.", booking=describe(cause))
        decide(request, BookingStatus.REJECTED, by, reason)
        displaced.append((request, cause))
    session.flush()
    for request, cause in displaced:
        notices.rejected(request, by, displaced_by=cause)
    return [request for request, _cause in displaced]


def _require_status(booking: Booking, status: BookingStatus, rule: str) -> None:
    if booking.status != status.value:
        raise BookingError(
            _(
                "Status: booking %(booking)s is %(status)s: %(rule)s.",
                booking=describe(booking),
                status=_status_label(booking.status),
                rule=rule,
            ),
            field="status",
        )


def _status_label(status: str) -> str:
    labels = {
        BookingStatus.REQUESTED.value: _("requested"),
        BookingStatus.CONFIRMED.value: _("confirmed"),
        BookingStatus.REJECTED.value: _("rejected"),
        BookingStatus.CANCELLED.value: _("cancelled"),
    }
    return labels.get(status, status)
