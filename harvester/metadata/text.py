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
# A link that says nothing of its document, only what to do: "Download", "Download (PDF)",
# "Read more", "Click here", "View the document".
BARE_LINK = re.compile(
    r"^\W*(?:(?:(?:click|tap)\s+)?here|read\s+more|more|link|document|file|pdf|"
    r"(?:view|open|download|see)(?:\s+(?:the\s+|this\s+)?(?:document|file|pdf|online|here))?)"
    r"\W*(?:\(?(?:pdf|docx?)\)?)?\W*$",
    re.I,
)
# A file-type badge after a link's words: "(PDF, 1.2MB)", "PDF, 300KB", "pdf icon PDF 512 KB".
FILE_BADGE = re.compile(
    r"\s*[(\[]?\s*(?:pdf|word|docx?)\b[^)\]]*[)\]]?\s*$|\s*\(?\d+(?:\.\d+)?\s*[kmg]b\)?\s*$", re.I
)
# The words for kinds of study other than a review: "... Thematic Analysis", "... Deep Dive".
STUDY_KINDS = r"(?:analysis|study|evaluation|deep[\s-]dive|audit)"
# A code's number: "2/2016", "14", "06-2021", "2014/01" (a year alone is a date's, "MARCH
# 2017").
CODE_NUMBER = re.compile(r"(?:\d{1,3}(?:[/-]\d{2,4})?|(?:19|20)\d\d[/-]\d{1,2})\W*$")
# Words a number follows that are words, not codes.
NUMBERED_WORDS = {
    "CHILD", "CHILDREN", "PERSON", "PEOPLE", "CASE", "BABY", "FAMILY", "INFANT", "SIBLING",
    "SIBLINGS", "ADOLESCENT", "ADULT", "NUMBER", "NO", "PAGE", "SECTION", "PART", "CHAPTER",
    "APPENDIX", "VERSION", "PHASE", "STAGE", "VOLUME", "ISSUE", "LESSON", "RECOMMENDATION",
    "FINDING", "LEVEL", "TIER", "YEAR", "AGE", "AGED", "DAY", "WEEK", "MONTH", "OPERATION",
    # (a document's word before its years: "ANNUAL REPORT 2016/17", "BUSINESS PLAN 2019-21")
    "REPORT", "PLAN", "REVIEW", "UPDATE", "SUMMARY", "BRIEFING", "NEWSLETTER", "STRATEGY",
    "QUARTER",
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
            before = split[i - 1].strip("()[],.:;'’\"“”") if i else ""
            if (
                core == "A"
                and before in LOWER_WORDS | {"INTO"}
                and len(after) >= 3
                and after.strip("()[],.:;'’\"“”") not in LOWER_WORDS | {"&"}
            ):
                # an article after a small word, not a child's letter: "IN A FIRST SCHOOL"
                words.append(word.lower())
            elif keep or (len(core) <= 2 and core not in SHORT_WORDS):
                words.append(word)
            elif i and core in LOWER_WORDS:
                words.append(word.lower())
            else:
                # "‘CHILD" -> "‘Child": the first letter, after any opening quote.
                lead = len(word) - len(word.lstrip("([‘“'\""))
                # "AMBER-ROSE" -> "Amber-Rose", "CLAIRE/ANNE" -> "Claire/Anne"
                cased = re.sub(
                    r"[^\W\d_]+(?:['’][^\W\d_]+)*", lambda m: m[0].capitalize(), word[lead:]
                )
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


# A capitalised word after "in" that starts a place ("in Cheshire West"), not the subject's
# own words ("in Young People", "in Mental Health Crisis", "in Football").
PLACE_START = (
    r"(?!(?:Young|Children|Care|Mental|Health|Education|Schools?|Custody|Hospital|Infancy|"
    r"Adolescen\w*|Families|Family|Pregnancy|Babies|Infants|Teenagers|Crisis|Need|Large|Small|"
    r"Sibling|Siblings|Under|Older|Younger|Early|Secondary|Primary|Residential|Foster|Kinship|"
    r"Supported|Private|Disabled|Temporary|Unregistered|Multiple|"
    # (a field of life, not a place: "Child Sex Abuse Allegations in Football")
    r"Football|Sports?|Church(?:es)?|Faith|Youth|"
    # ("Young People Placed in Unregulated Accommodation")
    r"[A-Z][a-z]+(?:ed|ing))\b)[A-Z]"
)
