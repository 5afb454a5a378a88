"""Printed pages as PDF: an ``fpdf2`` document with the bundled DejaVu fonts registered, so
Vietnamese text (ă, ơ, ư, ạ, ữ…) prints correctly whatever fonts the server has.

    pdf = pdf_document(title="Tuần 48 (23/11–29/11)", orientation="L")
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.cell(text="Tuần 48 (23/11–29/11)")
    data = pdf_bytes(pdf)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

FONTS = Path(__file__).parent / "static" / "fonts"
#: The font family registered on every document: regular ("") and bold ("B").
FONT = "DejaVu"


def pdf_document(*, title: str = "", orientation: str = "P", page_format: str = "A4") -> Any:
    """A new :class:`fpdf.FPDF` (millimetres) with :data:`FONT` registered and selected at
    10 pt; ``title`` goes into the document's metadata (shown by viewers, found by search)."""
    from fpdf import FPDF  # 100 ms to import: only when a PDF is made

    pdf = FPDF(orientation=orientation, unit="mm", format=page_format)
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_font(FONT, "", 10)
    pdf.set_creator("VanPhong")
    if title:
        pdf.set_title(title)
    return pdf


def pdf_bytes(pdf: Any) -> bytes:
    """The finished document."""
    return bytes(pdf.output())
