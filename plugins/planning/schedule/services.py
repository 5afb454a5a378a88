"""The weekly schedule's operations — the only way it is written: units submit entries before
the cut-off, the office adds, changes, withdraws and publishes; once published, every change is
a new version with its change log, and those concerned are told.

Functions work in the caller's transaction and never commit. ``by`` is the user acting.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload

from core.calendar.weeks import Week as IsoWeek
from core.db import utcnow
from core.identity.access import in_units, scope_paths
from plugins.planning.schedule import bookings, clashes, inputs, versions
from plugins.planning.schedule.models import (
    EntryStatus,
    ScheduleEntry,
    Week,
    WeekStatus,
)
from plugins.planning.schedule.rules import (
    VIEW,
    NotAllowed,
    ScheduleConflict,
    ScheduleError,
    closed_message,
    default_cutoff,
    is_manager,
    may_submit_for,
)

# -- weeks ---------------------------------------------------------------------------------


def find_week(session: Session, iso: IsoWeek) -> Week | None:
    year, number, _day = iso.monday.isocalendar()
    return session.scalar(select(Week).where(Week.year == year, Week.number == number))


def open_week(session: Session, iso: IsoWeek) -> Week:
    """The week's record, made on first need with the default cut-off (two first submissions
    at once: the database keeps one row, the loser reads it)."""
    found = find_week(session, iso)
    if found is not None:
        return found
    year, number, _day = iso.monday.isocalendar()
    week = Week(year=year, number=number, cutoff_at=default_cutoff(iso))
    try:
        with session.begin_nested():
            session.add(week)
    except IntegrityError:
        found = find_week(session, iso)
        if found is None:
            raise
        return found
    return week


def cutoff_of(week: Week | None, iso: IsoWeek) -> datetime:
    """When units' submissions for the week close (UTC, as stored)."""
    return week.cutoff_at if week is not None else default_cutoff(iso).astimezone(UTC)


def is_open_for_units(week: Week | None, iso: IsoWeek) -> bool:
    """Whether units may still submit and change their entries for the week."""
    if week is not None and week.published:
        return False
    return utcnow() < cutoff_of(week, iso)


def set_details(
    session: Session,
    week: Week,
    by: Any,
    *,
    note: str | None = None,
    cutoff_at: datetime | None = None,
    reason: str = "",
) -> None:
    """The office changes a week's note ("Lịch này thay giấy mời") or its cut-off. On a
    published week the note is a change like any other: a new version, everyone in it told."""
    _require_manager(by)
    if cutoff_at is not None:
        if cutoff_at.tzinfo is None:
            raise ScheduleError(_("Cut-off: give the time with its UTC offset."), field="cutoff_at")
        if cutoff_at != week.cutoff_at and week.published:
            raise ScheduleError(
                _("Cut-off: the week is published; submissions are closed."), field="cutoff_at"
            )
        week.cutoff_at = cutoff_at
    if note is not None and note.strip() != week.note:
        _change_note(session, week, by, note.strip(), reason)
    session.flush()


def _change_note(session: Session, week: Week, by: Any, note: str, reason: str) -> None:
    if len(note) > 500:
        raise ScheduleError(_("Note: at most 500 characters."), field="note")
    if week.published:
        _require_reason(week, reason)
    before, week.note = week.note, note
    if not week.published:
        return
    item = {"action": versions.NOTE, "entry": None, "title": "", "fields": ["note"]}
    version = versions.record(
        session, week, by, [{**item, "before": before, "after": note}], reason
    )
    entries = active_entries(session, week)
    people = {e.leader_id for e in entries} | {p.id for e in entries for p in e.participant_users}
    units = {e.unit for e in entries}
    versions.tell(session, week, version, versions.CHANGED, [*sorted(people), *units])


# -- reading entries -----------------------------------------------------------------------


def entry_query(*, paged: bool = False) -> Any:
    """Entries with what the schedule shows of them. ``paged`` (lists across weeks): their
    weeks and participants joined in the same statement (read with ``.unique()``); otherwise
    (one week, read whole) the participants in a second statement — far fewer rows."""
    people = ScheduleEntry.participant_users
    return select(ScheduleEntry).options(
        joinedload(ScheduleEntry.leader),
        joinedload(ScheduleEntry.room),
        joinedload(ScheduleEntry.vehicle),
        joinedload(ScheduleEntry.unit),
        *(
            (joinedload(ScheduleEntry.week), joinedload(people))
            if paged
            else (selectinload(people),)
        ),
    )


