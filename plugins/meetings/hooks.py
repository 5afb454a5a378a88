"""Every hook the meetings plugin implements: its whole surface, readable in one screen.

Meetings has three concepts, each a package of the same shape (models, services, schemas, api,
admin, jobs): ``rooms`` (the room catalogue on the core bookings), ``meetings`` (the dossier from
proposal to closing: invitations, attendance, minutes, conclusion notices) and ``briefings``
(recurring giao ban series).
"""

from core import hookimpl


@hookimpl
def register_models(app):
    return [
        # rooms:models
        # meetings:models
        # briefings:models
    ]


@hookimpl
def register_permissions(app):
    return [
        # rooms:permissions
        # meetings:permissions
        # briefings:permissions
    ]


@hookimpl
def register_admin_views(app):
    return [
        # rooms:admin
        # meetings:admin
        # briefings:admin
    ]


@hookimpl
def register_blueprints(app):
    return [
        # rooms:blueprints
        # meetings:blueprints
        # briefings:blueprints
    ]


@hookimpl
def register_scheduled_jobs(app):
    return [
        # meetings:jobs
        # briefings:jobs
    ]


@hookimpl
def register_notification_types(app):
    return [
        # rooms:notifications
        # meetings:notifications
        # briefings:notifications
    ]


@hookimpl
def calendar_entries(app, start, end, user):
    return [
        # meetings:calendar
    ]


@hookimpl
def search(app, query, user):
    return [
        # meetings:search
    ]


@hookimpl
def dashboard_widgets(app, user):
    return [
        # rooms:widgets
        # meetings:widgets
    ]


@hookimpl
def demo_data(app, session):
    pass
    # rooms:demo
    # meetings:demo
    # briefings:demo
