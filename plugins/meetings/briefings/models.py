"""Briefings (họp giao ban): a recurring series with a standing agenda, its sessions and the
short reports units send before each session.

A :class:`BriefingSeries` says who chairs and who takes the minutes, where, when (an RRULE read
in the agency's time zone from the first session's start), for how long, which units take
part and what is always on the agenda. Each session is a meeting of kind ``briefing`` of the
meetings concept, made through its services; :class:`BriefingSession` ties it to the series
and to the rule's date it stands for, once (the database refuses a second one, which makes
generating sessions idempotent). Before a session, each participating unit sends one
:class:`BriefingReport` (the database refuses a second one per unit); one sent after the
session's cut-off is late.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Model, Versioned, utcnow
from core.identity.models import User
from core.org.models import Unit
from plugins.meetings.meetings.models import Meeting
from plugins.meetings.rooms.models import Room


class ItemKind(enum.StrEnum):
    """What a standing agenda item collects when the secretary pre-fills the minutes."""

    GENERAL = "general"  # a heading only: the secretary writes what is said
    FOLLOW_UP = "follow_up"  # the previous session's conclusions and how they stand
    UNIT_REPORTS = "unit_reports"  # the units' reports


ITEM_KINDS = tuple(k.value for k in ItemKind)

#: The longest a session may last, and the most the cut-off may precede it.
MAX_DURATION_MINUTES = 12 * 60
MAX_CUTOFF_HOURS = 14 * 24
MAX_HORIZON_DAYS = 92


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


series_unit = Table(
    "meetings_briefing_series_unit",
    Model.metadata,
    Column(
        "series_id",
        ForeignKey("meetings_briefing_series.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("unit_id", ForeignKey("core_unit.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class BriefingSeries(Versioned, Model):
    """A recurring briefing: ``rrule`` (``FREQ=WEEKLY;BYDAY=MO``, RFC 5545, with or without an
    end) gives the dates from ``first_starts_at``, each session lasting ``duration_minutes``.
    Sessions are made ``horizon_days`` ahead; units report by ``cutoff_hours`` before a
    session starts. ``unit_id`` is the preparing unit (usually the office), whose managers
    manage the series."""

    __tablename__ = "meetings_briefing_series"
    __table_args__ = (
        CheckConstraint(
            f"duration_minutes > 0 AND duration_minutes <= {MAX_DURATION_MINUTES}", name="duration"
        ),
        CheckConstraint(f"cutoff_hours >= 0 AND cutoff_hours <= {MAX_CUTOFF_HOURS}", name="cutoff"),
        CheckConstraint(
            f"horizon_days >= 1 AND horizon_days <= {MAX_HORIZON_DAYS}", name="horizon"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(255))
    chair_id: Mapped[int] = mapped_column(
        ForeignKey("core_user.id", ondelete="RESTRICT"), index=True
    )
    secretary_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"), index=True
    )
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_unit.id", ondelete="SET NULL"), index=True
    )
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings_room.id", ondelete="SET NULL"), index=True
    )
    location: Mapped[str] = mapped_column(String(255), default="")
    rrule: Mapped[str] = mapped_column(String(500))
    first_starts_at: Mapped[datetime]
    duration_minutes: Mapped[int] = mapped_column(default=90)
    cutoff_hours: Mapped[int] = mapped_column(default=64)
    horizon_days: Mapped[int] = mapped_column(default=28)
    active: Mapped[bool] = mapped_column(default=True)
    #: Why the last generation of sessions was refused ("" when it went through), so the
    #: secretary is told once per new problem.
    generation_error: Mapped[str] = mapped_column(String(2000), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    chair: Mapped[User] = relationship(foreign_keys=[chair_id])
    secretary: Mapped[User | None] = relationship(foreign_keys=[secretary_id])
    unit: Mapped[Unit | None] = relationship()
    room: Mapped[Room | None] = relationship()
    units: Mapped[list[Unit]] = relationship(secondary=series_unit, order_by="Unit.sort_order")
    items: Mapped[list[StandingItem]] = relationship(
        back_populates="series", cascade="all, delete-orphan", order_by="StandingItem.position"
    )

    def __str__(self) -> str:
        return self.title


class StandingItem(Model):
    """An item on every session's agenda, in order, with the unit presenting it."""

    __tablename__ = "meetings_briefing_item"
    __table_args__ = (
        UniqueConstraint("series_id", "position"),
        CheckConstraint("position >= 1", name="position_positive"),
        CheckConstraint(_one_of("kind", ITEM_KINDS), name="kind"),
        CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0", name="duration"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(
        ForeignKey("meetings_briefing_series.id", ondelete="CASCADE")
    )
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20), default=ItemKind.GENERAL.value)
    presenter_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_unit.id", ondelete="SET NULL"), index=True
    )
    duration_minutes: Mapped[int | None]

    series: Mapped[BriefingSeries] = relationship(back_populates="items")
    presenter_unit: Mapped[Unit | None] = relationship()

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class BriefingSession(Model):
    """One session of a series: the meeting that holds it, the rule's date it stands for
    (unique per series, so a date is never made twice), the cut-off for the units' reports,
    and when the units were asked for them and reminded."""

    __tablename__ = "meetings_briefing_session"
    __table_args__ = (UniqueConstraint("series_id", "occurrence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(
        ForeignKey("meetings_briefing_series.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings_meeting.id", ondelete="RESTRICT"), unique=True
    )
    occurrence: Mapped[datetime]
    report_due_at: Mapped[datetime]
    reports_requested_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    series: Mapped[BriefingSeries] = relationship()
    meeting: Mapped[Meeting] = relationship()
    reports: Mapped[list[BriefingReport]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="BriefingReport.id"
    )

    def __str__(self) -> str:
        return self.meeting.title if self.meeting else f"#{self.id}"


class BriefingReport(Versioned, Model):
    """A unit's short report for a session: what it did last week, what it plans next week,
    what it proposes. ``late`` when first sent after the session's cut-off."""

    __tablename__ = "meetings_briefing_report"
    __table_args__ = (UniqueConstraint("session_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("meetings_briefing_session.id", ondelete="CASCADE")
    )
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("core_unit.id", ondelete="RESTRICT"), index=True
    )
    done: Mapped[str] = mapped_column(Text, default="")
    planned: Mapped[str] = mapped_column(Text, default="")
    proposals: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    late: Mapped[bool] = mapped_column(default=False)

    session: Mapped[BriefingSession] = relationship(back_populates="reports")
    unit: Mapped[Unit] = relationship()
    submitted_by: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return self.unit.name if self.unit else f"#{self.id}"


#: What ``register_models`` returns for this concept.
MODELS = (BriefingSeries, StandingItem, BriefingSession, BriefingReport)