def published_week_ids() -> Any:
    return select(Week.id).where(Week.status == WeekStatus.PUBLISHED.value)


def visible_to(paths: set[str]) -> Any:
    """The record rule: a published week's entries are everyone's; before publication, an
    entry is seen in its preparing unit's subtree (and by the office)."""
    return or_(
        ScheduleEntry.week_id.in_(published_week_ids()), in_units(ScheduleEntry.unit_id, paths)
    )


def visible(viewer: Any) -> list[Any]:
    paths = scope_paths(viewer, VIEW)
    return [] if paths is None else [visible_to(paths)]


def entries_of(session: Session, week: Week | None, viewer: Any) -> list[ScheduleEntry]:
    """The week's entries ``viewer`` may see, withdrawn ones too, by time."""
    if week is None:
        return []
    query = entry_query().where(ScheduleEntry.week_id == week.id, *visible(viewer))
    return list(session.scalars(query.order_by(ScheduleEntry.starts_at, ScheduleEntry.id)))


def active_entries(session: Session, week: Week) -> list[ScheduleEntry]:
    query = entry_query().where(
        ScheduleEntry.week_id == week.id, ScheduleEntry.status != EntryStatus.WITHDRAWN.value
    )
    return list(session.scalars(query.order_by(ScheduleEntry.starts_at, ScheduleEntry.id)))


def conflicts(session: Session, week: Week | None) -> list[clashes.Clash]:
    """Leaders, rooms and vehicles the week's entries would hold twice at once."""
    return [] if week is None else clashes.find_clashes(session, active_entries(session, week))


# -- writing entries -----------------------------------------------------------------------


def submit_entry(session: Session, data: dict[str, Any], by: Any, note: str = "") -> ScheduleEntry:
    """Add an entry to the week of its day: a unit before the week's cut-off (status
    ``submitted``), the office at any time (``accepted``); in a published week it is an
    amendment, with ``note`` saying why."""
    inputs.check_fields(data)
    when = inputs.timing(None, data)
    week = open_week(session, IsoWeek.of(when.day))
    unit = inputs.unit_for(session, data.get("unit_id"), by)
    _require_open(week, by, note)
    entry = ScheduleEntry(
        week=week,
        day=when.day,
        session=when.session,
        starts_at=when.starts,
        ends_at=when.ends,
        timed=when.timed,
        unit=unit,
        submitted_by_id=getattr(by, "id", None),
        submitted_at=utcnow(),
        status=EntryStatus.ACCEPTED.value if is_manager(by) else EntryStatus.SUBMITTED.value,
    )
    inputs.describe_entry(
        session, entry, {"content": "", "participants": "", "location": "", **data}
    )
    session.add(entry)
    session.flush()
    bookings.sync(session, entry, by, confirm=week.published)
    if week.published:
        _amended(
            session,
            week,
            by,
            note,
            [versions.change(versions.ADDED, entry, None, versions.snapshot(entry))],
        )
    return entry


def change_entry(
    session: Session, entry: ScheduleEntry, data: dict[str, Any], by: Any, note: str = ""
) -> ScheduleEntry:
    """Change the fields in ``data``. Its unit may until the cut-off, the office always; in a
    published week the change is a new version, with ``note`` saying why."""
    inputs.check_fields(data)
    week = entry.week
    _require_changer(entry, by)
    _require_open(week, by, note)
    if not entry.active:
        raise ScheduleError(_("Status: the entry is withdrawn; submit a new one."), field="status")
    before = versions.snapshot(entry)
    when = inputs.timing(entry, data)
    if IsoWeek.of(when.day) != week.iso:
        raise ScheduleError(
            _(
                "Day: the entry belongs to week %(week)s; withdraw it and submit it to the "
                "other week.",
                week=week.iso.label,
            ),
            field="day",
        )
    if "unit_id" in data:
        entry.unit = inputs.unit_for(session, data["unit_id"], by)
    entry.day, entry.starts_at, entry.ends_at = when.day, when.starts, when.ends
    entry.session, entry.timed = when.session, when.timed
    inputs.describe_entry(session, entry, data)
    session.flush()
    bookings.sync(session, entry, by, confirm=week.published)
    if week.published:
        item = versions.change(versions.CHANGED_ENTRY, entry, before, versions.snapshot(entry))
        if item is not None:
            _amended(session, week, by, note, [item])
    return entry


