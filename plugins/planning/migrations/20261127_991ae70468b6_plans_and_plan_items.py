"""plans and plan items

Revision ID: 991ae70468b6
Revises:
Create Date: 2026-11-27 23:33:07.925635

Work programmes and plans (``planning_plan``) and their items (``planning_plan_item``). The
database keeps the period number within its level, one work programme per period and owner
(the agency, or a unit: two partial unique indexes, since NULL units are never equal), progress
0–100, weights 1–100, and an issued document only on a published plan.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "991ae70468b6"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PERIOD = (
    "(level = 'year' AND number BETWEEN 1 AND 1) OR (level = 'half_year' AND number BETWEEN 1 "
    "AND 2) OR (level = 'quarter' AND number BETWEEN 1 AND 4) OR (level = 'month' AND number "
    "BETWEEN 1 AND 12) OR (level = 'week' AND number BETWEEN 1 AND 53)"
)
AGENCY_PROGRAMME = "kind = 'programme' AND unit_id IS NULL"
UNIT_PROGRAMME = "kind = 'programme' AND unit_id IS NOT NULL"


def upgrade() -> None:
    op.create_table(
        "planning_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("published_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("document_symbol", sa.String(length=80), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("signer", sa.String(length=150), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(PERIOD, name=op.f("ck_planning_plan_period")),
        sa.CheckConstraint(
            "document_id IS NULL OR status = 'published'",
            name=op.f("ck_planning_plan_issued_published"),
        ),
        sa.CheckConstraint("kind IN ('programme', 'plan')", name=op.f("ck_planning_plan_kind")),
        sa.CheckConstraint(
            "level IN ('year', 'half_year', 'quarter', 'month', 'week')",
            name=op.f("ck_planning_plan_level"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'approved', 'published')", name=op.f("ck_planning_plan_status")
        ),
        sa.CheckConstraint(
            "parent_id IS NULL OR parent_id <> id", name=op.f("ck_planning_plan_not_own_parent")
        ),
        sa.CheckConstraint("year BETWEEN 1900 AND 2199", name=op.f("ck_planning_plan_year")),
        sa.ForeignKeyConstraint(
            ["approved_by_id"],
            ["core_user.id"],
            name=op.f("fk_planning_plan_approved_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["core_user.id"],
            name=op.f("fk_planning_plan_created_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["core_document.id"],
            name=op.f("fk_planning_plan_document_id_core_document"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["planning_plan.id"],
            name=op.f("fk_planning_plan_parent_id_planning_plan"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["core_user.id"],
            name=op.f("fk_planning_plan_published_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_planning_plan_unit_id_core_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_plan")),
    )
    op.create_index(
        op.f("ix_planning_plan_document_id"), "planning_plan", ["document_id"], unique=False
    )
    op.create_index(
        op.f("ix_planning_plan_parent_id"), "planning_plan", ["parent_id"], unique=False
    )
    op.create_index(
        "ix_planning_plan_period", "planning_plan", ["year", "level", "number"], unique=False
    )
    op.create_index(op.f("ix_planning_plan_unit_id"), "planning_plan", ["unit_id"], unique=False)
    op.create_index(
        "uq_planning_plan_agency_programme",
        "planning_plan",
        ["level", "year", "number"],
        unique=True,
        sqlite_where=sa.text(AGENCY_PROGRAMME),
        postgresql_where=sa.text(AGENCY_PROGRAMME),
    )
    op.create_index(
        "uq_planning_plan_unit_programme",
        "planning_plan",
        ["unit_id", "level", "year", "number"],
        unique=True,
        sqlite_where=sa.text(UNIT_PROGRAMME),
        postgresql_where=sa.text(UNIT_PROGRAMME),
    )

    op.create_table(
        "planning_plan_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=1000), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("lead_unit_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("timing", sa.String(length=100), nullable=False),
        sa.Column("source_kind", sa.String(length=20), nullable=False),
        sa.Column("source_number", sa.String(length=80), nullable=False),
        sa.Column("source_text", sa.String(length=1000), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("reported_progress", sa.Integer(), nullable=True),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "reported_progress IS NULL OR (reported_progress >= 0 AND reported_progress <= 100)",
            name=op.f("ck_planning_plan_item_reported_progress"),
        ),
        sa.CheckConstraint(
            "source_kind = '' OR source_kind IN ('directive', 'conclusion', 'other')",
            name=op.f("ck_planning_plan_item_source"),
        ),
        sa.CheckConstraint(
            "parent_id IS NULL OR parent_id <> id",
            name=op.f("ck_planning_plan_item_not_own_parent"),
        ),
        sa.CheckConstraint(
            "progress >= 0 AND progress <= 100", name=op.f("ck_planning_plan_item_progress")
        ),
        sa.CheckConstraint(
            "weight >= 1 AND weight <= 100", name=op.f("ck_planning_plan_item_weight")
        ),
        sa.ForeignKeyConstraint(
            ["lead_unit_id"],
            ["core_unit.id"],
            name=op.f("fk_planning_plan_item_lead_unit_id_core_unit"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["planning_plan_item.id"],
            name=op.f("fk_planning_plan_item_parent_id_planning_plan_item"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["planning_plan.id"],
            name=op.f("fk_planning_plan_item_plan_id_planning_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_plan_item")),
    )
    op.create_index(
        op.f("ix_planning_plan_item_lead_unit_id"),
        "planning_plan_item",
        ["lead_unit_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_planning_plan_item_parent_id"), "planning_plan_item", ["parent_id"], unique=False
    )
    op.create_index(
        "ix_planning_plan_item_plan_position",
        "planning_plan_item",
        ["plan_id", "position"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_planning_plan_item_plan_position", table_name="planning_plan_item")
    op.drop_index(op.f("ix_planning_plan_item_parent_id"), table_name="planning_plan_item")
    op.drop_index(op.f("ix_planning_plan_item_lead_unit_id"), table_name="planning_plan_item")
    op.drop_table("planning_plan_item")
    op.drop_index("uq_planning_plan_unit_programme", table_name="planning_plan")
    op.drop_index("uq_planning_plan_agency_programme", table_name="planning_plan")
    op.drop_index(op.f("ix_planning_plan_unit_id"), table_name="planning_plan")
    op.drop_index("ix_planning_plan_period", table_name="planning_plan")
    op.drop_index(op.f("ix_planning_plan_parent_id"), table_name="planning_plan")
    op.drop_index(op.f("ix_planning_plan_document_id"), table_name="planning_plan")
    op.drop_table("planning_plan")
