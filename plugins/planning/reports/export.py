"""A consolidated report as an Excel workbook (openpyxl: import this module only when a
workbook is asked for — openpyxl takes a fifth of a second to import).

Three sheets: the totals and the units that did not report; each unit's status and figures;
the text each unit wrote.
"""

from __future__ import annotations

import io
import re
from typing import Any

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.i18n import agency_zone
from core.registry.export import XLSX, as_text
from plugins.planning.reports.consolidation import Consolidation
from plugins.planning.reports.labels import SUBMISSION_STATUSES

__all__ = ["XLSX", "report_workbook"]

BOLD = Font(bold=True)
WRAP = Alignment(vertical="top", wrap_text=True)


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Sheet"


def _header(sheet: Worksheet, titles: list[str], widths: list[int]) -> None:
    sheet.append(titles)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _row(sheet: Worksheet, values: list[Any]) -> None:
    sheet.append([as_text(v) for v in values])
    for cell in sheet[sheet.max_row]:
        cell.alignment = WRAP
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text stays text: "=HYPERLINK(…)" is never a formula


def report_workbook(report: Consolidation) -> bytes:
    """The consolidated report of ``report.period`` as an .xlsx file."""
    period = report.period
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _sheet_title(_("Summary"))
    summary.append([as_text(f"{period.type.name} — {period.key}")])
    summary["A1"].font = Font(bold=True, size=13)
    summary.append(
        [
            _(
                "Period %(start)s–%(end)s, figures cut off on %(cutoff)s, due on %(due)s",
                start=period.starts_on.strftime("%d/%m/%Y"),
                end=period.ends_on.strftime("%d/%m/%Y"),
                cutoff=period.cutoff_on.strftime("%d/%m/%Y"),
                due=period.due_on.strftime("%d/%m/%Y"),
            )
        ]
    )
    summary.append(
        [_("%(done)d of %(all)d units reported", done=len(report.reported), all=len(report.units))]
    )
    summary.append([])
    _header(summary, [_("Figure"), _("Total"), _("Units reporting it")], [48, 16, 18])
    for total in report.totals:
        _row(summary, [total.label, total.total, total.units])
    summary.append([])
    summary.append([_("Units that did not report")])
    summary.cell(row=summary.max_row, column=1).font = BOLD
    for unit in report.missing:
        _row(summary, [unit.unit])
    if not report.missing:
        _row(summary, [_("none")])

    units = workbook.create_sheet(_sheet_title(_("Units")))
    numbers = report.number_fields
    _header(
        units,
        [_("Unit"), _("Status"), _("Submitted at"), *(f["label"] for f in numbers)],
        [40, 20, 18, *(16 for _f in numbers)],
    )
    zone = agency_zone()
    for unit in report.units:
        submitted = (
            unit.submitted_at.astimezone(zone).replace(tzinfo=None) if unit.submitted_at else None
        )
        _row(
            units,
            [
                unit.unit,
                str(SUBMISSION_STATUSES.get(unit.status, unit.status)),
                submitted,
                *(unit.figures.get(f["name"]) for f in numbers),
            ],
        )
        units.cell(row=units.max_row, column=3).number_format = "DD/MM/YYYY HH:MM"
    units.freeze_panes = "B2"

    texts = workbook.create_sheet(_sheet_title(_("Texts")))
    _header(texts, [_("Unit"), _("Section"), _("Text")], [40, 32, 100])
    for unit in report.reported:
        for section in unit.texts:
            _row(texts, [unit.unit, section.label, section.text])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
