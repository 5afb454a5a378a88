"""Weeks as the office counts them: Monday to Sunday, named by ISO number ("Tuần 48")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.db import EARLIEST, LATEST
from core.i18n import agency_today


@dataclass(frozen=True)
class Week:
    """A week, Monday to Sunday."""

    monday: date

    @classmethod
    def of(cls, day: date) -> Week:
        return cls(day - timedelta(days=day.weekday()))

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def iso(self) -> str:
        """``2026-W48``: how the week is named in addresses."""
        year, week, _day = self.monday.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def days(self) -> list[date]:
        return [self.monday + timedelta(days=i) for i in range(7)]

    @property
    def label(self) -> str:
        """``48 (23/11–29/11)``: the ISO week number and its first and last day."""
        sunday = self.monday + timedelta(days=6)
        return f"{self.number} ({self.monday:%d/%m}–{sunday:%d/%m})"

    @property
    def previous(self) -> Week:
        return Week(self.monday - timedelta(days=7))

    @property
    def following(self) -> Week:
        return Week(self.monday + timedelta(days=7))

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """Monday 00:00 to the next Monday 00:00 in ``zone``."""
        start = datetime.combine(self.monday, time(), zone)
        return start, start + timedelta(days=7)


def parse_week(value: str | None) -> Week:
    """The week an address names (``2026-W48``, or any of its days, ``2026-11-27``); this week
    in the agency's time zone when missing, malformed or outside the years VanPhong stores."""
    try:
        if value and "-W" in value:
            year, number = value.split("-W")
            day = date.fromisocalendar(int(year), int(number), 1)
        elif value:
            day = date.fromisoformat(value)
        else:
            raise ValueError("no week")
    except ValueError:
        return Week.of(agency_today())
    if not EARLIEST.date() <= day < LATEST.date():
        return Week.of(agency_today())
    return Week.of(day)
