"""A thematic review's name when no pattern named its subject: its own title, without
the publisher before it, the words for what it is, a date or a file's badge. A review of a
theme or of many reviews always has a subject (LABELLING rule 4); a title page's title,
or the link or heading that titles the report, is it."""

from __future__ import annotations

import re

from harvester.metadata.text import STUDY_KINDS, clean_name
from harvester.metadata.thematic import COUNTED, KIND_ACRONYM
from harvester.metadata.titles import (
    ASKS,
    COMPILATION,
    HEADLINE_OPENING,
    LINK_VERB,
    NATIONAL_BODIES_ENGLAND,
    NATIONAL_BODIES_WALES,
    NEWS_WORDS,
    NOT_SUBJECT,
    REMARK,
    TOLD,
    TRAILING_YEARS,
    UNNAMED,
    specific,
)

_BODY_INITIALS = re.compile(r"^(?-i:[A-Z]{2,6})\s+")
# The publisher before the title: "Wrensham SCB – ", "Child Safeguarding Practice Review
# Panel: ", "Kirklees Safeguarding Children Board Child Sexual Exploitation Review".
PUBLISHER_HEAD = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,5}?(?:(?i:local\s+)?(?i:safeguarding\s+(?:children\s+)?"
    r"(?:board|partnership))|L?[A-Z]{0,4}SC[BP]|(?i:child\s+safeguarding\s+practice\s+review\s+"
    r"panel))(?:['’]s)?(?:\s*[:–—|]\s*|\s+-\s+|\s+(?=[A-Z'‘“]))"
)
_WHAT = (
    r"(?:(?:independent|overarching|national|final|interim|full|main|research|annual|biennial|"
    r"triennial|multi[- ]agency|thematic|themed|desk[- ]based|rapid|inspectorate|local|"
    r"panel(?:['’]s)?)\s+)*"
    r"(?:review|overview|report|inquiry|" + STUDY_KINDS + r"|"
    r"(?:joint\s+)?(?:targeted\s+area\s+|thematic\s+)?inspection|spotlight\s+report|"
    r"joint\s+area\s+review|"
    # (a Welsh board's "Multi-Agency Professional Forum (Report)")
    r"professional\s+forum(?:\s+report)?)"
)
# What it is, before the title: "Review of ...", "Findings from a thematic analysis of ...",
# "Independent Overarching Report – ...", "Rapid review summary: ...".
KIND_HEAD = re.compile(
    r"^(?:findings\s+from\s+)?(?:an?\s+|the\s+)?" + _WHAT + r"(?:\s+(?:report|summary))?"
    r"(?:\s+(?:of|into|on)\s+(?:the\s+)?|\s*[:–—]\s*|\s+-\s+)|"
    # (a file's or a list's words: "Thematic Review Self-harm", "Thematic: neglect")
    r"^(?:thematic|themed)\s+review\s+(?=[A-Z])|^(?:thematic|themed)\s*[:–—]\s*",
    re.I,
)
# ... and after it: ": a themed review", "– a national review of ...", ", by ...".
KIND_TAIL = re.compile(
    r"(?:\s*[:–—,]\s*|\s+-\s+)(?:(?i:an?|the|its)\s+)?(?i:" + _WHAT + r")\b.*$|"
    r"\s*,?\s+(?i:by)\s+(?=(?:the\s+)?[A-Z]).*$|"
    # (a subtitle run on without a mark: "Preventing Childhood Deaths A Study of ...")
    r"\s+A\s+(?i:study|review|analysis)\s+(?i:of)\b.*$|"
    r"\s+(?i:(?:thematic\s+|themed\s+)?(?:review|report|audit|analysis)|thematic|themed)$"
)
# A title in quotes before what it is: "'Safe at home?' national review of ...".
QUOTED_TITLE = re.compile(r"^['‘“\"](?P<title>[^'’”\"]{3,120})['’”\"]")
# Reviews in the plural name no one review: "Thematic reviews of adolescent suicide and ...".
MANY = re.compile(
    r"^(?:(?:thematic|themed|local|serious\s+case|practice|learning)\s+)*reviews\b", re.I
)
# A file's kind at a link's end: "Thematic Review of ... (PDF)" without its brackets.
FILE_KIND = re.compile(r"\s*\b(?:pdf|docx?)\s*$", re.I)
# A national body's name on a title page's line of its own: its publisher, not its title.
NATIONAL_BODY = re.compile(
    r"\W*(?:" + NATIONAL_BODIES_ENGLAND + "|" + NATIONAL_BODIES_WALES + r"|nspcc(?:\s+learning)?|"
    r"national\s+independent\s+safeguarding\s+board(?:\s+wales)?|"
    r"children['’]s\s+commissioner(?:\s+for\s+\w+)?)\W*",
    re.I,
)
# A bilingual title page's Welsh lines: its board's name and its title in Welsh.
WELSH = re.compile(
    r"\b(?:bwrdd|diogelu|rhanbarthol|adolygiad\w*|ymarfer|plant|thematig|them[aâ]u|"
    r"cyhoeddwyd)\b",
    re.I,
)


def english_half(text: str) -> str:
    """A bilingual line's English half, the Welsh first: "Adolygiadau Thematig / Thematic
    Reviews" is "Thematic Reviews"; any other line as it is."""
    halves = re.split(r"\s+/\s+", text)
    if len(halves) == 2 and WELSH.search(halves[0]) and not WELSH.search(halves[1]):
        return halves[1]
    return text


# Welsh words no English name or title has (not a setting's own Welsh name: "Ysgol Bryn
# Tawelog").
WELSH_WORDS = re.compile(
    r"\b(?:adroddiad|adolygiad\w*|thematig|darllen|sy['’]n|gael|mewn|heblaw|esgeulustod|"
    r"ymarfer|ymateb|diogelu|cam-drin|camfanteisio|\w*ecsbloet\w*)\b",
    re.I,
)


def english_counterpart(case: str, texts: tuple[str | None, ...]) -> str:
    """A case read in Welsh as a bilingual text gives it in English too: the line under it
    on a title page, its English in brackets after it, or the half after " / "; any other
    case as it is."""
    if not WELSH_WORDS.search(case):
        return case
    after = (
        re.escape(case)
        + r"(?:[ \t]*\n[ \t]*(?P<line>[^\n]+)|\s*\((?P<bracket>[^)]+)\)|\s+/\s+(?P<half>[^/|\n]+))"
    )
    for text in filter(None, texts):
        found = re.search(after, text)
        english = found and (found["line"] or found["bracket"] or found["half"] or "").strip()
        if (
            english
            and not WELSH_WORDS.search(english)
            and not WELSH.search(english)
            # (not the next line's kind of document or date: "Overview Report")
            and not names_only_its_kind(english)
            and specific(english)
        ):
            return clean_name(english.strip(" .:;–—-"))
    return case


def names_only_its_kind(line: str) -> bool:
    """A title page's line that says only what the document is: "Deep Dive", "Thematic
    Analysis"."""
    return re.fullmatch(r"\W*(?:an?\s+)?" + _WHAT + r"\W*", line, re.I) is not None


def _strip(text: str, told: bool = True) -> str:
    """`told`: whether a headline's words refuse it (a title page's title may have them)."""
    if ASKS.match(text) or (told and HEADLINE_OPENING.match(text)):
        return ""
    # ("Adolygiadau Thematig / Thematic Reviews")
    text = english_half(text)
    title = FILE_KIND.sub("", LINK_VERB.sub("", text.strip()))
    title = REMARK.sub("", title).strip(" .")
    if told and NEWS_WORDS.search(title):
        # a headline: "Teenage girl groomed by gang 'let down', review says"
        return ""
    title = PUBLISHER_HEAD.sub("", title)
    quoted = QUOTED_TITLE.match(title)
    if quoted:
        return clean_name(quoted.group("title").strip())
    if MANY.match(title):
        return ""
    # (twice, for a report of a review: "Final Report of the Independent Review into ...")
    title = KIND_HEAD.sub("", KIND_HEAD.sub("", title, count=1), count=1)
    title = TRAILING_YEARS.sub("", title)
    before = title
    title = KIND_TAIL.sub("", title).strip()
    if not title:
        title = before
    return clean_name(TRAILING_YEARS.sub("", REMARK.sub("", title)).strip(" .,:;–—-"))


def _names(title: str, exclude: frozenset[str], told: bool = True) -> bool:
    """`told`: whether a verb that tells what happened refuses it (a headline's); a title
    page's title may have one ("Heard in the corridor")."""
    words = re.findall(r"[A-Za-z]+", title)
    return (
        1 <= len(words) <= 16
        and not (told and TOLD.search(title))
        and not NOT_SUBJECT.search(title)
        and not UNNAMED.match(title)
        and not MANY.match(title)
        and not COUNTED.match(title)
        and not KIND_ACRONYM.fullmatch(title)
        and not names_only_its_kind(title)
        and not all(w in exclude for w in words)
    )


def report_title_subject(
    title_line: str | None,
    texts: tuple[str | None, ...],
    exclude: frozenset[str] = frozenset(),
) -> str | None:
    """`title_line`: the title page's title (its own name, however plain: "Learning lessons
    from serious case reviews 2009-2010"); `texts`: the link's text and the heading over it,
    in that order, which name it only with words beyond the kinds of document."""
    if title_line:
        title = _strip(title_line, told=False)
        if title and _names(title, exclude, told=False) and len(title.split()) >= 2:
            return title
    for text in texts:
        # (a link or heading that gathers learning: "Learning from Child Sexual Exploitation
        # reviews" under "Reviews")
        # (after a link's verb and a body's initials: "Download PHW Learning from Reviews
        # Report")
        if not text or COMPILATION.match(_BODY_INITIALS.sub("", LINK_VERB.sub("", text.strip()))):
            continue
        title = _strip(text)
        if title and _names(title, exclude) and specific(title):
            return title
    return None
