"""periodic reports

Revision ID: 5346e4ab1b2b
Revises: c6ab6b032f82
Create Date: 2026-11-27 23:33:16.693444
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db  # noqa: F401  (VanPhong's column types, e.g. core.db.UtcDateTime)

revision: str = '5346e4ab1b2b'
down_revision: str | Sequence[str] | None = 'c6ab6b032f82'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
