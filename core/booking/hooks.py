"""The booking feature, registered on the public hooks like any plugin."""

from flask_babel import lazy_gettext as _l

from core import EVERYONE, NotificationType, Permission, hookimpl


@hookimpl
def register_models(app):
    from core.booking.models import Booking, Resource

    return [Resource, Booking]


@hookimpl
def register_permissions(app):
    return [
        Permission(
            "core.resource.view",
            _l("See rooms, vehicles and other bookable resources"),
            default_roles=EVERYONE,
        ),
        Permission(
            "core.resource.manage", _l("Edit bookable resources"), default_roles=("office",)
        ),
        Permission("core.booking.view", _l("See bookings"), default_roles=EVERYONE),
        Permission(
            "core.booking.request",
            _l("Ask for bookings, and change or cancel one's own"),
            default_roles=EVERYONE,
        ),
        Permission(
            "core.booking.manage",
            _l("Confirm, reject, move and cancel anyone's bookings"),
            default_roles=("office",),
        ),
    ]


@hookimpl
def register_notification_types(app):
    return [
        NotificationType("core.booking_requested", _l("A booking awaits your approval")),
        NotificationType(
            "core.booking_confirmed", _l("Your booking was confirmed"), ("inapp", "email")
        ),
        NotificationType(
            "core.booking_rejected", _l("Your booking was rejected"), ("inapp", "email")
        ),
        NotificationType(
            "core.booking_cancelled", _l("Your booking was cancelled"), ("inapp", "email")
        ),
    ]


@hookimpl
def register_blueprints(app):
    from core.booking.api import bp

    return [bp]


@hookimpl
def register_admin_views(app):
    from core.booking.admin import BookingView, QueueView, ResourceView, WeekView

    return [QueueView(), BookingView(), WeekView(), ResourceView()]


@hookimpl
def demo_data(app, session):
    from core.booking.demo import add_demo_bookings

    add_demo_bookings(session)


@hookimpl
def calendar_entries(app, start, end, user):
    from core.booking.entries import calendar_entries as entries
    from core.db import db

    return entries(db.session, start, end, user)
