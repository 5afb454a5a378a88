"""The printable grid as a PDF, landscape A4: the week's title, its note and version, then
days × half-days against the leaders, in the DejaVu fonts.

A page holds at most :data:`LEADERS_PER_TABLE` leader columns; more leaders continue in another
table on the following pages, so columns stay readable. A half-day with many events for one
leader continues on extra rows, so no row outgrows a page (fpdf2 cannot split a row).
"""

from __future__ import annotations

from math import ceil
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _

from core.printing import FONT, pdf_bytes, pdf_document
from plugins.planning.schedule.grid import Grid, GridItem, GridRow

MARGIN = 8  # mm
FIRST_COLUMN = 26  # mm: the day and half-day
LEADERS_PER_TABLE = 6
ITEMS_PER_ROW = 4  # events of one leader in one half-day before the row continues
FONT_SIZE = 8


def grid_pdf(grid: Grid, agency: str = "") -> bytes:
    pdf = pdf_document(title=grid.title, orientation="L", page_format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    count = len(grid.leaders)
    for first in range(0, max(count, 1), LEADERS_PER_TABLE):
        columns = list(range(first, min(first + LEADERS_PER_TABLE, count)))
        pdf.add_page()
        _heading(pdf, grid, agency)
        _table(pdf, grid, columns)
    return pdf_bytes(pdf)


def _table(pdf: Any, grid: Grid, columns: list[int]) -> None:
    pdf.set_font(FONT, "", FONT_SIZE)
    width = (pdf.epw - FIRST_COLUMN) / max(len(columns), 1)
    with pdf.table(
        col_widths=(FIRST_COLUMN, *([width] * max(len(columns), 1))),
        width=pdf.epw,
        text_align="LEFT",
        line_height=FONT_SIZE * 0.5,
        first_row_as_headings=True,
        repeat_headings=1,
    ) as table:
        heading = table.row()
        heading.cell("")
        for index in columns:
            heading.cell(str(grid.leaders[index]))
        if not columns:
            heading.cell(_("No leader"))
        for row in grid.rows:
            cells = [row.cells[i] for i in columns] or [[]]
            parts = max(1, *(ceil(len(cell) / ITEMS_PER_ROW) for cell in cells))
            for part in range(parts):
                line = table.row()
                line.cell(_row_label(row, part))
                for cell in cells:
                    shown = cell[part * ITEMS_PER_ROW : (part + 1) * ITEMS_PER_ROW]
                    line.cell("\n".join(_line(item) for item in shown))


def _row_label(row: GridRow, part: int) -> str:
    label = f"{format_date(row.day, 'EEEE')}\n{row.day:%d/%m}\n{row.session_label}"
    return label if part == 0 else f"{label}\n({_('continued')})"


def _heading(pdf: Any, grid: Grid, agency: str) -> None:
    if agency:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(w=0, h=5, text=agency.upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 14)
    pdf.cell(
        w=0,
        h=8,
        text=_("Leaders' weekly schedule").upper(),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(FONT, "B", 12)
    pdf.cell(w=0, h=7, text=grid.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    if grid.published and grid.record is not None:
        status = _("Version %(n)d", n=grid.record.published_version)
    else:
        status = _("Draft — not published")
    pdf.cell(w=0, h=5, text=status, align="C", new_x="LMARGIN", new_y="NEXT")
    if grid.record is not None and grid.record.note:
        pdf.set_font(FONT, "B", 9)
        pdf.cell(w=0, h=5, text=grid.record.note, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _line(item: GridItem) -> str:
    parts = [f"{item.time} {item.title}".strip()]
    if item.place:
        parts.append(_("at %(place)s", place=item.place))
    if item.detail:
        parts.append(item.detail)
    return " — ".join(parts)
