"""The enabled set, stored in the database so web processes, workers and beat agree."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Model, utcnow


class PluginRecord(Model):
    """Whether an administrator enabled a plugin, and which version last migrated."""

    __tablename__ = "core_plugin"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    enabled: Mapped[bool] = mapped_column(default=False)
    version: Mapped[str] = mapped_column(String(40), default="")
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    changed_by: Mapped[str] = mapped_column(String(150), default="")

    def __repr__(self) -> str:
        return f"<PluginRecord {self.name} enabled={self.enabled}>"
