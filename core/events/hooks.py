"""Domain events between plugins, registered on the public hooks like any plugin."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l

from core import Permission, ScheduledJob, hookimpl
from core.events import services  # noqa: F401  (its after-commit hand-off must exist before any commit)


@hookimpl
def register_models(app):
    from core.events.models import EventHandled, EventRecord

    return [EventRecord, EventHandled]


@hookimpl
def register_permissions(app):
    return [Permission("core.event.view", _l("See events between modules and their delivery"))]


@hookimpl
def register_admin_views(app):
    from core.events.admin import EventView

    return [EventView()]


@hookimpl
def register_scheduled_jobs(app):
    settings = app.config["VANPHONG_SETTINGS"]
    return [
        ScheduledJob(
            "core.event_sweep",
            "core.events.delivery.sweep",
            timedelta(seconds=settings.delivery_sweep_seconds),
        )
    ]


@hookimpl
def register_commands(cli):
    from core.events.cli import events

    cli.add_command(events)
