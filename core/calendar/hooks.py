"""The working-day calendar, registered on the public hooks like any plugin."""

from flask_babel import lazy_gettext as _l

from core import EVERYONE, Permission, hookimpl


@hookimpl
def register_models(app):
    from core.calendar.models import CalendarDay

    return [CalendarDay]


@hookimpl
def register_permissions(app):
    return [
        Permission(
            "core.calendar.view",
            _l("View the working calendar"),
            default_roles=EVERYONE,
        ),
        Permission("core.calendar.manage", _l("Announce swapped working days and extra days off")),
    ]


@hookimpl
def register_admin_views(app):
    from core.calendar.admin import CalendarDayView, YearView

    return [YearView(), CalendarDayView()]
