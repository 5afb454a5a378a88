"""Briefing series and their sessions, the only way they are written: a series is created and
changed with its participating units and standing agenda; its next sessions are made from its
rule, each a meeting of kind briefing made through the meetings services.

Every function works in the caller's transaction and never commits. ``by`` is the user acting
(None: the system, e.g. the scheduled job).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, time, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.db import utcnow
from core.errors import ConflictError, VanPhongError
from core.i18n import agency_zone
from core.identity.models import User
from core.org.models import Unit
from plugins.meetings.briefings import clashes, recurrence
from plugins.meetings.briefings.models import (
    ITEM_KINDS,
    MAX_CUTOFF_HOURS,
    MAX_DURATION_MINUTES,
    MAX_HORIZON_DAYS,
    BriefingSeries,
    BriefingSession,
    StandingItem,
)
from plugins.meetings.meetings import services as meetings
from plugins.meetings.meetings.models import Meeting, MeetingKind, MeetingStatus
from plugins.meetings.rooms.models import Room

#: The fields a series is created and changed with (its units and items apart).
FIELDS = (
    "title",
    "chair_id",
    "secretary_id",
    "unit_id",
    "room_id",
    "location",
    "rrule",
    "first_starts_at",
    "duration_minutes",
    "cutoff_hours",
    "horizon_days",
    "active",
)
ITEM_FIELDS = ("title", "kind", "presenter_unit_id", "duration_minutes")
#: What a new series takes unless told otherwise: 90 minutes, reports due 64 hours before
#: (Friday 16:00 for a Monday 08:00 briefing), sessions made four weeks ahead.
DEFAULTS = {
    "location": "",
    "duration_minutes": 90,
    "cutoff_hours": 64,
    "horizon_days": 28,
    "active": True,
}


class BriefingError(VanPhongError):
    """A series, a session or a report breaks a rule; the message names the field and rule."""


class BriefingConflict(ConflictError):
    """The change clashes with what is stored (a second report of a unit for a session)."""


# -- the series -----------------------------------------------------------------------------


def create_series(
    session: Session,
    *,
    unit_ids: Iterable[int] = (),
    items: Iterable[Mapping[str, Any]] = (),
    by: Any = None,
    **fields: Any,
) -> BriefingSeries:
    """A new series with its participating units and its standing agenda (items in order)."""
    series = BriefingSeries()
    _assign(session, series, {**DEFAULTS, **fields})
    set_units(session, series, unit_ids)
    session.add(series)
    session.flush()
    set_items(session, series, items)
    return series


def update_series(
    session: Session,
    series: BriefingSeries,
    *,
    unit_ids: Iterable[int] | None = None,
    items: Iterable[Mapping[str, Any]] | None = None,
    by: Any = None,
    **fields: Any,
) -> BriefingSeries:
    """Change a series; ``unit_ids`` and ``items`` (when given) replace the lists. Sessions
    already made keep their meeting (move or cancel it in the meeting's dossier); the change
    applies to the sessions made after them."""
    _assign(session, series, fields)
    if unit_ids is not None:
        set_units(session, series, unit_ids)
    if items is not None:
        set_items(session, series, items)
    session.flush()
    return series


def _assign(session: Session, series: BriefingSeries, fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown series fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(series, name, value.strip() if isinstance(value, str) else value)
    _check(session, series)


def _check(session: Session, series: BriefingSeries) -> None:
    if not (series.title or "").strip():
        raise BriefingError(_("Title: name the briefing."), field="title")
    chair = _get(session, User, series.chair_id, "chair_id", required=True)
    if not chair.active:
        raise BriefingError(_("Chair: %(name)s is inactive.", name=chair), field="chair_id")
    _get(session, User, series.secretary_id, "secretary_id")
    _get(session, Unit, series.unit_id, "unit_id")
    room = _get(session, Room, series.room_id, "room_id")
    if room is None and not (series.location or "").strip():
        raise BriefingError(
            _("Room or location: choose a room, or say where the briefing takes place."),
            field="room_id",
        )
    _bounded("duration_minutes", series.duration_minutes, 1, MAX_DURATION_MINUTES)
    _bounded("cutoff_hours", series.cutoff_hours, 0, MAX_CUTOFF_HOURS)
    _bounded("horizon_days", series.horizon_days, 1, MAX_HORIZON_DAYS)
    start = series.first_starts_at
    if not isinstance(start, datetime) or start.tzinfo is None:
        raise BriefingError(
            _("First session: give its date and time with the UTC offset."),
            field="first_starts_at",
        )
    series.rrule = recurrence.check_rule(series.rrule, start, duration(series))


def _bounded(field: str, value: Any, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BriefingError(
            _(
                "%(field)s: a whole number from %(low)d to %(high)d.",
                field=field,
                low=low,
                high=high,
            ),
            field=field,
        )


def _get(session: Session, model: type, id: Any, field: str, required: bool = False) -> Any:
    if id is None:
        if required:
            raise BriefingError(_("%(field)s: required.", field=field), field=field)
        return None
    found = session.get(model, id)
    if found is None:
        raise BriefingError(
            _("%(field)s: no such record (%(id)s).", field=field, id=id), field=field
        )
    return found


def set_units(session: Session, series: BriefingSeries, unit_ids: Iterable[int]) -> None:
    """The units taking part (each sends a report before every session)."""
    wanted = list(dict.fromkeys(unit_ids))
    units = list(session.scalars(select(Unit).where(Unit.id.in_(wanted)))) if wanted else []
    missing = set(wanted) - {u.id for u in units}
    if missing:
        raise BriefingError(
            _("Units: no such unit (%(ids)s).", ids=", ".join(map(str, sorted(missing)))),
            field="unit_ids",
        )
    series.units = sorted(units, key=lambda u: wanted.index(u.id))


def set_items(session: Session, series: BriefingSeries, items: Iterable[Mapping[str, Any]]) -> None:
    """Replace the standing agenda by ``items`` (title, kind, presenter_unit_id,
    duration_minutes), numbered in order."""
    made = [_item(session, n, dict(item)) for n, item in enumerate(items, start=1)]
    series.items.clear()
    session.flush()  # the old items go before the new ones take their positions
    series.items.extend(made)
    session.flush()


def _item(session: Session, position: int, data: dict[str, Any]) -> StandingItem:
    unknown = set(data) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown standing item fields: {', '.join(sorted(unknown))}")
    title = (data.get("title") or "").strip()
    if not title:
        raise BriefingError(_("Item %(n)d: give it a title.", n=position), field="items")
    kind = data.get("kind") or "general"
    if kind not in ITEM_KINDS:
        raise BriefingError(
            _("Item %(n)d: kind is one of %(kinds)s.", n=position, kinds=", ".join(ITEM_KINDS)),
            field="items",
        )
    minutes = data.get("duration_minutes")
    if minutes is not None and (not isinstance(minutes, int) or minutes <= 0):
        raise BriefingError(
            _("Item %(n)d: its duration is a number of minutes above zero.", n=position),
            field="items",
        )
    presenter = data.get("presenter_unit_id")
    _get(session, Unit, presenter, "items")
    return StandingItem(
        position=position,
        title=title[:500],
        kind=kind,
        presenter_unit_id=presenter,
        duration_minutes=minutes,
    )


def duration(series: BriefingSeries) -> timedelta:
    return timedelta(minutes=series.duration_minutes)


# -- sessions -------------------------------------------------------------------------------


def generate_sessions(
    session: Session, series: BriefingSeries, *, now: datetime | None = None
) -> list[BriefingSession]:
    """Make the sessions the rule gives from now (or from the day after the last session
    made, if later) to ``horizon_days`` ahead; returns them (none when all exist: running it
    twice changes nothing, and a changed rule never doubles a day already made).

    Each is a meeting of kind briefing — proposed and approved on the chair's behalf, with the
    participating units invited and the standing agenda — whose room and chair are booked.
    The bookings are all or none, as for a recurring booking: when the room or the chair is
    already booked on any date, :class:`~core.booking.rules.BookingConflict` lists every
    clashing date and the caller rolls back.
    """
    if not series.active:
        return []
    now = now or utcnow()
    last = session.scalar(
        select(func.max(BriefingSession.occurrence)).where(BriefingSession.series_id == series.id)
    )
    start = now if last is None else max(now, _day_after(last))
    missing = recurrence.dates_between(
        series.rrule, series.first_starts_at, start, now + timedelta(days=series.horizon_days)
    )
    if not missing:
        return []
    length = duration(series)
    chair = session.get(User, series.chair_id)
    if chair is None:
        raise BriefingError(
            _("Chair: no such record (%(id)s).", id=series.chair_id), field="chair_id"
        )
    resources = [meetings.person_resource(session, chair)]
    room = session.get(Room, series.room_id) if series.room_id is not None else None
    if room is not None:
        resources.insert(0, room.resource)
    clashes.refuse_clashes(session, resources, [(when, when + length) for when in missing])
    return [_make_session(session, series, chair, when, length) for when in missing]


def _day_after(when: datetime) -> datetime:
    """Midnight after ``when``'s day, in the agency's time zone."""
    day = when.astimezone(agency_zone()).date() + timedelta(days=1)
    return datetime.combine(day, time(), agency_zone())


def _make_session(
    session: Session, series: BriefingSeries, chair: Any, when: datetime, length: timedelta
) -> BriefingSession:
    local = when.astimezone(agency_zone())
    meeting = meetings.propose(
        session,
        by=chair,  # the chair set the series up: the sessions need no approval request
        kind=MeetingKind.BRIEFING.value,
        title=f"{series.title} {local:%d/%m/%Y}"[:255],
        chair_id=series.chair_id,
        secretary_id=series.secretary_id,
        unit_id=series.unit_id,
        starts_at=when,
        ends_at=when + length,
        room_id=series.room_id,
        location=series.location,
    )
    for unit in series.units:
        meetings.add_invitee(session, meeting, unit_id=unit.id)
    for item in series.items:
        meetings.add_agenda_item(
            session,
            meeting,
            title=item.title,
            presenter_unit_id=item.presenter_unit_id,
            duration_minutes=item.duration_minutes,
        )
    meetings.approve(session, meeting, by=chair)
    made = BriefingSession(
        series_id=series.id,
        meeting=meeting,
        occurrence=when,
        report_due_at=when - timedelta(hours=series.cutoff_hours),
    )
    session.add(made)
    session.flush()
    return made


def previous_session(session: Session, current: BriefingSession) -> BriefingSession | None:
    """The series' session before ``current`` that was not cancelled."""
    return session.scalar(
        select(BriefingSession)
        .join(BriefingSession.meeting)
        .where(
            BriefingSession.series_id == current.series_id,
            BriefingSession.occurrence < current.occurrence,
            Meeting.status != MeetingStatus.CANCELLED.value,
        )
        .order_by(BriefingSession.occurrence.desc())
        .limit(1)
    )
