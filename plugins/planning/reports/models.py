"""The reporting regime (chế độ báo cáo): report types, their periods and each unit's submission.

A **report type** says how often (week … year), when figures are cut off and when they are
due, which units report, and the figures a report holds (its template). Each **period** of a
type opens one **submission** per responsible unit; the database keeps one per unit and period
(``uq_planning_report_submission_period_id_unit_id``), so a job run twice, or twice at once, opens
nothing twice. A period keeps a copy of the template it was opened with, so editing the type
never invalidates the submissions already made.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from core.db import Model, Versioned, utcnow
from core.identity.models import User
from core.org.models import Unit
from core.registry.models import Document
from plugins.planning.reports.periods import KINDS, PeriodKind


class PeriodStatus(enum.StrEnum):
    OPEN = "open"
    CONSOLIDATED = "consolidated"


class SubmissionStatus(enum.StrEnum):
    PENDING = "pending"
    SUBMITTED = "submitted"
    SUBMITTED_LATE = "submitted_late"


class FieldKind(enum.StrEnum):
    NUMBER = "number"
    TEXT = "text"


PERIOD_STATUSES = tuple(s.value for s in PeriodStatus)
SUBMISSION_STATUSES = tuple(s.value for s in SubmissionStatus)
FIELD_KINDS = tuple(k.value for k in FieldKind)
DONE = (SubmissionStatus.SUBMITTED.value, SubmissionStatus.SUBMITTED_LATE.value)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


report_type_unit = Table(
    "planning_report_type_unit",
    Model.metadata,
    Column("type_id", ForeignKey("planning_report_type.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("core_unit.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class ReportType(Versioned, Model):
    """A kind of periodic report: ``fields`` is its template, a list of
    ``{"name", "label", "kind": "number"|"text", "required"}``; ``units`` report it."""

    __tablename__ = "planning_report_type"
    __table_args__ = (
        CheckConstraint(_one_of("period", KINDS), name="period"),
        CheckConstraint("cutoff_day BETWEEN 1 AND 31", name="cutoff_day"),
        CheckConstraint("due_days BETWEEN 0 AND 90", name="due_days"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    period: Mapped[str] = mapped_column(String(20), default=PeriodKind.MONTH.value)
    cutoff_day: Mapped[int] = mapped_column(default=14)
    due_days: Mapped[int] = mapped_column(default=1)
    fields: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)

    units: Mapped[list[Unit]] = relationship(secondary=report_type_unit, order_by=Unit.path)

    @property
    def unit_ids(self) -> list[int]:
        return [u.id for u in self.units]

    def __str__(self) -> str:
        return self.name


class ReportSubmission(Versioned, Model):
    """One unit's report for one period: pending until it submits; submitted after the due
    date it is ``submitted_late``. ``figures`` holds the template's values by field name."""

    __tablename__ = "planning_report_submission"
    __table_args__ = (
        UniqueConstraint("period_id", "unit_id"),
        CheckConstraint(_one_of("status", SUBMISSION_STATUSES), name="status"),
        CheckConstraint("status = 'pending' OR submitted_at IS NOT NULL", name="submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(
        ForeignKey("planning_report_period.id", ondelete="CASCADE")
    )
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("core_unit.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default=SubmissionStatus.PENDING.value)
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    text: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None] = mapped_column()
    submitted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )

    period: Mapped[ReportPeriod] = relationship(back_populates="submissions")
    unit: Mapped[Unit] = relationship()
    submitted_by: Mapped[User | None] = relationship()

    @property
    def done(self) -> bool:
        return self.status in DONE

    def __str__(self) -> str:
        return f"{self.period} — {self.unit}"


class ReportPeriod(Versioned, Model):
    """One period of a report type (``2026-11``), open for submissions until the office
    consolidates it; the consolidated report may be issued as a numbered BC document."""

    __tablename__ = "planning_report_period"
    __table_args__ = (
        UniqueConstraint("type_id", "key"),
        CheckConstraint(_one_of("status", PERIOD_STATUSES), name="status"),
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        CheckConstraint("due_on >= cutoff_on", name="due_after_cutoff"),
        Index("ix_planning_report_period_status_due", "status", "due_on"),
    )
    # Counts are read with the period; the audit has no use for them.
    __audit_exclude__ = ("unit_count", "submitted_count")

    id: Mapped[int] = mapped_column(primary_key=True)
    type_id: Mapped[int] = mapped_column(
        ForeignKey("planning_report_type.id", ondelete="RESTRICT"), index=True
    )
    key: Mapped[str] = mapped_column(String(10))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    cutoff_on: Mapped[date]
    due_on: Mapped[date]
    fields: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default=PeriodStatus.OPEN.value)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    consolidated_at: Mapped[datetime | None] = mapped_column()
    consolidated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_document.id", ondelete="SET NULL")
    )
    document_symbol: Mapped[str] = mapped_column(String(80), default="")

    type: Mapped[ReportType] = relationship()
    submissions: Mapped[list[ReportSubmission]] = relationship(
        back_populates="period", passive_deletes=True
    )
    consolidated_by: Mapped[User | None] = relationship()
    document: Mapped[Document | None] = relationship()

    unit_count: Mapped[int] = column_property(
        select(func.count())
        .where(ReportSubmission.period_id == id)
        .correlate_except(ReportSubmission)
        .scalar_subquery()
    )
    submitted_count: Mapped[int] = column_property(
        select(func.count())
        .where(ReportSubmission.period_id == id, ReportSubmission.status.in_(DONE))
        .correlate_except(ReportSubmission)
        .scalar_subquery()
    )

    @property
    def consolidated(self) -> bool:
        return self.status == PeriodStatus.CONSOLIDATED.value

    def __str__(self) -> str:
        return f"{self.type.name} {self.key}" if self.type is not None else self.key


class ReportReminder(Model):
    """That a person was urged about late reports on a day: the primary key lets the job send
    one reminder per person per day, however often it runs."""

    __tablename__ = "planning_report_reminder"
    __audit__ = False  # the notification itself is the record

    user_id: Mapped[int] = mapped_column(
        ForeignKey("core_user.id", ondelete="CASCADE"), primary_key=True
    )
    sent_on: Mapped[date] = mapped_column(primary_key=True)
    late_count: Mapped[int] = mapped_column(default=0)


MODELS = [ReportType, ReportPeriod, ReportSubmission, ReportReminder]
