"""Letters, decisions, invoices and receipts as PDF documents in the reader's language.

fpdf2 is pure Python: no system libraries (WeasyPrint needs Pango, which CI images and the demo machine
cannot be relied on to have). The documents carry their language (`/Lang`), title and author, a
bookmark outline, real text (selectable and read by screen readers) in a logical reading order, and
embed a Unicode TrueType font where the system has one (DejaVu Sans), else the PDF core font (Latin-1
covers Finnish and Swedish). fpdf2 does not write a complete structure tree, so the documents are not
PDF/UA conformant; the same content is always in the inbox as accessible HTML.
"""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
)


@dataclass(frozen=True)
class Document:
    title: str
    language: str
    sender: str
    recipient_lines: list[str]
    paragraphs: list[str]
    created: dt.datetime
    rows: list[tuple[str, str]] = field(default_factory=list)  # label, value (an invoice's details)
    barcode: str = ""  # the virtual bar code, printed as digits for copying


def _font(pdf: FPDF) -> str:
    for candidate in FONT_CANDIDATES:
        if candidate.exists():
            pdf.add_font("DejaVu", "", str(candidate))
            return "DejaVu"
    return "helvetica"


def _text(value: str, unicode_font: bool) -> str:
    return value if unicode_font else value.encode("latin-1", "replace").decode("latin-1")


def render(document: Document) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_lang(document.language)
    pdf.set_title(document.title)
    pdf.set_author(document.sender)
    pdf.set_creator("Luukku")
    pdf.set_creation_date(document.created)
    pdf.set_display_mode("fullwidth")
    pdf.add_page()
    family = _font(pdf)
    unicode_font = family != "helvetica"

    def write(value: str, size: int = 11, height: float = 6) -> None:
        pdf.set_font(family, size=size)
        pdf.multi_cell(0, height, _text(value, unicode_font), new_x="LMARGIN", new_y="NEXT")

    write(document.sender, 10)
    pdf.ln(4)
    for line in document.recipient_lines:
        write(line, 10, 5)
    pdf.ln(8)
    pdf.start_section(_text(document.title, unicode_font))
    write(document.title, 16, 9)
    write(document.created.strftime("%d.%m.%Y"), 10)
    pdf.ln(4)
    for paragraph in document.paragraphs:
        write(paragraph)
        pdf.ln(2)
    if document.rows:
        pdf.ln(2)
        pdf.set_font(family, size=11)
        for label, value in document.rows:
            pdf.cell(70, 7, _text(label, unicode_font))
            pdf.cell(0, 7, _text(value, unicode_font), new_x="LMARGIN", new_y="NEXT")
    if document.barcode:
        pdf.ln(4)
        write(document.barcode, 9)
    return bytes(pdf.output())
