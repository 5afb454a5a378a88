"""Every hook the meetings plugin implements: its whole surface, readable in one screen.

Meetings has three concepts, each a package of the same shape (models, services, schemas, api,
admin, jobs): ``rooms`` (the room catalogue on the core bookings), ``meetings`` (the dossier from
proposal to closing: invitations, attendance, minutes, conclusion notices) and ``briefings``
(recurring giao ban series).
"""

from core import hookimpl


@hookimpl
def register_models(app):
    from plugins.meetings.briefings.models import MODELS as briefing_models
    from plugins.meetings.meetings.models import MODELS as meeting_models
    from plugins.meetings.rooms.models import MODELS as room_models

    return [
        *room_models,
        *meeting_models,
        *briefing_models,
    ]


@hookimpl
def register_permissions(app):
    from plugins.meetings.briefings.access import PERMISSIONS as briefing_permissions
    from plugins.meetings.meetings import rules as meeting_rules
    from plugins.meetings.rooms.access import PERMISSIONS as room_permissions

    return [
        *room_permissions,
        *meeting_rules.PERMISSIONS,
        *briefing_permissions,
    ]


@hookimpl
def register_admin_views(app):
    from plugins.meetings.briefings.admin import ReportView, SeriesView
    from plugins.meetings.briefings.admin_sessions import SessionView
    from plugins.meetings.meetings.admin import MeetingView
    from plugins.meetings.rooms.admin_booking import room_views

    return [
        *room_views(),
        MeetingView(),
        SeriesView(),
        SessionView(),
        ReportView(),
    ]


@hookimpl
def register_blueprints(app):
    from plugins.meetings.briefings import api as briefing_api
    from plugins.meetings.meetings import api as meeting_api
    from plugins.meetings.rooms import api as room_api
    from plugins.meetings.rooms import views as room_pages

    return [
        room_api.bp,
        room_pages.bp,
        meeting_api.blueprint(),
        briefing_api.bp,
    ]


@hookimpl
def register_scheduled_jobs(app):
    from plugins.meetings.briefings.jobs import JOB as briefings_job
    from plugins.meetings.meetings.jobs import REMINDERS

    return [
        REMINDERS,
        briefings_job,
    ]


@hookimpl
def register_notification_types(app):
    from plugins.meetings.briefings.notices import TYPES as briefing_notification_types
    from plugins.meetings.meetings.notifications import TYPES as meeting_notification_types
    from plugins.meetings.rooms.notices import TYPES as room_notification_types

    return [
        *room_notification_types,
        *meeting_notification_types,
        *briefing_notification_types,
    ]


@hookimpl
def calendar_entries(app, start, end, user):
    from core.db import db
    from plugins.meetings.meetings import entries as meeting_entries

    return [
        *meeting_entries.calendar_entries(db.session, start, end, user),
    ]


@hookimpl
def search(app, query, user):
    from core.db import db
    from plugins.meetings.meetings import entries as meeting_entries

    return [
        *meeting_entries.search(db.session, query, user),
    ]


@hookimpl
def dashboard_widgets(app, user):
    from core.db import db
    from plugins.meetings.meetings import entries as meeting_entries
    from plugins.meetings.rooms.widgets import awaiting_widget as room_requests_widget

    return [
        *room_requests_widget(user),
        *meeting_entries.widgets(db.session, user),
    ]


@hookimpl
def demo_data(app, session):
    pass
    from plugins.meetings.rooms.demo import add_demo_rooms

    add_demo_rooms(session)
    from plugins.meetings.meetings.demo import add_demo_meetings

    add_demo_meetings(session)
    from plugins.meetings.briefings.demo import add_demo_briefings

    add_demo_briefings(session)
