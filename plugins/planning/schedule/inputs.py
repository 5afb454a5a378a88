"""What an entry is written from — its times, content, people, place, vehicle and preparing
unit — each checked, naming the field at fault. The services apply these; the API and the back
office only pass the values on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.booking.models import Resource, ResourceKind
from core.i18n import agency_zone
from core.identity.models import User
from core.org.models import Unit
from plugins.planning.schedule.models import SESSIONS, ScheduleEntry
from plugins.planning.schedule.rules import (
    ScheduleError,
    may_submit_for,
    session_bounds,
    session_of,
)

#: The fields an entry is written from (API bodies, forms).
ENTRY_FIELDS = (
    "day",
    "session",
    "starts_at",
    "ends_at",
    "content",
    "leader_id",
    "participants",
    "participant_ids",
    "location",
    "room_id",
    "vehicle_id",
    "unit_id",
)
MAX_PARTICIPANTS = 100
TEXT_LIMITS = {"content": 1000, "participants": 1000, "location": 255}


@dataclass(frozen=True)
class Timing:
    """When an entry happens: its day, its times, its half-day row, and whether the times are
    exact (else the whole half-day)."""

    day: date
    starts: datetime
    ends: datetime
    session: str
    timed: bool


def check_fields(data: dict[str, Any]) -> None:
    unknown = set(data) - set(ENTRY_FIELDS)
    if unknown:
        raise ScheduleError(_("Unknown fields: %(f)s.", f=", ".join(sorted(unknown))))


def timing(entry: ScheduleEntry | None, data: dict[str, Any]) -> Timing:
    """The timing ``data`` gives over the entry's current one: exact times
    (``starts_at``/``ends_at``), or a ``day`` and a ``session``; a new day alone keeps exact
    times' hours."""
    if "starts_at" in data or "ends_at" in data:
        return _exact(entry if entry is not None and entry.timed else None, data)
    if entry is None or "session" in data or ("day" in data and not entry.timed):
        day = data.get("day", entry.day if entry else None)
        name = data.get("session", entry.session if entry and not entry.timed else None)
        if not isinstance(day, date):
            raise ScheduleError(_("day: required."), field="day")
        if name not in SESSIONS:
            raise ScheduleError(
                _("session: morning or afternoon, unless exact start and end times are given."),
                field="session",
            )
        starts, ends = session_bounds(day, name)
        return Timing(day, starts, ends, name, False)
    if "day" in data:  # exact times moved to another day
        shift = data["day"] - entry.day
        return Timing(
            data["day"], entry.starts_at + shift, entry.ends_at + shift, entry.session, True
        )
    return Timing(entry.day, entry.starts_at, entry.ends_at, entry.session, entry.timed)


def _exact(kept: ScheduleEntry | None, data: dict[str, Any]) -> Timing:
    starts = _aware(data.get("starts_at", kept.starts_at if kept else None), "starts_at")
    ends = _aware(data.get("ends_at", kept.ends_at if kept else None), "ends_at")
    zone = agency_zone()
    day = starts.astimezone(zone).date()
    if ends <= starts:
        raise ScheduleError(_("ends_at: must come after the start."), field="ends_at")
    midnight = datetime.combine(day + timedelta(days=1), time(), zone)
    if ends.astimezone(zone).date() != day and ends != midnight:
        raise ScheduleError(_("ends_at: an entry ends on the day it starts."), field="ends_at")
    if data.get("day") not in (None, day):
        raise ScheduleError(_("day: differs from the start's day."), field="day")
    return Timing(day, starts, ends, session_of(starts), True)


def _aware(value: Any, field: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ScheduleError(
            _("%(field)s: give both the start and the end, with their UTC offset.", field=field),
            field=field,
        )
    return value


def unit_for(session: Session, unit_id: Any, by: Any) -> Unit:
    """The preparing unit, one ``by`` submits for."""
    unit = session.get(Unit, unit_id) if isinstance(unit_id, int) else None
    if unit is None:
        raise ScheduleError(_("unit_id: the preparing unit is required."), field="unit_id")
    if not may_submit_for(by, unit.id):
        raise ScheduleError(_("unit_id: not a unit you submit for."), field="unit_id")
    return unit


def describe_entry(session: Session, entry: ScheduleEntry, data: dict[str, Any]) -> None:
    """Set the entry's content, people, place and vehicle from ``data``, checking each."""
    for field, limit in TEXT_LIMITS.items():
        if field in data:
            value = (data[field] or "").strip()
            if len(value) > limit:
                raise ScheduleError(
                    _("%(field)s: at most %(n)d characters.", field=field, n=limit), field=field
                )
            setattr(entry, field, value)
    if not entry.content:
        raise ScheduleError(_("content: say what the entry is about."), field="content")
    if "leader_id" in data or entry.leader_id is None:
        entry.leader = _active_user(session, data.get("leader_id"), "leader_id")
    if "participant_ids" in data:
        entry.participant_users = _participants(session, data["participant_ids"] or [])
    if "room_id" in data:
        entry.room = _resource(session, data["room_id"], ResourceKind.ROOM, "room_id")
    if "vehicle_id" in data:
        entry.vehicle = _resource(session, data["vehicle_id"], ResourceKind.VEHICLE, "vehicle_id")


def _participants(session: Session, ids: list[int]) -> list[User]:
    ids = list(dict.fromkeys(ids))
    if len(ids) > MAX_PARTICIPANTS:
        raise ScheduleError(
            _("participant_ids: at most %(n)d people.", n=MAX_PARTICIPANTS),
            field="participant_ids",
        )
    people = list(session.scalars(select(User).where(User.id.in_(ids), User.active)))
    if len(people) != len(ids):
        raise ScheduleError(_("participant_ids: no such active user."), field="participant_ids")
    return people


def _active_user(session: Session, user_id: Any, field: str) -> User:
    user = session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.active:
        raise ScheduleError(_("%(field)s: no such active user.", field=field), field=field)
    return user


def _resource(
    session: Session, resource_id: Any, kind: ResourceKind, field: str
) -> Resource | None:
    if resource_id is None:
        return None
    resource = session.get(Resource, resource_id) if isinstance(resource_id, int) else None
    if resource is None or resource.kind != kind.value:
        raise ScheduleError(
            _("%(field)s: no such %(kind)s.", field=field, kind=kind.value), field=field
        )
    if not resource.active:
        raise ScheduleError(
            _(
                "%(field)s: %(name)s is inactive and cannot be booked.",
                field=field,
                name=resource.name,
            ),
            field=field,
        )
    return resource
