"""meetings, attendance, minutes and conclusions

Revision ID: 8ee9513ad88f
Revises: 1415175a08f2
Create Date: 2026-11-27 23:33:21.206870
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db  # noqa: F401  (VanPhong's column types, e.g. core.db.UtcDateTime)

revision: str = '8ee9513ad88f'
down_revision: str | Sequence[str] | None = '1415175a08f2'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
