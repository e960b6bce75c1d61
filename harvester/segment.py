"""Segmentation: text by page -> sections -> items (lessons, recommendations, summaries,
passages), each with its section heading, page number and reading order.

PDF text has no structure of its own: paragraphs, headings and their depth are read back
from the lines (their length, their punctuation, their numbering, the line after them).
DOCX, HTML and PPTX extraction marks headings with their level ("## Findings"), and lists
with a bullet, so the same rules apply with more certainty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from harvester.headings import (
    BULLET,
    ENDS_CLAUSE,
    HEADING_NUMBER,
    ITEM_START,
    LABEL,
    MARKED_HEADING,
    MONTHS,
    NUMBERED_PARAGRAPH,
    SENTENCE_END,
    STRUCTURAL_HEADING,
    reads_as_heading,
    section_kind,
    starts_paragraph,
)
from harvester.pages import clean_pages

PASSAGE_CHARS = 900
MIN_FULL_LINE = 60  # characters: a page's lines are never all full below this
ITEM_CHARS = 2 * PASSAGE_CHARS  # a lesson whose paragraphs run on is split beyond this
MIN_ITEM_CHARS = 25
LEARNING = ("lesson", "recommendation")
# What extraction leaves on an item cut out of a list: its bullet, and the ";" that joined
# it to the next item.
LEFTOVER_BULLET = re.compile(r"^[•▪●◦‣∙·\-–—*]\s+")
# A board's answer to its review ("The Board has accepted all of the recommendations", "The
# LSCB accepts the recommendations in full") sits among the recommendations but asks nothing
# of anyone. A labelled item ("Recommendation 2: The Board should accept ...") never matches.
BOARD_RESPONSE = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:the\s+)?(?:[\w'’&-]+\s+){0,4}?"
    r"(?:board|[a-z]*lscb|[a-z]*lscp|[a-z]*scp|partnership|(?:safeguarding\s+)?partners|panel)"
    r"\s+(?:has\s+|have\s+)?(?:fully\s+|now\s+)?"
    r"(?:accept(?:s|ed)?|agree[sd]?\s+(?:to|with)|endorse[sd]?|welcome[sd]?)\b"
    r"[^.;:]{0,80}?\b(?:recommendations|findings)\b",
    re.I,
)


@dataclass(frozen=True)
class Segment:
    kind: str
    text: str
    section: str | None
    page: int
    order: int


@dataclass
class _Block:
    text: str
    heading: bool = False
    level: int | None = None  # heading depth when known (marked, or numbered "4." / "4.2")
    page: int = 0
    numbered: bool = False  # a heading that carries its own number ("6. Findings")


def _heading_block(line: str) -> _Block:
    marked = MARKED_HEADING.match(line)
    if marked:
        return _Block(marked.group(2).strip(), True, len(marked.group(1)))
    number = re.match(r"^(?:section\s+)?(\d{1,2}(?:\.\d{1,2})*)\.?\s", line, re.I)
    if number and not LABEL.match(line):
        return _Block(line.strip(), True, number.group(1).count(".") + 1, numbered=True)
    return _Block(line.strip(), True)


def _full_line(lines: list[str]) -> float:
    """The length of a full line of text on a page: most lines of prose are full, but on a
    page of table cells most lines are short, so the longest lines count too."""
    widths = sorted(len(ln) for ln in lines if ln)
    if not widths:
        return 80.0
    top = widths[-5:]
    # A cover page may have no full line at all.
    return max(widths[int(len(widths) * 0.8)], 0.9 * top[len(top) // 2], MIN_FULL_LINE)


ROW_START = re.compile(rf"^\d{{1,2}}\s+(?!{MONTHS}\b)[A-Z][a-z]")


@dataclass
class _PageLines:
    """A page's lines, and for each what the next non-blank line says: the line itself,
    whether it starts a paragraph (`starts`), and whether it starts one or could itself be a
    heading (`follows`: a title over two or three short lines)."""

    lines: list[str]
    full: float = field(init=False)  # the length of a full line of text on the page
    following: list[str | None] = field(init=False)
    follows: list[bool | None] = field(init=False)
    starts: list[bool | None] = field(init=False)
    # Whether each line could be a heading after a paragraph break (no line can be one
    # otherwise, so reading the page only checks these again).
    could_head: list[bool] = field(init=False)

    def __post_init__(self) -> None:
        count = len(self.lines)
        self.full = _full_line(self.lines)
        self.following, self.follows, self.starts = [None] * count, [None] * count, [None] * count
        self.could_head = [False] * count
        self._look_ahead()

    def short(self, line: str) -> bool:
        return len(line) < self.full * 0.75

    def _look_ahead(self) -> None:
        """Fill in what the next line says, from the last line up."""
        upcoming: str | None = None
        upcoming_follows: bool | None = None
        upcoming_starts: bool | None = None
        for index in range(len(self.lines) - 1, -1, -1):
            self.following[index], self.follows[index] = upcoming, upcoming_follows
            self.starts[index] = upcoming_starts
            line = self.lines[index]
            if line:
                self.could_head[index] = "|" not in line and reads_as_heading(
                    line, True, self.follows[index], self.short(line), starts=self.starts[index]
                )
                upcoming, upcoming_starts = line, starts_paragraph(line, self.full)
                upcoming_follows = upcoming_starts or self.could_head[index]


@dataclass
class _PageReader:
    """Reads a page's lines, top to bottom, into paragraphs and headings."""

    page: _PageLines
    rows: bool  # numbered table rows run on to the next row (an action plan)
    blocks: list[_Block] = field(default_factory=list)
    current: list[str] = field(default_factory=list)  # the lines of the paragraph being read
    previous: str | None = None  # the line before, None after a paragraph break
    in_row: bool = False  # inside a numbered table row

    def read(self) -> list[_Block]:
        for index, line in enumerate(self.page.lines):
            if not line:
                self.blank()
            elif self.is_heading(index, line):
                self.heading(line)
            else:
                self.text(index, line)
        self.flush()
        return self.blocks

    def flush(self) -> None:
        if self.current:
            self.blocks.append(_Block(" ".join(self.current)))
            self.current.clear()

    def blank(self) -> None:
        self.flush()
        self.previous, self.in_row = None, False

    def heading(self, line: str) -> None:
        self.flush()
        self.blocks.append(_heading_block(line))
        self.previous, self.in_row = line, False

    def text(self, index: int, line: str) -> None:
        self.previous = line
        if self.current and ITEM_START.match(line):
            self.flush()
        if ROW_START.match(line):
            self.in_row = True
        self.current.append(line)
        if not (self.rows and self.in_row) and self.ends_paragraph(index, line):
            self.flush()
            self.in_row = False

    def after_break(self) -> bool:
        previous = self.previous
        return (
            not self.current
            or previous is None
            or self.page.short(previous)
            or bool(ENDS_CLAUSE.search(previous))
        )

    def is_cell(self, index: int, line: str) -> bool:
        """Inside a table row, the line before the next row is the row's last cell
        ("Children's social care"); before the first row, a header ("Rec Action Lead Target
        date Evidence of impact Status")."""
        following = self.page.following[index]
        next_row = following is not None and ROW_START.match(following) is not None
        return next_row and (self.in_row or (self.rows and len(line.split()) >= 4))

    def is_heading(self, index: int, line: str) -> bool:
        page = self.page
        if not page.could_head[index] or self.is_cell(index, line):
            return False
        follows = page.starts[index] if self.in_row else page.follows[index]
        return reads_as_heading(
            line,
            self.after_break(),
            follows,
            page.short(line),
            strict=self.in_row,
            starts=page.starts[index],
        )

    def ends_paragraph(self, index: int, line: str) -> bool:
        """A line ending a sentence ends its paragraph when it is short, or when the first
        word of the next line would have fitted on it (so the break was not the wrap) and
        that line starts a paragraph."""
        if not SENTENCE_END.search(line):
            return False
        following = self.page.following[index]
        if self.page.short(line) or following is None:
            return True
        first = following.split()[0]
        return len(line) + 1 + len(first) < self.page.full * 0.92 and bool(self.page.starts[index])


