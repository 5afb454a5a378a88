"""tasks, progress and extensions

Revision ID: 8e63a2d43fe7
Revises: 991ae70468b6
Create Date: 2026-11-27 23:33:11.535022

Tasks (one lead: a unit or a person, never both, never none), their supporting units, progress
updates and attachments, extension requests (at most one waiting per task: a partial unique
index) and the urging log (one digest per person per day). ``planning_task.plan_item_id``
refers to ``planning_plan_item``, created by the previous revision.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "8e63a2d43fe7"
down_revision: str | Sequence[str] | None = "991ae70468b6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "planning_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("expected_result", sa.Text(), nullable=False),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("lead_unit_id", sa.Integer(), nullable=True),
        sa.Column("lead_user_id", sa.Integer(), nullable=True),
        sa.Column("assigner_id", sa.Integer(), nullable=True),
        sa.Column("assigned_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("returned_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("return_reason", sa.Text(), nullable=False),
        sa.Column("plan_item_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=50), nullable=True),
        sa.Column("source_ref", sa.String(length=200), nullable=True),
        sa.Column("cites", sa.String(length=500), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "priority IN ('low', 'normal', 'high', 'urgent')",
            name=op.f("ck_planning_task_priority"),
        ),
        sa.CheckConstraint(
            "status IN ('not_started', 'in_progress', 'done_on_time', 'done_late', 'overdue', "
            "'cancelled')",
            name=op.f("ck_planning_task_status"),
        ),
        sa.CheckConstraint(
            "status NOT IN ('done_on_time', 'done_late') OR completed_on IS NOT NULL",
            name=op.f("ck_planning_task_done_has_date"),
        ),
        sa.CheckConstraint(
            "(lead_unit_id IS NULL) <> (lead_user_id IS NULL)",
            name=op.f("ck_planning_task_one_lead"),
        ),
        sa.CheckConstraint(
            "(source IS NULL) = (source_ref IS NULL)", name=op.f("ck_planning_task_source_with_ref")
        ),
        sa.CheckConstraint(
            "deadline >= assigned_on", name=op.f("ck_planning_task_deadline_after_assignment")
        ),
        sa.CheckConstraint(
            "due_on >= assigned_on", name=op.f("ck_planning_task_due_after_assignment")
        ),
        sa.CheckConstraint(
            "progress >= 0 AND progress <= 100", name=op.f("ck_planning_task_progress")
        ),
        sa.ForeignKeyConstraint(
            ["assigner_id"],
            ["core_user.id"],
            name=op.f("fk_planning_task_assigner_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["core_user.id"],
            name=op.f("fk_planning_task_created_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["lead_unit_id"],
            ["core_unit.id"],
            name=op.f("fk_planning_task_lead_unit_id_core_unit"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["lead_user_id"],
            ["core_user.id"],
            name=op.f("fk_planning_task_lead_user_id_core_user"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["plan_item_id"],
            ["planning_plan_item.id"],
            name=op.f("fk_planning_task_plan_item_id_planning_plan_item"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_task")),
        sa.UniqueConstraint(
            "source", "source_ref", name=op.f("uq_planning_task_source_source_ref")
        ),
    )
    op.create_index(
        op.f("ix_planning_task_assigner_id"), "planning_task", ["assigner_id"], unique=False
    )
    op.create_index(
        "ix_planning_task_lead_unit_status",
        "planning_task",
        ["lead_unit_id", "status"],
        unique=False,
    )
    op.create_index(
        "ix_planning_task_lead_user_status",
        "planning_task",
        ["lead_user_id", "status"],
        unique=False,
    )
    op.create_index(
        op.f("ix_planning_task_plan_item_id"), "planning_task", ["plan_item_id"], unique=False
    )
    op.create_index(
        "ix_planning_task_status_deadline", "planning_task", ["status", "deadline"], unique=False
    )
    op.create_table(
        "planning_urging_log",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("task_count", sa.Integer(), nullable=False),
        sa.Column("escalated_count", sa.Integer(), nullable=False),
        sa.Column("sent_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["core_user.id"],
            name=op.f("fk_planning_urging_log_user_id_core_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "day", name=op.f("pk_planning_urging_log")),
    )
    op.create_index(
        op.f("ix_planning_urging_log_day"), "planning_urging_log", ["day"], unique=False
    )
    op.create_table(
        "planning_task_extension",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("previous_deadline", sa.Date(), nullable=False),
        sa.Column("requested_deadline", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "status = 'requested' OR decided_at IS NOT NULL",
            name=op.f("ck_planning_task_extension_decided_has_time"),
        ),
        sa.CheckConstraint(
            "status IN ('requested', 'approved', 'refused')",
            name=op.f("ck_planning_task_extension_status"),
        ),
        sa.CheckConstraint(
            "requested_deadline > previous_deadline",
            name=op.f("ck_planning_task_extension_later_than_previous"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["core_user.id"],
            name=op.f("fk_planning_task_extension_decided_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["core_user.id"],
            name=op.f("fk_planning_task_extension_requested_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["planning_task.id"],
            name=op.f("fk_planning_task_extension_task_id_planning_task"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_task_extension")),
    )
    op.create_index(
        op.f("ix_planning_task_extension_task_id"),
        "planning_task_extension",
        ["task_id"],
        unique=False,
    )
    op.create_index(
        "uq_planning_task_extension_pending",
        "planning_task_extension",
        ["task_id"],
        unique=True,
        sqlite_where=sa.text("status = 'requested'"),
        postgresql_where=sa.text("status = 'requested'"),
    )
    op.create_table(
        "planning_task_supporter",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["planning_task.id"],
            name=op.f("fk_planning_task_supporter_task_id_planning_task"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_planning_task_supporter_unit_id_core_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("task_id", "unit_id", name=op.f("pk_planning_task_supporter")),
    )
    op.create_index(
        op.f("ix_planning_task_supporter_unit_id"),
        "planning_task_supporter",
        ["unit_id"],
        unique=False,
    )
    op.create_table(
        "planning_task_update",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('progress', 'returned', 'reassigned', 'completed', 'cancelled', 'reopened')",
            name=op.f("ck_planning_task_update_kind"),
        ),
        sa.CheckConstraint(
            "progress IS NULL OR (progress >= 0 AND progress <= 100)",
            name=op.f("ck_planning_task_update_progress"),
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["core_user.id"],
            name=op.f("fk_planning_task_update_author_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["planning_task.id"],
            name=op.f("fk_planning_task_update_task_id_planning_task"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_task_update")),
    )
    op.create_index(
        "ix_planning_task_update_task_created",
        "planning_task_update",
        ["task_id", "created_at"],
        unique=False,
    )
    op.create_table(
        "planning_task_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("update_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("stored_name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("size >= 0", name=op.f("ck_planning_task_attachment_size")),
        sa.ForeignKeyConstraint(
            ["update_id"],
            ["planning_task_update.id"],
            name=op.f("fk_planning_task_attachment_update_id_planning_task_update"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_task_attachment")),
        sa.UniqueConstraint("stored_name", name=op.f("uq_planning_task_attachment_stored_name")),
    )
    op.create_index(
        op.f("ix_planning_task_attachment_update_id"),
        "planning_task_attachment",
        ["update_id"],
        unique=False,
    )
    # ### end Alembic commands ###


def downgrade() -> None:
    op.drop_index(
        op.f("ix_planning_task_attachment_update_id"), table_name="planning_task_attachment"
    )
    op.drop_table("planning_task_attachment")
    op.drop_index("ix_planning_task_update_task_created", table_name="planning_task_update")
    op.drop_table("planning_task_update")
    op.drop_index(op.f("ix_planning_task_supporter_unit_id"), table_name="planning_task_supporter")
    op.drop_table("planning_task_supporter")
    op.drop_index(
        "uq_planning_task_extension_pending",
        table_name="planning_task_extension",
        sqlite_where=sa.text("status = 'requested'"),
        postgresql_where=sa.text("status = 'requested'"),
    )
    op.drop_index(op.f("ix_planning_task_extension_task_id"), table_name="planning_task_extension")
    op.drop_table("planning_task_extension")
    op.drop_index(op.f("ix_planning_urging_log_day"), table_name="planning_urging_log")
    op.drop_table("planning_urging_log")
    op.drop_index("ix_planning_task_status_deadline", table_name="planning_task")
    op.drop_index(op.f("ix_planning_task_plan_item_id"), table_name="planning_task")
    op.drop_index("ix_planning_task_lead_user_status", table_name="planning_task")
    op.drop_index("ix_planning_task_lead_unit_status", table_name="planning_task")
    op.drop_index(op.f("ix_planning_task_assigner_id"), table_name="planning_task")
    op.drop_table("planning_task")
    # ### end Alembic commands ###
