"""Calendar feeds

Revision ID: 521624d18902
Revises: b7faba75c180
Create Date: 2026-11-27 21:22:34.216201
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "521624d18902"
down_revision: str | Sequence[str] | None = "b7faba75c180"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "core_calendar_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["core_user.id"],
            name=op.f("fk_core_calendar_feed_user_id_core_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_calendar_feed")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_core_calendar_feed_token_hash")),
        sa.UniqueConstraint("user_id", name=op.f("uq_core_calendar_feed_user_id")),
    )


def downgrade() -> None:
    op.drop_table("core_calendar_feed")
