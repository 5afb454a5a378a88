"""The statistics as an Excel workbook: one sheet per unit, one per period, and the table of
units × periods. Imported only when a workbook is asked for (openpyxl takes 200 ms to load)."""

from __future__ import annotations

import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.registry.export import XLSX, as_text
from plugins.planning.stats.figures import Figures, Report

__all__ = ["XLSX", "stats_workbook"]


def _headers() -> list[str]:
    return [_("On time"), _("Late"), _("Overdue"), _("Not yet due"), _("On-time rate")]


def _numbers(figures: Figures) -> list[object]:
    rate = round(figures.rate, 4) if figures.rate is not None else None
    return [figures.on_time, figures.late, figures.overdue, figures.pending, rate]


def _sheet(sheet: Worksheet, header: list[str], rows: list[list[object]]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([as_text(v) for v in row])
        rate = sheet.cell(row=sheet.max_row, column=len(header))
        rate.number_format = "0.0%"
    sheet.column_dimensions["A"].width = 48
    for index in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 14


def stats_workbook(report: Report, unnamed: str) -> bytes:
    """The report as an .xlsx file; ``unnamed`` names tasks of no unit."""
    workbook = Workbook()
    by_unit = workbook.active
    assert by_unit is not None
    by_unit.title = _("By unit")[:31]
    _sheet(
        by_unit,
        [_("Unit"), *_headers()],
        [[name or unnamed, *_numbers(report.by_unit[u])] for u, name in report.units]
        + [[_("All units"), *_numbers(report.total)]],
    )
    _sheet(
        workbook.create_sheet(_("By period")[:31]),
        [_("Period"), *_headers()],
        [[p.label, *_numbers(report.by_period.get(p, Figures()))] for p in report.periods],
    )
    _sheet(
        workbook.create_sheet(_("Units and periods")[:31]),
        [_("Unit"), _("Period"), *_headers()],
        [
            [name or unnamed, p.label, *_numbers(report.cell(u, p))]
            for u, name in report.units
            for p in report.periods
            if report.cell(u, p).counted or report.cell(u, p).pending
        ],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
