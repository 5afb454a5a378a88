"""The meeting-room catalogue, on top of the core bookings.

A :class:`Room` is a catalogue entry (building, floor, layout, equipment, notes, the door
page's secret) over exactly ONE core :class:`~core.booking.models.Resource` of kind ``room``,
which holds the name, code, capacity, location, approver, unit and active flag: those live in
the core only and the room reads them through ``room.resource``. Bookings are core bookings;
:class:`RoomBooking` adds what a room booking says beyond them (the expected attendees).
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.booking.models import Booking, Resource
from core.db import Model, Versioned


class Layout(enum.StrEnum):
    """How the seats are arranged."""

    BOARDROOM = "boardroom"  # one long table
    U_SHAPE = "u_shape"
    CLASSROOM = "classroom"
    THEATRE = "theatre"  # rows facing a stage (hội trường)
    FLEXIBLE = "flexible"


class Equipment(enum.StrEnum):
    """What a room is equipped with."""

    PROJECTOR = "projector"
    SCREEN = "screen"
    VIDEO_CONFERENCE = "video_conference"
    SOUND = "sound"
    MICROPHONES = "microphones"
    WHITEBOARD = "whiteboard"
    TELEVISION = "television"
    COMPUTER = "computer"


LAYOUTS = tuple(v.value for v in Layout)
EQUIPMENT = tuple(v.value for v in Equipment)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Room(Versioned, Model):
    """A meeting room of the catalogue, 1:1 with its core booking resource.

    The door page (``/rooms/door/<token>``) needs no login: its address carries a secret of
    which only the SHA-256 (``door_token_hash``) is kept; a new address replaces the old one,
    revoking clears it. ``door_shows_purpose`` says whether that page may show what each
    booking is for (else only its times).
    """

    __tablename__ = "meetings_room"
    __audit_exclude__ = ("door_token_hash",)
    __table_args__ = (CheckConstraint(_one_of("layout", LAYOUTS), name="layout"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(
        ForeignKey("core_resource.id", ondelete="RESTRICT"), unique=True
    )
    building: Mapped[str] = mapped_column(String(100), default="")
    floor: Mapped[str] = mapped_column(String(30), default="")
    layout: Mapped[str] = mapped_column(String(20), default=Layout.BOARDROOM.value)
    notes: Mapped[str] = mapped_column(Text, default="")
    photo_url: Mapped[str] = mapped_column(String(500), default="")
    door_shows_purpose: Mapped[bool] = mapped_column(default=False)
    door_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    door_token_set_at: Mapped[datetime | None] = mapped_column()

    resource: Mapped[Resource] = relationship(lazy="joined", innerjoin=True)
    equipment_rows: Mapped[list[RoomEquipment]] = relationship(
        back_populates="room",
        cascade="all, delete-orphan",
        order_by="RoomEquipment.item",
        lazy="selectin",
    )

    @property
    def equipment(self) -> list[str]:
        """The room's equipment codes, sorted."""
        return [row.item for row in self.equipment_rows]

    @property
    def name(self) -> str:
        return self.resource.name

    @property
    def capacity(self) -> int | None:
        return self.resource.capacity

    @property
    def unit_id(self) -> int | None:
        """The unit owning the room (its resource's): the record rule of the catalogue."""
        return self.resource.unit_id

    def __str__(self) -> str:
        return self.resource.name


class RoomEquipment(Model):
    """One piece of equipment a room has (a row per item, so rooms are filtered by it)."""

    __tablename__ = "meetings_room_equipment"
    __table_args__ = (
        UniqueConstraint("room_id", "item"),
        CheckConstraint(_one_of("item", EQUIPMENT), name="item"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("meetings_room.id", ondelete="CASCADE"))
    item: Mapped[str] = mapped_column(String(30))

    room: Mapped[Room] = relationship(back_populates="equipment_rows")


class RoomBooking(Model):
    """What a room booking says beyond the core booking: how many people are expected.

    More attendees than the room seats is allowed — the approver sees the warning — so the
    database checks only that the number is positive."""

    __tablename__ = "meetings_room_booking"
    __table_args__ = (CheckConstraint("attendees IS NULL OR attendees > 0", name="attendees"),)

    booking_id: Mapped[int] = mapped_column(
        ForeignKey("core_booking.id", ondelete="CASCADE"), primary_key=True
    )
    attendees: Mapped[int | None] = mapped_column()

    booking: Mapped[Booking] = relationship()


MODELS = [Room, RoomEquipment, RoomBooking]
