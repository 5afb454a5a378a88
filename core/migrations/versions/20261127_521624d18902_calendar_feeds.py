"""Calendar feeds

Revision ID: 521624d18902
Revises: b7faba75c180
Create Date: 2026-11-27 21:22:34.216201
"""

from collections.abc import Sequence

import core.db  # noqa: F401  (VanPhong's column types, e.g. core.db.UtcDateTime)

revision: str = "521624d18902"
down_revision: str | Sequence[str] | None = "b7faba75c180"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
