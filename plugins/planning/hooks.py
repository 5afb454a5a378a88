"""Every hook the planning plugin implements: its whole surface, readable in one screen.

Planning has four concepts, each a package of the same shape (models, services, schemas, api,
admin, jobs): ``plans`` (programmes and plans), ``tasks`` (assigned work, progress, extensions
and urging), ``schedule`` (the leaders' weekly schedule) and ``reports`` (periodic reports).
"""

from core import hookimpl


@hookimpl
def register_models(app):
    return [
        # plans:models
        # tasks:models
        # schedule:models
        # reports:models
    ]


@hookimpl
def register_permissions(app):
    return [
        # plans:permissions
        # tasks:permissions
        # schedule:permissions
        # reports:permissions
    ]


@hookimpl
def register_admin_views(app):
    return [
        # plans:admin
        # tasks:admin
        # schedule:admin
        # reports:admin
    ]


@hookimpl
def register_blueprints(app):
    return [
        # plans:blueprints
        # tasks:blueprints
        # schedule:blueprints
        # reports:blueprints
    ]


@hookimpl
def register_scheduled_jobs(app):
    return [
        # tasks:jobs
        # schedule:jobs
        # reports:jobs
    ]


@hookimpl
def register_notification_types(app):
    return [
        # plans:notifications
        # tasks:notifications
        # schedule:notifications
        # reports:notifications
    ]


@hookimpl
def calendar_entries(app, start, end, user):
    return [
        # tasks:calendar
        # schedule:calendar
    ]


@hookimpl
def search(app, query, user):
    return [
        # plans:search
        # tasks:search
        # reports:search
    ]


@hookimpl
def dashboard_widgets(app, user):
    return [
        # tasks:widgets
        # reports:widgets
    ]


@hookimpl
def demo_data(app, session):
    pass
    # plans:demo
    # tasks:demo
    # schedule:demo
    # reports:demo


@hookimpl
def on_event(app, event):
    pass
    # tasks:events


@hookimpl
def work_status(app, source, refs):
    return [
        # tasks:work_status
    ]
