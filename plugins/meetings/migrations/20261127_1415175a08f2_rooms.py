"""rooms

Revision ID: 1415175a08f2
Revises:
Create Date: 2026-11-27 23:33:18.898305

The meeting-room catalogue: a room over one core booking resource (of kind room), its
equipment (a row per item) and the expected attendees of room bookings.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "1415175a08f2"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LAYOUTS = ("boardroom", "u_shape", "classroom", "theatre", "flexible")
EQUIPMENT = (
    "projector",
    "screen",
    "video_conference",
    "sound",
    "microphones",
    "whiteboard",
    "television",
    "computer",
)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "meetings_room",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("building", sa.String(length=100), nullable=False),
        sa.Column("floor", sa.String(length=30), nullable=False),
        sa.Column("layout", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("photo_url", sa.String(length=500), nullable=False),
        sa.Column("door_shows_purpose", sa.Boolean(), nullable=False),
        sa.Column("door_token_hash", sa.String(length=64), nullable=True),
        sa.Column("door_token_set_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(_one_of("layout", LAYOUTS), name=op.f("ck_meetings_room_layout")),
        sa.ForeignKeyConstraint(
            ["resource_id"],
            ["core_resource.id"],
            name=op.f("fk_meetings_room_resource_id_core_resource"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_room")),
        sa.UniqueConstraint("door_token_hash", name=op.f("uq_meetings_room_door_token_hash")),
        sa.UniqueConstraint("resource_id", name=op.f("uq_meetings_room_resource_id")),
    )
    op.create_table(
        "meetings_room_equipment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=30), nullable=False),
        sa.CheckConstraint(
            _one_of("item", EQUIPMENT), name=op.f("ck_meetings_room_equipment_item")
        ),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["meetings_room.id"],
            name=op.f("fk_meetings_room_equipment_room_id_meetings_room"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_room_equipment")),
        sa.UniqueConstraint(
            "room_id", "item", name=op.f("uq_meetings_room_equipment_room_id_item")
        ),
    )
    op.create_table(
        "meetings_room_booking",
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("attendees", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "attendees IS NULL OR attendees > 0", name=op.f("ck_meetings_room_booking_attendees")
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["core_booking.id"],
            name=op.f("fk_meetings_room_booking_booking_id_core_booking"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("booking_id", name=op.f("pk_meetings_room_booking")),
    )


def downgrade() -> None:
    op.drop_table("meetings_room_booking")
    op.drop_table("meetings_room_equipment")
    op.drop_table("meetings_room")
