"""Back-office pages of bookings: resources, bookings (with decisions as bulk actions), the
approver's queue and a week per resource. Every change goes through the services."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_admin.actions import action
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError
from wtforms.fields import DateTimeLocalField

from core.admin import BaseView, ModelView, expose
from core.booking import services
from core.booking.models import Booking, BookingStatus, Resource, ResourceKind
from core.calendar.weeks import parse_week
from core.db import db
from core.errors import VanPhongError
from core.i18n import agency_zone

KIND_CHOICES = [
    (ResourceKind.ROOM.value, _l("Room")),
    (ResourceKind.VEHICLE.value, _l("Vehicle")),
    (ResourceKind.DRIVER.value, _l("Driver")),
    (ResourceKind.PERSON.value, _l("Person")),
    (ResourceKind.EQUIPMENT.value, _l("Equipment")),
]
STATUS_CHOICES = [
    (BookingStatus.REQUESTED.value, _l("Requested")),
    (BookingStatus.CONFIRMED.value, _l("Confirmed")),
    (BookingStatus.REJECTED.value, _l("Rejected")),
    (BookingStatus.CANCELLED.value, _l("Cancelled")),
]
CATEGORY = _l("Bookings")


def _local(value: datetime | None) -> str:
    return format_datetime(value, "dd/MM/yyyy HH:mm") if value else ""


def _time_column(view: Any, context: Any, model: Any, name: str) -> str:
    return _local(getattr(model, name))


def _active_resources() -> list[Resource]:
    return list(db.session.scalars(select(Resource).where(Resource.active).order_by(Resource.name)))


def _aware(value: datetime | None) -> Any:
    """A time typed in a form is the agency's local time (None: the services say it is missing)."""
    return value.replace(tzinfo=agency_zone()) if value is not None else None


#: What a decision taken from a page may run into: a rule, or someone deciding at the same time.
REFUSED = (VanPhongError, StaleDataError)


def refusal(exc: Exception) -> str:
    if isinstance(exc, StaleDataError):
        return _("Someone else changed this booking meanwhile; look at it again.")
    return str(exc)


class ResourceView(ModelView):
    """Rooms, vehicles, drivers, people and equipment. A resource with bookings is made
    inactive, not deleted, so its history stays."""

    permission = "core.resource"
    column_list = ("code", "name", "kind", "capacity", "location", "approver", "unit", "active")
    column_labels = {
        "code": _l("Code"),
        "name": _l("Name"),
        "kind": _l("Kind"),
        "capacity": _l("Capacity"),
        "location": _l("Location"),
        "approver": _l("Approver"),
        "unit": _l("Owning unit"),
        "user": _l("Person"),
        "active": _l("Active"),
        "description": _l("Description"),
    }
    column_searchable_list = ("code", "name", "location")
    column_filters = ("kind", "active")
    column_default_sort = "code"
    column_choices = {"kind": KIND_CHOICES}
    form_choices = {"kind": KIND_CHOICES}
    form_columns = (
        "code",
        "name",
        "kind",
        "capacity",
        "location",
        "approver",
        "unit",
        "user",
        "active",
        "description",
    )
    form_args = {
        "approver": {"description": _l("Confirms bookings; leave empty to confirm them at once.")},
        "user": {"description": _l("For a person: their user account.")},
    }
    can_delete_default = False
    can_view_details = True

    def __init__(self) -> None:
        super().__init__(
            Resource, name=_l("Resources"), endpoint="core_resource", category=CATEGORY
        )

    def on_model_change(self, form: Any, model: Resource, is_created: bool) -> None:
        services.save_resource(db.session, model)


