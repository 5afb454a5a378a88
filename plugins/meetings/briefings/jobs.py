"""The scheduled job ``meetings.briefings``: make the next sessions of every active series, ask
the units for their reports when a session's request time comes, and remind those that have
not reported shortly before the cut-off.

Idempotent: a session exists once per rule date (the database refuses a second), and the
times the units were asked and reminded are recorded with the messages, in one transaction
per series or session, so a run that fails half-way is simply taken up by the next.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from core import ScheduledJob
from core.db import db, utcnow
from core.errors import VanPhongError
from plugins.meetings.briefings import notices, services
from plugins.meetings.briefings.models import BriefingSeries, BriefingSession
from plugins.meetings.briefings.reports import missing_units
from plugins.meetings.common import setting
from plugins.meetings.meetings.models import Meeting, MeetingStatus

log = logging.getLogger(__name__)

#: How long before the cut-off units are asked for their report, and reminded.
REQUEST_HOURS = 72
REMIND_HOURS = 4


def run() -> dict[str, int]:
    """The job: returns how many sessions were made, requests and reminders sent."""
    return {
        "sessions": generate_all(),
        "requested": request_reports(),
        "reminded": remind_missing(),
    }


def generate_all() -> int:
    """Make the next sessions of every active series, each series in its own transaction. A
    refusal (a room or chair already booked) is kept on the series and the secretary told
    once per new reason."""
    made = 0
    ids = db.session.scalars(select(BriefingSeries.id).where(BriefingSeries.active)).all()
    for series_id in ids:
        series = db.session.get(BriefingSeries, series_id)
        if series is None:
            continue
        try:
            made += len(services.generate_sessions(db.session, series))
            series.generation_error = ""
            db.session.commit()
        except IntegrityError:
            db.session.rollback()  # another run made them at the same moment
        except VanPhongError as refused:
            db.session.rollback()
            _record_refusal(series_id, str(refused))
    return made


def _record_refusal(series_id: int, reason: str) -> None:
    series = db.session.get(BriefingSeries, series_id)
    if series is None or series.generation_error == reason[:2000]:
        return
    log.warning("briefing series %s: sessions not made: %s", series_id, reason)
    series.generation_error = reason[:2000]
    notices.sessions_refused(series, reason)
    db.session.commit()


def request_reports() -> int:
    """Ask the participating units for their report once a session's request time came."""
    hours = timedelta(hours=int(setting("MEETINGS_BRIEFING_REQUEST_HOURS", REQUEST_HOURS)))
    told = 0
    for briefing in _due(BriefingSession.reports_requested_at, hours):
        briefing.reports_requested_at = utcnow()
        told += notices.ask_for_reports(db.session, briefing, missing_units(db.session, briefing))
        db.session.commit()
    return told


def remind_missing() -> int:
    """Remind the units that have not reported, once, shortly before the cut-off."""
    hours = timedelta(hours=int(setting("MEETINGS_BRIEFING_REMIND_HOURS", REMIND_HOURS)))
    told = 0
    for briefing in _due(BriefingSession.reminded_at, hours):
        asked = briefing.reports_requested_at
        if asked is None:
            continue  # asked first, reminded at a later run
        briefing.reminded_at = utcnow()
        if asked < briefing.report_due_at - hours:  # a request just sent needs no reminder
            told += notices.remind(db.session, briefing, missing_units(db.session, briefing))
        db.session.commit()
    return told


def _due(sent_at: Any, before_cutoff: timedelta) -> list[BriefingSession]:
    """Sessions not yet started nor cancelled, whose message ``sent_at`` records was not sent
    and whose cut-off is less than ``before_cutoff`` away (or past)."""
    now = utcnow()
    return list(
        db.session.scalars(
            select(BriefingSession)
            .join(BriefingSession.meeting)
            .options(joinedload(BriefingSession.meeting))
            .where(
                sent_at.is_(None),
                BriefingSession.report_due_at <= now + before_cutoff,
                Meeting.starts_at > now,
                Meeting.status != MeetingStatus.CANCELLED.value,
            )
            .order_by(BriefingSession.report_due_at, BriefingSession.id)
        )
    )


#: The job as ``register_scheduled_jobs`` returns it.
JOB = ScheduledJob(
    "meetings.briefings", "plugins.meetings.briefings.jobs.run", timedelta(minutes=15)
)
