"""The units' short reports before a session, the only way they are written: one per unit and
session (the database refuses a second), sent until the session starts, late when first sent
after its cut-off. Which units a person may report for is the views' record rule (by unit).

In the caller's transaction; ``by`` is the user sending.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import exists, select
from sqlalchemy.orm import Session, joinedload

from core.db import utcnow
from core.identity.access import in_units
from core.org.models import Unit
from plugins.meetings.briefings.models import BriefingReport, BriefingSession, series_unit
from plugins.meetings.briefings.services import BriefingConflict, BriefingError
from plugins.meetings.meetings.models import Meeting, MeetingStatus

TEXT_FIELDS = ("done", "planned", "proposals")


def submit_report(
    session: Session,
    briefing: BriefingSession,
    unit_id: int,
    *,
    by: Any = None,
    done: str = "",
    planned: str = "",
    proposals: str = "",
    at: datetime | None = None,
) -> BriefingReport:
    """A unit's report for ``briefing``: refused for a unit not taking part, a second report
    of the unit (409), a session that began or was cancelled, and an empty report. ``at`` is
    when it was sent (default: now; a report received on paper and typed in later gives the
    time it came)."""
    now = at or utcnow()
    require_open(briefing, now)
    if not session.scalar(
        select(
            exists().where(
                series_unit.c.series_id == briefing.series_id, series_unit.c.unit_id == unit_id
            )
        )
    ):
        raise BriefingError(
            _("Unit: not one of the units taking part in this briefing."), field="unit_id"
        )
    if session.scalar(
        select(
            exists().where(
                BriefingReport.session_id == briefing.id, BriefingReport.unit_id == unit_id
            )
        )
    ):
        raise BriefingConflict(
            _("Unit: it already sent its report for this session; change that one."),
            field="unit_id",
        )
    report = BriefingReport(
        session_id=briefing.id,
        unit_id=unit_id,
        submitted_at=now,
        submitted_by_id=getattr(by, "id", None),
        late=now > briefing.report_due_at,
    )
    _fill(report, {"done": done, "planned": planned, "proposals": proposals})
    session.add(report)
    session.flush()
    return report


def update_report(
    session: Session, report: BriefingReport, *, by: Any = None, **fields: str
) -> BriefingReport:
    """Change a report's texts until the session starts (it stays late if it was)."""
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown report fields: {', '.join(sorted(unknown))}")
    require_open(report.session)
    _fill(report, fields)
    session.flush()
    return report


def _fill(report: BriefingReport, fields: dict[str, str]) -> None:
    for name, value in fields.items():
        setattr(report, name, (value or "").strip())
    if not any((getattr(report, name) or "").strip() for name in TEXT_FIELDS):
        raise BriefingError(_("Report: write what the unit did, plans or proposes."), field="done")


def require_open(briefing: BriefingSession, now: datetime | None = None) -> None:
    """Reports are taken until the session starts, and never for a cancelled one."""
    meeting = briefing.meeting
    if meeting.status == MeetingStatus.CANCELLED.value:
        raise BriefingError(_("Session: it was cancelled."), field="session_id")
    if (now or utcnow()) >= meeting.starts_at:
        raise BriefingError(
            _("Session: it has begun; reports are taken until it starts."), field="session_id"
        )


def open_sessions(session: Session, limit: int = 50) -> list[BriefingSession]:
    """Sessions still taking reports, soonest first (for the report form)."""
    return list(
        session.scalars(
            select(BriefingSession)
            .join(BriefingSession.meeting)
            .options(joinedload(BriefingSession.meeting))
            .where(
                Meeting.starts_at > utcnow(),
                Meeting.status != MeetingStatus.CANCELLED.value,
            )
            .order_by(Meeting.starts_at, BriefingSession.id)
            .limit(limit)
        )
    )


def missing_units(session: Session, briefing: BriefingSession) -> list[Unit]:
    """The participating units that have not sent their report for ``briefing``."""
    sent = select(BriefingReport.unit_id).where(BriefingReport.session_id == briefing.id)
    return list(
        session.scalars(
            select(Unit)
            .join(series_unit, series_unit.c.unit_id == Unit.id)
            .where(series_unit.c.series_id == briefing.series_id, Unit.id.not_in(sent))
            .order_by(Unit.sort_order, Unit.name)
        )
    )


def reports_of(
    session: Session, briefing: BriefingSession, paths: set[str] | None = None
) -> list[BriefingReport]:
    """The reports sent for ``briefing`` (of the units under ``paths`` only, unless None), in
    unit order."""
    query = (
        select(BriefingReport)
        .join(BriefingReport.unit)
        .options(joinedload(BriefingReport.unit), joinedload(BriefingReport.submitted_by))
        .where(BriefingReport.session_id == briefing.id)
        .order_by(Unit.sort_order, Unit.name)
    )
    if paths is not None:
        query = query.where(in_units(BriefingReport.unit_id, paths))
    return list(session.scalars(query))
