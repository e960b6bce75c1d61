"""Segmentation: text by page -> sections -> items (lessons, recommendations, summaries,
passages), each with its section heading, page number and reading order.

PDF text has no structure of its own: paragraphs, headings and their depth are read back
from the lines (their length, their punctuation, their numbering, the line after them).
DOCX, HTML and PPTX extraction marks headings with their level ("## Findings"), and lists
with a bullet, so the same rules apply with more certainty.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

LESSON_HEADING = re.compile(
    r"lessons?\s+(learn|identified|for|from)|learning\s+points?|key\s+learning|"
    # "Learning" and "Learning points" are sections; "Learning Brief: Child L" is a title.
    r"^learning\b(?!\s+(summary|brief|briefing|review|note|from\s+(the\s+)?(review|case|local|"
    r"serious|child)))|\blearning$|findings?|"
    r"what\s+(we|the\s+review|the\s+panel)\s+(learn\w*|found)|analysis\s+and\s+lessons|"
    r"key\s+messages|what\s+needs\s+to\s+change|\bquestions\b|"
    r"what\s+(should|can|do|must)\s+(you|we|i|practitioners|professionals)|"
    r"what\s+you\s+(should|can|need\s+to)\s+do|what\s+to\s+do\b|practice\s+points|"
    r"why\s+it\s+matters|"
    r"implications\s+for\s+practice|good\s+practice|messages\s+for\s+practi",
    re.I,
)
RECOMMENDATION_HEADING = re.compile(
    r"recommendations?|what\s+the\s+board\s+(will|should)|^(agreed\s+)?actions?$|"
    r"^(multi-agency\s+)?action\s+plan$",
    re.I,
)
SUMMARY_HEADING = re.compile(
    r"summary|background|what\s+happened|the\s+case|family\s+(background|composition)|"
    r"circumstances|about\s+the\s+(child|family)|the\s+child(ren)?\s+and",
    re.I,
)
# Headings that always start a section of their own, never a sub-heading of a learning
# section: front and back matter, and the closing panels of leaflets.
STRUCTURAL_HEADING = re.compile(
    r"^(?:appendix|annex|glossary|references|bibliography|acknowledge?ments|contents|"
    r"abbreviations|introduction|methodology|terms\s+of\s+reference|conclusions?\b|"
    r"concluding|next\s+steps|further\s+(?:information|reading|resources)|"
    r"(?:useful|more)\s+(?:information|links|contacts|resources)|"
    r"contact\s+(?:us|details|information)|contacts$|resources$|"
    r"(?:where|how)\s+to\s+(?:find|get)|find\s+out\s+more|if\s+you\s+are\s+(?:worried|concerned))",
    re.I,
)
ITEM_START = re.compile(
    r"^(?:\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\.?\s|"  # 4.12 / 4.12.1
    r"(?:lesson|learning point|finding|recommendation|key learning|question)\s*\d+\s*[:.)-]|"
    r"[•▪●◦‣∙·\-–*]\s|\(?[a-z0-9]{1,2}\)\s|"
    r"\d{1,2}\.\s+(?=\S)|"  # a numbered list item, "3. Ask who lives in the household."
    # a numbered table row, "3 Protocol for joint triage ..." (but not "12 October 2013")
    r"\d{1,2}\s+(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)[A-Z][a-z])",
    re.I,
)
# An item label: "Lesson 1:", "Finding 3:", "Recommendation 5" (alone on its line, or
# followed by ":" / "." and the item), after an optional paragraph number ("6.2 Lesson 1:").
LABEL = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:lesson|learning\s+point|finding|recommendation|"
    r"key\s+learning|question|learning)\s*\d{1,2}\b\s*(?:[:.)\-–]|$)",
    re.I,
)
NUMBERED_PARAGRAPH = re.compile(r"^\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\.?\s")
BULLET = re.compile(r"^(?:[•▪●◦‣∙·\-–*]\s|\(?[a-z0-9]{1,2}\)\s|\d{1,2}\.\s+(?=\S))", re.I)
HEADING_NUMBER = re.compile(r"^(?:section\s+)?(?:\d{1,2}(?:\.\d{1,2})?\.?|[A-Z]\.|[IVX]+\.)\s+")
PAGE_NUMBER_LINE = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
SENTENCE_END = re.compile(r"[.?!:][\"'’”)\]]*$")
MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
# Table cells of action plans that read like short headings: status and dates.
NOT_A_HEADING = re.compile(
    rf"(?:\b(?:red|amber|green|blue|complete|completed|ongoing|closed|open)|\b{MONTHS}\s+\d{{4}}"
    r"|\b\d{4}|\b(?:and|or|of|the|to|for|with|in|a|an|by|from|on|at|as|that|which|&))$",
    re.I,
)
# NOT_A_HEADING can only start this near the end of a line: its longest word is "completed",
# and a line ending in a month and year also ends in a year, which matches on its own.
NOT_A_HEADING_REACH = len("completed")
PASSAGE_CHARS = 900
MIN_FULL_LINE = 60  # characters: a page's lines are never all full below this
ITEM_CHARS = 2 * PASSAGE_CHARS  # a lesson whose paragraphs run on is split beyond this
MIN_ITEM_CHARS = 25
LEARNING = ("lesson", "recommendation")


@dataclass(frozen=True)
class Segment:
    kind: str
    text: str
    section: str | None
    page: int
    order: int


def section_kind(heading: str | None) -> str:
    if not heading:
        return "passage"
    plain = HEADING_NUMBER.sub("", heading)
    if RECOMMENDATION_HEADING.search(plain):
        return "recommendation"
    if LESSON_HEADING.search(plain):
        return "lesson"
    if SUMMARY_HEADING.search(plain):
        return "summary"
    return "passage"


# -- line-end hyphens and ligatures ---------------------------------------------------------

# Extraction marks a hyphen at a line end with this character (U+2010 HYPHEN) when the page
# alone cannot tell a word the typesetter broke ("safe-" + "guarding") from a compound
# broken at its own hyphen ("multi-" + "agency"); segmentation decides with the whole
# document's vocabulary.
LINE_END_HYPHEN = "\u2010"
BROKEN_WORD = re.compile(r"(\w+)\u2010(\w+)")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Prefixes written with a hyphen in compounds: "non-" + "mobile" keeps its hyphen.
COMPOUND_PREFIXES = _word_set(
    "non multi pre post co self inter anti ex cross well semi sub step part full long short "
    "under over out one two three four five face joint half mid"
)
# Endings that are never a word of their own: "assess-" + "ment" is one word.
SUFFIXES = _word_set(
    "tion tions sion sions ment ments ness nesses ity ities ance ances ence ences ing ings "
    "ised ized ising izing isation ization ation ations ally ably ibly ible ous ive ives ist "
    "ists ism ary ory ial ially ual ually ure ures ency ancy ably iour iours ular"
)
# Long words common in case reviews, for pages too short to show them unbroken.
LEXICON = _word_set(
    """safeguarding safeguard practitioner professional professionally information
    assessment recommendation partnership organisation arrangement responsibility
    relationship appointment supervision understanding development environment
    circumstance involvement management experience vulnerable vulnerability communication
    investigation consultation accommodation attendance education exploitation intervention
    procedure significant significantly paediatric paediatrician hospital
    discussion referral chronology independent commission commissioned domestic emergency
    department important particularly including opportunity identified considered different
    described recorded agency engagement however therefore wellbeing neglect children
    additional appropriate assurance available community concern conference consideration
    continuing coordinated cooperation curiosity decision disability disclosure evidence
    families framework guidance household implementation improvement inspection
    interview learning local authority maternity midwife midwifery notification
    parental parenting particular pregnancy prevention protection provision psychiatric
    quality reflective relevant reporting requirement response review school service social
    strategy substance threshold visitor worker workforce"""
)
LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00ad": "",
    }
)


def _stem(word: str) -> str:
    for ending in ("ings", "ing", "ers", "er", "ed", "es", "s", "ly"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


LEXICON_STEMS = frozenset(_stem(w) for w in LEXICON)


LETTERS = re.compile(r"[^\W\d_]+")
COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


@dataclass
class Vocabulary:
    """The words a text writes whole, and its hyphenated compounds (lowercase)."""

    words: set[str] = field(default_factory=set)
    compounds: set[str] = field(default_factory=set)
    _stems: set[str] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, texts: Iterable[str]) -> Vocabulary:
        vocabulary = cls()
        for text in texts:
            text = BROKEN_WORD.sub(" ", text)
            vocabulary.words.update(w.lower() for w in LETTERS.findall(text))
            vocabulary.compounds.update(c.lower() for c in COMPOUND.findall(text))
        return vocabulary

    def knows(self, word: str) -> bool:
        """A word written whole in the text or common in reviews, or another form of one
        ("safeguarding" when the text has "safeguard")."""
        word = word.lower()
        if word in self.words or word in LEXICON:
            return True
        if self._stems is None:
            self._stems = {_stem(w) for w in self.words} | LEXICON_STEMS
        return _stem(word) in self._stems


def resolve_line_end_hyphens(text: str, vocabulary: Vocabulary, final: bool = True) -> str:
    """Decide each hyphen marked LINE_END_HYPHEN. Join the word when the joined word is one
    the text (or the common vocabulary of reviews) writes whole, or when the second part is
    only an ending ("assess-ment"); keep the hyphen for a compound ("multi-agency": a
    hyphenated form written elsewhere, a prefix such as "non-", a hyphen before a capital
    or a number). Undecided hyphens stay marked unless `final`; then a hyphen between two
    words is kept ("child-centred") and one between fragments dropped ("ad-ministrative")."""

    def decide(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        joined, hyphenated = first + second, f"{first}-{second}"
        if not (first.isalpha() and second.isalpha()) or second[0].isupper():
            return hyphenated
        if hyphenated.lower() in vocabulary.compounds:
            return hyphenated
        if vocabulary.knows(joined):
            return joined
        if first.lower() in COMPOUND_PREFIXES:
            return hyphenated
        if second.lower() in SUFFIXES:
            return joined
        if final and not (vocabulary.knows(first) or vocabulary.knows(second)):
            return joined  # neither part is a word: "ad-" + "ministrative"
        return hyphenated if final else match.group(0)

    return BROKEN_WORD.sub(decide, text)


def _clean_document(pages: list[str]) -> list[str]:
    """Ligatures (left in DOCX and HTML text pasted from PDFs) and the line-end hyphens
    that extraction left for the whole document to decide."""
    # LIGATURES only maps characters beyond ASCII, and most pages have none.
    pages = [p if p.isascii() else p.translate(LIGATURES) for p in pages]
    if not any(LINE_END_HYPHEN in p for p in pages):
        return pages
    vocabulary = Vocabulary.of(pages)
    return [resolve_line_end_hyphens(p, vocabulary) for p in pages]


# -- running headers and footers -------------------------------------------------------------


DIGITS = re.compile(r"\d+")
WORD = re.compile(r"[A-Za-z0-9]+")
EDGE_LINES = 4  # running headers and footers are among the first or last lines of a page


def _shape(line: str) -> str:
    return DIGITS.sub("#", line.strip().lower())


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def _echoes_title(line: str, title_words: set[str]) -> bool:
    """A header line that repeats the document's title ("Fenmarsh SCB - 7 Minute Briefing -
    Baby R" under a title "7 Minute Briefing: Baby R - Safer Sleep")."""
    words = _words(line)
    if len(words) < 3 or line.rstrip().endswith((".", ",", ";", ":", "?")):
        return False
    return len(words & title_words) / len(words) >= 0.6


