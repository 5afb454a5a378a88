"""Report types, periods and submissions: the only way they are written.

Every function works in the caller's transaction and never commits. Opening is idempotent: a
period or a submission that exists already (the database's unique constraints say so, also
when two runs race) is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import flag_modified

from core.db import utcnow
from core.i18n import agency_zone
from core.identity.access import in_units, scope_paths
from core.org.models import Unit
from plugins.planning.reports import periods
from plugins.planning.reports.models import (
    PeriodStatus,
    ReportPeriod,
    ReportSubmission,
    ReportType,
    SubmissionStatus,
)
from plugins.planning.reports.rules import (
    MAX_TEXT,
    ReportConflict,
    ReportError,
    check_figures,
    check_template,
    lock_period,
    write_lock,
)

SUBMIT = "planning.report_submission.manage"


# -- report types -----------------------------------------------------------------------------


def save_type(
    session: Session,
    report_type: ReportType,
    *,
    fields: Any = None,
    unit_ids: Iterable[int] | None = None,
) -> ReportType:
    """Check a new or edited report type and flush it; ``fields`` (the template) and
    ``unit_ids`` (the responsible units) replace the stored ones when given."""
    report_type.code = (report_type.code or "").strip()
    report_type.name = (report_type.name or "").strip()
    if not report_type.code:
        raise ReportError(_("Code: required."), field="code")
    if not report_type.name:
        raise ReportError(_("Name: required."), field="name")
    kind = report_type.period or periods.PeriodKind.MONTH.value
    if kind not in periods.KINDS:
        raise ReportError(
            _("Period: one of %(kinds)s.", kinds=", ".join(periods.KINDS)), field="period"
        )
    report_type.period = kind
    if report_type.cutoff_day is None:
        report_type.cutoff_day = periods.default_cutoff_day(kind)
    low, high = periods.cutoff_range(kind)
    if not low <= report_type.cutoff_day <= high:
        message = (
            _("Cut-off day: the weekday, 1 (Monday) to 7 (Sunday), for a weekly report.")
            if kind == periods.PeriodKind.WEEK.value
            else _("Cut-off day: a day of the period's last month, 1 to 31.")
        )
        raise ReportError(message, field="cutoff_day")
    if report_type.due_days is None:
        report_type.due_days = periods.DEFAULT_DUE_DAYS
    if not 0 <= report_type.due_days <= periods.MAX_DUE_DAYS:
        raise ReportError(
            _("Due: 0 to %(max)d days after the cut-off.", max=periods.MAX_DUE_DAYS),
            field="due_days",
        )
    if fields is not None:
        report_type.fields = check_template(fields)
    elif report_type.fields is None:
        report_type.fields = []
    else:
        report_type.fields = check_template(report_type.fields)
    if unit_ids is not None:
        units = _units(session, unit_ids)
        if {u.id for u in units} != {u.id for u in report_type.units}:
            report_type.units = units
            if report_type.id is not None:
                flag_modified(report_type, "name")  # a new version: the units are part of it
    session.add(report_type)
    session.flush()
    return report_type


def _units(session: Session, unit_ids: Iterable[int]) -> list[Unit]:
    wanted = sorted(set(unit_ids))
    found = list(session.scalars(select(Unit).where(Unit.id.in_(wanted)).order_by(Unit.path)))
    missing = sorted(set(wanted) - {u.id for u in found})
    if missing:
        raise ReportError(
            _("Units: no unit %(ids)s.", ids=", ".join(str(i) for i in missing)),
            field="unit_ids",
        )
    return found


# -- periods ----------------------------------------------------------------------------------


def open_period(session: Session, report_type: ReportType, key: str) -> ReportPeriod:
    """Open the period ``key`` of ``report_type`` and a pending submission per responsible
    unit (the office opening one by hand; the daily job does it for the current periods).
    A period already open is refused."""
    span = parse_key(report_type, key)
    if not report_type.active:
        raise ReportError(
            _("Report type: %(type)s is no longer in use.", type=report_type.name),
            field="type_id",
        )
    period, created = ensure_period(session, report_type, span)
    if not created:
        raise ReportConflict(
            _(
                "Period: %(key)s of %(type)s is already open.",
                key=span.key,
                type=report_type.name,
            ),
            field="key",
        )
    ensure_submissions(session, period, report_type.unit_ids)
    return period


def parse_key(report_type: ReportType, key: str) -> periods.Span:
    try:
        return periods.parse_key(report_type.period, key)
    except periods.BadKey:
        example = periods.KEY_EXAMPLES[periods.PeriodKind(report_type.period)]
        raise ReportError(
            _(
                "Period: %(key)s is not a period of %(type)s; write it like %(example)s.",
                key=repr(key),
                type=report_type.name,
                example=example,
            ),
            field="key",
        ) from None


def ensure_period(
    session: Session, report_type: ReportType, span: periods.Span
) -> tuple[ReportPeriod, bool]:
    """The period ``span`` of ``report_type``, created (open, with the type's template and
    dates) when missing; and whether this call created it. Safe against a concurrent
    creator: the unique (type, key) constraint decides, and the loser reads the winner's."""
    found = _period(session, report_type.id, span.key)
    if found is not None:
        return found, False
    cutoff, due = periods.deadlines(
        report_type.period, span, report_type.cutoff_day, report_type.due_days
    )
    period = ReportPeriod(
        type=report_type,
        key=span.key,
        starts_on=span.starts_on,
        ends_on=span.ends_on,
        cutoff_on=cutoff,
        due_on=due,
        fields=list(report_type.fields or []),
        status=PeriodStatus.OPEN.value,
    )
    if add_once(session, period):
        return period, True
    found = _period(session, report_type.id, span.key)
    assert found is not None  # the constraint refused it: someone else created it
    return found, False


