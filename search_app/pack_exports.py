"""A pack's outline written as a Word document a trainer can hand out (A4, clickable
sources, the pack named in the document's properties) and as Markdown."""

from __future__ import annotations

import io
import re
from datetime import datetime

from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm
from docx.text.paragraph import Paragraph

from search_app.pack_outline import APP_NAME, Citation, Link, Outline

LINK_COLOUR = "0B5394"


def _hyperlink(paragraph: Paragraph, link: Link) -> None:
    """A clickable link: an external relationship of the document part and a run inside
    w:hyperlink, coloured and underlined as Word shows links."""
    rel_id = paragraph.part.relate_to(link.url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), LINK_COLOUR)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(colour)
    properties.append(underline)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = link.url
    text.set(qn("xml:space"), "preserve")
    run.append(text)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def _citation(paragraph: Paragraph, label: str, citation: Citation) -> None:
    paragraph.add_run(label).bold = True
    paragraph.add_run(citation.text + ".")
    for link in (citation.archived, citation.original):
        if link is not None:
            paragraph.add_run(f" {link.label}: ")
            _hyperlink(paragraph, link)


def _a4(document: Document) -> None:  # type: ignore[valid-type]
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2)


def _properties(document: Document, outline: Outline) -> None:  # type: ignore[valid-type]
    properties = document.core_properties
    properties.title = outline.title
    properties.subject = outline.subject
    properties.author = APP_NAME
    properties.last_modified_by = APP_NAME
    properties.keywords = "learning pack; case reviews; child safeguarding"
    properties.comments = outline.intro
    properties.created = properties.modified = datetime.now().replace(microsecond=0)
    properties.revision = 1


def to_docx(outline: Outline) -> bytes:
    document = Document()
    _a4(document)
    _properties(document, outline)
    document.add_heading(outline.title, level=0)
    document.add_paragraph(outline.intro)
    if outline.cases:
        document.add_paragraph("Cases: " + "; ".join(outline.cases))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for run in outline.runs:
        document.add_heading(run.heading + (" (continued)" if run.continued else ""), level=1)
        if run.summary is not None:
            about = document.add_paragraph()
            about.add_run("About the case: ").bold = True
            about.add_run(run.summary.text)
            _citation(document.add_paragraph(), "Summary from: ", run.summary.citation)
        for lesson in run.lessons:
            document.add_heading(lesson.heading, level=2)
            # The lesson as the report words it: its own number ("3.2", "Lesson 4:") is
            # kept, and no list style numbers it again.
            document.add_paragraph(lesson.text)
            _citation(document.add_paragraph(), "Source: ", lesson.citation)
            if lesson.note:
                note = document.add_paragraph()
                note.add_run("Trainer's note: ").bold = True
                note.add_run(lesson.note).italic = True
    if outline.questions:
        document.add_heading("Reflective questions", level=1)
        for question in outline.questions:
            document.add_paragraph(question, style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# What Markdown would read as markup at the start of a line (a heading, a list, a quote)
# or anywhere (emphasis, links, raw HTML).
_LINE_START = re.compile(r"^(\s*)([#>+*-]|\d+[.)])(?=\s|$)")
_INLINE = re.compile(r"([\\`*_\[\]<>])")


def _md(text: str, line_start: bool = True) -> str:
    """Text shown as written: one paragraph, its markup characters escaped (a heading's
    text needs no escape at its start)."""
    text = _INLINE.sub(r"\\\1", " ".join(text.split()))
    if not line_start:
        return text
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def _md_citation(label: str, citation: Citation) -> str:
    links = [
        f"[{link.label}](<{link.url}>)"
        for link in (citation.archived, citation.original)
        if link is not None
    ]
    return f"*{label}* {_md(citation.text)}." + (" " + " · ".join(links) if links else "")


def to_markdown(outline: Outline) -> str:
    lines = [f"# {_md(outline.title, False)}", "", _md(outline.intro), ""]
    if outline.cases:
        lines += ["Cases: " + _md("; ".join(outline.cases)), ""]
    for run in outline.runs:
        lines += [f"## {_md(run.heading, False)}" + (" (continued)" if run.continued else ""), ""]
        if run.summary is not None:
            lines += [f"**About the case:** {_md(run.summary.text)}", ""]
            lines += [_md_citation("Summary from:", run.summary.citation), ""]
        for lesson in run.lessons:
            lines += [f"### {_md(lesson.heading, False)}", "", _md(lesson.text), ""]
            lines += [_md_citation("Source:", lesson.citation), ""]
            if lesson.note:
                lines += [f"*Trainer's note:* {_md(lesson.note)}", ""]
    if outline.questions:
        lines += ["## Reflective questions", ""]
        lines += [f"{n}. {_md(q)}" for n, q in enumerate(outline.questions, start=1)] + [""]
    return "\n".join(lines)