def strip_running_lines(pages: list[str]) -> list[str]:
    """Drop headers, footers and page numbers that repeat across pages. They are looked for
    among the first and last few lines of each page, where extraction puts them."""
    split = [page.splitlines() for page in pages]
    # For each page, the shape of each line at its top or foot, by line index.
    edges: list[dict[int, str]] = []
    for lines in split:
        filled = [i for i, ln in enumerate(lines) if ln.strip()]
        at_edge = filled[:EDGE_LINES] + filled[-EDGE_LINES:]
        edges.append({i: _shape(lines[i]) for i in at_edge})
    counts: Counter[str] = Counter()
    for shapes in edges:
        counts.update(set(shapes.values()))
    # Headers often start on page 2, after a cover: half the pages are enough.
    threshold = max(2, len(pages) // 2)
    repeated = {shape for shape, n in counts.items() if n >= threshold and len(shape) <= 150}
    if len(pages) == 2:
        # Two pages: a line at the top or foot of both ("Page 1 of 2" with the board's name).
        repeated = {shape for shape in repeated if len(shape) >= 8}
    elif len(pages) < 2:
        repeated = set()
    first_lines = [ln for ln in split[0][:8] if ln.strip()] if pages else []
    title_words = _words(" ".join(first_lines))
    cleaned = []
    for number, lines in enumerate(split, start=1):
        # A number on its own is a page number at the top or foot of a page, and a table
        # cell ("2013") anywhere else.
        shapes = edges[number - 1]
        kept = [
            ln
            for i, ln in enumerate(lines)
            if i not in shapes or not (shapes[i] in repeated or PAGE_NUMBER_LINE.match(ln.strip()))
        ]
        if number > 1 and kept and _echoes_title(kept[0], title_words):
            kept = kept[1:]
        cleaned.append("\n".join(kept))
    return cleaned


# -- lines -> paragraphs and headings ----------------------------------------------------------

SMALL_WORDS = {"a", "an", "and", "of", "the", "to", "for", "in", "on", "with", "or", "by", "from"}


TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
NUMBERED_HEADING = re.compile(r"^\d{1,2}\.\s")
INNER_FULL_STOP = re.compile(r"\w\. ")
ENDS_CLAUSE = re.compile(r"[.?!:;)][\"'’”)\]]*$")


def _title_words(text: str) -> list[str]:
    return TITLE_WORD.findall(text)


def _starts_paragraph(line: str, full: float) -> bool:
    """Whether a line reads as the first line of a paragraph or list item."""
    text = line.strip()
    if not text or not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'‘“•▪●-–*("):
        return False
    return bool(len(text) >= 0.6 * full or ITEM_START.match(text) or SENTENCE_END.search(text))


def is_heading(
    line: str, after_break: bool, next_line: str | None = None, full: float = 0.0
) -> bool:
    """Whether a line of PDF text is a section heading. `after_break`: the line before it
    ended a paragraph (or there was none); `next_line`: the line after it, when known, and
    `full` the length of a full line of the page: a short line in sentence case is a heading
    only when what follows it starts a paragraph."""
    follows = None if next_line is None else _starts_paragraph(next_line, full)
    short = not full or len(line.strip()) < 0.75 * full
    return _heading(line, after_break, follows, short, starts=follows)


def _heading(
    line: str,
    after_break: bool,
    follows: bool | None,
    short: bool = True,
    strict: bool = False,
    starts: bool | None = None,
) -> bool:
    """`follows`: whether the next line starts a paragraph (or is a heading), None when there
    is no next line to judge by; `starts`: whether it starts a paragraph; `short`: the line
    is well short of a full line; `strict`: inside a table row, where short title-case cells
    ("Named GP") are not headings unless a paragraph follows them."""
    text = line.strip()
    if text.startswith("#") and MARKED_HEADING.match(text):
        return True
    if not 2 < len(text) <= 90 or text.endswith((".", ",", ";")):
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    words = _title_words(text)
    if not words or len(words) > 12:
        return False
    tail = max(0, len(text) - NOT_A_HEADING_REACH)
    if NOT_A_HEADING.search(text, tail) and not HEADING_NUMBER.match(text):
        return False
    capitals = sum(1 for w in words if w[0].isupper() or w.lower() in SMALL_WORDS) / len(words)
    titled = capitals >= 0.8 or text.isupper()
    if NUMBERED_HEADING.match(text):  # "5. Analysis", "6. What should you do"
        return len(words) <= 10 and not text.endswith(":")
    if NUMBERED_PARAGRAPH.match(text):
        # "4.2 Professional curiosity" is a heading, "4.2 The review considered ..." the
        # first line of a numbered paragraph.
        return (
            short
            and after_break
            and (titled or len(words) <= 5)
            and bool(follows)
            and not text.endswith(":")
            and not LABEL.match(text)
        )
    if HEADING_NUMBER.match(text):  # "5 Analysis", "B. Findings": only in title case
        return titled and len(words) <= 10 and not text.endswith(":")
    if LABEL.match(text):  # "Finding 3: Fathers are not seen", "Recommendation 5"
        return short and after_break and len(words) <= 12 and follows is not False
    if ITEM_START.match(text):
        return False
    if "(" in text and not (starts and text.endswith(")") and short and after_break):
        # "Highlighting lessons from Child T (May 2012)" is a line of text; "Notes on
        # progress (October 2018)" over a paragraph is a heading.
        return False
    if not after_break or len(words) > 10 or INNER_FULL_STOP.search(text):
        return False  # "No. Recommendation Action Lead agency" is a table's header row
    if strict and not follows:
        return False
    if "," not in text and len(words) <= 8 and (titled or section_kind(text) != "passage"):
        return True
    # Sentence case ("The man in the house"): only before the start of a paragraph, and not
    # a lead-in ("The review found that agencies need to:").
    return short and bool(follows) and not text.endswith(":")


@dataclass
class _Block:
    text: str
    heading: bool = False
    level: int | None = None  # heading depth when known (marked, or numbered "4." / "4.2")
    page: int = 0
    numbered: bool = False  # a heading that carries its own number ("6. Findings")


def heading_mark(level: int) -> str:
    """The marker extraction puts before a heading it knows from the file's structure."""
    return "#" * max(1, min(level, 6)) + " "


MARKED_HEADING = re.compile(r"^(#{1,6}) (.+)$")


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


def _paragraphs(page: str, rows: bool = False) -> list[_Block]:
    """The paragraphs and headings of one page, rebuilt from its lines (a blank line, as
    DOCX, HTML and text extraction put between paragraphs, always ends one). With `rows`
    (an action plan), a numbered table row runs on to the next row, whatever its cells'
    lines look like."""
    lines = [ln.strip() for ln in page.splitlines()]
    full = _full_line(lines)
    blocks: list[_Block] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(_Block(" ".join(current)))
            current.clear()

    def short(line: str) -> bool:
        return len(line) < full * 0.75

    def ends_paragraph(line: str, following: str | None, starts: bool | None) -> bool:
        """A line ending a sentence ends its paragraph when it is short, or when the first
        word of the next line would have fitted on it (so the break was not the wrap) and
        that line starts a paragraph (`starts`)."""
        if not SENTENCE_END.search(line):
            return False
        if short(line) or following is None:
            return True
        first = following.split()[0]
        return len(line) + 1 + len(first) < full * 0.92 and bool(starts)

    # For each line, the next non-blank line, and whether that line starts a paragraph or
    # could itself be a heading (a title over two or three short lines).
    following_of: list[str | None] = [None] * len(lines)
    follows_of: list[bool | None] = [None] * len(lines)
    starts_of: list[bool | None] = [None] * len(lines)  # the next line starts a paragraph
    # Whether each line could be a heading after a paragraph break (no line can be one
    # otherwise, so the pass below only checks these again).
    could_head: list[bool] = [False] * len(lines)
    upcoming: str | None = None
    upcoming_follows: bool | None = None
    upcoming_starts: bool | None = None
    for index in range(len(lines) - 1, -1, -1):
        following_of[index], follows_of[index] = upcoming, upcoming_follows
        starts_of[index] = upcoming_starts
        line = lines[index]
        if line:
            could_head[index] = "|" not in line and _heading(
                line, True, follows_of[index], short(line), starts=starts_of[index]
            )
            upcoming, upcoming_starts = line, _starts_paragraph(line, full)
            upcoming_follows = upcoming_starts or could_head[index]
    previous: str | None = None
    in_row = False
    for index, line in enumerate(lines):
        if not line:
            flush()
            previous, in_row = None, False
            continue
        following = following_of[index]
        after_break = (
            not current or previous is None or short(previous) or bool(ENDS_CLAUSE.search(previous))
        )
        follows = starts_of[index] if in_row else follows_of[index]
        next_row = following is not None and ROW_START.match(following) is not None
        # Inside a table row, the line before the next row is the row's last cell
        # ("Children's social care"); before the first row, a header ("Rec Action Lead
        # Target date Evidence of impact Status").
        cell = next_row and (in_row or (rows and len(line.split()) >= 4))
        if (
            could_head[index]
            and not cell
            and _heading(
                line, after_break, follows, short(line), strict=in_row, starts=starts_of[index]
            )
        ):
            flush()
            blocks.append(_heading_block(line))
            previous, in_row = line, False
            continue
        previous = line
        if current and ITEM_START.match(line):
            flush()
        if ROW_START.match(line):
            in_row = True
        current.append(line)
        if not (rows and in_row) and ends_paragraph(line, following, starts_of[index]):
            flush()
            in_row = False
    flush()
    return blocks


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
    pages = strip_running_lines(_clean_document(pages))
    segments: list[Segment] = []
    for unit in _units(_stream(pages, rows=row_kind is not None)):
        if unit.kind in LEARNING:
            items = _items(unit)
        else:
            items = _passages(unit, row_kind, cover=len(pages) > 1)
        for kind, text, page in items:
            # Runs of whitespace to one space, ends stripped: str.split() and re's \s agree.
            text = " ".join(text.split())
            if len(text) >= MIN_ITEM_CHARS:
                segments.append(Segment(kind, text, unit.heading, page, len(segments)))
    return segments


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
    out: list[tuple[str, str, int]] = []
    labelled = any(LABEL.match(b.text) for b in unit.blocks)
    current: list[str] | None = None  # the item being built: [text]
    current_page = 0
    current_open = False  # it takes the unmarked paragraphs that follow
    absorbing = False  # it ended with ":" and takes the list that follows

    def close() -> None:
        nonlocal current, current_open, absorbing
        if current is not None:
            out.append((unit.kind, current[0], current_page))
        current, current_open, absorbing = None, False, False

    def start(text: str, page: int, open_: bool) -> None:
        nonlocal current, current_page, current_open, absorbing
        close()
        current, current_page, current_open = [text], page, open_
        absorbing = text.rstrip().endswith(":")

    def extend(text: str) -> bool:
        if current is None or len(current[0]) + len(text) > ITEM_CHARS:
            return False
        current[0] = f"{current[0]} {text}"
        return True

    def passage(text: str, page: int) -> None:
        close()
        out.append(("passage", text, page))

    blocks = unit.blocks
    listed_before = False  # a list has begun: a plain paragraph after it closes it
    first_listed = next((i for i, b in enumerate(blocks) if _listed(b.text)), None)
    for index, block in enumerate(blocks):
        text = block.text
        following = blocks[index + 1].text if index + 1 < len(blocks) else ""
        is_label = bool(LABEL.match(text))
        numbered = bool(NUMBERED_PARAGRAPH.match(text)) and not is_label
        listed = _listed(text) and not numbered
        if unit.intro and not listed:
            passage(text, block.page)  # "This section sets out what the review learned."
            continue
        leading = (
            current is None
            and all(kind == "passage" for kind, _, _ in out)
            and not (unit.sub or is_label or listed)
        )
        if leading and (
            (not numbered and first_listed is not None and index < first_listed)
            or (index == 0 and BULLET.match(following))
        ):
            # What comes before a section's list or table: "The Partnership should act on
            # the following recommendations.", a table's header row, "5.1 The review makes
            # five recommendations." before "(a) ...".
            passage(text, block.page)
            continue
        if listed:
            listed_before = True
            if (absorbing or unit.label) and current is not None and extend(text):
                continue
            start(text, block.page, False)
            continue
        if is_label or (numbered and not labelled):
            if not is_label and text.rstrip().endswith(":") and BULLET.match(following):
                passage(text, block.page)  # "3.1 The review found that:"
                continue
            start(text, block.page, True)
            continue
        if numbered:  # an unlabelled numbered paragraph among labelled items
            passage(text, block.page)
            continue
        # A paragraph without a number, label or bullet.
        if current is not None and (current_open or unit.sub) and extend(text):
            absorbing = text.rstrip().endswith(":")
            continue
        if unit.sub:
            start(text, block.page, True)
            continue
        if labelled or listed_before or (text.rstrip().endswith(":") and BULLET.match(following)):
            passage(text, block.page)
            continue
        start(text, block.page, False)
    close()
    return out
