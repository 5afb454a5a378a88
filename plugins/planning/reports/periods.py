"""Reporting periods as the office names them, and their cut-off and due dates.

A period is named by a key: ``2026-W48`` (week, ISO numbering, Monday to Sunday), ``2026-11``
(month), ``2026-Q4`` (quarter), ``2026-H2`` (six months) and ``2026`` (year).

Each report type says when its figures are cut off and when units must submit:

- ``cutoff_day``: the day of the period's **last month** on which the figures are cut off
  (1–31; a shorter month cuts off on its last day), or for a weekly report the weekday
  (1 = Monday … 7 = Sunday);
- ``due_days``: how many days after the cut-off the report is due (0: on the cut-off day).

Decree 09/2019/NĐ-CP is read as cutting figures off on the 14th of the period's last month;
those dates are unverified (DOMAIN.md), so they are only the defaults and every type sets its
own.
"""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass
from datetime import date, timedelta


class PeriodKind(enum.StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


KINDS = tuple(k.value for k in PeriodKind)

#: The defaults of a new report type (Decree 09/2019 as read here; unverified, so configurable).
DEFAULT_CUTOFF_DAY = 14
DEFAULT_WEEKLY_CUTOFF_DAY = 4  # Thursday
DEFAULT_DUE_DAYS = 1
MAX_DUE_DAYS = 90

#: Years a key may name.
FIRST_YEAR, LAST_YEAR = 2000, 2199

_PATTERNS = {
    PeriodKind.WEEK: re.compile(r"^(\d{4})-W(\d{2})$"),
    PeriodKind.MONTH: re.compile(r"^(\d{4})-(\d{2})$"),
    PeriodKind.QUARTER: re.compile(r"^(\d{4})-Q(\d)$"),
    PeriodKind.HALF_YEAR: re.compile(r"^(\d{4})-H(\d)$"),
    PeriodKind.YEAR: re.compile(r"^(\d{4})$"),
}

#: How a key of each kind looks, for messages.
KEY_EXAMPLES = {
    PeriodKind.WEEK: "2026-W48",
    PeriodKind.MONTH: "2026-11",
    PeriodKind.QUARTER: "2026-Q4",
    PeriodKind.HALF_YEAR: "2026-H2",
    PeriodKind.YEAR: "2026",
}

_ROMAN = ("I", "II", "III", "IV")


class BadKey(ValueError):
    """A period key that does not name a period of the kind."""


@dataclass(frozen=True)
class Span:
    """A period: its key and its first and last day (both included)."""

    key: str
    starts_on: date
    ends_on: date

    def following(self, kind: str) -> Span:
        return span_of(kind, self.ends_on + timedelta(days=1))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def span_of(kind: str, day: date) -> Span:
    """The period of ``kind`` that holds ``day``."""
    kind = PeriodKind(kind)
    year = day.year
    if kind is PeriodKind.WEEK:
        monday = day - timedelta(days=day.weekday())
        iso_year, number, _weekday = monday.isocalendar()
        return Span(f"{iso_year}-W{number:02d}", monday, monday + timedelta(days=6))
    if kind is PeriodKind.MONTH:
        return Span(f"{year}-{day.month:02d}", day.replace(day=1), _month_end(year, day.month))
    if kind is PeriodKind.QUARTER:
        quarter = (day.month - 1) // 3 + 1
        first = 3 * quarter - 2
        return Span(f"{year}-Q{quarter}", date(year, first, 1), _month_end(year, first + 2))
    if kind is PeriodKind.HALF_YEAR:
        half = 1 if day.month <= 6 else 2
        first = 1 if half == 1 else 7
        return Span(f"{year}-H{half}", date(year, first, 1), _month_end(year, first + 5))
    return Span(str(year), date(year, 1, 1), date(year, 12, 31))


def parse_key(kind: str, key: str) -> Span:
    """The period ``key`` names; :class:`BadKey` when it is not a key of ``kind``."""
    kind = PeriodKind(kind)
    match = _PATTERNS[kind].match((key or "").strip())
    if match is None:
        raise BadKey(key)
    year = int(match.group(1))
    number = int(match.group(2)) if kind is not PeriodKind.YEAR else 1
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BadKey(key)
    try:
        if kind is PeriodKind.WEEK:
            first = date.fromisocalendar(year, number, 1)
        elif kind is PeriodKind.MONTH:
            first = date(year, number, 1)
        elif kind is PeriodKind.QUARTER:
            if not 1 <= number <= 4:
                raise BadKey(key)
            first = date(year, 3 * number - 2, 1)
        elif kind is PeriodKind.HALF_YEAR:
            if number not in (1, 2):
                raise BadKey(key)
            first = date(year, 1 if number == 1 else 7, 1)
        else:
            first = date(year, 1, 1)
    except ValueError as exc:
        raise BadKey(key) from exc
    return span_of(kind, first)


def cutoff_range(kind: str) -> tuple[int, int]:
    """The values ``cutoff_day`` may take for ``kind``."""
    return (1, 7) if kind == PeriodKind.WEEK.value else (1, 31)


def default_cutoff_day(kind: str) -> int:
    return DEFAULT_WEEKLY_CUTOFF_DAY if kind == PeriodKind.WEEK.value else DEFAULT_CUTOFF_DAY


def deadlines(kind: str, span: Span, cutoff_day: int, due_days: int) -> tuple[date, date]:
    """The cut-off and due dates of ``span`` for a type cutting off on ``cutoff_day`` and due
    ``due_days`` later (see the module's docstring)."""
    if kind == PeriodKind.WEEK.value:
        cutoff = span.starts_on + timedelta(days=cutoff_day - 1)
    else:
        last = span.ends_on
        cutoff = last.replace(day=min(cutoff_day, last.day))
    return cutoff, cutoff + timedelta(days=due_days)


def vietnamese_label(kind: str, key: str) -> str:
    """The period as a Vietnamese document names it: ``tháng 11/2026``, ``quý IV/2026``,
    ``6 tháng cuối năm 2026``, ``tuần 48/2026``, ``năm 2026``."""
    span = parse_key(kind, key)
    year = span.ends_on.year
    if kind == PeriodKind.WEEK.value:
        iso_year, number, _ = span.starts_on.isocalendar()
        return f"tuần {number}/{iso_year}"
    if kind == PeriodKind.MONTH.value:
        return f"tháng {span.starts_on.month}/{year}"
    if kind == PeriodKind.QUARTER.value:
        return f"quý {_ROMAN[(span.starts_on.month - 1) // 3]}/{year}"
    if kind == PeriodKind.HALF_YEAR.value:
        half = "đầu" if span.starts_on.month == 1 else "cuối"
        return f"6 tháng {half} năm {year}"
    return f"năm {year}"
