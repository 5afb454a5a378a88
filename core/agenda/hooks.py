"""The unified calendar, registered on the public hooks like any plugin."""

from flask_babel import lazy_gettext as _l

from core import EVERYONE, Permission, hookimpl


@hookimpl
def register_models(app):
    from core.agenda.models import CalendarFeed

    return [CalendarFeed]


@hookimpl
def register_permissions(app):
    return [
        Permission(
            "core.agenda.view",
            _l("See the unified calendar and subscribe to one's calendar feed"),
            default_roles=EVERYONE,
        ),
    ]


@hookimpl
def register_admin_views(app):
    from core.agenda.admin import AgendaView

    return [AgendaView()]


@hookimpl
def register_blueprints(app):
    from core.agenda import api, views

    return [views.bp, api.bp]
