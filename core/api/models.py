"""Personal API tokens: a script or another system acting as one user, with that user's
permissions as they stand at each request."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Model, utcnow
from core.identity.models import User


class ApiToken(Model):
    """A bearer token. Only its SHA-256 is kept; the token itself is shown once, when made.

    ``prefix`` (the token's first characters) lets its owner tell tokens apart. A token ends
    at ``expires_at``, when revoked, or when its user is deactivated; a ``read_only`` token
    may only read.
    """

    __tablename__ = "core_api_token"
    __audit_exclude__ = ("token_hash", "last_used_at")

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    read_only: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    def live(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
