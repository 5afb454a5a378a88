"""the leaders' weekly schedule

Revision ID: c6ab6b032f82
Revises: 8e63a2d43fe7
Create Date: 2026-11-27 23:33:14.461474
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db  # noqa: F401  (VanPhong's column types, e.g. core.db.UtcDateTime)

revision: str = 'c6ab6b032f82'
down_revision: str | Sequence[str] | None = '8e63a2d43fe7'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
