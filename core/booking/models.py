"""Resources (rooms, vehicles, drivers, people, equipment) and their bookings.

The rule that matters most — **no two confirmed bookings of one resource overlap** — is kept
by the database, not by this module: the migration adds, on PostgreSQL, the exclusion
constraint ``ex_core_booking_no_overlap`` (``EXCLUDE USING gist (resource_id WITH =,
tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (status = 'confirmed')``, with
``btree_gist``) and, on SQLite, the triggers ``core_booking_no_overlap_insert`` and
``core_booking_no_overlap_update`` that abort the statement. The migration also caps a booking
at :data:`core.booking.rules.MAX_SPAN` (``ck_core_booking_span``) and, on SQLite, checks that
times are stored in the fixed-width text form the triggers compare. These are dialect-specific
DDL, so they live in the migration only; autogenerate does not compare them.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Model, Versioned, utcnow
from core.identity.models import User
from core.org.models import Unit


class ResourceKind(enum.StrEnum):
    ROOM = "room"
    VEHICLE = "vehicle"
    DRIVER = "driver"
    PERSON = "person"
    EQUIPMENT = "equipment"


class BookingStatus(enum.StrEnum):
    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


KINDS = tuple(k.value for k in ResourceKind)
STATUSES = tuple(s.value for s in BookingStatus)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Resource(Versioned, Model):
    """Something booked by the hour: a meeting room, a vehicle, a driver, a person (a leader,
    through their user) or equipment. Without an approver, bookings are confirmed at once."""

    __tablename__ = "core_resource"
    __table_args__ = (
        CheckConstraint(_one_of("kind", KINDS), name="kind"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity"),
        CheckConstraint("kind <> 'person' OR user_id IS NOT NULL", name="person_has_user"),
        UniqueConstraint("user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default=ResourceKind.ROOM.value)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(150))
    capacity: Mapped[int | None] = mapped_column()  # seats, passengers; None: not relevant
    location: Mapped[str] = mapped_column(String(255), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    approver_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"), index=True
    )
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_unit.id", ondelete="SET NULL"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id", ondelete="CASCADE"))
    active: Mapped[bool] = mapped_column(default=True)

    approver: Mapped[User | None] = relationship(foreign_keys=[approver_id])
    unit: Mapped[Unit | None] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])

    def __str__(self) -> str:
        return self.name


class Booking(Versioned, Model):
    """A resource held over the half-open range ``[starts_at, ends_at)`` (UTC): a booking that
    ends at 10:00 and one that starts at 10:00 do not overlap.

    ``owner_type``/``owner_ref`` name the object the booking belongs to (a meeting, a trip) as
    plain strings, so a plugin links its records without the core knowing its tables;
    ``series_id`` groups the occurrences of a recurring booking.
    """

    __tablename__ = "core_booking"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint(_one_of("status", STATUSES), name="status"),
        Index("ix_core_booking_resource_starts", "resource_id", "starts_at"),
        Index("ix_core_booking_owner", "owner_type", "owner_ref"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("core_resource.id", ondelete="RESTRICT"))
    starts_at: Mapped[datetime] = mapped_column()
    ends_at: Mapped[datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default=BookingStatus.REQUESTED.value)
    purpose: Mapped[str] = mapped_column(String(255))
    booked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"), index=True
    )
    owner_type: Mapped[str] = mapped_column(String(50), default="")
    owner_ref: Mapped[str] = mapped_column(String(100), default="")
    series_id: Mapped[str | None] = mapped_column(String(32), index=True)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column()
    reason: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    resource: Mapped[Resource] = relationship()
    booked_by: Mapped[User | None] = relationship(foreign_keys=[booked_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    def __str__(self) -> str:
        return f"#{self.id} {self.purpose}"