def _paragraphs(page: str, rows: bool = False) -> list[_Block]:
    """The paragraphs and headings of one page, rebuilt from its lines (a blank line, as
    DOCX, HTML and text extraction put between paragraphs, always ends one). With `rows`
    (an action plan), a numbered table row runs on to the next row, whatever its cells'
    lines look like."""
    return _PageReader(_PageLines([ln.strip() for ln in page.splitlines()]), rows).read()


def _stream(pages: list[str], rows: bool = False) -> list[_Block]:
    """Blocks of the whole document; a paragraph cut by a page break is joined back together
    and keeps the page it starts on."""
    stream: list[_Block] = []
    for number, page in enumerate(pages, start=1):
        for index, block in enumerate(_paragraphs(page, rows)):
            block.page = number
            previous = stream[-1] if stream else None
            continues = (
                index == 0
                and number > 2
                and not block.heading
                and previous is not None
                and not previous.heading
                and (not SENTENCE_END.search(previous.text) or block.text[:1].islower())
                and not ITEM_START.match(block.text)
                # A table row ends without a full stop; prose after the table is not its cell.
                and not (rows and ROW_START.match(previous.text) and block.text[:1].isupper())
            )
            if continues and previous is not None:
                previous.text = f"{previous.text} {block.text}"
            else:
                stream.append(block)
    return stream


