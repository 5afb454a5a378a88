"""What briefings tell people: units asked for their report and reminded, and the secretary
told when the next sessions could not be booked. In the caller's transaction, each person in
their own language."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import has_request_context, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import NotificationType
from core.org.models import Membership, Unit
from plugins.meetings.briefings.models import BriefingSeries, BriefingSession
from plugins.meetings.meetings.notifications import EMAIL, send

REPORT_REQUESTED = "meetings.briefing_report_requested"
REPORT_REMINDER = "meetings.briefing_report_reminder"
SESSIONS_REFUSED = "meetings.briefing_sessions_refused"

TYPES = [
    NotificationType(REPORT_REQUESTED, _l("Your unit's report for a briefing is requested"), EMAIL),
    NotificationType(
        REPORT_REMINDER, _l("Your unit's report for a briefing is still missing"), EMAIL
    ),
    NotificationType(SESSIONS_REFUSED, _l("The next briefing sessions could not be booked")),
]


def report_link(briefing: BriefingSession, unit_id: int) -> str:
    """The report form, for this session and unit."""
    if has_request_context():
        return url_for(
            "meetings_briefing_report.create_view", session_id=briefing.id, unit_id=unit_id
        )
    return f"/admin/meetings_briefing_report/new/?session_id={briefing.id}&unit_id={unit_id}"


def session_link(briefing: BriefingSession) -> str:
    if has_request_context():
        return url_for("meetings_briefing_session.details_view", id=briefing.id)
    return f"/admin/meetings_briefing_session/details/?id={briefing.id}"


def reporters(session: Session, units: Iterable[Unit]) -> dict[int, list[Any]]:
    """Who answers for each unit's report: its head, or its members when it has none (one
    statement)."""
    ids = [u.id for u in units]
    if not ids:
        return {}
    rows = session.execute(
        select(Membership.unit_id, Membership.user_id, Membership.is_head).where(
            Membership.unit_id.in_(ids)
        )
    ).all()
    found: dict[int, list[Any]] = {}
    for unit_id in ids:
        members = [(user, head) for unit, user, head in rows if unit == unit_id]
        heads = [user for user, head in members if head]
        found[unit_id] = heads or [user for user, _head in members]
    return found


def ask_for_reports(session: Session, briefing: BriefingSession, units: list[Unit]) -> int:
    """Ask ``units`` for their report (``REPORT_REQUESTED``); returns how many people."""
    return _tell(session, briefing, units, REPORT_REQUESTED, _requested)


def remind(session: Session, briefing: BriefingSession, units: list[Unit]) -> int:
    """Remind ``units`` (those that have not reported) (``REPORT_REMINDER``)."""
    return _tell(session, briefing, units, REPORT_REMINDER, _reminder)


def sessions_refused(series: BriefingSeries, reason: str) -> int:
    """Tell the secretary (else the chair) the next sessions could not be booked, and why."""
    person = series.secretary_id or series.chair_id
    link = (
        url_for("meetings_briefing_series.edit_view", id=series.id)
        if has_request_context()
        else f"/admin/meetings_briefing_series/edit/?id={series.id}"
    )
    return send(
        [person],
        SESSIONS_REFUSED,
        link,
        lambda: (_("Briefing sessions not booked: %(title)s", title=series.title), reason),
    )


def _tell(
    session: Session, briefing: BriefingSession, units: list[Unit], type: str, compose: Any
) -> int:
    people = reporters(session, units)
    told = 0
    for unit in units:
        if people.get(unit.id):
            told += send(
                people[unit.id],
                type,
                report_link(briefing, unit.id),
                _composer(compose, briefing, unit),
            )
    return told


def _composer(compose: Any, briefing: BriefingSession, unit: Unit) -> Callable[[], tuple[str, str]]:
    """The message for ``unit``, composed in each recipient's language when called."""
    return lambda: compose(briefing, unit)


def _requested(briefing: BriefingSession, unit: Unit) -> tuple[str, str]:
    return (
        _("Report requested: %(title)s", title=briefing.meeting.title),
        _(
            "Please send the report of %(unit)s (done last week, plans for next week, "
            "proposals) by %(due)s.",
            unit=unit.name,
            due=format_datetime(briefing.report_due_at, "dd/MM/yyyy HH:mm"),
        ),
    )


def _reminder(briefing: BriefingSession, unit: Unit) -> tuple[str, str]:
    return (
        _("Report still missing: %(title)s", title=briefing.meeting.title),
        _(
            "The report of %(unit)s has not been sent; it is due by %(due)s.",
            unit=unit.name,
            due=format_datetime(briefing.report_due_at, "dd/MM/yyyy HH:mm"),
        ),
    )
