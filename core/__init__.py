"""VanPhong core: identity, org chart, notifications, audit, the plugin manager and the app.

This module stays light on purpose: a plugin's ``MANIFEST`` imports from it, and importing a
manifest must have no side effects (no models, no app).
"""

import pluggy

from core.hooktypes import (
    EVERYONE,
    CalendarEntry,
    NotificationType,
    Permission,
    ScheduledJob,
    SearchHit,
    Widget,
    WorkStatus,
)

__version__ = "1.0.0"

PROJECT_NAME = "vanphong"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


def N_(message: str) -> str:
    """Mark a string for translation without translating it (manifest titles, constants).

    The string is translated where it is shown, through the plugin's own catalog.
    """
    return message


__all__ = [
    "EVERYONE",
    "N_",
    "PROJECT_NAME",
    "CalendarEntry",
    "NotificationType",
    "Permission",
    "ScheduledJob",
    "SearchHit",
    "Widget",
    "WorkStatus",
    "__version__",
    "hookimpl",
    "hookspec",
]
