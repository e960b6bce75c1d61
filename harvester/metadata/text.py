"""Text helpers shared by the metadata readers: capitals read in title case, a file's name
as words, slugs."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

# Two-letter words that follow "CHILD" in capitals without being a case ("CHILD IN NEED").
SHORT_WORDS = {
    "IN", "OF", "ON", "AT", "TO", "IS", "AS", "BY", "OR", "AN", "NO", "SO", "IT", "IF",
    "WE", "DO", "BE", "MY", "UP", "US", "ME", "HE", "GO",
}  # fmt: skip

# Lines set in capitals are read in title case, keeping abbreviations and initials.
KEEP_UPPER = {
    "SCR", "CSPR", "LCSPR", "CPR", "DHR", "LSCB", "LSCP", "SCB", "SCP", "CSP", "NHS", "CSE", "CCE",
    "FGM",
}  # fmt: skip
# A code's number: "2/2016", "14", "06-2021", "2014/01" (a year alone is a date's, "MARCH
# 2017").
CODE_NUMBER = re.compile(r"(?:\d{1,3}(?:[/-]\d{2,4})?|(?:19|20)\d\d[/-]\d{1,2})\W*$")
# Words a number follows that are words, not codes.
NUMBERED_WORDS = {
    "CHILD", "CHILDREN", "PERSON", "PEOPLE", "CASE", "BABY", "FAMILY", "INFANT", "SIBLING",
    "SIBLINGS", "ADOLESCENT", "ADULT", "NUMBER", "NO", "PAGE", "SECTION", "PART", "CHAPTER",
    "APPENDIX", "VERSION", "PHASE", "STAGE", "VOLUME", "ISSUE", "LESSON", "RECOMMENDATION",
    "FINDING", "LEVEL", "TIER", "YEAR", "AGE", "AGED", "DAY", "WEEK", "MONTH", "OPERATION",
}  # fmt: skip
LOWER_WORDS = {"AND", "OF", "THE", "IN", "ON", "UPON", "BY", "FOR", "TO", "AT", "FROM", "WITH"}


def uncap(text: str) -> str:
    """Lines set in capitals, read in title case: "OAKBRIDGE LOCAL SAFEGUARDING CHILDREN
    BOARD" -> "Oakbridge Local Safeguarding Children Board", "CHILD K2" -> "Child K2"; and
    a child's word in a line of mixed capitals ("SERIOUS CASE REVIEW – CHILD T Published 27
    March 2012")."""
    if not re.search(r"[A-Z]{4}", text):
        return text
    lines = []
    for line in text.split("\n"):
        # In a line of mixed capitals, only a child's word before its letter ("CHILD T"),
        # and a headline's opening words in capitals ("DEATH OF TYLER ASHDOWN: Report ...").
        line = _uncap_line(line)
        opening = CAPITAL_OPENING.match(line)
        if opening and opening.end() < len(line):
            line = _uncap_line(opening.group(1)) + line[opening.end(1) :]
        line = CAPITAL_CHILD_WORD.sub(lambda m: m.group(0).title(), line)
        # "Child W AND Child X": the children's names joined in small letters
        lines.append(CHILDREN_JOINED.sub(lambda m: m.group(0).replace(" AND ", " and "), line))
    return "\n".join(lines)


CAPITAL_OPENING = re.compile(r"^(\W*[A-Z][A-Z'’-]*(?:\s+[A-Z][A-Z'’-]*){2,})\s*[:–—]\s")
CHILDREN_JOINED = re.compile(
    r"\b(?:Child|Baby|Children) [A-Z]\d{0,2} AND (?=(?:Child|Baby) [A-Z]\d{0,2}\b)"
)
CAPITAL_CHILD_WORD = re.compile(
    r"\b(?:CHILD(?:REN)?|BABY|FAMILY|YOUNG PERSON|INFANT|SIBLINGS?)(?=\s+[A-Z]{1,2}\d{0,2}\b)"
)


def _uncap_line(line: str) -> str:
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        words = []
        split = line.split(" ")
        for i, word in enumerate(split):
            core = word.strip("()[],.:;'’\"“”")
            after = split[i + 1] if i + 1 < len(split) else ""
            keep = (
                core in KEEP_UPPER
                # a board's initials: "RSCB", "TSCP", "WSCB"
                or re.fullmatch(r"[A-Z]{1,4}(?:SC[BP]|SB|SP|CSP)", core) is not None
                # letters of a family's two names: "FAMILY T/S"
                or re.fullmatch(r"[A-Z]\d{0,2}(?:/[A-Z]\d{0,2})+", core) is not None
                or any(ch.isdigit() for ch in core)
                # A review's code: "CYSUR 2/2016", "NWSCB 1/2015" ("CHILD 3" is words).
                or (CODE_NUMBER.match(after) is not None and core not in NUMBERED_WORDS)
            )
            if keep or (len(core) <= 2 and core not in SHORT_WORDS):
                words.append(word)
            elif i and core in LOWER_WORDS:
                words.append(word.lower())
            else:
                # "‘CHILD" -> "‘Child": the first letter, after any opening quote.
                lead = len(word) - len(word.lstrip("([‘“'\""))
                # "AMBER-ROSE" -> "Amber-Rose"
                cased = "-".join(part.capitalize() for part in word[lead:].split("-"))
                # "O'BRIEN" -> "O'Brien", "MCALLISTER" -> "McAllister"
                cased = re.sub(r"^(O['’]|Mc)([a-z])", lambda m: m[1] + m[2].upper(), cased)
                words.append(word[:lead] + cased)
        line = " ".join(words)
    return line


