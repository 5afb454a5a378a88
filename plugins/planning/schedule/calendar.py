"""The schedule on the unified calendar: published entries offered to every calendar view, feed
and weekly grid through the ``calendar_entries`` hook, and the week as one iCalendar file."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.agenda.feeds import render_ics
from core.booking.models import Resource
from core.calendar.weeks import Week as IsoWeek
from core.hooktypes import CalendarEntry
from core.identity.access import can
from plugins.planning.schedule.models import EntryStatus, ScheduleEntry, Week, WeekStatus
from plugins.planning.schedule.rules import VIEW
from plugins.planning.schedule.versions import week_link

SOURCE = "planning"
#: Marks the schedule's own entries among the plugin's others (tasks share the source).
UID_PREFIX = "planning.schedule_entry."


def as_calendar_entry(entry: ScheduleEntry) -> CalendarEntry:
    return CalendarEntry(
        source=SOURCE,
        title=entry.content,
        starts=entry.starts_at,
        ends=entry.ends_at,
        url=week_link(entry.week.iso),
        location=entry.place or None,
        leader_ids=(entry.leader_id,),
        extra={"kind": "schedule", "entry": entry.id, "unit_id": entry.unit_id},
        uid=f"{UID_PREFIX}{entry.id}",
        permission=VIEW,
    )


def is_schedule_entry(entry: CalendarEntry) -> bool:
    """Whether a unified-calendar entry is one of the schedule's own (shown once, not twice)."""
    return entry.source == SOURCE and (entry.uid or "").startswith(UID_PREFIX)


def calendar_entries(session: Session, start: datetime, end: datetime, user: Any) -> list:
    """The published schedule between ``start`` and ``end``: everyone who may read it sees it.
    One statement of plain rows (no ORM objects): the weekly grid asks for these too, and
    leaves them out, on every request."""
    if not can(user, VIEW):
        return []
    rows = session.execute(
        select(
            ScheduleEntry.id,
            ScheduleEntry.content,
            ScheduleEntry.starts_at,
            ScheduleEntry.ends_at,
            ScheduleEntry.leader_id,
            ScheduleEntry.unit_id,
            ScheduleEntry.location,
            Resource.name,
            Week.year,
            Week.number,
        )
        .join(Week, Week.id == ScheduleEntry.week_id)
        .outerjoin(Resource, Resource.id == ScheduleEntry.room_id)
        .where(
            Week.status == WeekStatus.PUBLISHED.value,
            ScheduleEntry.status != EntryStatus.WITHDRAWN.value,
            ScheduleEntry.starts_at < end,
            ScheduleEntry.ends_at > start,
        )
        .order_by(ScheduleEntry.starts_at, ScheduleEntry.id)
    ).all()
    links: dict[tuple[int, int], str] = {}
    found = []
    for entry_id, title, starts, ends, leader, unit, location, room, year, number in rows:
        if (year, number) not in links:
            links[(year, number)] = week_link(IsoWeek(date.fromisocalendar(year, number, 1)))
        found.append(
            CalendarEntry(
                source=SOURCE,
                title=title,
                starts=starts,
                ends=ends,
                url=links[(year, number)],
                location=", ".join(p for p in (room, location) if p) or None,
                leader_ids=(leader,),
                extra={"kind": "schedule", "entry": entry_id, "unit_id": unit},
                uid=f"{UID_PREFIX}{entry_id}",
                permission=VIEW,
            )
        )
    return found


def week_ics(entries: Iterable[ScheduleEntry], name: str, base_url: str) -> bytes:
    """The week's entries (withdrawn ones left out) as one VCALENDAR."""
    shown = [as_calendar_entry(e) for e in entries if e.active]
    return render_ics(shown, name, base_url)
