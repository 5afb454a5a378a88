"""periodic reports

Revision ID: 5346e4ab1b2b
Revises: c6ab6b032f82
Create Date: 2026-11-27 23:33:16.693444
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "5346e4ab1b2b"
down_revision: str | Sequence[str] | None = "c6ab6b032f82"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "planning_report_type",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("cutoff_day", sa.Integer(), nullable=False),
        sa.Column("due_days", sa.Integer(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "period IN ('week', 'month', 'quarter', 'half_year', 'year')",
            name=op.f("ck_planning_report_type_period"),
        ),
        sa.CheckConstraint(
            "cutoff_day BETWEEN 1 AND 31", name=op.f("ck_planning_report_type_cutoff_day")
        ),
        sa.CheckConstraint(
            "due_days BETWEEN 0 AND 90", name=op.f("ck_planning_report_type_due_days")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_report_type")),
        sa.UniqueConstraint("code", name=op.f("uq_planning_report_type_code")),
    )
    op.create_table(
        "planning_report_type_unit",
        sa.Column("type_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["type_id"],
            ["planning_report_type.id"],
            name=op.f("fk_planning_report_type_unit_type_id_planning_report_type"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_planning_report_type_unit_unit_id_core_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("type_id", "unit_id", name=op.f("pk_planning_report_type_unit")),
    )
    op.create_index(
        op.f("ix_planning_report_type_unit_unit_id"),
        "planning_report_type_unit",
        ["unit_id"],
        unique=False,
    )
    op.create_table(
        "planning_report_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("type_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=10), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("cutoff_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("opened_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("consolidated_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("consolidated_by_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("document_symbol", sa.String(length=80), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'consolidated')", name=op.f("ck_planning_report_period_status")
        ),
        sa.CheckConstraint(
            "ends_on >= starts_on", name=op.f("ck_planning_report_period_ends_after_start")
        ),
        sa.CheckConstraint(
            "due_on >= cutoff_on", name=op.f("ck_planning_report_period_due_after_cutoff")
        ),
        sa.ForeignKeyConstraint(
            ["type_id"],
            ["planning_report_type.id"],
            name=op.f("fk_planning_report_period_type_id_planning_report_type"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["consolidated_by_id"],
            ["core_user.id"],
            name=op.f("fk_planning_report_period_consolidated_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["core_document.id"],
            name=op.f("fk_planning_report_period_document_id_core_document"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_report_period")),
        sa.UniqueConstraint("type_id", "key", name=op.f("uq_planning_report_period_type_id_key")),
    )
    op.create_index(
        op.f("ix_planning_report_period_type_id"), "planning_report_period", ["type_id"]
    )
    op.create_index(
        "ix_planning_report_period_status_due", "planning_report_period", ["status", "due_on"]
    )
    op.create_table(
        "planning_report_submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("submitted_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("submitted_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'submitted', 'submitted_late')",
            name=op.f("ck_planning_report_submission_status"),
        ),
        sa.CheckConstraint(
            "status = 'pending' OR submitted_at IS NOT NULL",
            name=op.f("ck_planning_report_submission_submitted_at"),
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["planning_report_period.id"],
            name=op.f("fk_planning_report_submission_period_id_planning_report_period"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_planning_report_submission_unit_id_core_unit"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"],
            ["core_user.id"],
            name=op.f("fk_planning_report_submission_submitted_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_report_submission")),
        sa.UniqueConstraint(
            "period_id", "unit_id", name=op.f("uq_planning_report_submission_period_id_unit_id")
        ),
    )
    op.create_index(
        op.f("ix_planning_report_submission_unit_id"), "planning_report_submission", ["unit_id"]
    )
    op.create_table(
        "planning_report_reminder",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("late_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["core_user.id"],
            name=op.f("fk_planning_report_reminder_user_id_core_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "sent_on", name=op.f("pk_planning_report_reminder")),
    )


def downgrade() -> None:
    op.drop_table("planning_report_reminder")
    op.drop_index(
        op.f("ix_planning_report_submission_unit_id"), table_name="planning_report_submission"
    )
    op.drop_table("planning_report_submission")
    op.drop_index("ix_planning_report_period_status_due", table_name="planning_report_period")
    op.drop_index(op.f("ix_planning_report_period_type_id"), table_name="planning_report_period")
    op.drop_table("planning_report_period")
    op.drop_index(
        op.f("ix_planning_report_type_unit_unit_id"), table_name="planning_report_type_unit"
    )
    op.drop_table("planning_report_type_unit")
    op.drop_table("planning_report_type")
