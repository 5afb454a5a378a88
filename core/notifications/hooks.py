"""Notifications, registered on the public hooks like any plugin."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l

from core import EVERYONE, NotificationType, Permission, ScheduledJob, hookimpl


@hookimpl
def register_models(app):
    from core.notifications.models import (
        Notification,
        NotificationPreference,
        OutboxAttachment,
        OutboxMessage,
    )

    return [Notification, OutboxMessage, OutboxAttachment, NotificationPreference]


@hookimpl
def register_permissions(app):
    return [
        Permission(
            "core.notification.view", _l("Read one's own notifications"), default_roles=EVERYONE
        ),
        Permission("core.outbox.view", _l("See e-mail delivery and failures")),
        Permission("core.outbox.manage", _l("Manage e-mail delivery")),
    ]


@hookimpl
def register_notification_types(app):
    return [
        NotificationType("core.password_reset", _l("Your password was reset"), ("inapp", "email")),
    ]


@hookimpl
def register_scheduled_jobs(app):
    settings = app.config["VANPHONG_SETTINGS"]
    return [
        ScheduledJob(
            "core.outbox_sweep",
            "core.notifications.delivery.sweep",
            timedelta(seconds=settings.delivery_sweep_seconds),
        ),
        ScheduledJob(
            "core.notification_digest",
            "core.notifications.delivery.send_digests",
            "0 7 * * *",  # every day at 07:00
        ),
    ]


@hookimpl
def register_admin_views(app):
    from core.notifications.admin import InboxView, OutboxView

    return [InboxView(), OutboxView()]


@hookimpl
def register_blueprints(app):
    from core.notifications.api import bp

    return [bp]
