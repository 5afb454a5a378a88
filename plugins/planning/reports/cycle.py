"""The reporting cycle, run by the scheduled job ``planning.report_cycle``: open the current
period of every active report type with a pending submission per responsible unit, and urge
the units whose reports are late.

Both halves are idempotent. Periods and submissions exist once by the database's unique
constraints, so a second run, or two runs at once, open nothing twice; a person is urged at
most once a day (``planning_report_reminder``'s key is person and day).

Who is told: the head of the unit, or when the unit has none, the head of the nearest unit
above it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core import NotificationType
from core.calendar.services import is_working_day
from core.notifications.services import notify_each
from core.org.models import Membership, Unit
from plugins.planning.reports import periods, services
from plugins.planning.reports.models import (
    ReportPeriod,
    ReportReminder,
    ReportSubmission,
    ReportType,
)
from plugins.planning.reports.rules import write_lock

OPENED = "planning.report_opened"
OVERDUE = "planning.report_overdue"
NOTIFICATION_TYPES = [
    NotificationType(OPENED, _l("A periodic report awaits your unit"), ("inapp", "email")),
    NotificationType(OVERDUE, _l("Your unit's periodic report is late"), ("inapp", "email")),
]
SUBMISSIONS_URL = "/admin/planning_report_submission/"
SUBMIT_URL = "/admin/planning_report_submission/submit/{id}/"


@dataclass
class CycleResult:
    """What one run did."""

    periods: list[ReportPeriod] = field(default_factory=list)
    submissions: list[ReportSubmission] = field(default_factory=list)
    urged: list[int] = field(default_factory=list)  # the people reminded


def run_cycle(session: Session, today: date) -> CycleResult:
    """Open what is due on ``today`` and urge late units (on working days only)."""
    write_lock(session)
    result = open_current_periods(session, today)
    if is_working_day(session, today):
        result.urged = urge_late_units(session, today)
    return result


def open_current_periods(session: Session, today: date) -> CycleResult:
    """The period holding ``today`` of every active type, and its missing submissions; the
    heads of the units with a new submission are told, one message each."""
    result = CycleResult()
    types = session.scalars(
        select(ReportType)
        .options(selectinload(ReportType.units))
        .where(ReportType.active)
        .order_by(ReportType.id)
    ).all()
    for report_type in types:
        span = periods.span_of(report_type.period, today)
        period, created = services.ensure_period(session, report_type, span)
        if created:
            result.periods.append(period)
        result.submissions += services.ensure_submissions(session, period, report_type.unit_ids)
    if result.submissions:
        _tell_opened(session, result.submissions)
    return result


def _tell_opened(session: Session, submissions: list[ReportSubmission]) -> None:
    heads = heads_of(session, {s.unit_id for s in submissions})
    by_head: dict[int, list[ReportSubmission]] = defaultdict(list)
    for submission in submissions:
        if submission.unit_id in heads:
            by_head[heads[submission.unit_id]].append(submission)
    for head, opened in sorted(by_head.items()):

        def opened_words(opened: list[ReportSubmission] = opened) -> tuple[str, str]:
            lines = [
                _(
                    "%(period)s — %(unit)s: due %(day)s",
                    period=str(s.period),
                    unit=s.unit.name,
                    day=s.period.due_on.strftime("%d/%m/%Y"),
                )
                for s in opened
            ]
            subject = ngettext(
                "A report awaits your unit", "%(num)d reports await your units", len(opened)
            )
            return subject, "\n".join(lines)

        notify_each(
            [head],
            OPENED,
            opened_words,
            SUBMIT_URL.format(id=opened[0].id) if len(opened) == 1 else SUBMISSIONS_URL,
        )


def late_submissions(session: Session, today: date) -> list[ReportSubmission]:
    """Pending submissions of open periods whose due date is before ``today``."""
    return list(session.scalars(services.pending_submissions().where(ReportPeriod.due_on < today)))


def urge_late_units(session: Session, today: date) -> list[int]:
    """One reminder per responsible head and day listing every late report of their units;
    returns the people reminded by this run (none twice on one day)."""
    late = late_submissions(session, today)
    heads = heads_of(session, {s.unit_id for s in late})
    by_head: dict[int, list[ReportSubmission]] = defaultdict(list)
    for submission in late:
        if submission.unit_id in heads:
            by_head[heads[submission.unit_id]].append(submission)
    urged = []
    for head, overdue in sorted(by_head.items()):
        reminder = ReportReminder(user_id=head, sent_on=today, late_count=len(overdue))
        if not services.add_once(session, reminder):
            continue  # already reminded today

        def late_words(overdue: list[ReportSubmission] = overdue) -> tuple[str, str]:
            lines = [
                _(
                    "%(period)s — %(unit)s: due %(day)s, %(late)s",
                    period=str(s.period),
                    unit=s.unit.name,
                    day=s.period.due_on.strftime("%d/%m/%Y"),
                    late=ngettext(
                        "%(num)d day late", "%(num)d days late", (today - s.period.due_on).days
                    ),
                )
                for s in overdue
            ]
            subject = ngettext("A report is late", "%(num)d reports are late", len(overdue))
            return subject, "\n".join(lines)

        notify_each(
            [head],
            OVERDUE,
            late_words,
            SUBMIT_URL.format(id=overdue[0].id) if len(overdue) == 1 else SUBMISSIONS_URL,
        )
        urged.append(head)
    return urged


def heads_of(session: Session, unit_ids: Iterable[int]) -> dict[int, int]:
    """For each unit, the user heading it, or heading the nearest unit above it (units with
    no head up to the root are left out). Two statements whatever the number of units."""
    wanted = set(unit_ids)
    if not wanted:
        return {}
    paths = dict(session.execute(select(Unit.id, Unit.path).where(Unit.id.in_(wanted))).all())
    chains = {
        uid: [int(p) for p in path.strip("/").split("/") if p][::-1] or [uid]
        for uid, path in paths.items()
    }
    ancestors = {a for chain in chains.values() for a in chain}
    head_of = dict(
        session.execute(
            select(Membership.unit_id, Membership.user_id).where(
                Membership.is_head, Membership.unit_id.in_(ancestors)
            )
        ).all()
    )
    found = {}
    for unit_id, chain in chains.items():
        head = next((head_of[a] for a in chain if a in head_of), None)
        if head is not None:
            found[unit_id] = head
    return found
