"""The periods plans cover: a year, a half year, a quarter, a month or an ISO week.

A period is (level, year, number). A week is numbered as ISO 8601 does (its year is the ISO
year, which holds the week's Thursday), so a week that straddles two months belongs to the
month — and quarter, half and year — of its Thursday: that is how a weekly plan finds the
monthly plan it cascades from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _

from plugins.planning.plans.models import PERIODS_PER_YEAR, PlanLevel

#: Higher levels first: a plan cascades from a plan of a lower rank.
RANK = {level.value: rank for rank, level in enumerate(PlanLevel)}

#: How many months a period of each level spans (weeks are counted apart).
MONTHS = {"year": 12, "half_year": 6, "quarter": 3, "month": 1}

ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    """One period of a level: ``Period("quarter", 2026, 2)`` is April to June 2026."""

    level: str
    year: int
    number: int = 1

    def is_valid(self) -> bool:
        if self.level not in PERIODS_PER_YEAR or not 1900 <= self.year <= 2199:
            return False
        if not 1 <= self.number <= PERIODS_PER_YEAR[self.level]:
            return False
        if self.level == PlanLevel.WEEK:
            return self.number <= date(self.year, 12, 28).isocalendar().week  # 52 or 53
        return True

    @property
    def span(self) -> tuple[date, date]:
        """The first and last day of the period."""
        if self.level == PlanLevel.WEEK:
            monday = date.fromisocalendar(self.year, self.number, 1)
            return monday, monday + timedelta(days=6)
        months = MONTHS[self.level]
        first_month = (self.number - 1) * months + 1
        start = date(self.year, first_month, 1)
        after = first_month + months
        end = date(self.year + 1, 1, 1) if after > 12 else date(self.year, after, 1)
        return start, end - timedelta(days=1)

    @property
    def anchor(self) -> tuple[date, date]:
        """The days that must lie inside a higher period for this one to belong to it: the
        whole span, or a week's Thursday."""
        if self.level == PlanLevel.WEEK:
            thursday = date.fromisocalendar(self.year, self.number, 4)
            return thursday, thursday
        return self.span

    def contains(self, other: Period) -> bool:
        """Whether ``other`` (of a lower level) lies inside this period."""
        start, end = self.span
        first, last = other.anchor
        return start <= first and last <= end

    @property
    def label(self) -> str:
        """The period in words, in the user's language: Year 2026, Quarter II/2026."""
        if self.level == PlanLevel.YEAR:
            return _("Year %(year)s", year=self.year)
        if self.level == PlanLevel.HALF_YEAR:
            if self.number == 1:
                return _("First half of %(year)s", year=self.year)
            return _("Second half of %(year)s", year=self.year)
        if self.level == PlanLevel.QUARTER:
            return _("Quarter %(roman)s/%(year)s", roman=ROMAN[self.number - 1], year=self.year)
        if self.level == PlanLevel.MONTH:
            return _("Month %(month)s/%(year)s", month=self.number, year=self.year)
        start, end = self.span
        return _(
            "Week %(week)s/%(year)s (%(start)s–%(end)s)",
            week=self.number,
            year=self.year,
            start=start.strftime("%d/%m"),
            end=end.strftime("%d/%m"),
        )

    @classmethod
    def of(cls, level: str, day: date) -> Period:
        """The period of ``level`` that holds ``day``."""
        if level == PlanLevel.WEEK:
            iso = day.isocalendar()
            return cls(level, iso.year, iso.week)
        return cls(level, day.year, (day.month - 1) // MONTHS[level] + 1)


def is_higher(level: str, than: str) -> bool:
    """Whether plans of ``level`` sit above plans of ``than`` (a year above a month)."""
    return RANK[level] < RANK[than]
