"""Extraction: stored bytes -> text by page. The file type is read from the bytes.

Problem files come back with a status and a reason instead of raising, so one broken
document never stops a run.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from docx.text.paragraph import Paragraph

from harvester.headings import heading_mark
from harvester.textfix import LIGATURES, LINE_END_HYPHEN, Vocabulary, resolve_line_end_hyphens

PDF, DOCX, PPTX, DOC, HTML, TXT, UNKNOWN = "pdf", "docx", "pptx", "doc", "html", "txt", "unknown"
OK = "ok"
TOO_LARGE = "too_large"
MB = 1024 * 1024
# python-docx and python-pptx hold every part of the file in memory and parse each XML part
# into a tree about ten times its size (100 MB of XML took a parser to 1.1 GB).
XML_EXPANSION = 10


@dataclass(frozen=True)
class Extracted:
    kind: str
    status: str
    reason: str | None = None
    pages: list[str] = field(default_factory=list)
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == OK


def sniff_kind(data: bytes) -> str:
    head = data[:2048].lstrip()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return UNKNOWN
        if "word/document.xml" in names:
            return DOCX
        if any(n.startswith("ppt/") for n in names):
            return PPTX
        return UNKNOWN
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return DOC
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered:
        return HTML
    if head and _looks_like_text(data[:4096]):
        return TXT
    return UNKNOWN


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    text = sample.decode("utf-8", errors="replace")
    bad = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\r\n\t\f"))
    return bad <= len(text) * 0.05


DECLARED = {".pdf": PDF, ".docx": DOCX, ".pptx": PPTX, ".doc": DOC}


def _mismatch(kind: str, name: str | None) -> Extracted | None:
    """A file whose name promises a document type its bytes do not have."""
    if not name:
        return None
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    declared = DECLARED.get(suffix)
    if declared is None or declared == kind:
        return None
    if kind == HTML:
        return Extracted(
            kind, "wrong_type", f"named {suffix} but holds a web page (an error or login page?)"
        )
    if kind in (TXT, UNKNOWN):
        return Extracted(kind, "corrupt", f"named {suffix} but is not a {declared.upper()} file")
    return None  # another real document type: read it as what it is


def _unpacks_too_large(data: bytes, kind: str, memory: int) -> Extracted | None:
    """A DOCX or PPTX whose parts, unpacked and parsed, would need more than half of
    `memory` bytes (the rest is the parser's own): refused before it is parsed. The sizes
    are the ones the zip file declares; reading a part never gives more than that."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError):
        return None  # the parser says what is wrong with it
    xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    other = sum(m.file_size for m in members) - xml
    needs = xml * XML_EXPANSION + other
    allowed = memory // 2
    if needs <= allowed:
        return None
    largest = max(members, key=lambda m: m.file_size)
    return Extracted(
        kind,
        TOO_LARGE,
        f"the {kind.upper()} file of {_mb(len(data))} unpacks to {_mb(xml)} of XML and "
        f"{_mb(other)} of other parts (largest: {largest.filename}, "
        f"{_mb(largest.file_size)}); reading it would take about {_mb(needs)} of memory, "
        f"more than the {_mb(allowed)} a file may have (half of worker_memory_mb, "
        f"{_mb(memory)})",
    )


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB" if size < 10 * MB else f"{size / MB:.0f} MB"


def extract(data: bytes, name: str | None = None, memory: int | None = None) -> Extracted:
    """Text by page. `name` (the file or URL name) only serves to catch a file that is not
    what it claims to be; the type is read from the bytes. `memory` is what the parser may
    use, in bytes (a file that would need more is refused as `too_large`)."""
    kind = sniff_kind(data)
    if not data:
        return Extracted(UNKNOWN, "empty", "the file is empty")
    mismatch = _mismatch(kind, name)
    if mismatch is not None:
        return mismatch
    if memory is not None and kind in (DOCX, PPTX):
        refused = _unpacks_too_large(data, kind, memory)
        if refused is not None:
            return refused
    try:
        if kind == PDF:
            return _pdf(data)
        if kind == DOCX:
            return _docx(data)
        if kind == HTML:
            return _html(data)
        if kind == TXT:
            return _txt(data)
        if kind == PPTX:
            return _pptx(data)
        if kind == DOC:
            return _doc(data)
    except MemoryError:
        raise
    except Exception as exc:  # parsers raise many unrelated types on damaged files
        if "memory allocation failed" in str(exc).lower():  # libxml2 out of memory
            raise MemoryError(str(exc)) from exc
        return Extracted(kind, "corrupt", f"{kind} could not be read: {exc}"[:300])
    return Extracted(kind, "unsupported", "not a PDF, DOCX, PPTX, HTML or text document")


def _pdf(data: bytes) -> Extracted:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            return Extracted(PDF, "encrypted", "the PDF is password-protected")
        return Extracted(PDF, "corrupt", f"the PDF could not be opened: {message}")
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(normalise_page(textpage.get_text_bounded()))
            textpage.close()
            page.close()
        metadata = {k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
    finally:
        pdf.close()
    if pages and not any(p.strip() for p in pages):
        return Extracted(
            PDF, "needs_ocr", f"no text layer on any of {len(pages)} pages", metadata=metadata
        )
    return Extracted(PDF, OK, pages=pages, title=metadata.get("Title"), metadata=metadata)


def _docx(data: bytes) -> Extracted:
    import docx

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(node.text or "" for node in block.iter() if node.tag.endswith("}t"))
            lines.append(_docx_line(Paragraph(block, document.part), text.strip()))
        elif tag == "tbl":
            for row in block.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append(
                                " ".join(
                                    (n.text or "") for n in cell.iter() if n.tag.endswith("}t")
                                ).strip()
                            )
                    lines.append(" | ".join(c for c in cells if c))
            lines.append("")
    text = "\n".join(_blank_runs(lines))
    title = document.core_properties.title or None
    return Extracted(DOCX, OK, pages=[text.strip()], title=title)


def _docx_line(paragraph: Paragraph, text: str) -> str:
    """Mark headings and list items the way the segmenter reads them."""
    if not text:
        return text
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith("Title"):
        return heading_mark(1) + text
    if style.startswith("Heading"):
        level = style.removeprefix("Heading").strip()
        return heading_mark(int(level) if level.isdigit() else 1) + text
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if style.startswith("List") or numbered:
        return f"- {text}" if "Number" not in style else text
    return text


def _pptx(data: bytes) -> Extracted:
    """Briefing presentations: one page per slide, in slide order, title first."""
    from pptx import Presentation

    deck = Presentation(io.BytesIO(data))
    pages: list[str] = []
    for slide in deck.slides:
        lines: list[str] = []
        title = slide.shapes.title
        if title is not None and title.has_text_frame and title.text_frame.text.strip():
            lines.append(heading_mark(2) + " ".join(title.text_frame.text.split()))
        for shape in slide.shapes:
            if shape is title:
                continue
            if shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    text = " ".join("".join(run.text for run in paragraph.runs).split())
                    if text:
                        lines.append(f"- {text}" if paragraph.level > 0 else text)
            elif shape.has_table:
                for row in shape.table.rows:
                    cells = [" ".join(c.text.split()) for c in row.cells]
                    lines.append(" | ".join(c for c in cells if c))
        pages.append("\n".join(_blank_runs(lines)).strip())
    title_text = deck.core_properties.title or None
    return Extracted(PPTX, OK, pages=pages, title=title_text)


DOC_CONVERTERS = (("antiword", ["antiword", "-w", "0"]), ("catdoc", ["catdoc", "-w"]))


def _doc(data: bytes) -> Extracted:
    """Legacy Word files, through antiword or catdoc when one is installed."""
    for name, command in DOC_CONVERTERS:
        if shutil.which(name) is None:
            continue
        with tempfile.NamedTemporaryFile(suffix=".doc") as handle:
            handle.write(data)
            handle.flush()
            done = subprocess.run(
                [*command, handle.name], capture_output=True, timeout=60, check=False
            )
        if done.returncode == 0 and done.stdout.strip():
            text = done.stdout.decode("utf-8", errors="replace")
            return Extracted(DOC, OK, pages=[normalise_page(p) for p in text.split("\f")])
        return Extracted(DOC, "corrupt", f"{name} could not read the file")
    return Extracted(
        DOC, "unsupported", "legacy .doc needs antiword or catdoc (apt-get install antiword)"
    )


def _blank_runs(lines: list[str]) -> list[str]:
    """Every paragraph on its own line, separated by a blank line."""
    out: list[str] = []
    for line in lines:
        if line:
            out.extend([line, ""])
    return out


BLOCK_TAGS = [
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figcaption",
]
BOILERPLATE = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "iframe",
]
# Whole words of a class or id ("cookie-banner", "social-links"), so that content such as
# class="children-social-care" or id="shared-learning" is not taken for page furniture.
BANNER = re.compile(
    r"(?:^|[-_])(?:cookies?|consent|banner|breadcrumbs?|skip-?links?|share|"
    r"social-?(?:media|links?|share|icons?|buttons?))(?:$|[-_])",
    re.I,
)


def _html(data: bytes) -> Extracted:
    soup = BeautifulSoup(data, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    root = soup.select_one("main") or soup.select_one("[role=main]") or soup.select_one("article")
    root = root or soup.body or soup
    for tag in root.find_all(BOILERPLATE):
        tag.decompose()
    for tag in root.find_all(attrs={"class": BANNER}):
        tag.decompose()
    for tag in root.find_all(attrs={"id": BANNER}):
        tag.decompose()
    lines: list[str] = []
    for block in root.find_all(BLOCK_TAGS):
        if block.find(BLOCK_TAGS):
            continue  # the inner blocks carry the text
        text = re.sub(r"\s+", " ", block.get_text(" ")).strip()
        if block.name == "li" and text:
            text = f"- {text}"
        elif block.name in ("h1", "h2", "h3", "h4", "h5", "h6") and text:
            text = heading_mark(int(block.name[1])) + text
        lines.append(text)
    if not any(lines):
        lines = [re.sub(r"\s+", " ", root.get_text(" ")).strip()]
    return Extracted(HTML, OK, pages=["\n".join(_blank_runs(lines)).strip()], title=title)


def _txt(data: bytes) -> Extracted:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    pages = [normalise_page(p) for p in text.split("\f")]
    return Extracted(TXT, OK, pages=pages)


# Ligatures (as page cleaning folds them) plus the hyphen and space variants PDFs carry.
PAGE_FIXES = {**LIGATURES, **str.maketrans({"\u2010": "-", "\u2011": "-", "\u00a0": " "})}
# A hyphen at a line end: "-" and a line break in plain text; pdfium's text of a PDF puts
# "\x02" (or U+FFFE) where the hyphen was and joins the two lines itself.
LINE_END_BREAK = re.compile(r"(\w)(?:-[ \t]*\n[ \t]*|[\x02\ufffe][ \t]*\n?[ \t]*)(\w)")
# What LINE_END_BREAK needs besides "\x02" or U+FFFE; found much faster than LINE_END_BREAK,
# which starts with a group that sre cannot skip ahead to.
HYPHEN_AT_LINE_END = re.compile(r"-[ \t]*\n")


def _rejoin_after_hyphen(line: str) -> str:
    """pdfium joins the line after a line-end hyphen onto it, and can drop the space where
    that line met the next column ("health visitorDental"): put the space back."""
    parts = re.split(r"([\x02\ufffe])", line)
    for index in range(2, len(parts), 2):
        parts[index] = re.sub(r"(?<=[a-z]{3})(?=[A-Z][a-z])", " ", parts[index])
    return "".join(parts)


# A title set in spaced capitals comes out letter by letter: "S E R I O U S  C A S E".
LETTER_SPACED = re.compile(r"(?m)^[ \t]*(?:[A-Z] [ \t]?){3,}[A-Z][ \t]*$")
_SPACED_WORD = re.compile(r"(?:[A-Z‘’'] )*[A-Z‘’']")


def _unspace_letters(line: str) -> str:
    """A line of capitals one space apart, the words two or more apart."""
    words = re.split(r"[ \t]{2,}", line.strip())
    if not all(_SPACED_WORD.fullmatch(w) for w in words) or max(len(w) for w in words) < 5:
        return line
    return " ".join(w.replace(" ", "") for w in words)


def normalise_page(text: str) -> str:
    if not text.isascii():  # PAGE_FIXES only changes characters beyond ASCII
        text = text.translate(PAGE_FIXES)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    marked = "\x02" in text or "\ufffe" in text
    if marked:
        text = "\n".join(_rejoin_after_hyphen(line) for line in text.split("\n"))
    # A word broken at a line end is joined back: without the hyphen when the page writes
    # the whole word elsewhere ("safe-" + "guarding") or the second part is only an ending,
    # with it for a compound ("non-" + "mobile"). What the page cannot tell stays marked
    # with U+2010 for segmentation to decide with the whole document's words.
    if marked or HYPHEN_AT_LINE_END.search(text):
        text = LINE_END_BREAK.sub(lambda m: f"{m.group(1)}{LINE_END_HYPHEN}{m.group(2)}", text)
        text = text.replace("\x02", "-").replace("\ufffe", "-")
    if LINE_END_HYPHEN in text:
        text = resolve_line_end_hyphens(text, Vocabulary.of([text]), final=False)
    if LETTER_SPACED.search(text):
        text = "\n".join(_unspace_letters(line) for line in text.split("\n"))
    if "\t" in text or "  " in text:  # else every run of spaces and tabs is one space already
        text = re.sub(r"[ \t]+", " ", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()