class BookingView(ModelView):
    """Every booking; anyone who may book asks for one here, and confirms, rejects or cancels
    the bookings they may decide on or own with the list's actions."""

    permission = "core.booking"
    column_list = ("resource", "starts_at", "ends_at", "status", "purpose", "booked_by")
    column_details_list = (
        "resource",
        "starts_at",
        "ends_at",
        "status",
        "purpose",
        "booked_by",
        "owner_type",
        "owner_ref",
        "series_id",
        "decided_by",
        "decided_at",
        "reason",
        "created_at",
    )
    column_labels = {
        "resource": _l("Resource"),
        "starts_at": _l("Start"),
        "ends_at": _l("End"),
        "status": _l("Status"),
        "purpose": _l("Purpose"),
        "booked_by": _l("Booked by"),
        "owner_type": _l("Belongs to"),
        "owner_ref": _l("Reference"),
        "series_id": _l("Series"),
        "decided_by": _l("Decided by"),
        "decided_at": _l("Decided at"),
        "reason": _l("Reason"),
        "created_at": _l("Created"),
    }
    column_formatters = {
        "starts_at": _time_column,
        "ends_at": _time_column,
        "decided_at": _time_column,
        "created_at": _time_column,
    }
    column_formatters_detail = column_formatters
    column_choices = {"status": STATUS_CHOICES}
    column_filters = ("status", "resource.name", "resource.kind")
    column_searchable_list = ("purpose",)
    column_default_sort = ("starts_at", True)
    form_columns = ("resource", "starts_at", "ends_at", "purpose")
    form_overrides = {"starts_at": DateTimeLocalField, "ends_at": DateTimeLocalField}
    form_args = {
        "resource": {"query_factory": lambda: _active_resources()},
        "starts_at": {"format": "%Y-%m-%dT%H:%M", "label": _l("Start")},
        "ends_at": {"format": "%Y-%m-%dT%H:%M", "label": _l("End")},
    }
    can_edit_default = False
    can_delete_default = False
    can_view_details = True

    def __init__(self) -> None:
        super().__init__(Booking, name=_l("Bookings"), endpoint="core_booking", category=CATEGORY)

    def required_permission(self, name: str | None = None) -> str:
        """Asking for a booking, and the actions (each checked per booking by the services),
        need core.booking.request, not .manage."""
        if name in ("create_view", "action_view"):
            return "core.booking.request"
        return super().required_permission(name)

    @property
    def can_create(self) -> bool:
        return bool(current_user.is_authenticated and current_user.can("core.booking.request"))

    def create_model(self, form: Any) -> Any:
        """Ask for the booking through the services (confirmed at once without an approver)."""
        try:
            booking = services.request_booking(
                db.session,
                form.resource.data,
                _aware(form.starts_at.data),
                _aware(form.ends_at.data),
                form.purpose.data or "",
                by=current_user._get_current_object(),
            )
            db.session.commit()
        except REFUSED as exc:
            db.session.rollback()
            flash(refusal(exc), "error")
            return False
        flash(_outcome(booking), "success")
        return booking

    def _decide(self, ids: Any, decision: Any) -> None:
        done = 0
        for booking in db.session.scalars(
            select(Booking).where(Booking.id.in_(self._typed_ids(ids))).order_by(Booking.id)
        ):
            try:
                decision(booking)
                db.session.commit()
                done += 1
            except REFUSED as exc:
                db.session.rollback()
                flash(refusal(exc), "error")
        if done:
            flash(_("%(n)d bookings changed.", n=done), "success")

    @action("confirm", _l("Confirm"), _l("Confirm the selected requests?"))
    def action_confirm(self, ids: Any) -> None:
        by = current_user._get_current_object()
        self._decide(ids, lambda b: services.confirm(db.session, b, by=by))

    @action("reject", _l("Reject"), _l("Reject the selected requests?"))
    def action_reject(self, ids: Any) -> None:
        by = current_user._get_current_object()
        self._decide(ids, lambda b: services.reject(db.session, b, by=by))

    @action("cancel", _l("Cancel"), _l("Cancel the selected bookings?"))
    def action_cancel(self, ids: Any) -> None:
        by = current_user._get_current_object()
        self._decide(ids, lambda b: services.cancel(db.session, b, by=by))


def _outcome(booking: Booking) -> str:
    """What became of a booking just asked for or decided."""
    messages = {
        BookingStatus.REQUESTED.value: _("Booking requested; it awaits the approver."),
        BookingStatus.CONFIRMED.value: _("Booking confirmed."),
        BookingStatus.REJECTED.value: _("Booking rejected; its booker is told."),
    }
    return messages.get(booking.status, _("Booking saved."))


class QueueView(BaseView):
    """The requests awaiting the signed-in user: for the resources they approve, and for the
    office every resource's."""

    permission = "core.booking"

    def __init__(self) -> None:
        super().__init__(
            name=_l("Awaiting approval"), endpoint="core_booking_queue", category=CATEGORY
        )

    def required_permission(self, name: str | None = None) -> str:
        if request.method in ("GET", "HEAD"):
            return "core.booking.view"
        return "core.booking.request"  # whether this user decides is the services' rule

    @expose("/")
    def index(self) -> Any:
        pending = services.pending_for(db.session, current_user)
        return self.render(
            "core/booking_queue.html", pending=pending, form=FlaskForm(), local=_local
        )

    @expose("/decide", methods=["POST"])
    def decide(self) -> Any:
        form = FlaskForm()
        if not form.validate_on_submit():
            abort(400)
        booking = db.session.get(Booking, request.form.get("id", type=int) or 0)
        if booking is None:
            abort(404)
        by = current_user._get_current_object()
        try:
            if request.form.get("decision") == "confirm":
                services.confirm(db.session, booking, by=by)
            else:
                services.reject(db.session, booking, by=by, reason=request.form.get("reason", ""))
            db.session.commit()
        except REFUSED as exc:
            db.session.rollback()
            flash(refusal(exc), "error")
        else:
            flash(_outcome(booking), "success")
        return redirect(url_for(".index"), code=303)


class WeekView(BaseView):
    """One resource's week, Monday to Sunday: confirmed bookings and waiting requests."""

    permission = "core.booking"

    def __init__(self) -> None:
        super().__init__(
            name=_l("Week per resource"), endpoint="core_booking_week", category=CATEGORY
        )

    @expose("/")
    def index(self) -> Any:
        zone = agency_zone()
        resources = _active_resources()
        chosen = request.args.get("resource", type=int)
        resource = next(
            (r for r in resources if r.id == chosen), resources[0] if resources else None
        )
        week = parse_week(request.args.get("week"))
        monday = week.monday
        start, end = week.bounds(zone)
        days: dict[date, list[Booking]] = {day: [] for day in week.days}
        if resource is not None:
            for booking in db.session.scalars(
                select(Booking)
                .options(joinedload(Booking.booked_by))
                .where(
                    Booking.resource_id == resource.id,
                    Booking.status.in_(services.OPEN),
                    Booking.starts_at < end,
                    Booking.ends_at > start,
                )
                .order_by(Booking.starts_at)
            ):
                first = max(booking.starts_at.astimezone(zone).date(), monday)
                days[first].append(booking)
        return self.render(
            "core/booking_week.html",
            resources=resources,
            resource=resource,
            days=days,
            monday=monday,
            previous=week.previous.iso,
            following=week.following.iso,
            zone=zone,
        )
