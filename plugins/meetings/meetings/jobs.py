"""The scheduled job of the meeting dossier: ``meetings.reminders``."""

from __future__ import annotations

from datetime import timedelta

from core import ScheduledJob

REMINDERS = ScheduledJob(
    "meetings.reminders", "plugins.meetings.meetings.jobs.send_reminders", timedelta(minutes=5)
)


def send_reminders() -> dict[str, int]:
    """Send the reminders due now (each once) and commit; returns how many of each kind."""
    from core.db import db, utcnow
    from plugins.meetings.meetings.reminders import send_due

    counts = send_due(db.session, utcnow())
    db.session.commit()
    return counts
