"""The leaders' weekly schedule (lịch công tác tuần): a week, its entries, and the versions it
was published in.

A **week** is an ISO week (Monday to Sunday), ``draft`` until the office publishes it, then
``published`` with ``published_version`` counting its versions (1 at publication, one more per
amendment, each a :class:`WeekVersion` row with its change log). Units submit **entries** until
the week's ``cutoff_at``; each entry holds booking requests in the core (owner
``planning.schedule_entry``) for its presiding leader, its room and its vehicle, which is how
conflicts are found and how publishing confirms them.
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
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.booking.models import Resource
from core.calendar.weeks import Week as IsoWeek
from core.db import Model, Versioned, utcnow
from core.identity.models import User
from core.org.models import Unit


class WeekStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class DaySession(enum.StrEnum):
    """The half-days of the grid's rows: sáng and chiều."""

    MORNING = "morning"
    AFTERNOON = "afternoon"


class EntryStatus(enum.StrEnum):
    SUBMITTED = "submitted"  # by a unit, awaiting the office
    ACCEPTED = "accepted"  # added by the office, or taken in when the week was published
    WITHDRAWN = "withdrawn"  # by its unit or the office; kept for the change log


WEEK_STATUSES = tuple(s.value for s in WeekStatus)
SESSIONS = tuple(s.value for s in DaySession)
ENTRY_STATUSES = tuple(s.value for s in EntryStatus)
#: How the core's bookings name an entry as their owner.
OWNER_TYPE = "planning.schedule_entry"


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Week(Versioned, Model):
    """One ISO week of the leaders' schedule; the database keeps one row per week."""

    __tablename__ = "planning_week"
    __table_args__ = (
        UniqueConstraint("year", "number"),
        CheckConstraint("number BETWEEN 1 AND 53", name="number"),
        CheckConstraint(_one_of("status", WEEK_STATUSES), name="status"),
        CheckConstraint(
            "(status = 'draft' AND published_version = 0) OR "
            "(status = 'published' AND published_version >= 1)",
            name="published_version",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column()
    number: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default=WeekStatus.DRAFT.value)
    published_version: Mapped[int] = mapped_column(default=0)
    cutoff_at: Mapped[datetime] = mapped_column()
    note: Mapped[str] = mapped_column(String(500), default="")
    published_at: Mapped[datetime | None] = mapped_column()
    published_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    published_by: Mapped[User | None] = relationship()

    @property
    def iso(self) -> IsoWeek:
        return IsoWeek(date.fromisocalendar(self.year, self.number, 1))

    @property
    def published(self) -> bool:
        return self.status == WeekStatus.PUBLISHED.value

    def __str__(self) -> str:
        return self.iso.iso


schedule_participant = Table(
    "planning_schedule_participant",
    Model.metadata,
    Column(
        "entry_id",
        # named by hand: the convention's name would pass PostgreSQL's 63 characters
        ForeignKey(
            "planning_schedule_entry.id",
            ondelete="CASCADE",
            name="fk_planning_schedule_participant_entry",
        ),
        primary_key=True,
    ),
    Column("user_id", ForeignKey("core_user.id", ondelete="CASCADE"), primary_key=True),
)


class ScheduleEntry(Versioned, Model):
    """One line of the schedule: a half-day (or exact times) of one day, what happens, who
    presides, who takes part, where, by which vehicle, and the unit preparing it."""

    __tablename__ = "planning_schedule_entry"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint(_one_of("session", SESSIONS), name="session"),
        CheckConstraint(_one_of("status", ENTRY_STATUSES), name="status"),
        Index("ix_planning_schedule_entry_week_day", "week_id", "day"),
        Index("ix_planning_schedule_entry_starts", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    week_id: Mapped[int] = mapped_column(ForeignKey("planning_week.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column()
    session: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime] = mapped_column()
    ends_at: Mapped[datetime] = mapped_column()
    timed: Mapped[bool] = mapped_column(default=False)  # exact times, not the whole session
    content: Mapped[str] = mapped_column(String(1000))
    leader_id: Mapped[int] = mapped_column(
        ForeignKey("core_user.id", ondelete="RESTRICT"), index=True
    )
    participants: Mapped[str] = mapped_column(String(1000), default="")
    location: Mapped[str] = mapped_column(String(255), default="")
    room_id: Mapped[int | None] = mapped_column(ForeignKey("core_resource.id", ondelete="RESTRICT"))
    vehicle_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_resource.id", ondelete="RESTRICT")
    )
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("core_unit.id", ondelete="RESTRICT"), index=True
    )
    submitted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default=EntryStatus.SUBMITTED.value)
    note: Mapped[str] = mapped_column(String(500), default="")

    week: Mapped[Week] = relationship()
    leader: Mapped[User] = relationship(foreign_keys=[leader_id])
    room: Mapped[Resource | None] = relationship(foreign_keys=[room_id])
    vehicle: Mapped[Resource | None] = relationship(foreign_keys=[vehicle_id])
    unit: Mapped[Unit] = relationship()
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    participant_users: Mapped[list[User]] = relationship(
        secondary=schedule_participant, order_by="User.full_name"
    )

    @property
    def active(self) -> bool:
        return self.status != EntryStatus.WITHDRAWN.value

    @property
    def place(self) -> str:
        """Where it happens, as printed: the room's name, and the free text when it adds to it."""
        parts = [self.room.name if self.room else "", self.location]
        return ", ".join(p for p in parts if p)

    def __str__(self) -> str:
        return self.content


class WeekVersion(Model):
    """One published version of a week: 1 at publication, then one per amendment, with what
    changed (``changes``: a list of ``{"action", "entry", "title", "fields", "before",
    "after"}``), who changed it, when and why."""

    __tablename__ = "planning_week_version"
    __table_args__ = (
        UniqueConstraint("week_id", "number"),
        CheckConstraint("number >= 1", name="number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    week_id: Mapped[int] = mapped_column(ForeignKey("planning_week.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    note: Mapped[str] = mapped_column(String(500), default="")
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    week: Mapped[Week] = relationship()
    created_by: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return f"{self.week} v{self.number}"


MODELS = [Week, ScheduleEntry, WeekVersion]
