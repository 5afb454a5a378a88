"""The printable grid "Tuần 48 (23/11–29/11)": days × half-days as rows, the leaders as
columns. It holds the week's own entries and, from the unified calendar, other plugins' entries
that name a leader (meetings, receptions, trips) — the schedule's own published entries come
back through that calendar too, and are left out there so nothing shows twice."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.agenda.services import entries_for
from core.booking.models import Resource
from core.calendar.weeks import Week as IsoWeek
from core.hooktypes import CalendarEntry
from core.i18n import agency_zone
from core.identity.models import User
from core.org.models import Membership, Position, Unit
from plugins.planning.schedule.calendar import SOURCE, is_schedule_entry
from plugins.planning.schedule.models import (
    SESSIONS,
    DaySession,
    EntryStatus,
    ScheduleEntry,
    Week,
    schedule_participant,
)
from plugins.planning.schedule.rules import SESSION_LABELS, session_of, time_text
from plugins.planning.schedule.services import find_week, visible

WORKING_DAYS = 5  # Monday to Friday always have rows; the weekend only when it holds something


@dataclass(frozen=True)
class GridItem:
    """One line in a cell: an entry of the schedule, or another plugin's event."""

    time: str  # exact times, or "" for the whole half-day
    title: str
    place: str
    detail: str  # participants and preparing unit
    source: str
    url: str | None = None
    entry_id: int | None = None
    status: str = ""


@dataclass(frozen=True)
class Leader:
    """A column of the grid."""

    id: int
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass
class GridRow:
    day: date
    session: str
    cells: list[list[GridItem]]

    @property
    def session_label(self) -> str:
        return str(SESSION_LABELS[self.session])


@dataclass
class Grid:
    week: IsoWeek
    record: Week | None
    leaders: list[Leader]
    rows: list[GridRow] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _("Week %(label)s", label=self.week.label)

    @property
    def published(self) -> bool:
        return self.record is not None and self.record.published


def build(session: Session, iso: IsoWeek, viewer: Any) -> Grid:
    """The grid of ``iso`` as ``viewer`` may see it, read as plain rows (no ORM objects per
    entry): a bounded number of statements whatever the number of entries and leaders."""
    record = find_week(session, iso)
    own = _entries(session, record, viewer)
    start, end = iso.bounds(agency_zone())
    others = [
        e for e in entries_for(viewer, start, end) if e.leader_ids and not is_schedule_entry(e)
    ]
    leaders = _leaders(session, own, others)
    column = {leader.id: i for i, leader in enumerate(leaders)}
    cells: dict[tuple[date, str], list[list[GridItem]]] = defaultdict(lambda: [[] for _ in leaders])
    for (day, half, leader_id), item in own:
        cells[(day, half)][column[leader_id]].append(item)
    for event in others:
        for day, half in _slots(event, iso):
            for leader_id in dict.fromkeys(event.leader_ids):
                if leader_id in column:
                    cells[(day, half)][column[leader_id]].append(_other_item(event))
    grid = Grid(iso, record, leaders)
    for index, day in enumerate(iso.days):
        if index >= WORKING_DAYS and not any((day, s) in cells for s in SESSIONS):
            continue
        for half in SESSIONS:
            row = cells.get((day, half)) or [[] for _ in leaders]
            for cell in row:
                cell.sort(key=lambda item: (item.time or "~", item.title))
            grid.rows.append(GridRow(day, half, row))
    return grid


Placed = tuple[tuple[date, str, int], GridItem]  # (day, half-day, leader) and the item


