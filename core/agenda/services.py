"""The unified calendar: entries from every enabled plugin's ``calendar_entries`` hook, for one
user and one window, and the weeks the back office shows."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app

from core.hooktypes import CalendarEntry
from core.identity.access import can

log = logging.getLogger(__name__)

MAX_WINDOW = timedelta(days=400)


@dataclass(frozen=True)
class Week:
    """A week, Monday to Sunday, in the agency's timezone."""

    monday: date

    @classmethod
    def of(cls, day: date) -> Week:
        return cls(day - timedelta(days=day.weekday()))

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def days(self) -> list[date]:
        return [self.monday + timedelta(days=i) for i in range(7)]

    @property
    def label(self) -> str:
        """``Tuần 48 (23/11–29/11)`` style: the ISO week number and its first and last day."""
        sunday = self.monday + timedelta(days=6)
        return f"{self.number} ({self.monday:%d/%m}–{sunday:%d/%m})"

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        start = datetime.combine(self.monday, time(), zone)
        return start, start + timedelta(days=7)


def agency_zone() -> ZoneInfo:
    return ZoneInfo(current_app.extensions["vanphong"].settings.timezone)


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