def withdraw_entry(session: Session, entry: ScheduleEntry, by: Any, reason: str = "") -> None:
    """Take an entry out of the schedule (its bookings are cancelled); in a published week a
    new version, with ``reason`` saying why."""
    week = entry.week
    _require_changer(entry, by)
    _require_open(week, by, reason)
    if not entry.active:
        raise ScheduleError(_("Status: the entry is already withdrawn."), field="status")
    before = versions.snapshot(entry)
    entry.status = EntryStatus.WITHDRAWN.value
    entry.note = reason.strip()[:500]
    session.flush()
    bookings.sync(session, entry, by, confirm=False)
    if week.published:
        _amended(
            session, week, by, reason, [versions.change(versions.WITHDRAWN, entry, before, None)]
        )


def publish(session: Session, week: Week, by: Any) -> versions.WeekVersion:
    """Publish a draft week as version 1: every entry accepted, every booking confirmed.

    Refused (:class:`ScheduleConflict`, nothing changed) while two entries would hold one
    leader, room or vehicle at once, or one clashes with a confirmed booking; the database
    refuses what slips past. The requests of others that clash are rejected by the core."""
    _require_manager(by)
    if week.published:
        raise ScheduleError(
            _("Week: already published; change its entries to amend it."), field="week"
        )
    entries = active_entries(session, week)
    if not entries:
        raise ScheduleError(_("Week: there is no entry to publish."), field="week")
    blocking = [c for c in clashes.find_clashes(session, entries) if c.blocking]
    if blocking:
        details = [c.message for c in blocking]
        raise ScheduleConflict(
            _(
                "Week %(week)s cannot be published while %(n)d clashes remain: %(first)s",
                week=week.iso.label,
                n=len(details),
                first=details[0],
            ),
            details=details,
        )
    with session.begin_nested():  # all or nothing, whatever the caller does next
        for entry in entries:  # requests confirmed, displaced ones asked for again
            bookings.sync(session, entry, by, confirm=True)
        for entry in entries:
            entry.status = EntryStatus.ACCEPTED.value
        week.status = WeekStatus.PUBLISHED.value
        week.published_at = utcnow()
        week.published_by_id = getattr(by, "id", None)
        changes = [versions.change(versions.ADDED, e, None, versions.snapshot(e)) for e in entries]
        version = versions.record(session, week, by, [c for c in changes if c])
    versions.tell(session, week, version, versions.PUBLISHED)
    return version


# -- rules -------------------------------------------------------------------------------


def _require_manager(by: Any) -> None:
    if not is_manager(by):
        raise NotAllowed(_("Only the office may publish the schedule or change a week."))


def _require_changer(entry: ScheduleEntry, by: Any) -> None:
    if not (is_manager(by) or may_submit_for(by, entry.unit_id)):
        raise NotAllowed(_("Only the preparing unit or the office may change this entry."))


def _require_open(week: Week, by: Any, note: str) -> None:
    """Units write until the cut-off of a draft week; the office always, giving a reason once
    the week is published (the change becomes a version)."""
    if week.published:
        if not is_manager(by):
            raise NotAllowed(_("The week is published: only the office may amend it."))
        _require_reason(week, note)
    elif not is_manager(by) and utcnow() >= week.cutoff_at:
        raise ScheduleError(closed_message(week.iso, week.cutoff_at), field="week")


def _require_reason(week: Week, note: str) -> None:
    if not (note or "").strip():
        raise ScheduleError(
            _(
                "Note: week %(week)s is published; say why it changes — the change becomes "
                "version %(n)d and those concerned are told.",
                week=week.iso.label,
                n=week.published_version + 1,
            ),
            field="note",
        )


def _amended(session: Session, week: Week, by: Any, note: str, changes: list[Any]) -> None:
    version = versions.record(session, week, by, [c for c in changes if c], note)
    versions.tell(session, week, version, versions.CHANGED)
