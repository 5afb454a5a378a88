"""Bar charts of on-time rates as plain geometry, drawn by a template as inline SVG: no
JavaScript, no library, nothing fetched from elsewhere, printable as is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from plugins.planning.stats.figures import Figures

#: Drawing sizes, in SVG user units.
LABEL_WIDTH = 260
BAR_AREA = 360
ROW_HEIGHT = 22
COLUMN_WIDTH = 44
COLUMN_HEIGHT = 160


@dataclass(frozen=True)
class Bar:
    label: str
    rate: float | None  # 0–1, None when nothing is counted
    counted: int
    x: float
    y: float
    width: float
    height: float

    @property
    def percent(self) -> str:
        return "—" if self.rate is None else f"{round(self.rate * 100)}%"

    @property
    def tone(self) -> str:
        """The bar's colour class: good from 80 %, fair from 50 %."""
        if self.rate is None:
            return "none"
        return "good" if self.rate >= 0.8 else "fair" if self.rate >= 0.5 else "poor"


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: float
    height: float


def horizontal(rows: Iterable[tuple[str, Figures]]) -> Chart:
    """One bar per row (units), its length the on-time rate."""
    bars = [
        Bar(
            label,
            figures.rate,
            figures.counted,
            LABEL_WIDTH,
            index * ROW_HEIGHT + 4,
            BAR_AREA * (figures.rate or 0),
            ROW_HEIGHT - 8,
        )
        for index, (label, figures) in enumerate(rows)
    ]
    return Chart(bars, LABEL_WIDTH + BAR_AREA + 50, max(len(bars), 1) * ROW_HEIGHT)


def vertical(columns: Iterable[tuple[str, Figures]]) -> Chart:
    """One column per period, its height the on-time rate."""
    bars = []
    for index, (label, figures) in enumerate(columns):
        height = COLUMN_HEIGHT * (figures.rate or 0)
        bars.append(
            Bar(
                label,
                figures.rate,
                figures.counted,
                index * COLUMN_WIDTH + 8,
                20 + COLUMN_HEIGHT - height,
                COLUMN_WIDTH - 16,
                height,
            )
        )
    return Chart(bars, max(len(bars), 1) * COLUMN_WIDTH + 16, COLUMN_HEIGHT + 44)
