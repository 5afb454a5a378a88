"""Personal calendar feeds: a secret address a calendar application subscribes to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Model, utcnow


class CalendarFeed(Model):
    """One user's iCalendar feed. The address carries a secret; only its SHA-256 is kept. A
    new address replaces the old one, which then stops working."""

    __tablename__ = "core_calendar_feed"
    __audit_exclude__ = ("token_hash", "last_used_at")

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("core_user.id", ondelete="CASCADE"), unique=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
