"""rooms

Revision ID: 1415175a08f2
Revises: 
Create Date: 2026-11-27 23:33:18.898305
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db  # noqa: F401  (VanPhong's column types, e.g. core.db.UtcDateTime)

revision: str = '1415175a08f2'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
