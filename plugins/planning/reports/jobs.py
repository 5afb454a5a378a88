"""The scheduled job ``planning.report_cycle``: open the current periods and urge late units."""

from __future__ import annotations

from core import ScheduledJob
from core.db import db
from core.i18n import agency_today
from plugins.planning.reports.cycle import run_cycle

#: Every hour of the working day: opening and urging are idempotent, so a run missed while
#: the worker was down is made up by the next one, and nobody is urged twice a day.
SCHEDULE = "15 7-17 * * *"
JOBS = [
    ScheduledJob("planning.report_cycle", "plugins.planning.reports.jobs.report_cycle", SCHEDULE)
]


def report_cycle() -> int:
    """Run the cycle for today (in the agency's time zone) and commit; returns how many
    submissions were opened plus how many people were urged."""
    result = run_cycle(db.session, agency_today())
    db.session.commit()
    return len(result.submissions) + len(result.urged)
