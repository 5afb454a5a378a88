"""briefings

Revision ID: 302581e8c8c0
Revises: 8ee9513ad88f
Create Date: 2026-11-27 23:33:23.948805
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "302581e8c8c0"
down_revision: str | Sequence[str] | None = "8ee9513ad88f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meetings_briefing_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("chair_id", sa.Integer(), nullable=False),
        sa.Column("secretary_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("location", sa.String(length=255), nullable=False),
        sa.Column("rrule", sa.String(length=500), nullable=False),
        sa.Column("first_starts_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("cutoff_hours", sa.Integer(), nullable=False),
        sa.Column("horizon_days", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("generation_error", sa.String(length=2000), nullable=False),
        sa.Column("created_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "cutoff_hours >= 0 AND cutoff_hours <= 336",
            name=op.f("ck_meetings_briefing_series_cutoff"),
        ),
        sa.CheckConstraint(
            "duration_minutes > 0 AND duration_minutes <= 720",
            name=op.f("ck_meetings_briefing_series_duration"),
        ),
        sa.CheckConstraint(
            "horizon_days >= 1 AND horizon_days <= 92",
            name=op.f("ck_meetings_briefing_series_horizon"),
        ),
        sa.ForeignKeyConstraint(
            ["chair_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_briefing_series_chair_id_core_user"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["meetings_room.id"],
            name=op.f("fk_meetings_briefing_series_room_id_meetings_room"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["secretary_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_briefing_series_secretary_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_meetings_briefing_series_unit_id_core_unit"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_briefing_series")),
    )
    op.create_index(
        op.f("ix_meetings_briefing_series_chair_id"),
        "meetings_briefing_series",
        ["chair_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_meetings_briefing_series_room_id"),
        "meetings_briefing_series",
        ["room_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_meetings_briefing_series_secretary_id"),
        "meetings_briefing_series",
        ["secretary_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_meetings_briefing_series_unit_id"),
        "meetings_briefing_series",
        ["unit_id"],
        unique=False,
    )
    op.create_table(
        "meetings_briefing_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("presenter_unit_id", sa.Integer(), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('general', 'follow_up', 'unit_reports')",
            name=op.f("ck_meetings_briefing_item_kind"),
        ),
        sa.CheckConstraint(
            "duration_minutes IS NULL OR duration_minutes > 0",
            name=op.f("ck_meetings_briefing_item_duration"),
        ),
        sa.CheckConstraint(
            "position >= 1", name=op.f("ck_meetings_briefing_item_position_positive")
        ),
        sa.ForeignKeyConstraint(
            ["presenter_unit_id"],
            ["core_unit.id"],
            name=op.f("fk_meetings_briefing_item_presenter_unit_id_core_unit"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["meetings_briefing_series.id"],
            name=op.f("fk_meetings_briefing_item_series_id_meetings_briefing_series"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_briefing_item")),
        sa.UniqueConstraint(
            "series_id", "position", name=op.f("uq_meetings_briefing_item_series_id_position")
        ),
    )
    op.create_index(
        op.f("ix_meetings_briefing_item_presenter_unit_id"),
        "meetings_briefing_item",
        ["presenter_unit_id"],
        unique=False,
    )
    op.create_table(
        "meetings_briefing_series_unit",
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["meetings_briefing_series.id"],
            name=op.f("fk_meetings_briefing_series_unit_series_id_meetings_briefing_series"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_meetings_briefing_series_unit_unit_id_core_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "series_id", "unit_id", name=op.f("pk_meetings_briefing_series_unit")
        ),
    )
    op.create_index(
        op.f("ix_meetings_briefing_series_unit_unit_id"),
        "meetings_briefing_series_unit",
        ["unit_id"],
        unique=False,
    )
    op.create_table(
        "meetings_briefing_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("occurrence", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("report_due_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("reports_requested_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("created_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings_meeting.id"],
            name=op.f("fk_meetings_briefing_session_meeting_id_meetings_meeting"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["meetings_briefing_series.id"],
            name=op.f("fk_meetings_briefing_session_series_id_meetings_briefing_series"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_briefing_session")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_meetings_briefing_session_meeting_id")),
        sa.UniqueConstraint(
            "series_id",
            "occurrence",
            name=op.f("uq_meetings_briefing_session_series_id_occurrence"),
        ),
    )
    op.create_index(
        op.f("ix_meetings_briefing_session_series_id"),
        "meetings_briefing_session",
        ["series_id"],
        unique=False,
    )
    op.create_table(
        "meetings_briefing_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("done", sa.Text(), nullable=False),
        sa.Column("planned", sa.Text(), nullable=False),
        sa.Column("proposals", sa.Text(), nullable=False),
        sa.Column("submitted_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("submitted_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["meetings_briefing_session.id"],
            name=op.f("fk_meetings_briefing_report_session_id_meetings_briefing_session"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_briefing_report_submitted_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_meetings_briefing_report_unit_id_core_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_briefing_report")),
        sa.UniqueConstraint(
            "session_id", "unit_id", name=op.f("uq_meetings_briefing_report_session_id_unit_id")
        ),
    )
    op.create_index(
        op.f("ix_meetings_briefing_report_unit_id"),
        "meetings_briefing_report",
        ["unit_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_meetings_briefing_report_unit_id"), table_name="meetings_briefing_report"
    )
    op.drop_table("meetings_briefing_report")
    op.drop_index(
        op.f("ix_meetings_briefing_session_series_id"), table_name="meetings_briefing_session"
    )
    op.drop_table("meetings_briefing_session")
    op.drop_index(
        op.f("ix_meetings_briefing_series_unit_unit_id"), table_name="meetings_briefing_series_unit"
    )
    op.drop_table("meetings_briefing_series_unit")
    op.drop_index(
        op.f("ix_meetings_briefing_item_presenter_unit_id"), table_name="meetings_briefing_item"
    )
    op.drop_table("meetings_briefing_item")
    op.drop_index(
        op.f("ix_meetings_briefing_series_unit_id"), table_name="meetings_briefing_series"
    )
    op.drop_index(
        op.f("ix_meetings_briefing_series_secretary_id"), table_name="meetings_briefing_series"
    )
    op.drop_index(
        op.f("ix_meetings_briefing_series_room_id"), table_name="meetings_briefing_series"
    )
    op.drop_index(
        op.f("ix_meetings_briefing_series_chair_id"), table_name="meetings_briefing_series"
    )
    op.drop_table("meetings_briefing_series")
