"""What pages, sites and PDFs add to a document's texts that names nothing: a protective
marking on a title page, what a site adds to a link's words and a teaser's end, a news page's
label and its site's name, what a title's end says of its copy, characters a reader does not
see, short forms; and a title page's lines that belong together (a title in quotes wrapped
over lines). The readers meet the texts without them."""

from __future__ import annotations

import re

from harvester.metadata.catalogue import read_entry
from harvester.metadata.dates import split_leading_date
from harvester.metadata.doc_types import stated_doc_type
from harvester.metadata.text import BARE_LINK, uncap
from harvester.metadata.titles import specific

# A government protective marking set on a page of its own line, or leading the page's text:
# "OFFICIAL", "OFFICIAL - SENSITIVE", "NOT PROTECTIVELY MARKED". It names neither the
# review nor its child.
PROTECTIVE_MARKING = re.compile(
    r"(?m:^[ \t]*(?:(?:OFFICIAL|Official)(?:[ \t]*[-–—:][ \t]*|[ \t]+)(?:SENSITIVE|Sensitive)|"
    r"OFFICIAL|Official|NOT PROTECTIVELY MARKED|Not Protectively Marked|RESTRICTED|PROTECT|"
    r"(?:STRICTLY[ \t]+)?CONFIDENTIAL|(?:Strictly[ \t]+)?Confidential)[ \t]*(?:\n|$))|"
    # (at the head of a page's text run together: "OFFICIAL SERIOUS CASE REVIEW ...")
    r"^\s*(?:OFFICIAL(?:[ \t]*[-–—:]?[ \t]*SENSITIVE)?|NOT PROTECTIVELY MARKED)[ \t]+(?=\W*[A-Z])"
)


# A page's number on a line of its own: "Page 1 of 34", "1 | Page", "- 1 -".
PAGE_NUMBER_LINE = re.compile(
    r"(?im:^[ \t]*(?:page[ \t]+\d{1,3}(?:[ \t]+of[ \t]+\d{1,3})?|\d{1,3}[ \t]*\|[ \t]*page|"
    r"[-–][ \t]*\d{1,3}[ \t]*[-–])[ \t]*(?:\n|$))"
)


def without_markings(text: str) -> str:
    """A page's text without its protective marking and its page number's line."""
    return PROTECTIVE_MARKING.sub("", PAGE_NUMBER_LINE.sub("", text))


# What a site says for screen readers of a link, in brackets after it or on its own.
_NEW_WINDOW = r"(?:this\s+link\s+)?opens\s+in\s+(?:a\s+)?new\s+(?:window|tab)"
# What a site adds to a link's words for screen readers and downloads: "(opens in new
# window)", "(link is external)", "[pdf] 512KB", "PDF 345 KB", a closing "PDF", an opening
# "Download" before the document's own name.
LINK_NOISE = re.compile(
    r"\s*[(\[]\s*(?i:" + _NEW_WINDOW + r")\s*[)\]]"
    r"|\s*[(\[]\s*(?i:external\s+link|link\s+is\s+external|external\s+site)\s*[)\]]"
    # (not slides' badge, which says what the document is: "(PPTX, 144.2 KB)")
    r"|\s*[(\[]\s*(?i:pdf|docx?|word)\b[^)\]\n]{0,20}[)\]](?:\s*\d+(?:\.\d+)?\s*[kKmMgG][bB]\b)?"
    r"|\s+(?:PDF|pdf)(?:,?\s*\d+(?:\.\d+)?\s*[kKmMgG][bB])?\s*$"
    r"|^\s*(?i:download)\s+(?=[A-Z0-9])"
    r"(?!(?:The|This|Our|A|An|Here|PDF|Report|Full|Executive|Summary|Document|File)\b)"
)
# A teaser's invitation at its end: "... Read more", "Continue reading »".
READ_MORE = re.compile(
    r"\s*(?:[.…]{1,3}|\[…\])?\s*\b(?i:read\s+more|continue\s+reading|read\s+the\s+full\s+"
    r"(?:story|article)|find\s+out\s+more)\s*(?:[»›>→]+|\.\.\.|…)?\s*$"
)


