"""Bookings

Revision ID: b7faba75c180
Revises: 8782e9c3f2dc
Create Date: 2026-11-27 21:22:32.023506
"""

from collections.abc import Sequence

import core.db  # noqa: F401  (VanPhong's column types, e.g. core.db.UtcDateTime)

revision: str = "b7faba75c180"
down_revision: str | Sequence[str] | None = "8782e9c3f2dc"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
