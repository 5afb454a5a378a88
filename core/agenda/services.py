"""The unified calendar: entries from every enabled plugin's ``calendar_entries`` hook, for one
user and one window, and the weeks the back office shows."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from flask import current_app

from core.hooktypes import CalendarEntry
from core.identity.access import can

log = logging.getLogger(__name__)

MAX_WINDOW = timedelta(days=400)


def _visible(entry: CalendarEntry, user: Any) -> bool:
    return entry.permission is None or can(user, entry.permission, entry.unit_id)


def _valid(entry: Any) -> bool:
    return (
        isinstance(entry, CalendarEntry)
        and entry.starts.tzinfo is not None
        and entry.ends.tzinfo is not None
        and entry.ends >= entry.starts
    )


def entries_for(user: Any, start: datetime, end: datetime) -> list[CalendarEntry]:
    """Every entry between ``start`` and ``end`` that ``user`` may see, by start time.

    A plugin whose hook fails or returns something else than well-formed entries is logged and
    skipped; the calendar still shows the others.
    """
    if end - start > MAX_WINDOW:
        raise ValueError("calendar window longer than 400 days")
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    manager = app.extensions["vanphong"].plugins
    found: list[CalendarEntry] = []
    for plugin, entries in manager.call_safely(
        "calendar_entries", app=app, start=start, end=end, user=user
    ):
        for entry in entries or []:
            if not _valid(entry):
                log.warning("plugin %s returned a malformed calendar entry: %r", plugin, entry)
                continue
            if entry.ends > start and entry.starts < end and _visible(entry, user):
                found.append(entry)
    return sorted(found, key=lambda e: (e.starts, e.ends, e.title))