def link_words(text: str) -> str:
    """A link's words without what the site added to them."""
    return LINK_NOISE.sub("", text).strip() or text


def without_read_more(text: str) -> str:
    return READ_MORE.sub("", text) or text


# What a page sets beside an entry's words for screen readers and sharing: "Opens in a new
# window", "Share this page: Facebook Twitter Email", "Tags: safeguarding, reviews".
PAGE_FURNITURE = re.compile(
    r"\s*\b(?i:" + _NEW_WINDOW + r")\b\.?"
    r"|\s*\b(?i:share(?:\s+this(?:\s+page|\s+article|\s+story)?)?(?:\s+on)?)\s*:?\s*"
    r"(?=(?i:facebook|twitter|x|email|linkedin|whatsapp)\b)[^\n/]*$"
    r"|\s*\b(?i:tags?|tagged|categories|filed\s+under)\s*:[^\n/]*$",
    re.M,
)


def without_page_furniture(text: str) -> str:
    return PAGE_FURNITURE.sub("", text).strip() or text


# Characters a page or a PDF carries that a reader does not see: zero-width spaces and joins,
# soft hyphens, a byte-order mark; and spaces of other widths, read as spaces.
_INVISIBLE = str.maketrans(
    {
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
        **dict.fromkeys("\t\u00a0\u2007\u2009\u202f\u3000", " "),
    }
)


# A closing quote set where an opening one belongs ("Case Review - ’Yvonne’"): at a word's
# start after a space, a bracket or a dash.
_OPENED_WRONG = re.compile(r"(?:(?<=\s)|^|(?<=[(\[–—-]))’(?=[A-Za-z][^’\n]{0,40}’)", re.M)


# Words written short that the readers know in full: "children & young people", "Exec
# Summary".
_SHORT_FORMS = (
    (re.compile(r"(?<=\w) & (?=\w)"), " and "),
    (re.compile(r"\b(?i:exec\.?)(?=\s+(?i:summary)\b)"), "Executive"),
)


def visible(text: str) -> str:
    text = _OPENED_WRONG.sub("‘", text.translate(_INVISIBLE))
    for pattern, full in _SHORT_FORMS:
        text = pattern.sub(full, text)
    return text


# What a title's end says of its copy, not of its document: "- Final", "v2", "(redacted)",
# "(updated)", "(accessible version)", "(Welsh version)". ("Final Report" names the
# document and stays, and so does "easy read", a version for children and families.)
COPY_MARK = re.compile(
    r"(?:\s*[-–—,|]\s*|\s*[(\[]\s*|\s+)(?i:final(?:\s+(?:version|draft|copy))?|v\d{1,2}(?:\.\d{1,2})*|"
    r"version\s+\d{1,2}(?:\.\d{1,2})*|redacted(?:\s+version)?|updated(?:\s+version)?|"
    r"(?:fully\s+)?accessible(?:\s+version)?|(?:welsh|english|cymraeg)\s+version|large\s+print|"
    r"amended|revised(?:\s+version)?)\s*[)\]]?\s*$"
)


def without_copy_marks(text: str) -> str:
    for _ in range(3):  # ("... v2 (redacted)")
        shorter = COPY_MARK.sub("", text)
        if shorter == text or not shorter.strip():
            break
        text = shorter
    return text


