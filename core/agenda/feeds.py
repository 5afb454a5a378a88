"""Personal iCalendar feeds (RFC 5545, written with ``icalendar``): made, replaced, revoked,
and served at a secret address for calendar applications."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from core.agenda.models import CalendarFeed
from core.db import db, utcnow
from core.hooktypes import CalendarEntry
from core.identity.models import User
from core.text import digest

PAST = timedelta(days=31)  # what a feed carries: a month back, a year ahead
FUTURE = timedelta(days=366)
TOUCH_EVERY = timedelta(minutes=10)


def create_feed(session: Session, user: User) -> str:
    """A new secret address for ``user``'s feed; any previous one stops working."""
    session.execute(delete(CalendarFeed).where(CalendarFeed.user_id == user.id))
    token = secrets.token_urlsafe(32)
    session.add(CalendarFeed(user_id=user.id, token_hash=digest(token)))
    session.flush()
    return token


def revoke_feed(session: Session, user: User) -> bool:
    """Stop ``user``'s feed; returns whether there was one."""
    result = session.execute(delete(CalendarFeed).where(CalendarFeed.user_id == user.id))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def feed_of(session: Session, user: User) -> CalendarFeed | None:
    return session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))


def user_for_feed(token: str) -> User | None:
    """The active user whose feed address carries ``token``."""
    if not 20 <= len(token) <= 100:
        return None
    row = db.session.execute(
        select(User, CalendarFeed)
        .join(CalendarFeed, CalendarFeed.user_id == User.id)
        .where(CalendarFeed.token_hash == digest(token), User.active)
    ).first()
    if row is None:
        return None
    user, feed = row
    now = utcnow()
    if feed.last_used_at is None or now - feed.last_used_at > TOUCH_EVERY:
        db.session.execute(
            update(CalendarFeed).where(CalendarFeed.id == feed.id).values(last_used_at=now)
        )
        db.session.commit()
    return user


def entry_uid(entry: CalendarEntry) -> str:
    if entry.uid:
        return entry.uid
    key = f"{entry.source}|{entry.url}|{entry.starts.isoformat()}|{entry.title}"
    return f"{hashlib.sha1(key.encode()).hexdigest()}@vanphong"  # noqa: S324 - an id, not a secret


def render_ics(entries: list[CalendarEntry], name: str, base_url: str) -> bytes:
    """The entries as one VCALENDAR; relative links become absolute under ``base_url``."""
    from icalendar import Calendar, Event  # 150 ms to import: only when a feed is fetched

    calendar = Calendar()
    calendar.add("prodid", "-//VanPhong//Lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = utcnow()
    for entry in entries:
        event = Event()
        event.add("uid", entry_uid(entry))
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.starts)
        event.add("dtend", entry.ends)
        event.add("summary", entry.title)
        if entry.location:
            event.add("location", entry.location)
        if entry.url:
            url = entry.url if "://" in entry.url else base_url.rstrip("/") + entry.url
            event.add("url", url)
        event.add("categories", [entry.source])
        calendar.add_component(event)
    return calendar.to_ical()
