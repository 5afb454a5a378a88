"""On-time figures of tasks per unit and per period, in one GROUP BY statement.

A task counts against its ORIGINAL deadline ``due_on`` (an extension moves ``deadline``, never
the statistics): done on time when completed on or before ``due_on``, done late after it,
overdue when still open and ``due_on`` has passed, pending when open and not yet due; a
cancelled task does not count. The on-time rate is on time / (on time + late + overdue).

A task belongs to its lead unit, or for a task led by a person to that person's primary unit;
it falls into the period (month, quarter or year) of its ``due_on``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Integer, and_, case, cast, extract, func, literal_column, select
from sqlalchemy.orm import Session

from core.identity.access import in_units
from core.org.models import Membership, Unit
from plugins.planning.tasks.models import DONE_STATUSES, Task, TaskStatus

PERIOD_KINDS = ("month", "quarter", "year")
#: How many years a yearly view shows, up to the year chosen.
YEARS_SHOWN = 5


@dataclass
class Figures:
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0

    @property
    def counted(self) -> int:
        """The tasks the rate is computed over."""
        return self.on_time + self.late + self.overdue

    @property
    def rate(self) -> float | None:
        """On time / (on time + late + overdue), or None when nothing is counted yet."""
        return self.on_time / self.counted if self.counted else None

    def add(self, other: Figures) -> None:
        self.on_time += other.on_time
        self.late += other.late
        self.overdue += other.overdue
        self.pending += other.pending


@dataclass(frozen=True)
class Period:
    """A column of the statistics: (year, number) of a month, a quarter or a year."""

    kind: str
    year: int
    number: int

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.number:02d}/{self.year}"
        if self.kind == "quarter":
            return _("Q%(number)s/%(year)s", number=self.number, year=self.year)
        return str(self.year)


@dataclass
class Report:
    """Figures per (unit, period), with totals per unit, per period and overall."""

    kind: str
    periods: list[Period]
    units: list[tuple[int | None, str]]  # (unit id, name), in the org chart's order
    cells: dict[tuple[int | None, Period], Figures] = field(default_factory=dict)
    by_unit: dict[int | None, Figures] = field(default_factory=dict)
    by_period: dict[Period, Figures] = field(default_factory=dict)
    total: Figures = field(default_factory=Figures)

    def cell(self, unit_id: int | None, period: Period) -> Figures:
        return self.cells.get((unit_id, period), Figures())


def periods_of(kind: str, year: int) -> list[Period]:
    """The columns: the year's months or quarters, or the last :data:`YEARS_SHOWN` years."""
    if kind == "month":
        return [Period(kind, year, m) for m in range(1, 13)]
    if kind == "quarter":
        return [Period(kind, year, q) for q in range(1, 5)]
    return [Period(kind, y, 1) for y in range(year - YEARS_SHOWN + 1, year + 1)]


def on_time_report(
    session: Session, kind: str, year: int, today: date, paths: set[str] | None = None
) -> Report:
    """The figures of ``kind`` periods (see :func:`periods_of`) as of ``today``, for the units
    under ``paths`` (None: every unit). Two statements: the figures, the units' names."""
    periods = periods_of(kind, year)
    first, last = periods[0].year, periods[-1].year
    unit = func.coalesce(Task.lead_unit_id, Membership.unit_id)
    due_year = cast(extract("year", Task.due_on), Integer)
    month = cast(extract("month", Task.due_on), Integer)
    number = {"month": month, "quarter": (month + 2) // 3, "year": literal_column("1")}[kind]
    done = Task.status.in_([s.value for s in DONE_STATUSES])
    still_open = ~done & (Task.status != TaskStatus.CANCELLED.value)
    grouped = [unit, due_year] if kind == "year" else [unit, due_year, number]
    query = (
        select(
            unit,
            due_year,
            number,
            _count(done & (Task.completed_on <= Task.due_on)),
            _count(done & (Task.completed_on > Task.due_on)),
            _count(still_open & (Task.due_on < today)),
            _count(still_open & (Task.due_on >= today)),
        )
        .outerjoin(Membership, and_(Membership.user_id == Task.lead_user_id, Membership.is_primary))
        .where(
            Task.status != TaskStatus.CANCELLED.value,
            Task.due_on >= date(first, 1, 1),
            Task.due_on <= date(last, 12, 31),
        )
        .group_by(*grouped)
    )
    if paths is not None:
        query = query.where(in_units(unit, paths))
    report = Report(kind, periods, [])
    for unit_id, row_year, number, on_time, late, overdue, pending in session.execute(query):
        figures = Figures(on_time, late, overdue, pending)
        period = Period(kind, row_year, number)
        report.cells[(unit_id, period)] = figures
        report.by_unit.setdefault(unit_id, Figures()).add(figures)
        report.by_period.setdefault(period, Figures()).add(figures)
        report.total.add(figures)
    report.units = _unit_names(session, report.by_unit)
    return report


def _count(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _unit_names(session: Session, unit_ids: Iterable[int | None]) -> list[tuple[int | None, str]]:
    wanted = [u for u in unit_ids if u is not None]
    named: list[tuple[int | None, str]] = []
    if wanted:
        named += [
            (unit_id, name)
            for unit_id, name in session.execute(
                select(Unit.id, Unit.name).where(Unit.id.in_(wanted)).order_by(Unit.path)
            )
        ]
    if None in unit_ids:
        named.append((None, ""))
    return named
