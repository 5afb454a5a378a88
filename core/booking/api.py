"""REST endpoints of bookings: ``/api/v1/resources``, ``/api/v1/bookings`` (with the
decisions and recurring bookings) and ``/api/v1/availability``.

Every write goes through :mod:`core.booking.services` in one transaction. A clash answers 409
naming the confirmed booking that holds the time (``error.fields`` has one line per clash, per
date for a recurring booking); a decision the caller may not take answers 403.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import jsonify, url_for
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import fields
from sqlalchemy import select, true

from core.api import (
    ApiBlueprint,
    Choice,
    Filter,
    Resource,
    Text,
    When,
    equals,
    require,
    requires,
    with_etag,
)
from core.booking import rules, series, services
from core.booking.availability import check_window, free_slots_of
from core.booking.guard import current, lock
from core.booking.models import STATUSES, Booking, BookingStatus
from core.booking.models import Resource as BookableResource
from core.booking.schemas import (
    AvailabilityArgsSchema,
    AvailabilitySchema,
    BookingInputSchema,
    BookingSchema,
    CancelSchema,
    ConfirmSchema,
    MoveSchema,
    RejectSchema,
    ResourceInputSchema,
    ResourceSchema,
    ResourceUpdateSchema,
    SeriesInputSchema,
    SeriesSchema,
)
from core.db import db, utcnow

bp = ApiBlueprint(
    "core_api_booking",
    __name__,
    url_prefix="/api/v1",
    description="Rooms, vehicles, drivers, people and equipment, and their bookings, which "
    "never overlap once confirmed.",
)


def _user() -> Any:
    return current_user._get_current_object()


# -- resources ------------------------------------------------------------------------------


class ResourceResource(Resource):
    """Everyone who may book sees every resource; managers change those of their units."""

    name = "resources"
    model = BookableResource
    schema = ResourceSchema
    create_schema = ResourceInputSchema
    update_schema = ResourceUpdateSchema
    permission = "core.resource"
    scope_column = "unit_id"
    filters = {
        "kind": equals(BookableResource.kind),
        "active": equals(BookableResource.active),
        "unit_id": equals(BookableResource.unit_id),
        "approver_id": equals(BookableResource.approver_id),
    }
    sorts = {
        "code": BookableResource.code,
        "name": BookableResource.name,
        "kind": BookableResource.kind,
        "capacity": BookableResource.capacity,
    }
    default_sort = "code"
    searchable = (BookableResource.code, BookableResource.name, BookableResource.location)

    def required(self, action: str) -> set[str] | None:
        if action == "view":  # a room of another unit is still a room one may book
            require("core.resource.view")
            return None
        return super().required(action)

    def create(self, data: dict[str, Any]) -> BookableResource:
        return services.save_resource(db.session, BookableResource(**data))

    def update(self, obj: BookableResource, data: dict[str, Any]) -> None:
        for name, value in data.items():
            setattr(obj, name, value)
        services.save_resource(db.session, obj)


ResourceResource().register(bp)


# -- bookings -------------------------------------------------------------------------------


def _awaiting_me(wanted: bool) -> Any:
    if not wanted:
        return true()
    mine = select(BookableResource.id).where(BookableResource.approver_id == current_user.id)
    return (Booking.status == BookingStatus.REQUESTED.value) & Booking.resource_id.in_(mine)


class BookingResource(Resource):
    """Bookings are read through the base; every change has its own endpoint below."""

    name = "bookings"
    model = Booking
    schema = BookingSchema
    permission = "core.booking"
    filters = {
        "resource": equals(Booking.resource_id),
        "status": equals(Booking.status, Choice(STATUSES)),
        "from": Filter(
            When(metadata={"description": "Bookings ending after this time."}),
            lambda at: Booking.ends_at > at,
        ),
        "to": Filter(
            When(metadata={"description": "Bookings starting before this time."}),
            lambda at: Booking.starts_at < at,
        ),
        "booked_by": equals(Booking.booked_by_id),
        "owner_type": equals(Booking.owner_type),
        "owner_ref": equals(Booking.owner_ref),
        "series": equals(Booking.series_id, Text(32)),
        "awaiting_me": Filter(
            fields.Boolean(metadata={"description": "Requests for resources I approve."}),
            _awaiting_me,
        ),
    }
    sorts = {"starts_at": Booking.starts_at, "created_at": Booking.created_at}
    default_sort = "starts_at"
    searchable = (Booking.purpose,)


bookings = BookingResource()
bookings.register(bp)


def _resource(resource_id: int) -> BookableResource:
    resource = db.session.get(BookableResource, resource_id)
    if resource is None:
        raise rules.BookingError(_("Resource: does not exist."), field="resource_id")
    return resource


def _answer(booking: Booking, status: int = 200) -> Any:
    response = with_etag(jsonify(BookingSchema().dump(booking)), booking)
    response.status_code = status
    if status == 201:
        response.headers["Location"] = url_for(".bookings_get", id=booking.id)
    return response


@bp.route("/bookings", methods=["POST"], endpoint="bookings_create")
@requires("core.booking.request")
@bp.arguments(BookingInputSchema)
@bp.response(201, BookingSchema)
def create_booking(data: dict[str, Any]) -> Any:
    """Ask for a booking.

    Confirmed at once when the resource has no approver, or with `"confirm": true` from its
    approver or the office (in the same transaction); otherwise a request awaiting the
    approver. A clash with a confirmed booking answers 409 naming it, and stores nothing.
    """
    resource = _resource(data.pop("resource_id"))
    booking = services.request_booking(db.session, resource, by=_user(), **data)
    db.session.commit()
    return _answer(booking, 201)


@bp.route("/bookings/series", methods=["POST"], endpoint="bookings_series")
@requires("core.booking.request")
@bp.arguments(SeriesInputSchema)
@bp.response(201, SeriesSchema)
def create_series(data: dict[str, Any]) -> Any:
    """Ask for a recurring booking, all dates or none.

    `starts_at`/`ends_at` are the first date's times and `rrule` the repetition. When the
    dates are confirmed at once, a clash on any date answers 409 listing every clashing date.
    """
    resource = _resource(data.pop("resource_id"))
    rule = data.pop("rrule")
    created = series.request_series(
        db.session,
        resource,
        data.pop("starts_at"),
        data.pop("ends_at"),
        rule,
        by=_user(),
        **data,
    )
    db.session.commit()
    response = jsonify(SeriesSchema().dump({"series_id": created[0].series_id, "items": created}))
    response.status_code = 201
    return response


def _booking(id: int) -> Booking:
    """The booking ``id`` (404 if none), locked for the change and read again under the lock,
    so the version checked is the one the change is written over. Bookings have no record
    rule: whoever may book sees them all; who may change one is decided per booking."""
    booking: Booking = bookings.get(id, None)
    lock(db.session, [booking.resource_id])
    return current(db.session, booking)


@bp.route("/bookings/<id:id>", methods=["PATCH"], endpoint="bookings_update")
@requires("core.booking.request")
@bp.arguments(MoveSchema)
@bp.response(200, BookingSchema)
def change_booking(data: dict[str, Any], id: int) -> Any:
    """Move a booking (new times) or change its purpose.

    Its booker, the resource's approver and the office may. The database checks a confirmed
    booking's new times (409 naming the clash); moved by its booker on a resource with an
    approver, it becomes a request again. Send the version as If-Match or `version`.
    """
    booking = _booking(id)
    rules.require_changer(_user(), booking)
    bookings.check_version(booking, data.pop("version", None))
    if "purpose" in data:
        services.set_purpose(db.session, booking, data["purpose"], by=_user())
    if "starts_at" in data or "ends_at" in data:
        starts_at = data.get("starts_at", booking.starts_at)
        ends_at = data.get("ends_at", booking.ends_at)
        services.move(db.session, booking, starts_at, ends_at, by=_user())
    db.session.commit()
    return _answer(booking)


@bp.route("/bookings/<id:id>/confirm", methods=["POST"], endpoint="bookings_confirm")
@requires("core.booking.request")
@bp.arguments(ConfirmSchema)
@bp.response(200, BookingSchema)
def confirm_booking(data: dict[str, Any], id: int) -> Any:
    """Confirm a request (the resource's approver or the office).

    The requests it clashes with are rejected and their bookers told; a clash with a
    confirmed booking answers 409 naming it. `"series": true` confirms every open date of a
    recurring booking, all or none.
    """
    booking = _booking(id)
    rules.require_decider(_user(), booking.resource)
    bookings.check_version(booking, data.pop("version", None))
    if data["series"]:
        series.confirm_series(db.session, booking, by=_user())
    else:
        services.confirm(db.session, booking, by=_user())
    db.session.commit()
    return _answer(booking)


@bp.route("/bookings/<id:id>/reject", methods=["POST"], endpoint="bookings_reject")
@requires("core.booking.request")
@bp.arguments(RejectSchema)
@bp.response(200, BookingSchema)
def reject_booking(data: dict[str, Any], id: int) -> Any:
    """Turn down a request, with a reason (the resource's approver or the office)."""
    booking = _booking(id)
    rules.require_decider(_user(), booking.resource)
    bookings.check_version(booking, data.pop("version", None))
    services.reject(db.session, booking, by=_user(), reason=data["reason"])
    db.session.commit()
    return _answer(booking)


@bp.route("/bookings/<id:id>/cancel", methods=["POST"], endpoint="bookings_cancel")
@requires("core.booking.request")
@bp.arguments(CancelSchema)
@bp.response(200, BookingSchema)
def cancel_booking(data: dict[str, Any], id: int) -> Any:
    """Cancel a request or a confirmed booking (its booker, the approver or the office).

    `"series": true` cancels every open date of a recurring booking.
    """
    booking = _booking(id)
    rules.require_changer(_user(), booking)
    bookings.check_version(booking, data.pop("version", None))
    if data["series"]:
        series.cancel_series(db.session, booking, by=_user(), reason=data["reason"])
    else:
        services.cancel(db.session, booking, by=_user(), reason=data["reason"])
    db.session.commit()
    return _answer(booking)


# -- availability ---------------------------------------------------------------------------


@bp.route("/availability", methods=["GET"])
@requires("core.resource.view")
@bp.arguments(AvailabilityArgsSchema, location="query", unknown="raise")
@bp.response(200, AvailabilitySchema)
def availability(args: dict[str, Any]) -> Any:
    """Free time of resources in a window: the gaps between confirmed bookings.

    Default: every active resource (of `kind`, if given), from now for seven days. Requests do
    not make a resource busy; inactive resources are left out.
    """
    start = args.get("from_") or utcnow().replace(second=0, microsecond=0)
    end = args.get("to") or start + timedelta(days=7)
    check_window(start, end)
    query = select(BookableResource.id, BookableResource.name).where(BookableResource.active)
    if "resource" in args:
        query = query.where(BookableResource.id.in_(args["resource"]))
    if "kind" in args:
        query = query.where(BookableResource.kind == args["kind"])
    found = db.session.execute(query.order_by(BookableResource.name).limit(200)).all()
    free = free_slots_of(db.session, [rid for rid, _name in found], start, end, args["min_minutes"])
    return {
        "from_": start,
        "to": end,
        "resources": [{"resource_id": rid, "name": name, "free": free[rid]} for rid, name in found],
    }