# -- blocks -> sections -> items ----------------------------------------------------------------


@dataclass
class _Unit:
    """The blocks under one heading."""

    heading: str | None
    kind: str
    sub: bool = False  # a sub-heading inside a learning section: a lesson's own title
    label: bool = False  # a heading that names one item ("Recommendation 3")
    intro: bool = False  # followed by sub-headings: its own text introduces them
    blocks: list[_Block] = field(default_factory=list)


def _listed(text: str) -> bool:
    """A list item or table row (not a numbered paragraph or a labelled item)."""
    return bool(ITEM_START.match(text)) and not (
        NUMBERED_PARAGRAPH.match(text) or LABEL.match(text)
    )


@dataclass
class _Open:
    """A heading whose section is still open, in the stack of headings."""

    level: int
    kind: str
    numbered: bool
    listed: bool = False  # its own text is a list
    title: bool = False  # the document's first heading: its sub-headings are its sections


def _units(stream: list[_Block]) -> list[_Unit]:
    """Group blocks under their headings, and give each group its kind.

    A sub-heading of a learning section keeps the section's kind: under "Findings", "The
    man in the house" is a lesson's title. A heading is a sub-heading when its mark or
    number says so ("##" under "#", "4.2" under "4."); in PDF text without either, when it
    is unnumbered under a numbered heading, when it is an item label ("Recommendation 3"),
    or, in a learning section that is not a list, when it is not a known section itself.
    Front and back matter ("Conclusion", "Glossary") is never a sub-heading of learning."""
    units: list[_Unit] = [_Unit(None, "passage")]
    stack: list[_Open] = []
    leading = 0  # headings before any text: the document's title block
    for block in stream:
        if not block.heading:
            if stack and not units[-1].sub and _listed(block.text):
                stack[-1].listed = True
            units[-1].blocks.append(block)
            leading = -1
            continue
        heading = block.text.rstrip(":").strip()
        own = section_kind(heading)
        structural = bool(STRUCTURAL_HEADING.search(HEADING_NUMBER.sub("", heading)))
        label = bool(LABEL.match(heading)) and own in LEARNING
        level = block.level
        if level is None:
            # A heading without a mark or number: place it under the nearest section heading
            # (the last one that was not itself placed as a sub-heading), or beside it.
            section = next((o for o in reversed(stack) if o.level == stack[0].level), None)
            parent = stack[-1] if stack else None
            while parent is not None and len(stack) > 1 and parent is not section:
                stack.pop()
                parent = stack[-1]
            child = False
            if parent is not None and not structural:
                if label and parent.kind in LEARNING:
                    child = True
                elif parent.numbered and not (own in LEARNING and parent.kind in LEARNING):
                    child = True  # "Understanding risk before birth" under "5. Analysis"
                elif parent.kind in LEARNING and own == "passage":
                    child = not parent.listed
            base = parent.level if parent is not None else 1
            level = base + 1 if child else base
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        if leading >= 0:
            leading += 1
        sub = parent is not None and parent.kind in LEARNING and not structural
        if parent is None or parent.title or structural or own in LEARNING:
            kind = own
        else:  # a sub-heading: "Safe sleep in changing circumstances" under "5. Analysis"
            kind = parent.kind
        if leading >= 2:
            # The headings that open a document, before any text, are its title ("Serious
            # Case Review" / "Child C" / "Multi-Agency Action Plan"): no section kind.
            for unit in units[1:]:
                unit.kind = "passage"
            for open_ in stack:
                open_.kind = "passage"
            kind, sub = "passage", False
        # The headings before any text are the document's title, unless they name learning.
        title = leading >= 1 and own not in LEARNING
        stack.append(_Open(level, kind, block.numbered, title=title))
        if sub and (label or own not in LEARNING):
            section = next((u for u in reversed(units) if not u.sub), None)
            if section is not None:
                section.intro = True
        units.append(_Unit(heading, kind, sub=sub, label=label))
    return units