def _period(session: Session, type_id: int, key: str) -> ReportPeriod | None:
    return session.scalar(
        select(ReportPeriod).where(ReportPeriod.type_id == type_id, ReportPeriod.key == key)
    )


def ensure_submissions(
    session: Session, period: ReportPeriod, unit_ids: Sequence[int]
) -> list[ReportSubmission]:
    """A pending submission of ``period`` for each of ``unit_ids`` that has none; returns the
    ones this call created (a consolidated period gets none)."""
    if period.status != PeriodStatus.OPEN.value:
        return []
    existing = set(
        session.scalars(
            select(ReportSubmission.unit_id).where(ReportSubmission.period_id == period.id)
        )
    )
    created = []
    for unit_id in unit_ids:
        if unit_id in existing:
            continue
        submission = ReportSubmission(period_id=period.id, unit_id=unit_id)
        if add_once(session, submission):
            created.append(submission)
    return created


def add_once(session: Session, obj: Any) -> bool:
    """Insert ``obj`` unless a unique constraint finds it there already; whether it was.
    The insert runs in a SAVEPOINT, so a refusal leaves the session usable (on SQLite inside
    a transaction holding the write lock: a SAVEPOINT outside one would commit on release)."""
    write_lock(session)
    try:
        with session.begin_nested():
            session.add(obj)
            session.flush()
    except IntegrityError:
        return False
    return True


# -- submissions ------------------------------------------------------------------------------


def submit(
    session: Session,
    submission: ReportSubmission,
    figures: Any,
    text: str = "",
    *,
    by: Any = None,
    at: datetime | None = None,
) -> ReportSubmission:
    """Record a unit's figures and text for a period. The first submission decides
    punctuality: after the due date it is ``submitted_late``; the unit may correct it until
    the office consolidates the period, after which it is refused. ``at`` is when the report
    was received (a paper report entered later), by default now."""
    period = lock_period(session, submission.period, exclusive=False)
    if period.consolidated:
        raise ReportError(
            _(
                "Period: %(period)s was consolidated on %(day)s; submissions are closed.",
                period=str(period),
                day=_local_day(period.consolidated_at),
            ),
            field="period",
        )
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise ReportError(_("Text: at most %(max)d characters.", max=MAX_TEXT), field="text")
    submission.figures = check_figures(period.fields, figures)
    submission.text = text
    if submission.status == SubmissionStatus.PENDING.value:
        received = at or utcnow()
        late = received.astimezone(agency_zone()).date() > period.due_on
        submission.status = (
            SubmissionStatus.SUBMITTED_LATE.value if late else SubmissionStatus.SUBMITTED.value
        )
        submission.submitted_at = received
        submission.submitted_by_id = getattr(by, "id", None)
    session.flush()
    return submission


def is_overdue(submission: ReportSubmission, today: date) -> bool:
    """Still pending after its period's due date."""
    return submission.status == SubmissionStatus.PENDING.value and today > submission.period.due_on


def pending_submissions() -> Select[ReportSubmission]:
    """Pending submissions of open periods, soonest due first, with their period, type and
    unit loaded in the same statement (the widget's and the urging's base query)."""
    return (
        select(ReportSubmission)
        .join(ReportSubmission.period)
        .options(
            joinedload(ReportSubmission.period).joinedload(ReportPeriod.type),
            joinedload(ReportSubmission.unit),
        )
        .where(
            ReportSubmission.status == SubmissionStatus.PENDING.value,
            ReportPeriod.status == PeriodStatus.OPEN.value,
        )
        .order_by(ReportPeriod.due_on, ReportSubmission.id)
    )


def awaiting_for(session: Session, user: Any, limit: int = 10) -> list[ReportSubmission]:
    """Pending submissions of open periods in the units ``user`` reports for, soonest due
    first (every unit's for someone who may submit across the agency)."""
    paths = scope_paths(user, SUBMIT)
    query = pending_submissions().limit(limit)
    if paths is not None:
        query = query.where(in_units(ReportSubmission.unit_id, paths))
    return list(session.scalars(query))


def _local_day(value: datetime | None) -> str:
    return value.astimezone(agency_zone()).strftime("%d/%m/%Y") if value else ""
