"""tasks, progress and extensions

Revision ID: 8e63a2d43fe7
Revises: 991ae70468b6
Create Date: 2026-11-27 23:33:11.535022
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db  # noqa: F401  (VanPhong's column types, e.g. core.db.UtcDateTime)

revision: str = '8e63a2d43fe7'
down_revision: str | Sequence[str] | None = '991ae70468b6'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