def segment(pages: list[str], row_kind: str | None = None) -> list[Segment]:
    """Split pages into items. The first page of a multi-page document is its cover.

    With `row_kind`, numbered rows and items outside learning sections are items of that
    kind too (the rows of an action plan's table are recommendations)."""
    pages = clean_pages(pages)
    segments: list[Segment] = []
    for unit in _units(_stream(pages, rows=row_kind is not None)):
        if unit.kind in LEARNING:
            items = _items(unit)
        else:
            items = _passages(unit, row_kind, cover=len(pages) > 1)
        for kind, text, page in items:
            text = _finished(text)
            if kind in LEARNING and BOARD_RESPONSE.match(text):
                kind = "passage"
            if len(text) >= MIN_ITEM_CHARS:
                segments.append(Segment(kind, text, unit.heading, page, len(segments)))
    return segments


def _finished(text: str) -> str:
    """An item's text as it is shown: runs of whitespace to one space, ends stripped
    (str.split() and re's \\s agree), a list's bullet and closing ";" left behind."""
    text = LEFTOVER_BULLET.sub("", " ".join(text.split()))
    return text[:-1].rstrip() + "." if text.endswith(";") else text


def _passages(unit: _Unit, row_kind: str | None, cover: bool) -> list[tuple[str, str, int]]:
    """Summaries and passages: paragraphs joined up to a readable size, never cut. With
    `cover`, the first page's text is kept apart from the body."""
    out: list[tuple[str, str, int]] = []
    pending: list[str] = []
    pending_page = 0
    for block in unit.blocks:
        size = sum(len(p) + 1 for p in pending)
        starts_body = cover and pending_page == 1 and block.page != 1
        if pending and (starts_body or size + len(block.text) > PASSAGE_CHARS):
            out.append((unit.kind, " ".join(pending), pending_page))
            pending = []
        if row_kind and ITEM_START.match(block.text):
            if pending:
                out.append((unit.kind, " ".join(pending), pending_page))
                pending = []
            out.append((row_kind, block.text, block.page))
            continue
        if not pending:
            pending_page = block.page
        pending.append(block.text)
    if pending:
        out.append((unit.kind, " ".join(pending), pending_page))
    return out