def _entries(session: Session, record: Week | None, viewer: Any) -> list[Placed]:
    """The week's active entries ``viewer`` may see, with their people (two statements)."""
    if record is None:
        return []
    where = [
        ScheduleEntry.week_id == record.id,
        ScheduleEntry.status != EntryStatus.WITHDRAWN.value,
        *visible(viewer),
    ]
    names: dict[int, list[str]] = defaultdict(list)
    for entry_id, full_name, username in session.execute(
        select(schedule_participant.c.entry_id, User.full_name, User.username)
        .join(User, User.id == schedule_participant.c.user_id)
        .where(schedule_participant.c.entry_id.in_(select(ScheduleEntry.id).where(*where)))
        .order_by(User.full_name, User.id)
    ):
        names[entry_id].append(full_name or username)
    rows = session.execute(
        select(
            ScheduleEntry.id,
            ScheduleEntry.day,
            ScheduleEntry.session,
            ScheduleEntry.leader_id,
            ScheduleEntry.starts_at,
            ScheduleEntry.ends_at,
            ScheduleEntry.timed,
            ScheduleEntry.content,
            ScheduleEntry.participants,
            ScheduleEntry.location,
            ScheduleEntry.status,
            Resource.name,
            Unit.name,
        )
        .join(Unit, Unit.id == ScheduleEntry.unit_id)
        .outerjoin(Resource, Resource.id == ScheduleEntry.room_id)
        .where(*where)
        .order_by(ScheduleEntry.starts_at, ScheduleEntry.id)
    ).all()
    preparing: dict[str, str] = {}  # translated once per unit, not once per entry
    placed = []
    for (
        id_,
        day,
        half,
        leader,
        starts,
        ends,
        timed,
        title,
        people,
        location,
        status,
        room,
        unit,
    ) in rows:
        if unit not in preparing:
            preparing[unit] = _("Preparing: %(unit)s", unit=unit)
        present = ", ".join(p for p in [people, *names[id_]] if p)
        item = GridItem(
            time=time_text(starts, ends) if timed else "",
            title=title,
            place=", ".join(p for p in (room, location) if p),
            detail="; ".join(d for d in (present, preparing[unit]) if d),
            source=SOURCE,
            entry_id=id_,
            status=status,
        )
        placed.append(((day, half, leader), item))
    return placed


def _leaders(session: Session, own: list[Placed], others: list[CalendarEntry]) -> list[Leader]:
    """The agency's leaders (leader positions in the root unit, most senior first), then anyone
    else presiding this week, by name."""
    found: dict[int, Leader] = {}
    for user_id, full_name, username in session.execute(
        select(User.id, User.full_name, User.username)
        .join(Membership, Membership.user_id == User.id)
        .join(Position, Position.id == Membership.position_id)
        .join(Unit, Unit.id == Membership.unit_id)
        .where(Position.is_leader, Unit.parent_id.is_(None), User.active)
        .order_by(Position.rank, User.full_name, User.id)
    ):
        found.setdefault(user_id, Leader(user_id, full_name or username))
    missing = {leader for (_d, _h, leader), _i in own} | {i for e in others for i in e.leader_ids}
    missing -= set(found)
    if missing:
        extra = [
            Leader(user_id, full_name or username)
            for user_id, full_name, username in session.execute(
                select(User.id, User.full_name, User.username).where(User.id.in_(missing))
            )
        ]
        found.update((c.id, c) for c in sorted(extra, key=lambda c: (c.name, c.id)))
    return list(found.values())


def _other_item(event: CalendarEntry) -> GridItem:
    return GridItem(
        time=time_text(event.starts, event.ends),
        title=event.title,
        place=event.location or "",
        detail="",
        source=event.source,
        url=event.url,
    )


def _slots(event: CalendarEntry, iso: IsoWeek) -> list[tuple[date, str]]:
    """The rows another plugin's event sits in: its starting half-day, and the mornings of the
    following days of the week it still covers."""
    zone = agency_zone()
    first = event.starts.astimezone(zone)
    last = (event.ends - timedelta(microseconds=1)).astimezone(zone).date()
    slots = []
    if first.date() >= iso.monday:
        slots.append((first.date(), session_of(event.starts)))
    day = max(first.date() + timedelta(days=1), iso.monday)
    while day <= min(last, iso.monday + timedelta(days=6)):
        slots.append((day, DaySession.MORNING.value))
        day += timedelta(days=1)
    return slots
