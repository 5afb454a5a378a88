"""The register book (sổ đăng ký văn bản đi) as an Excel workbook, with the columns of Decree 30's
outgoing-documents register."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.i18n import agency_zone
from core.registry.models import Document

#: Column titles (translated when written) and widths, in the register book's order.
COLUMNS = (
    (_l("Number and symbol"), 16),
    (_l("Date of the document"), 14),
    (_l("Type and summary"), 60),
    (_l("Signer"), 24),
    (_l("Recipients"), 40),
    (_l("Unit or person keeping the file copy"), 24),
    (_l("Copies"), 10),
    (_l("Note"), 32),
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def book_row(document: Document) -> list[object]:
    """One line of the book: what Decree 30's register records of ``document``."""
    note = document.note
    if document.withdrawn:
        at = document.withdrawn_at
        withdrawn = _(
            "Withdrawn on %(day)s: %(reason)s",
            day=at.astimezone(agency_zone()).strftime("%d/%m/%Y") if at else "",
            reason=document.withdrawn_reason,
        )
        note = f"{withdrawn}. {note}" if note else withdrawn
    return [
        document.symbol,
        document.signed_on,
        f"{document.type.name} {document.summary}",
        document.signer,
        document.recipients,
        document.archive_holder,
        document.copies,
        note,
    ]


def as_text(value: object) -> object:
    """Text as a spreadsheet may hold it: without the control characters it refuses (an
    old record, or one typed before they were refused, must not break the book)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def book_workbook(documents: Iterable[Document], title: str) -> bytes:
    """The documents, one row each under a header row, as an .xlsx file."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Sheet"
    sheet.append([str(label) for label, _width in COLUMNS])
    for index, (_label, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.freeze_panes = "A2"
    wrap = Alignment(vertical="top", wrap_text=True)
    for document in documents:
        sheet.append([as_text(value) for value in book_row(document)])
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text: "=HYPERLINK(…)" is never a formula
        sheet.cell(row=sheet.max_row, column=2).number_format = "DD/MM/YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