@dataclass
class _ItemReader:
    """Reads the blocks of a learning section, in order, into its items (see `_items`)."""

    unit: _Unit
    labelled: bool  # the section labels its items ("Lesson 1:")
    first_listed: int | None  # the index of its first list item or table row
    out: list[tuple[str, str, int]] = field(default_factory=list)
    current: str | None = None  # the item being built
    current_page: int = 0
    current_open: bool = False  # it takes the unmarked paragraphs that follow
    absorbing: bool = False  # it ended with ":" and takes the list that follows
    listed_before: bool = False  # a list has begun: a plain paragraph after it closes it

    def add(self, index: int, block: _Block, following: str) -> None:
        text, page = block.text, block.page
        is_label = bool(LABEL.match(text))
        numbered = bool(NUMBERED_PARAGRAPH.match(text)) and not is_label
        listed = _listed(text) and not numbered
        if self.unit.intro and not listed:
            self.passage(text, page)  # "This section sets out what the review learned."
        elif self.leads_in(index, following, is_label, numbered, listed):
            self.passage(text, page)
        elif listed:
            self.list_item(text, page)
        elif is_label or (numbered and not self.labelled):
            self.numbered_item(text, page, is_label, following)
        elif numbered:  # an unlabelled numbered paragraph among labelled items
            self.passage(text, page)
        else:
            self.paragraph(text, page, following)

    def leads_in(
        self, index: int, following: str, is_label: bool, numbered: bool, listed: bool
    ) -> bool:
        """What comes before a section's list or table: "The Partnership should act on the
        following recommendations.", a table's header row, "5.1 The review makes five
        recommendations." before "(a) ..."."""
        leading = (
            self.current is None
            and all(kind == "passage" for kind, _, _ in self.out)
            and not (self.unit.sub or is_label or listed)
        )
        return leading and (
            (not numbered and self.first_listed is not None and index < self.first_listed)
            or (index == 0 and bool(BULLET.match(following)))
        )

    def list_item(self, text: str, page: int) -> None:
        self.listed_before = True
        if (self.absorbing or self.unit.label) and self.current is not None and self.extend(text):
            return
        self.start(text, page, False)

    def numbered_item(self, text: str, page: int, is_label: bool, following: str) -> None:
        if not is_label and text.rstrip().endswith(":") and BULLET.match(following):
            self.passage(text, page)  # "3.1 The review found that:"
        else:
            self.start(text, page, True)

    def paragraph(self, text: str, page: int, following: str) -> None:
        """A paragraph without a number, label or bullet."""
        if self.current is not None and (self.current_open or self.unit.sub) and self.extend(text):
            self.absorbing = text.rstrip().endswith(":")
        elif self.unit.sub:
            self.start(text, page, True)
        elif (
            self.labelled
            or self.listed_before
            or (text.rstrip().endswith(":") and BULLET.match(following))
        ):
            self.passage(text, page)
        else:
            self.start(text, page, False)

    def close(self) -> None:
        if self.current is not None:
            self.out.append((self.unit.kind, self.current, self.current_page))
        self.current, self.current_open, self.absorbing = None, False, False

    def start(self, text: str, page: int, open_: bool) -> None:
        self.close()
        self.current, self.current_page, self.current_open = text, page, open_
        self.absorbing = text.rstrip().endswith(":")

    def extend(self, text: str) -> bool:
        if self.current is None or len(self.current) + len(text) > ITEM_CHARS:
            return False
        self.current = f"{self.current} {text}"
        return True

    def passage(self, text: str, page: int) -> None:
        self.close()
        self.out.append(("passage", text, page))


def _items(unit: _Unit) -> list[tuple[str, str, int]]:
    """The items of a learning section, as (kind, text, page).

    A labelled item ("Lesson 1:", "Recommendation 5") or a numbered paragraph ("4.12")
    starts an item, and the unnumbered paragraphs after it carry it on; a bullet, a lettered
    or numbered list item or a table row is an item of its own (or part of the item before
    it, when that item ended with ":" or the heading names one item). Under a lesson's own
    title the paragraphs are one lesson. What introduces the items is a passage: the text
    before a section's sub-headings, a lead-in before a list ("The review found that:"), a
    plain paragraph after a list, and unlabelled paragraphs among labelled items ("The
    review makes six recommendations.")."""
    blocks = unit.blocks
    reader = _ItemReader(
        unit,
        labelled=any(LABEL.match(b.text) for b in blocks),
        first_listed=next((i for i, b in enumerate(blocks) if _listed(b.text)), None),
    )
    for index, block in enumerate(blocks):
        following = blocks[index + 1].text if index + 1 < len(blocks) else ""
        reader.add(index, block, following)
    reader.close()
    return reader.out
