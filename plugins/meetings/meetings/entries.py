"""Meetings on the unified calendar and the leaders' weekly schedule, in the unified search,
and on the home page (one's next meetings): only the meetings the user may see, in one
statement each."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload, lazyload

from core.db import utcnow, word_filters
from core.hooktypes import CalendarEntry, SearchHit, Widget
from core.i18n import agency_zone
from plugins.meetings.meetings import rules as r
from plugins.meetings.meetings.invitations import place_of
from plugins.meetings.meetings.models import Invitee, Meeting, MeetingStatus
from plugins.meetings.meetings.notifications import meeting_link
from plugins.meetings.rooms.models import Room

S = MeetingStatus
SCHEDULED = tuple(s.value for s in r.SCHEDULED)


def calendar_entries(session: Session, start: datetime, end: datetime, user: Any) -> list:
    """Approved meetings between ``start`` and ``end`` that ``user`` may see; each names its
    chair as the leader, so it shows in the leaders' weekly schedule."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = session.scalars(
        select(Meeting)
        .options(
            joinedload(Meeting.room).options(
                joinedload(Room.resource), lazyload(Room.equipment_rows)
            )
        )
        .where(
            Meeting.status.in_(SCHEDULED),
            Meeting.starts_at < end,
            Meeting.ends_at > start,
            r.visible_query(user),
        )
        .order_by(Meeting.starts_at, Meeting.id)
    ).all()
    return [
        CalendarEntry(
            source="meetings",
            title=m.title,
            starts=m.starts_at,
            ends=m.ends_at,
            url=meeting_link(m.id),
            location=place_of(m) or None,
            leader_ids=(m.chair_id,),
            extra={"kind": m.kind, "status": m.status},
            uid=f"meetings.meeting.{m.id}",
            permission=r.VIEW,
        )
        for m in rows
    ]


def search(session: Session, query: str, user: Any, limit: int = 20) -> list[SearchHit]:
    """Meetings whose title, description or place matches ``query`` (diacritics ignored)."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = session.scalars(
        select(Meeting)
        .where(
            *word_filters((Meeting.title, Meeting.description, Meeting.location), query),
            r.visible_query(user),
        )
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(limit)
    ).all()
    zone = agency_zone()
    return [
        SearchHit(
            source="meetings",
            title=m.title,
            url=meeting_link(m.id),
            summary=f"{m.starts_at.astimezone(zone):%d/%m/%Y %H:%M} · {r.status_label(m.status)}",
            permission=r.VIEW,
        )
        for m in rows
    ]


#: How far ahead, and how many, the home page's widget shows.
AHEAD = timedelta(days=14)
WIDGET_SIZE = 6


def next_meetings(session: Session, user: Any, now: datetime) -> list[Meeting]:
    """The user's next meetings: those they chair, record, attend or are delegated to,
    approved and starting within :data:`AHEAD`."""
    uid = getattr(user, "id", None)
    mine = select(Invitee.meeting_id).where(
        or_(Invitee.user_id == uid, Invitee.delegate_id == uid), Invitee.rsvp != "declined"
    )
    return list(
        session.scalars(
            select(Meeting)
            .options(
                joinedload(Meeting.room).options(
                    joinedload(Room.resource), lazyload(Room.equipment_rows)
                )
            )
            .where(
                Meeting.status.in_((S.APPROVED.value, S.INVITED.value)),
                Meeting.ends_at > now,
                Meeting.starts_at < now + AHEAD,
                or_(Meeting.chair_id == uid, Meeting.secretary_id == uid, Meeting.id.in_(mine)),
            )
            .order_by(Meeting.starts_at, Meeting.id)
            .limit(WIDGET_SIZE)
        )
    )


def widgets(session: Session, user: Any) -> list[Widget]:
    """The home page's "your next meetings" (nothing when there are none)."""
    if not getattr(user, "is_authenticated", False):
        return []
    upcoming = next_meetings(session, user, utcnow())
    if not upcoming:
        return []
    html = render_template(
        "meetings/meetings/widget.html", meetings=upcoming, link=meeting_link, place=place_of
    )
    return [Widget(_l("Your next meetings"), html, order=15)]