def file_words(url: str) -> str:
    """The words of a URL's file name: "SCR_ChildA_ExecSummary_2006.pdf" -> "SCR Child A
    Exec Summary 2006"."""
    name = unquote(urlsplit(url).path).rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.sub(r"[-_.+\s]+", " ", re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)).strip()


# A link whose text is a file's name or address: "SCR_ChildH_ExecSum_FINAL_v3.pdf",
# "7MB Tyler 2020 (1).pdf", "Child%20P%20Overview%20Report.docx", ".../baby-theo-briefing/".
FILE_NAME_TEXT = re.compile(
    r"(?:https?://\S+/|/?(?:[\w.%-]+/)+)?[\w.%()&' -]*[\w)]\.(?:pdf|docx?|odt|rtf|pptx?)"
    r"|\w+(?:[_.-]\w+){2,}|(?:https?://[^/\s]+)?/(?:[\w.%-]+/)+",
    re.I,
)
EMBEDDED_FILE = re.compile(r"\b[\w%()-]+(?:_[\w%()-]+)+\.(?:pdf|docx?|odt|rtf|pptx?)\b", re.I)
# What a file's name says of its own copy: "FINAL", "v3", "(1)", "ENG".
FILE_NOISE = re.compile(
    r"\b(?:final|v\d+(?:\s\d+)*|version\s\d+|eng(?:lish)?|cym(?:raeg)?|copy|web|"
    r"for\s+publication|published)\b|\(\d\)|\s\d\s*$",
    re.I,
)


def file_link_words(text: str) -> str:
    """A file-name link's words, without its copy's marks; in title case when the name has
    no capitals ("cspr-child-e-executive-summary.pdf" -> "Cspr Child E Executive Summary")."""
    name = unquote(text.strip().rstrip("/")).rsplit("/", 1)[-1]
    name = re.sub(r"\.(?:pdf|docx?|odt|rtf|pptx?)$", "", name, flags=re.I)
    name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    # a hyphen stays inside a name, a date or a code ("Lily-Mae", "2010-11-09", "D1-D4"),
    # not between words
    tokens = []
    for token in re.split(r"[_.+\s]+", name):
        parts = token.split("-")
        kept = all(re.fullmatch(r"[A-Z][a-z]+", p) for p in parts) or all(
            re.fullmatch(r"[A-Z]?\d+", p) for p in parts
        )
        tokens.append(token if kept else " ".join(parts))
    words = " ".join(tokens)
    words = re.sub(r"\s+", " ", FILE_NOISE.sub(" ", words)).strip(" ()-")
    return words.title() if words == words.lower() else words


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# A count in words, as titles and headlines write one: "four cases of ...", "two brothers".
COUNT_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# The response to a harm, which is what a review looked at, not a board's response to it:
# "the response to child sexual exploitation" (not "... to the neglect thematic review").
RESPONSE_TO_HARM = (
    r"response\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:abuse|exploitation|neglect|harm|violence)\b"
    r"(?!\s+(?:thematic|review|report|audit))"
)


# The kinds of review, as titles name them ("Serious Case Review", "CSPR", "DHR").
ENGLISH_REVIEW_KINDS = (
    r"(?:serious\s+case\s+review|(?:local\s+)?(?:child\s+)?safeguarding\s+practice\s+review|"
    r"(?:extended\s+|concise\s+)?(?:child\s+)?practice\s+review|"
    r"(?:multi[- ]agency\s+)?case\s+review|"
    r"learning\s+review|learning\s+lessons\s+review|"
    r"domestic\s+homicide\s+review|safeguarding\s+adults?\s+review|"
    r"l?cspr|lscpr|scr|spr|e?cpr|dhr|sar)"
)
# ... and in Welsh: "Adolygiad Ymarfer Plant (Estynedig)".
REVIEW_KINDS = (
    r"(?:" + ENGLISH_REVIEW_KINDS + r"|adolygiad\s+ymarfer\s+plant(?:\s+estynedig|\s+cryno)?"
    # (the kind's last word is no title after it)
    r"(?!\s+(?:estynedig|cryno)\b))"
)


def clean_name(name: str) -> str:
    name = re.sub(r"[‘“”\"]|(?<!\w)['’]|['’](?!\w)", "", name)
    # (an accordion's "+" toggle after a heading)
    return re.sub(r"\s+", " ", name).strip(" ,.-+")


# A title page's lines run together when its text is taken without line breaks: "Greywater
# Local Safeguarding Children BoardSerious Case ReviewChild JOverview Report".
_GLUED = re.compile(
    r"(?:(?<=[a-z])|(?<=\s[A-Z]))(?=(?:Serious|Child|Children|Overview|Executive|Safeguarding|"
    r"Review|Report|Board|Partnership|Learning|Local|Published|Author)\b)"
)


def unglue(text: str) -> str:
    return _GLUED.sub(" ", text)


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


def without_markings(text: str) -> str:
    return PROTECTIVE_MARKING.sub("", text)


# What a site adds to a link's words for screen readers and downloads: "(opens in new
# window)", "(link is external)", "[pdf] 512KB", "PDF 345 KB", a closing "PDF", an opening
# "Download" before the document's own name.
LINK_NOISE = re.compile(
    r"\s*[(\[]\s*(?i:(?:this\s+link\s+)?opens\s+in\s+(?:a\s+)?new\s+(?:window|tab))\s*[)\]]"
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


# A child's death named by the child, in title case: "the Death of Keanu Williams".
DEATH_OF_NAMED = re.compile(
    r"(?:the\s+)?(?i:deaths?|murders?|killings?|injuries)\s+(?i:of|to)\s+"
    r"[A-Z][\w'’-]+(?:\s+(?:and\s+)?[A-Z][\w'’-]+)*$"
)


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
