"""Real documents made in memory for tests: PDFs drawn with reportlab, DOCX written with
python-docx. Plain functions, so any test file can use them."""

from __future__ import annotations

import io

A4_WIDTH, A4_HEIGHT = 595.27, 841.89
LEFT_MARGIN = 56
TOP = A4_HEIGHT - 64
LINE_HEIGHT = 15


def make_pdf(
    pages: list[list[str]],
    *,
    encrypt: str | None = None,
    title: str | None = None,
    font_size: int = 11,
) -> bytes:
    """A PDF with one page per item of `pages`, each line drawn as a line of text.

    `encrypt` sets a user password (the file cannot be opened without it); `title` goes
    into the document information dictionary. An empty list of lines gives a page with
    no text at all.
    """
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(A4_WIDTH, A4_HEIGHT), encrypt=encrypt)
    if title is not None:
        pdf.setTitle(title)
    for lines in pages:
        pdf.setFont("Helvetica", font_size)
        y = TOP
        for line in lines:
            pdf.drawString(LEFT_MARGIN, y, line)
            y -= LINE_HEIGHT
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_drawing_pdf() -> bytes:
    """A one-page PDF with a filled rectangle and no text layer (like a scanned page)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(A4_WIDTH, A4_HEIGHT))
    pdf.setFillColorRGB(0.2, 0.3, 0.5)
    pdf.rect(100, 300, 300, 200, stroke=1, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_docx(
    paragraphs: list[tuple[str, str]],
    *,
    table: list[list[str]] | None = None,
    title: str | None = None,
) -> bytes:
    """A DOCX of (style name, text) paragraphs, e.g. ("Heading 1", "Key learning"),
    ("Normal", "..."), ("List Bullet", "..."); then an optional table of rows of cells."""
    import docx

    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    if table:
        grid = document.add_table(rows=len(table), cols=max(len(row) for row in table))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
