"""The event outbox: each domain event as emitted, and which plugins have handled it.

System records like the e-mail outbox: not audited (the change that emitted the event is), kept
with their delivery state for the back office.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Model, utcnow


class EventRecord(Model):
    """One emitted event: ``pending`` until every handler has run, then ``delivered``;
    ``failed`` when a handler still raised after the last attempt."""

    __tablename__ = "core_event"
    __audit__ = False
    __table_args__ = (Index("ix_core_event_status_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(80))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(String(500), default="")


class EventHandled(Model):
    """``plugin`` has handled ``event_id``: written in the handler's own transaction, so a
    handler's work and this note commit together or not at all."""

    __tablename__ = "core_event_handled"
    __audit__ = False

    event_id: Mapped[int] = mapped_column(
        ForeignKey("core_event.id", ondelete="CASCADE"), primary_key=True
    )
    plugin: Mapped[str] = mapped_column(String(64), primary_key=True)
    handled_at: Mapped[datetime] = mapped_column(default=utcnow)
