"""The schedule's rules written once: permissions, who manages, the half-days' hours, the
submission cut-off, and the errors services raise."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core import EVERYONE, Permission
from core.calendar.weeks import Week as IsoWeek
from core.errors import ConfigError, ConflictError, Forbidden, VanPhongError
from core.i18n import agency_zone
from core.identity.access import can, scope_paths
from plugins.planning.schedule.models import DaySession

VIEW = "planning.schedule.view"
SUBMIT = "planning.schedule.submit"
MANAGE = "planning.schedule.manage"
PERMISSIONS = [
    Permission(VIEW, _l("See the leaders' weekly schedule"), default_roles=EVERYONE),
    Permission(
        SUBMIT, _l("Submit entries to the weekly schedule for one's unit"), default_roles=EVERYONE
    ),
    Permission(
        MANAGE, _l("Arrange, publish and amend the weekly schedule"), default_roles=("office",)
    ),
]

#: The hours a half-day entry holds its leader, room and vehicle (agency time).
SESSION_HOURS = {
    DaySession.MORNING.value: (time(7, 30), time(11, 30)),
    DaySession.AFTERNOON.value: (time(13, 30), time(17, 0)),
}
SESSION_LABELS = {
    DaySession.MORNING.value: _l("Morning"),
    DaySession.AFTERNOON.value: _l("Afternoon"),
}
#: An entry with exact times starting from this hour is in the afternoon row.
AFTERNOON_FROM = time(12, 0)

#: ``VANPHONG_PLANNING_SCHEDULE_CUTOFF``: the day of the week before (1 = Monday … 7 = Sunday)
#: and the time (agency zone) when units' submissions for a week close.
CUTOFF_SETTING = "VANPHONG_PLANNING_SCHEDULE_CUTOFF"
DEFAULT_CUTOFF = "4 16:00"  # Thursday 16:00 of the week before
_CUTOFF = re.compile(r"^\s*([1-7])\s+([01]?\d|2[0-3]):([0-5]\d)\s*$")


class ScheduleError(VanPhongError):
    """An entry or a week breaks a rule; the message names the field and the rule."""


class NotAllowed(ScheduleError, Forbidden):
    """The user may not make this change (the API answers 403)."""


class ScheduleConflict(ConflictError):
    """Publishing (or amending) would put a leader, a room or a vehicle in two places at once;
    ``details`` has one line per clash."""

    def __init__(self, message: str, *, details: list[str], field: str = "entries") -> None:
        super().__init__(message, field=field)
        self.details = details


def is_manager(user: Any) -> bool:
    """The office: holds planning.schedule.manage across the agency."""
    return bool(getattr(user, "is_authenticated", False)) and scope_paths(user, MANAGE) is None


def may_submit_for(user: Any, unit_id: int | None) -> bool:
    return unit_id is not None and (is_manager(user) or can(user, SUBMIT, unit_id))


def session_of(start: datetime) -> str:
    """The half-day row an entry starting at ``start`` sits in."""
    local = start.astimezone(agency_zone()).time()
    return DaySession.AFTERNOON.value if local >= AFTERNOON_FROM else DaySession.MORNING.value


def session_bounds(day: date, session: str) -> tuple[datetime, datetime]:
    """The times a half-day entry of ``day`` holds, aware in the agency's zone."""
    starts, ends = SESSION_HOURS[session]
    zone = agency_zone()
    return datetime.combine(day, starts, zone), datetime.combine(day, ends, zone)


def default_cutoff(week: IsoWeek) -> datetime:
    """When submissions for ``week`` close by default: the configured day and time of the
    week before (Thursday 16:00 unless ``VANPHONG_PLANNING_SCHEDULE_CUTOFF`` says otherwise)."""
    raw = os.environ.get(CUTOFF_SETTING, "") or DEFAULT_CUTOFF
    match = _CUTOFF.match(raw)
    if match is None:
        raise ConfigError(
            f"{CUTOFF_SETTING} must be a day of the week before (1 = Monday … 7 = Sunday) and "
            f"a time, e.g. {DEFAULT_CUTOFF!r}; not {raw!r}"
        )
    weekday, hour, minute = (int(g) for g in match.groups())
    day = week.monday - timedelta(days=7) + timedelta(days=weekday - 1)
    return datetime.combine(day, time(hour, minute), agency_zone())


def local_text(value: datetime, pattern: str = "%H:%M %d/%m/%Y") -> str:
    return value.astimezone(agency_zone()).strftime(pattern)


def time_text(starts: datetime, ends: datetime) -> str:
    """``08:00–10:30`` in the agency's zone."""
    zone = agency_zone()
    return f"{starts.astimezone(zone):%H:%M}–{ends.astimezone(zone):%H:%M}"


def closed_message(week: IsoWeek, cutoff: datetime) -> str:
    return _(
        "Week: submissions for week %(week)s closed at %(cutoff)s; only the office may add or "
        "change entries now.",
        week=week.label,
        cutoff=local_text(cutoff),
    )


_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def iso_week(value: str) -> IsoWeek | None:
    """The week ``2026-W48`` names, or None when it names none."""
    match = _ISO_WEEK.match(value or "")
    if match is None:
        return None
    try:
        return IsoWeek(date.fromisocalendar(int(match[1]), int(match[2]), 1))
    except ValueError:
        return None
