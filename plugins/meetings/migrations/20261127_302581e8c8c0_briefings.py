"""briefings

Revision ID: 302581e8c8c0
Revises: 8ee9513ad88f
Create Date: 2026-11-27 23:33:23.948805
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db  # noqa: F401  (VanPhong's column types, e.g. core.db.UtcDateTime)

revision: str = '302581e8c8c0'
down_revision: str | Sequence[str] | None = '8ee9513ad88f'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
