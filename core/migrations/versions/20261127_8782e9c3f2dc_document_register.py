"""Document register

Revision ID: 8782e9c3f2dc
Revises: a11b1ad9a972
Create Date: 2026-11-27 21:22:29.405263
"""

from collections.abc import Sequence

import core.db  # noqa: F401  (VanPhong's column types, e.g. core.db.UtcDateTime)

revision: str = "8782e9c3f2dc"
down_revision: str | Sequence[str] | None = "a11b1ad9a972"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
