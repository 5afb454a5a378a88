"""Days that differ from the rule: a weekend made a working day, or an extra day off."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Model


class CalendarDay(Model):
    """An announced exception (e.g. work on Saturday 09/05 to take Friday 02/05 off)."""

    __tablename__ = "core_calendar_day"

    day: Mapped[date] = mapped_column(primary_key=True)
    working: Mapped[bool]  # True: a working day despite the rule; False: an extra day off
    note: Mapped[str] = mapped_column(String(255), default="")

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}"
