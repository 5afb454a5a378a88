"""Bookings

Revision ID: b7faba75c180
Revises: 8782e9c3f2dc
Create Date: 2026-11-27 21:22:32.023506

Resources and bookings. Besides the tables, the database itself keeps the booking rules:

- no two confirmed bookings of one resource overlap (half-open ranges: touching is allowed):
  on PostgreSQL an exclusion constraint over ``tstzrange(starts_at, ends_at, '[)')`` (with
  ``btree_gist`` for the ``resource_id WITH =`` part), on SQLite two triggers that abort an
  INSERT or UPDATE leaving two confirmed bookings overlapping;
- a booking lasts at most 31 days (``core.booking.rules.MAX_SPAN``; the triggers and the
  availability queries rely on it to bound their index scans);
- on SQLite, times are stored as fixed-width UTC text (``YYYY-MM-DD HH:MM:SS.ffffff``, as
  SQLAlchemy writes them), so the triggers' text comparisons are chronological.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "b7faba75c180"
down_revision: str | Sequence[str] | None = "8782e9c3f2dc"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MAX_SPAN_DAYS = 31  # core.booking.rules.MAX_SPAN when this revision was written
D = "[0-9]"
UTC_TEXT = f"{D * 4}-{D * 2}-{D * 2} {D * 2}:{D * 2}:{D * 2}.{D * 6}"  # as SQLAlchemy writes times

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE core_booking ADD CONSTRAINT ex_core_booking_no_overlap EXCLUDE USING gist "
    "(resource_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
    "WHERE (status = 'confirmed')",
    "ALTER TABLE core_booking ADD CONSTRAINT ck_core_booking_span "
    f"CHECK (ends_at - starts_at <= interval '{MAX_SPAN_DAYS} days')",
]

# SQLite cannot add a CHECK to an existing table: these go into CREATE TABLE below.
SQLITE_CHECKS = [
    sa.CheckConstraint(
        "CAST(strftime('%s', ends_at) AS INTEGER) - CAST(strftime('%s', starts_at) AS INTEGER)"
        f" <= {MAX_SPAN_DAYS * 86400}",
        name="ck_core_booking_span",
    ),
    sa.CheckConstraint(
        f"starts_at GLOB '{UTC_TEXT}' AND ends_at GLOB '{UTC_TEXT}'",
        name="ck_core_booking_utc_text",
    ),
]

OVERLAP = (
    "SELECT RAISE(ABORT, 'core_booking_no_overlap: two confirmed bookings of one resource "
    "would overlap') WHERE EXISTS (SELECT 1 FROM core_booking AS other "
    "WHERE other.resource_id = NEW.resource_id AND other.status = 'confirmed' "
    "AND other.starts_at < NEW.ends_at AND other.ends_at > NEW.starts_at "
    # No booking is longer than the span check allows (31 days, and the check rounds to the
    # second): the index on (resource_id, starts_at) is scanned over 32 days only.
    "AND other.starts_at > datetime(NEW.starts_at, '-32 days'){self})"
)
SQLITE_TRIGGERS = [
    "CREATE TRIGGER core_booking_no_overlap_insert BEFORE INSERT ON core_booking "
    f"WHEN NEW.status = 'confirmed' BEGIN {OVERLAP.format(self='')}; END",
    "CREATE TRIGGER core_booking_no_overlap_update BEFORE UPDATE ON core_booking "
    f"WHEN NEW.status = 'confirmed' BEGIN {OVERLAP.format(self=' AND other.id <> OLD.id')}; END",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "core_resource",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("location", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("approver_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "kind <> 'person' OR user_id IS NOT NULL",
            name=op.f("ck_core_resource_person_has_user"),
        ),
        sa.CheckConstraint(
            "kind IN ('room', 'vehicle', 'driver', 'person', 'equipment')",
            name=op.f("ck_core_resource_kind"),
        ),
        sa.CheckConstraint(
            "capacity IS NULL OR capacity >= 0", name=op.f("ck_core_resource_capacity")
        ),
        sa.ForeignKeyConstraint(
            ["approver_id"],
            ["core_user.id"],
            name=op.f("fk_core_resource_approver_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_core_resource_unit_id_core_unit"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["core_user.id"],
            name=op.f("fk_core_resource_user_id_core_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_resource")),
        sa.UniqueConstraint("code", name=op.f("uq_core_resource_code")),
        sa.UniqueConstraint("user_id", name=op.f("uq_core_resource_user_id")),
    )
    with op.batch_alter_table("core_resource", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_core_resource_approver_id"), ["approver_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_core_resource_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "core_booking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("purpose", sa.String(length=255), nullable=False),
        sa.Column("booked_by_id", sa.Integer(), nullable=True),
        sa.Column("owner_type", sa.String(length=50), nullable=False),
        sa.Column("owner_ref", sa.String(length=100), nullable=False),
        sa.Column("series_id", sa.String(length=32), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("created_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "status IN ('requested', 'confirmed', 'rejected', 'cancelled')",
            name=op.f("ck_core_booking_status"),
        ),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_core_booking_ends_after_start")),
        sa.ForeignKeyConstraint(
            ["booked_by_id"],
            ["core_user.id"],
            name=op.f("fk_core_booking_booked_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["core_user.id"],
            name=op.f("fk_core_booking_decided_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["resource_id"],
            ["core_resource.id"],
            name=op.f("fk_core_booking_resource_id_core_resource"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_booking")),
        *(SQLITE_CHECKS if dialect == "sqlite" else ()),
    )
    with op.batch_alter_table("core_booking", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_core_booking_booked_by_id"), ["booked_by_id"], unique=False
        )
        batch_op.create_index("ix_core_booking_owner", ["owner_type", "owner_ref"], unique=False)
        batch_op.create_index(
            "ix_core_booking_resource_starts", ["resource_id", "starts_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_core_booking_series_id"), ["series_id"], unique=False)

    if dialect == "postgresql":
        for statement in POSTGRESQL:
            op.execute(statement)
    elif dialect == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    else:
        raise NotImplementedError(f"bookings need PostgreSQL or SQLite, not {dialect}")


def downgrade() -> None:
    # The triggers, the exclusion constraint and the checks go with the table; btree_gist stays
    # (other tables may use it).
    with op.batch_alter_table("core_booking", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_booking_series_id"))
        batch_op.drop_index("ix_core_booking_resource_starts")
        batch_op.drop_index("ix_core_booking_owner")
        batch_op.drop_index(batch_op.f("ix_core_booking_booked_by_id"))

    op.drop_table("core_booking")
    with op.batch_alter_table("core_resource", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_resource_unit_id"))
        batch_op.drop_index(batch_op.f("ix_core_resource_approver_id"))

    op.drop_table("core_resource")
