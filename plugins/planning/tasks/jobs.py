"""The daily urging job ``planning.urging``: turn passed deadlines into ``overdue`` (one
statement), then send today's digests batch by batch, each batch in its own transaction, so
a crash midway resumes where it stopped and nobody gets two digests on one day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.calendar.services import is_working_day
from core.db import db
from core.i18n import agency_today
from plugins.planning.tasks import services, urging

#: When the job runs: 07:30 every day, in the agency's time zone.
SCHEDULE = "30 7 * * *"


@dataclass(frozen=True)
class UrgingRun:
    overdue: int  # tasks turned overdue
    digests: int  # digests sent


def urge(today: date | None = None) -> UrgingRun:
    """Run one day's urging (today in the agency's zone by default). On a day off, tasks
    still turn overdue but nobody is sent a digest."""
    session = db.session
    today = today or agency_today()
    overdue = services.mark_overdue(session, today)
    session.commit()
    sent = 0
    if is_working_day(session, today):
        settings = urging.urging_settings()
        window = urging.Window.of(session, today, settings)
        for batch in urging.select_digests(session, window, settings):
            sent += urging.send(session, batch, today)
            session.commit()
    return UrgingRun(overdue, sent)


def run_urging() -> None:
    """The scheduled entry point (no arguments)."""
    urge()
