"""Working days: Monday to Friday, minus public holidays, corrected by announced exceptions."""

from __future__ import annotations

import functools
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.calendar.models import CalendarDay

WEEKEND = (5, 6)  # Saturday, Sunday


@functools.cache
def public_holidays(year: int, language: str = "vi") -> dict[date, str]:
    """Vietnam's public holidays of ``year`` (lunar New Year and Hùng Kings' day included)."""
    import holidays  # imported when first needed: it is slow to import

    found = holidays.country_holidays("VN", years=year, language=language)
    return dict(sorted(found.items()))


class WorkingCalendar:
    """The calendar for a range of years, with the announced exceptions loaded in one query."""

    def __init__(self, session: Session, first_year: int, last_year: int) -> None:
        rows = session.execute(
            select(CalendarDay.day, CalendarDay.working).where(
                CalendarDay.day >= date(first_year, 1, 1),
                CalendarDay.day <= date(last_year, 12, 31),
            )
        ).all()
        self.exceptions = dict(rows)
        self.years = range(first_year, last_year + 1)

    def is_working_day(self, day: date) -> bool:
        if day in self.exceptions:
            return bool(self.exceptions[day])
        if day.year not in self.years:
            raise ValueError(f"{day} is outside the calendar's years")
        return day.weekday() not in WEEKEND and day not in public_holidays(day.year)


def _calendar(session: Session, start: date, span_days: int) -> WorkingCalendar:
    # Tết alone can take ten days; a generous window keeps it to one query.
    end = start + timedelta(days=span_days)
    return WorkingCalendar(session, min(start, end).year, max(start, end).year + 1)


def is_working_day(session: Session, day: date) -> bool:
    return WorkingCalendar(session, day.year, day.year).is_working_day(day)


def add_working_days(session: Session, start: date, n: int) -> date:
    """The day ``n`` working days after ``start`` (``start`` itself not counted): the
    deadline of "within N working days". ``n`` may be negative (working days before)."""
    step = 1 if n >= 0 else -1
    calendar = _calendar(session, start, 3 * n + 30 * step)
    day, left = start, abs(n)
    while left:
        day += timedelta(days=step)
        if calendar.is_working_day(day):
            left -= 1
    return day


def working_days_between(session: Session, a: date, b: date) -> int:
    """Working days after ``a`` up to and including ``b``; when ``b`` is earlier, minus the
    working days from ``b`` up to but excluding ``a`` — the inverse of :func:`add_working_days`."""
    first, last = min(a, b), max(a, b)
    calendar = WorkingCalendar(session, first.year, last.year)
    if b >= a:
        return sum(
            calendar.is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1)
        )
    return -sum(calendar.is_working_day(b + timedelta(days=i)) for i in range((a - b).days))


def non_working_days(session: Session, year: int, language: str = "vi") -> list[tuple[date, str]]:
    """Every day off of ``year`` other than ordinary weekends, and weekends made working, with
    the reason: holidays, announced days off, and announced working weekends."""
    exceptions = {
        day: (working, note)
        for day, working, note in session.execute(
            select(CalendarDay.day, CalendarDay.working, CalendarDay.note).where(
                CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31)
            )
        ).all()
    }
    days = {
        day: name for day, name in public_holidays(year, language).items() if day not in exceptions
    }
    for day, (working, note) in exceptions.items():
        if not working:
            days[day] = note
    return sorted(days.items())


def announced_working_days(session: Session, year: int) -> list[tuple[date, str]]:
    rows = session.execute(
        select(CalendarDay.day, CalendarDay.note)
        .where(
            CalendarDay.working,
            CalendarDay.day >= date(year, 1, 1),
            CalendarDay.day <= date(year, 12, 31),
        )
        .order_by(CalendarDay.day)
    ).all()
    return [(day, note) for day, note in rows]
