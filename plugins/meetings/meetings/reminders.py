"""Reminders, sent by the job ``meetings.reminders`` every few minutes: invitees before the
meeting (24 h and 1 h by default), presenters whose materials are missing as the materials
deadline nears, secretaries whose minutes are late. Each reminder is recorded
(:class:`~plugins.meetings.meetings.models.ReminderSent`), so none is sent twice.

Settings (app config key, or ``VANPHONG_<key>`` in the environment):
``MEETINGS_REMIND_BEFORE`` minutes before the meeting, comma-separated (``"1440,60"``);
``MEETINGS_MATERIALS_REMIND_BEFORE`` minutes before the materials deadline (``1440``);
``MEETINGS_MINUTES_DUE_DAYS`` working days after the meeting for its minutes (``2``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.booking.rules import span_text
from core.calendar.services import add_working_days
from core.i18n import agency_zone
from core.org.models import Membership
from plugins.meetings.common import setting
from plugins.meetings.meetings import notifications
from plugins.meetings.meetings.materials import missing_materials
from plugins.meetings.meetings.models import Meeting, MeetingStatus, ReminderSent, Rsvp

S = MeetingStatus
#: How far back the late-minutes check looks (older dossiers were reminded long ago).
LATE_WINDOW = timedelta(days=60)


def remind_before() -> list[int]:
    """Minutes before a meeting at which invitees are reminded, largest first."""
    raw = setting("MEETINGS_REMIND_BEFORE", "1440,60")
    values = raw if isinstance(raw, list | tuple) else str(raw).split(",")
    return sorted({int(v) for v in values if str(v).strip()}, reverse=True)


def send_due(session: Session, now: datetime) -> dict[str, int]:
    """Send every reminder due at ``now``; returns how many of each kind were sent."""
    return {
        "before": _before_meeting(session, now),
        "materials": _materials_due(session, now),
        "minutes": _minutes_late(session, now),
    }


def _already(session: Session, meeting_ids: list[int]) -> set[tuple[int, str, int]]:
    if not meeting_ids:
        return set()
    return set(
        session.execute(
            select(ReminderSent.meeting_id, ReminderSent.kind, ReminderSent.user_id).where(
                ReminderSent.meeting_id.in_(meeting_ids)
            )
        ).all()
    )


def _record(session: Session, meeting: Meeting, kind: str, user_ids: list[int]) -> None:
    session.add_all(ReminderSent(meeting_id=meeting.id, kind=kind, user_id=u) for u in user_ids)
    session.flush()


def _before_meeting(session: Session, now: datetime) -> int:
    """Each expected attendee once per offset; when several offsets are due at once (the
    job did not run), only the nearest is sent and the others are recorded as passed."""
    offsets = remind_before()
    if not offsets:
        return 0
    meetings = session.scalars(
        select(Meeting)
        .options(selectinload(Meeting.invitees))
        .where(
            Meeting.status == S.INVITED.value,
            Meeting.starts_at > now,
            Meeting.starts_at <= now + timedelta(minutes=offsets[0]),
        )
    ).all()
    done = _already(session, [m.id for m in meetings])
    heads = _unit_heads(session, {i.unit_id for m in meetings for i in m.invitees if i.unit_id})
    count = 0
    for meeting in meetings:
        due = [o for o in offsets if meeting.starts_at - now <= timedelta(minutes=o)]
        people = _expected(meeting, heads)
        for person in people:
            kinds = [f"before:{o}" for o in due if (meeting.id, f"before:{o}", person) not in done]
            if not kinds:
                continue
            session.add_all(
                ReminderSent(meeting_id=meeting.id, kind=k, user_id=person) for k in kinds
            )
            if f"before:{due[-1]}" in kinds:
                count += _remind(meeting, person, now)
        session.flush()
    return count


def _expected(meeting: Meeting, heads: dict[int, list[int]]) -> list[int]:
    """Who is expected at the meeting: each person invited (or their delegate) who has not
    declined, and the heads of invited units (or the delegate a unit sends)."""
    people: list[int] = []
    for invitee in meeting.invitees:
        if invitee.rsvp == Rsvp.DECLINED:
            continue
        if invitee.delegate_id:
            people.append(invitee.delegate_id)
        elif invitee.user_id:
            people.append(invitee.user_id)
        elif invitee.unit_id:
            people.extend(heads.get(invitee.unit_id, []))
    for extra in (meeting.chair_id, meeting.secretary_id):
        if extra is not None:
            people.append(extra)
    return list(dict.fromkeys(people))


def _unit_heads(session: Session, unit_ids: set[Any]) -> dict[int, list[int]]:
    if not unit_ids:
        return {}
    heads: dict[int, list[int]] = {}
    for unit_id, user_id in session.execute(
        select(Membership.unit_id, Membership.user_id).where(
            Membership.unit_id.in_(unit_ids), Membership.is_head
        )
    ):
        heads.setdefault(unit_id, []).append(user_id)
    return heads


def _remind(meeting: Meeting, person: int, now: datetime) -> int:
    return notifications.send(
        [person],
        notifications.REMINDER,
        notifications.meeting_link(meeting.id),
        partial(_reminder_message, meeting, now),
    )


def _reminder_message(meeting: Meeting, now: datetime) -> tuple[str, str]:
    left = int((meeting.starts_at - now).total_seconds() // 60)
    return (
        _("In %(time)s: %(title)s", time=_duration(left), title=meeting.title),
        span_text(meeting.starts_at, meeting.ends_at),
    )


def _duration(minutes: int) -> str:
    if minutes >= 60:
        return _("%(h)d h %(m)02d", h=minutes // 60, m=minutes % 60)
    return _("%(m)d min", m=minutes)


def _materials_due(session: Session, now: datetime) -> int:
    """Presenters with no file yet, once, when the materials deadline is near."""
    ahead = timedelta(minutes=int(setting("MEETINGS_MATERIALS_REMIND_BEFORE", 1440)))
    meetings = session.scalars(
        select(Meeting)
        .options(selectinload(Meeting.agenda), selectinload(Meeting.materials))
        .where(
            Meeting.status.in_((S.APPROVED.value, S.INVITED.value)),
            Meeting.materials_due_at > now,
            Meeting.materials_due_at <= now + ahead,
        )
    ).all()
    done = _already(session, [m.id for m in meetings])
    count = 0
    for meeting in meetings:
        presenters = list(dict.fromkeys(a.presenter_id for a in missing_materials(meeting)))
        due = [p for p in presenters if p is not None and (meeting.id, "materials", p) not in done]
        if not due:
            continue
        _record(session, meeting, "materials", due)
        count += notifications.send(
            due,
            notifications.MATERIALS_DUE,
            notifications.meeting_link(meeting.id),
            partial(_materials_message, meeting),
        )
    return count


def _minutes_late(session: Session, now: datetime) -> int:
    """The secretary, once, when a held meeting's minutes are not filed N working days on."""
    days = int(setting("MEETINGS_MINUTES_DUE_DAYS", 2))
    today = now.astimezone(agency_zone()).date()
    meetings = session.scalars(
        select(Meeting).where(
            Meeting.status == S.HELD.value,
            Meeting.secretary_id.is_not(None),
            Meeting.ends_at > now - LATE_WINDOW,
            Meeting.ends_at < now,
        )
    ).all()
    done = _already(session, [m.id for m in meetings])
    count = 0
    for meeting in meetings:
        held_on = meeting.ends_at.astimezone(agency_zone()).date()
        if add_working_days(session, held_on, days) >= today:
            continue
        secretary = meeting.secretary_id
        if secretary is None or (meeting.id, "minutes_late", secretary) in done:
            continue
        _record(session, meeting, "minutes_late", [secretary])
        count += notifications.send(
            [secretary],
            notifications.MINUTES_LATE,
            notifications.meeting_link(meeting.id),
            partial(_minutes_message, meeting),
        )
    return count


def _materials_message(meeting: Meeting) -> tuple[str, str]:
    due = meeting.materials_due_at
    when = f"{due.astimezone(agency_zone()):%d/%m/%Y %H:%M}" if due else ""
    return (
        _("Materials due: %(title)s", title=meeting.title),
        _("Upload your materials before %(time)s.", time=when),
    )


def _minutes_message(meeting: Meeting) -> tuple[str, str]:
    day = f"{meeting.starts_at.astimezone(agency_zone()):%d/%m/%Y}"
    return (
        _("Minutes late: %(title)s", title=meeting.title),
        _("File the minutes of the meeting of %(day)s.", day=day),
    )
