"""Office supplies: the catalogue, requests and their lines, low-stock notices

Revision ID: 05bf5de745be
Revises:
Create Date: 2026-11-27 23:44:24.158818
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "05bf5de745be"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "supplies_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("measure", sa.String(length=30), nullable=False),
        sa.Column("stock", sa.Integer(), nullable=False),
        sa.Column("low_stock_at", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "low_stock_at >= 0", name=op.f("ck_supplies_item_low_stock_at_not_negative")
        ),
        sa.CheckConstraint("stock >= 0", name=op.f("ck_supplies_item_stock_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplies_item")),
        sa.UniqueConstraint("code", name=op.f("uq_supplies_item_code")),
    )
    op.create_table(
        "supplies_low_stock_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("items", sa.String(length=2000), nullable=False),
        sa.Column("sent_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplies_low_stock_notice")),
        sa.UniqueConstraint("day", name=op.f("uq_supplies_low_stock_notice_day")),
    )
    op.create_table(
        "supplies_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("purpose", sa.String(length=500), nullable=False),
        sa.Column("needed_on", sa.Date(), nullable=True),
        sa.Column("created_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.String(length=500), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "status IN ('submitted', 'approved', 'rejected', 'issued', 'cancelled')",
            name=op.f("ck_supplies_request_status"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["core_user.id"],
            name=op.f("fk_supplies_request_decided_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["issued_by_id"],
            ["core_user.id"],
            name=op.f("fk_supplies_request_issued_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["core_user.id"],
            name=op.f("fk_supplies_request_requested_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_supplies_request_unit_id_core_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplies_request")),
    )
    op.create_index(op.f("ix_supplies_request_issued_at"), "supplies_request", ["issued_at"])
    op.create_index(op.f("ix_supplies_request_status"), "supplies_request", ["status"])
    op.create_index(op.f("ix_supplies_request_unit_id"), "supplies_request", ["unit_id"])

    op.create_table(
        "supplies_request_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("approved", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "approved IS NULL OR (approved >= 0 AND approved <= quantity)",
            name=op.f("ck_supplies_request_line_approved_range"),
        ),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_supplies_request_line_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["supplies_item.id"],
            name=op.f("fk_supplies_request_line_item_id_supplies_item"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["supplies_request.id"],
            name=op.f("fk_supplies_request_line_request_id_supplies_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplies_request_line")),
        sa.UniqueConstraint(
            "request_id", "item_id", name=op.f("uq_supplies_request_line_request_id_item_id")
        ),
    )
    op.create_index(op.f("ix_supplies_request_line_item_id"), "supplies_request_line", ["item_id"])


def downgrade() -> None:
    op.drop_table("supplies_request_line")
    op.drop_table("supplies_request")
    op.drop_table("supplies_low_stock_notice")
    op.drop_table("supplies_item")