def join_quoted_lines(text: str) -> str:
    """A title in quotes a title page wraps over two or three lines ("“If only someone /
    had listened”"), on one line."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = _quote_end(lines, i)
        out.append(" ".join(line.strip() for line in lines[i : end + 1]) if end else lines[i])
        i = (end or i) + 1
    return "\n".join(out)


def _quote_end(lines: list[str], start: int) -> int | None:
    """The line that closes the quote `lines[start]` opens and leaves open, when it ends
    with it within two lines."""
    first = lines[start].strip()
    if first[:1] not in "‘“" or re.search(r"[’”](?!\w)", first[1:]):
        return None
    for j in range(start + 1, min(len(lines), start + 3)):
        line = lines[j].strip()
        if re.search(r"[’”](?!\w)", line):
            return j if re.search(r"[’”]\W*$", line) else None
    return None


# A news page's label before its headline: "Breaking: ...", "WATCH: ...", "Update: ...".
# ("Opinion:" and "Press release:" say what the item is, and stay.)
NEWS_LABEL = re.compile(
    r"^\W*(?i:breaking(?:\s+news)?|update[ds]?|watch|video|listen|news|exclusive|revealed|live|"
    r"latest(?:\s+news)?)\s*[:|–—-]\s+(?=\S)"
)
# A page title's site after the headline: "... | Anytown Council", "... | Society | The
# Guardian", "... - Anytown Echo".
SITE_TAIL = re.compile(
    r"(?:\s+\|\s+[^|\n]{1,40}?)?\s+[|–—-]\s+(?:The\s+)?(?:[\w.'’&]+\s+){0,4}?"
    r"(?:Council|News|Guardian|Times|Telegraph|Post|Echo|Gazette|Mail|Mirror|Independent|"
    r"Chronicle|Herald|Argus|Express|Observer|BBC|ITV|ITVX|GOV\.UK|Advertiser|Journal|"
    r"Standard|Sentinel|Courier|Bulletin)\s*$"
)


def without_site_words(text: str) -> str:
    """A headline without its page's label before it and its site's name after it."""
    return SITE_TAIL.sub("", NEWS_LABEL.sub("", text)) or text


def plain_texts(
    link_text: str | None, heading: str | None, context: str | None
) -> tuple[str | None, str | None, str | None]:
    """An entry's link, heading and context as the readers meet them: without what the site
    added; without the date a list sets before a title ("12 March 2019 – Child W overview
    report"), which goes to the context, where a list's dates are read; without a mark after
    a title ("Child W:"), a year after a comma, or what its end says of its copy. A national
    collection's entry line ("March 2016 – Anytown – Child XY") is read whole."""
    context = without_page_furniture(without_read_more(visible(context))) if context else context
    joined = context or ""
    texts = {"link_text": link_text, "heading": heading}
    for field, text in (("heading", heading), ("link_text", link_text)):
        if not text:
            continue
        seen = visible(text)
        # (a link or a heading set in capitals is read in title case, as a title page's
        # line is)
        text = link_words(uncap(seen))
        text = without_read_more(text) if field == "heading" else text
        rest = text
        if read_entry(text) is None:
            date, rest = split_leading_date(without_site_words(text))
            rest = re.sub(r"\s*[:|]\s*$", "", without_copy_marks(rest))
            # (and a year after a comma at its end: "Cultural Consciousness 7MB, 2019")
            after = re.search(r",\s*((?:19|20)\d\d)$", rest)
            if after:
                date, rest = date or after.group(1), rest[: after.start()]
            if date and date not in joined:
                joined = f"{joined} / {date}" if joined else date
        texts[field] = rest or text
        # (the line the link stands in begins with its words: read the same)
        if joined.startswith(seen) and texts[field] != seen:
            joined = texts[field] + joined[len(seen) :]
    if (
        link_text
        and texts["heading"]
        # (or has no words at all: "»")
        and (
            BARE_LINK.match(texts["link_text"] or "")
            or not re.search(r"\w", texts["link_text"] or "")
        )
        and not stated_doc_type(context)
        # (a word alone over "Read more" may be a place's or a section's: "Fenmarsh"; a
        # section's heading may name only a kind: "7-minute briefings")
        and len(texts["heading"].split()) >= 2
        and specific(texts["heading"])
    ):
        # A heading over a bare "Download" names the document as its link would (unless
        # the line beside says what the file is: "Briefing/Summary – May 2011").
        texts["link_text"] = texts["heading"]
    return texts["link_text"], texts["heading"], joined or context
