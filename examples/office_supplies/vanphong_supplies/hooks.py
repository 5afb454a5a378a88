"""The office-supplies plugin's whole surface: every hook it implements, on one screen.

Imports stay inside the functions: VanPhong imports this module while it builds the app.
"""

from flask_babel import lazy_gettext as _l

from core import EVERYONE, NotificationType, Permission, ScheduledJob, Widget, hookimpl


@hookimpl
def register_models(app):
    from vanphong_supplies.models import Item, LowStockNotice, Request, RequestLine

    return [Item, Request, RequestLine, LowStockNotice]


@hookimpl
def register_permissions(app):
    return [
        Permission("supplies.item.view", _l("See the supplies catalogue"), default_roles=EVERYONE),
        Permission(
            "supplies.item.manage",
            _l("Keep the supplies catalogue and receive deliveries"),
            default_roles=("office",),
        ),
        Permission(
            "supplies.request.view",
            _l("See supplies requests (one's units', or all for the office)"),
            default_roles=EVERYONE,
        ),
        Permission(
            "supplies.request.create",
            _l("Request supplies for one's units"),
            default_roles=EVERYONE,
        ),
        Permission(
            "supplies.request.manage",
            _l("Approve, reject and issue supplies requests"),
            default_roles=("office",),
        ),
        Permission(
            "supplies.summary.view",
            _l("See the monthly summary of supplies issued"),
            default_roles=("office", "unit_head"),
        ),
    ]


@hookimpl
def register_notification_types(app):
    return [
        NotificationType("supplies.request_submitted", _l("A unit requested office supplies")),
        NotificationType(
            "supplies.request_decided",
            _l("Your office supplies request was decided"),
            ("inapp", "email"),
        ),
        NotificationType("supplies.request_issued", _l("Your office supplies are ready")),
        NotificationType("supplies.low_stock", _l("Office supplies running low")),
    ]


@hookimpl
def register_scheduled_jobs(app):
    # Every working morning, before the office opens (agency time zone).
    return [ScheduledJob("supplies.low_stock", "vanphong_supplies.jobs.low_stock", "30 7 * * 1-5")]


@hookimpl
def register_admin_views(app):
    from vanphong_supplies.admin import ItemView, SummaryView
    from vanphong_supplies.desk import RequestsView

    return [RequestsView(), ItemView(), SummaryView()]


@hookimpl
def register_blueprints(app):
    from vanphong_supplies.api import bp

    return [bp]


@hookimpl
def calendar_entries(app, start, end, user):
    from core.db import db

    from vanphong_supplies.entries import calendar_entries as entries

    return entries(db.session, start, end, user)


@hookimpl
def dashboard_widgets(app, user):
    from flask import render_template

    from core.db import db

    from vanphong_supplies.catalogue import low_items

    if not user.can("supplies.item.manage"):
        return []
    low = low_items(db.session)
    if not low:
        return []
    html = render_template("supplies/widget.html", items=low)
    return [Widget(_l("Office supplies running low"), html, order=60)]


@hookimpl
def demo_data(app, session):
    from vanphong_supplies.demo import add_demo_supplies

    add_demo_supplies(session)
