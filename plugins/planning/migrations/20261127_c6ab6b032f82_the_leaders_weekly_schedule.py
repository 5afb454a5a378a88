"""the leaders' weekly schedule: weeks, their entries and participants, published versions

Revision ID: c6ab6b032f82
Revises: 8e63a2d43fe7
Create Date: 2026-11-27 23:33:14.461474
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db  # VanPhong's column types: core.db.UtcDateTime

revision: str = "c6ab6b032f82"
down_revision: str | Sequence[str] | None = "8e63a2d43fe7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "planning_week",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("published_version", sa.Integer(), nullable=False),
        sa.Column("cutoff_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("published_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "(status = 'draft' AND published_version = 0) OR "
            "(status = 'published' AND published_version >= 1)",
            name=op.f("ck_planning_week_published_version"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'published')", name=op.f("ck_planning_week_status")
        ),
        sa.CheckConstraint("number BETWEEN 1 AND 53", name=op.f("ck_planning_week_number")),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["core_user.id"],
            name=op.f("fk_planning_week_published_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_week")),
        sa.UniqueConstraint("year", "number", name=op.f("uq_planning_week_year_number")),
    )
    op.create_table(
        "planning_schedule_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("session", sa.String(length=20), nullable=False),
        sa.Column("starts_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("timed", sa.Boolean(), nullable=False),
        sa.Column("content", sa.String(length=1000), nullable=False),
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("participants", sa.String(length=1000), nullable=False),
        sa.Column("location", sa.String(length=255), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("vehicle_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("submitted_by_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "session IN ('morning', 'afternoon')", name=op.f("ck_planning_schedule_entry_session")
        ),
        sa.CheckConstraint(
            "status IN ('submitted', 'accepted', 'withdrawn')",
            name=op.f("ck_planning_schedule_entry_status"),
        ),
        sa.CheckConstraint(
            "ends_at > starts_at", name=op.f("ck_planning_schedule_entry_ends_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["leader_id"],
            ["core_user.id"],
            name=op.f("fk_planning_schedule_entry_leader_id_core_user"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["core_resource.id"],
            name=op.f("fk_planning_schedule_entry_room_id_core_resource"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"],
            ["core_user.id"],
            name=op.f("fk_planning_schedule_entry_submitted_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_planning_schedule_entry_unit_id_core_unit"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vehicle_id"],
            ["core_resource.id"],
            name=op.f("fk_planning_schedule_entry_vehicle_id_core_resource"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["week_id"],
            ["planning_week.id"],
            name=op.f("fk_planning_schedule_entry_week_id_planning_week"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_schedule_entry")),
    )
    op.create_index(
        op.f("ix_planning_schedule_entry_leader_id"),
        "planning_schedule_entry",
        ["leader_id"],
        unique=False,
    )
    op.create_index(
        "ix_planning_schedule_entry_starts", "planning_schedule_entry", ["starts_at"], unique=False
    )
    op.create_index(
        op.f("ix_planning_schedule_entry_unit_id"),
        "planning_schedule_entry",
        ["unit_id"],
        unique=False,
    )
    op.create_index(
        "ix_planning_schedule_entry_week_day",
        "planning_schedule_entry",
        ["week_id", "day"],
        unique=False,
    )
    op.create_table(
        "planning_week_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.CheckConstraint("number >= 1", name=op.f("ck_planning_week_version_number")),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["core_user.id"],
            name=op.f("fk_planning_week_version_created_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["week_id"],
            ["planning_week.id"],
            name=op.f("fk_planning_week_version_week_id_planning_week"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_week_version")),
        sa.UniqueConstraint(
            "week_id", "number", name=op.f("uq_planning_week_version_week_id_number")
        ),
    )
    op.create_table(
        "planning_schedule_participant",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["planning_schedule_entry.id"],
            name="fk_planning_schedule_participant_entry",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["core_user.id"],
            name=op.f("fk_planning_schedule_participant_user_id_core_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "entry_id", "user_id", name=op.f("pk_planning_schedule_participant")
        ),
    )


def downgrade() -> None:
    op.drop_table("planning_schedule_participant")
    op.drop_table("planning_week_version")
    op.drop_index("ix_planning_schedule_entry_week_day", table_name="planning_schedule_entry")
    op.drop_index(op.f("ix_planning_schedule_entry_unit_id"), table_name="planning_schedule_entry")
    op.drop_index("ix_planning_schedule_entry_starts", table_name="planning_schedule_entry")
    op.drop_index(
        op.f("ix_planning_schedule_entry_leader_id"), table_name="planning_schedule_entry"
    )
    op.drop_table("planning_schedule_entry")
    op.drop_table("planning_week")
