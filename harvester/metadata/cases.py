"""Case names: "Child J", "Children P, Q and R", "the T Family", codes ("W4"), and where
the reader looks for each; children's names are read in names.py."""

from __future__ import annotations

import re

from harvester.metadata.boards import BOARD_NAME, BOARD_PREFIX
from harvester.metadata.dates import MONTHS
from harvester.metadata.doc_types import stated_doc_type
from harvester.metadata.heading_names import heading_pseudonym, heading_review_name
from harvester.metadata.headlines import NICKNAME, fuller_name, headline_child
from harvester.metadata.names import (
    NAME,
    NAME_AFTER_REVIEW,
    NAME_SEGMENT,
    QUOTED_AFTER,
    QUOTED_NAME,
    TITLE_SEPARATOR,
    corroborated,
    cover_pseudonym,
    is_name,
    join_wrapped_names,
    pseudonym,
    title_page_name,
)
from harvester.metadata.text import REVIEW_KINDS as _REVIEW
from harvester.metadata.text import SHORT_WORDS, clean_name, file_words, uncap
from harvester.metadata.titles import (
    REVIEW_OF_INSTITUTION,
    STORY_WORDS,
    TOLD,
    brief_topic,
    cover_brief_topic,
    cover_subject,
    heading_subject,
    initials,
    institution_subject,
    listed_brief_topic,
    listing_title,
    names_a_subject,
    panel_title,
    quoted_title,
    review_subject,
    thematic_subject,
    title_page_subject,
    titled_subject,
)

# --- case names ---------------------------------------------------------------------------

_ID = r"[A-Z]{1,2}\d{0,2}"
# Numbers name children too: "Child 1", "Young Person 14", "Young People 1,2,3 & 6".
_ID_OR_NUMBER = r"(?:[A-Z]{1,2}\d{0,2}|\d{1,2}(?!\s*(?:years?|months?|weeks?|days?|yrs?)\b))"
_QUOTED_ID = r"['‘“\"]?" + _ID + r"['’”\"]?"
_WHO = (
    r"(?:Child(?:ren)?|Siblings?|Twins?|Young\s+(?:People|Persons?(?:\(s\))?)|Baby|Infant|Family|"
    r"Nursery)"
)
# Further children of the same review: "Child I and Child M", "Children A, B, C, and F",
# "Child A and Baby N", "Child M1 and Child M2", "Children 1-4", "Young People 2 to 5".
_MORE = (
    r"(?:(?:\s*(?:,\s*(?:and\s+|&\s*)?|\s(?:and|&)\s+|&\s*)(?:" + _WHO + r"\s+)?|[-–/]|\s+to\s+|"
    # a list without its commas: "Children P Q and R"
    r"\s+(?=(?:[A-Z]{1,2}\d{0,2}\s+)+(?:and|&)\s))"
    r"(?:" + _ID_OR_NUMBER + r")(?![A-Za-z\d]))*"
)
CASE_PATTERNS = [
    re.compile(
        r"\b(?:Child(?:ren)?|Siblings?(?:\s+Group)?|Twins?|Brothers|Sisters|Young\s+(?:People|Persons?(?:\(s\))?)|Adults?)\s+"
        r"(?:" + _QUOTED_ID + r"|" + _ID_OR_NUMBER + r")(?![A-Za-z\d])" + _MORE
    ),
    re.compile(
        # "Baby Ollie Penrose": a surname only where the line ends or the review's kind follows
        r"\bBaby\s+(?:" + _QUOTED_ID + r"(?![A-Za-z])|[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b"
        r"(?:[ \t]+[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?=[ \t]*(?:\n|$|[–—:(,|/])|[ \t]+[-'‘“\"]))?)"
        + _MORE
        + r"|"
        # "Babies 1, 2 and 3", "Babies A and B"
        r"\bBabies\s+(?:" + _ID_OR_NUMBER + r")(?![A-Za-z\d])" + _MORE + r"|"
        r"\b(?:Young Person|Infant|Adolescent|Nursery)\s+" + _ID + r"(?![A-Za-z])"
    ),
    re.compile(r"\b(?:Family|Household)\s+" + _QUOTED_ID + r"(?:/" + _ID + r")?(?![A-Za-z\d])"),
    # "Family 3": a family's number
    re.compile(r"\bFamily[ \t]+\d{1,2}(?![\w/.])"),
    # A police operation's name stands for the review: "Operation Brooke".
    re.compile(r"\bOperation\s+[A-Z][a-z]+\b"),
    # "Child Ja", "known as Child Kz": two letters the review gives as a code (not a small
    # word of a headline in title case: "Child In Need")
    re.compile(
        r"\bChild\s+(?!(?:Is|In|At|As|An|On|Of|Or|To|Be|By|Do|Go|He|If|It|Me|My|No|So|Up|Us|"
        r"We|Am)\b)[A-Z][a-z](?![\w-])(?!['’]s\b)"
    ),
    # "Child Jane", "Child Lilo": a first name after "Child" (checked by is_name).
    re.compile(r"\bChild\s+(?P<name>[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)\b(?!['’]s\b)"),
    # "Family ‘Oak’": a family named by a word
    re.compile(r"\bFamily\s+['‘](?P<name>[A-Z][a-z]{2,})['’]"),
    # "Serious Case Review – Family Marlowe", "Episode 4: Family Ashby": a surname ending it
    # (standing alone after a separator: not "Children Placed with Family Friends – ...")
    re.compile(
        r"(?:^|(?<=\n)|(?<=: )|(?<=– )|(?<=— )|(?<=- ))Family\s+(?P<name>[A-Z][a-z]{2,})"
        r"(?=[ \t]*(?:$|\n|[-–—:(,|/]))"
    ),
    # "YP G", "KSCB YP 4": a young person's letter or number, written short
    re.compile(r"\bYP\s*(?:[A-Z]\d?|\d{1,2})(?![A-Za-z\d/])"),
    # "‘Case 7’", "Serious Case Review (Case 12)", "Action Plan – Case 3": a case's number
    # where it stands for the review (not "Case 1" of a thematic review's list)
    re.compile(r"(?<=['‘(])Case\s+\d{1,2}(?=['’)])|(?<=[–—-]\s)Case\s+\d{1,2}(?=[ \t]*$)", re.M),
    # "Case R", "Case Number 14", "Case No.SOT12(1)"
    re.compile(r"\bCase\s+(?:(?:Number|No\.?)\s*[A-Z]{0,4}\d+(?:\s*\(\d+\))?|[A-Z]{1,2}\d{0,2}\b)"),
]
# A review's code: "W4 Serious Case Review", "Serious Case Review SOT14 (1)", "concerning AB1
# & AB2", "‘B1’".
_CODE = r"[A-Z]{1,4}\d{1,3}(?:\s*\(\d+\))?"
_CODES = _CODE + r"(?:\s*(?:,|&|and)\s*" + _CODE + r")*"
CODE_PATTERNS = [
    # Welsh reviews' codes: a region, a number and a year ("CYSUR 4 2017", "WB B 15 2014",
    # "CPR CTMSB 06/2021", "WG S71 2023", "NWRSB CPR 1/2021", "GWARCHOD 3 2018").
    re.compile(
        r"\b(?P<code>(?:[A-Z]{2,6}\s+(?=E?CPR\s))?(?:E?CPR\s+)?"
        # (a region's name of two words: "DYFFRYN GWENALLT 2/2018", "LLANHYFRYD 1/2019")
        r"(?!(?:CHILD|CASE|REVIEW|PRACTICE|SERIOUS|REPORT)\b)[A-Z]{2,12}"
        r"(?:\s+(?!(?:CHILD|CASE|REVIEW|PRACTICE|REPORT)\b)[A-Z]{3,12})?\s+(?:[A-Z]\s+)?[A-Z]?\d{1,3}"
        r"(?:\s+|[-/])(?:19|20)\d\d)\b"
    ),
    # A review's number within its year: "SCR 2016-02", "CE/2011/01" (not a financial
    # year: "2014/15").
    # (with the board's initials: "HSCP LCSPR 2022/01"; a case's: "SCR Case 2016/03")
    re.compile(
        r"\b(?P<code>(?:[A-Z]{2,6}\s+(?=(?:SCR|L?CSPR)\s))?(?:SCR|L?CSPR)\s+(?:19|20)\d\d[-/]0\d)"
        r"(?![\w/-])"
    ),
    re.compile(r"\b(?P<code>Case\s+(?:19|20)\d\d[-/]\d{1,2})(?![\w/-])"),
    # a board's code with a financial year: "SSCP 2021-22/03"
    re.compile(r"\b(?P<code>[A-Z]{2,6}\s+(?:19|20)\d\d-\d\d/\d{1,2})(?![\w/-])"),
    re.compile(r"(?<![\w/])(?P<code>[A-Z]{1,4}/(?:19|20)\d\d/\d{1,3})(?![\w/])"),
    # A board's code with the year first: "ANRSCB 2014/01".
    re.compile(
        r"\b(?!(?:SCR|L?CSPR|E?CPR|DHR|SAR|LSCPR)\s)(?P<code>[A-Z]{3,7}\s+(?:19|20)\d\d/\d{1,2})(?!\d)"
    ),
    # Letters standing for the children after the kind of review: "Serious Case Reviews
    # S & D".
    re.compile(r"(?i:" + _REVIEW + r")s?\s+(?P<code>[A-Z](?:\s*(?:,|&|and)\s*[A-Z])+)(?![\w'’])"),
    re.compile(
        r"(?i:" + _REVIEW + r"|concerning|in\s+respect\s+of|re)\s+(?:of\s+)?"
        r"(?P<code>" + _CODES + r")(?![\w])"
    ),
    re.compile(r"(?<![\w])(?P<code>" + _CODE + r")\s+(?i:" + _REVIEW + r")\b"),
    re.compile(r"['‘](?P<code>" + _CODE + r")['’]"),
    # A review and its place's name and number in capitals: "CPR GLANWERN 2", or not: "CPR
    # Abercelyn 3", Welsh "AYP Llanferwen 1".
    re.compile(r"\b(?P<code>(?:E?CPR|AYPE?)\s+[A-Z]{3,12}\s+\d{1,2})\b(?![/\d]|\s+\d)"),
    re.compile(r"\b(?P<code>(?:E?CPR|AYPE?)\s+[A-Z][a-z]{2,}\s+\d{1,2})\b(?![/\d]|\s+\d)"),
    # A place's review and its number: "Glanfor ECPR 2", "Cwmderyn CPR 1".
    re.compile(
        r"\b(?P<code>(?!(?:Concise|Extended|Child|Practice|Review|The)\b)[A-Z][a-z]+"
        r"(?:\s+[A-Z][a-z]+)?\s+E?CPR\s+\d{1,2})\b(?![/\d]|\s+\d)"
    ),
    # ... in capitals: "ABERSEREN ECPR 2"
    re.compile(r"\b(?P<code>(?!(?:THE|AND|OF)\b)[A-Z]{3,12}\s+E?CPR\s+\d{1,2})\b(?![/\d]|\s+\d)"),
    # A region's name and number after the kind of review: "Concise Child Practice Review –
    # Morfa Teg 1/2018", "Adolygiad Ymarfer Plant Estynedig – Cwm Llechen 3/2017".
    re.compile(
        r"(?i:" + _REVIEW + r"|adolygiad\s+ymarfer\s+plant(?:\s+estynedig|\s+cryno)?)"
        r"\s*[-–—:]\s*(?P<code>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+\d{1,2}/(?:19|20)\d\d)\b"
    ),
]
# "T Family", "the K family", "the Z siblings" (lower case only after "the": "a family" is
# not one)
LETTER_FAMILY = re.compile(
    r"\b(?P<the>[Tt]he\s+)?['‘]?(?P<id>" + _ID + r")['’]?\s+"
    r"(?P<family>[Ff]amily|[Ss]iblings|[Cc]hildren)\b"
)

# "The Jones Family SCR": a family named by its surname, after "the".
# "Keane family: executive summary", "Keane family review": a title led by the family.
SURNAME_FAMILY = re.compile(
    r"\b[Tt]he\s+['‘]?(?P<name>"
    + NAME
    + r")['’]?\s+(?P<kin>[Ff]amily|[Cc]hildren|siblings)\b(?!['’]s)|"
    r"^\W*(?P<lead>" + NAME + r")\s+[Ff]amily(?=\s*[:–—]|\s+(?i:review|cspr|scr)\b)"
)


# --- case names ---------------------------------------------------------------------------


_CHILD_LIST = re.compile(
    r"Child\s+(" + _ID_OR_NUMBER + r")((?:(?:\s*,\s*|\s+and\s+)Child\s+" + _ID_OR_NUMBER + r")+)"
)


def normalise_case(name: str) -> str:
    """The canonical form used for case identity: "T Family" and "Family T" are one case,
    and so are "Child I and Child J" and "Children I and J"."""
    name = clean_name(re.sub(r"[‘“”\"]|(?<!\w)['’]|['’](?!\w)", "", name))
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    name = re.sub(r"^YP\s*(?=[A-Z\d])", "Young Person ", name)
    # a Welsh review's code in Welsh: "AYP Maesteifi 1" is "CPR Maesteifi 1"
    name = re.sub(r"^AYPE\b", "ECPR", re.sub(r"^AYP\b", "CPR", name))
    family = re.fullmatch(r"(" + _ID + r") [Ff]amily", name)
    if family:
        return f"Family {family.group(1)}"
    name = re.sub(r"\s*&\s*", " and ", name)
    children = _CHILD_LIST.fullmatch(name)
    if children:
        rest = re.sub(r"\bChild\s+", "", children.group(2))
        name = f"Children {children.group(1)}{rest}"
    return re.sub(r"\s*,\s*", ", ", name)


def structured_case(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for pattern in CASE_PATTERNS:
        match = next(
            (
                m
                for m in pattern.finditer(text)
                if "name" not in pattern.groupindex or is_name(m.group("name"))
            ),
            None,
        )
        if match and (best is None or match.start() < best[0]):
            found = match.group(0)
            # "Child M ‘Vamp’": the letter and the pseudonym the review gives with it.
            quoted = QUOTED_AFTER.match(text, match.end())
            if quoted and is_name(quoted.group("name")):
                found += " " + quoted.group("name")
            found = clean_name(re.sub(r"['‘’“”\"]", "", found))
            found = re.sub(r"^YP\s*", "Young Person ", found)
            # "Children P Q and R" as "Children P, Q and R"
            found = re.sub(r"(?<=\s)(" + _ID + r")\s+(?=" + _ID + r"\s)", r"\1, ", found)
            best = (match.start(), found)
    named = SURNAME_FAMILY.search(text)
    surname = (named.group("name") or named.group("lead")) if named else ""
    if named and is_name(surname) and (best is None or named.start() < best[0]):
        # "the Ellery children": the children as the review names them
        kin = named.group("kin") if named.group("name") else None
        kin = kin.lower() if kin and kin.lower() != "family" else None
        best = (named.start(), f"{surname} {kin}" if kin else f"{surname} Family")
    for match in LETTER_FAMILY.finditer(text):
        if best is not None and match.start() >= best[0]:
            break
        the, letters, family = match.group("the"), match.group("id"), match.group("family")
        if the or (family == "Family" and letters not in ("A", "I")):
            best = (match.start(), f"{letters} {family.capitalize()}")
            break
    if best is None:
        # A Welsh page's child with no English beside it: "Crynodeb Gweithredol – Plentyn C".
        welsh = WELSH_CHILD.search(text)
        return welsh.group(0) if welsh else None
    return best[1]


TITLE_CHILD_LINE = re.compile(
    r"^\W*(?:(?:Re|Subject|In\s+respect\s+of|Concerning)\s*:?\s+)?['‘“](?P<name>"
    + NAME
    + r")['’”](?:,?\s+aged\s+\d{1,2})?\s*$|"
    r"^\W*(?:Re|Subject)\s*:\s*(?P<child>(?:(?:Child|Baby|Young\s+Person)\s+)?[A-Z]{1,3}\d{0,2}|"
    # "Re: Chloe (SLSCB ref 07/02)", "JADE R. (date of death ...)"
     + NAME + r")\s*(?:\([^)]*\bref(?:erence)?\b[^)]*\))?\s*$|"
    r"^\s*(?P<initial>" + NAME + r"\s+[A-Z])\.?\s*$",
    re.M,
)


def briefing_heading(
    title: str | None, context: str | None, link_text: str | None, exclude: frozenset[str]
) -> str | None:
    """A heading that is a topic's title over a line that says the document is a briefing."""
    if not title or not context:
        return None
    beside = context[len(link_text) :] if link_text and context.startswith(link_text) else context
    if stated_doc_type(beside) != "learning-brief" or stated_doc_type(title) is not None:
        return None
    title = clean_name(re.sub(r"\s*\([^)]*\)\s*$", "", title))
    words = re.findall(r"[A-Za-z]+", title)
    if (
        2 <= len(words) <= 8
        and not STORY_WORDS.search(title)
        and not TOLD.search(title)
        and names_a_subject(title, exclude)
    ):
        return title
    return None


def _title_page_child(cover: str, exclude: frozenset[str]) -> str | None:
    """The child a title page's own lines name: a pseudonym on a line of its own or after
    "Re:" ("'Rio'", "Re: 'Cai', aged 4"), "Subject: Child O", "Re: RJ", "Re: Chloe (SLSCB
    ref 07/02)", a first name and an initial ("JADE R.")."""
    for match in TITLE_CHILD_LINE.finditer("\n".join(cover.splitlines()[:12])):
        child = match["child"]
        if child and (
            child.isupper()
            or child.startswith(("Child", "Baby", "Young"))
            or is_name(child, exclude)
        ):
            return child
        if match["initial"] and is_name(match["initial"].split()[0], exclude):
            return match["initial"]
        if match["name"] and is_name(match["name"], exclude):
            return match["name"]
    return None


def _name_beside(code: str, text: str, exclude: frozenset[str]) -> str | None:
    """A first name right after a review's code ("ADS14 Polly*"), or one in quotes after its
    letter in the same line ("Final Child E Report January 2022 – “Eddie”")."""
    at = text.find(code)
    if at < 0:
        return None
    after = text[at + len(code) :]
    said = re.match(r"\s+(?P<name>[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)\*?\s*(?:$|\n|[–—(|])", after)
    said = said or re.search(
        r"[–—:-]\s*['‘“\"](?P<name>[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)['’”\"]", after
    )
    if said and is_name(said["name"], exclude) and said["name"].lower() not in MONTHS:
        return said["name"]
    return None


def _written_as_elsewhere(code: str, texts: list[str]) -> str:
    """A code as another of the entry's texts writes it: "DARSB 3/2018" for "DARSB 3 2018"."""
    pattern = re.compile(r"[\s/-]+".join(re.escape(p) for p in re.split(r"[\s/-]+", code)))
    for text in texts:
        found = pattern.search(text)
        if found and "/" in found.group(0) and "/" not in code:
            return found.group(0)
    return code


WELSH_CHILD = re.compile(r"\bPlentyn\s+" + _ID + r"(?![A-Za-z])")


def coded_case(text: str) -> str | None:
    """A review's code standing for the child: "W4", "SOT14 (1)", "AB1 & AB2"."""
    best: tuple[int, str] | None = None
    for pattern in CODE_PATTERNS:
        for match in pattern.finditer(text):
            code = match.group("code")
            # An initialism such as "SCR2" is a code; "CP1" alone in prose is rare enough.
            if best is None or match.start() < best[0]:
                best = (match.start(), clean_name(code))
            break
    return best[1] if best else None


# Words by which a review's title names a topic rather than a child.
TOPIC_WORDS = re.compile(
    r"\b(?:abuse|neglect|exploitation|suicides?|deaths|injuries|harm|violence|"
    r"safeguarding|adolescents|young people|children|infants|babies|sudi|sudden|"
    r"peer|online|gangs?|knife|county lines|radicali[sz]ation)\b",
    re.I,
)


# A family's children named by its surname ("The Harrowby Children"), not children
# described ("Disabled Children", "Invisible Children", "Traveller Children").
SURNAME_CHILDREN = re.compile(r"(?:[Tt]he\s+)?(?P<name>" + NAME + r")\s+[Cc]hildren")
DESCRIBING_WORD = re.compile(
    r"(?i:.*(?:ed|able|ible|ous|ive|ful|less|ing)|invisible|unseen|hidden|forgotten|silent|"
    r"traveller|gypsy|roma|asylum|refugee|migrant|privately|many|some|all|our|these|those|"
    r"local|small|black|white|british|muslim|deaf|blind|sick|poor|rural|urban|unborn)"
)


def topical(case: str | None) -> bool:
    """A case named by a topic ("Peer on Peer Abuse", "probable suicides amongst
    children"), not by a child or children."""
    family = SURNAME_CHILDREN.fullmatch(case or "")
    return bool(
        case
        and TOPIC_WORDS.search(case)
        and not structured_case(case)
        and not coded_case(case)
        and not LETTER_FAMILY.fullmatch(case)
        and not (
            family and is_name(family["name"]) and not DESCRIBING_WORD.fullmatch(family["name"])
        )
    )


def find_case(*texts: str | None, exclude: frozenset[str] = frozenset()) -> str | None:
    """The case name as the board writes it ("T Family", "Child J", "Harry"), from the
    first text that has one; pseudonyms only when no text names a case the usual way."""
    present = [t for t in texts if t]
    for text in present:
        found = structured_case(text)
        if found:
            return found
    for text in present:
        name = pseudonym(text, exclude)
        if name:
            return name
    return None


def case_from_url(url: str | None) -> str | None:
    if not url:
        return None
    words = file_words(url)
    match = re.search(
        r"\b(child(?:ren)?|baby|family)\s+([a-z]{1,2}\d{0,2}(?:\s+and\s+[a-z]{1,2}\d{0,2})*)(?=\s|$)",
        words,
        re.I,
    )
    if match:
        # "children l and m" -> "Children L and M"
        ids = [i.upper() for i in re.split(r"\s+and\s+", match.group(2), flags=re.I)]
        if ids[0] not in SHORT_WORDS:
            return f"{match.group(1).capitalize()} {' and '.join(ids)}"
    return None


# A news outlet's name after a headline: "... murdered – The Daily Courier".
OUTLET_SUFFIX = re.compile(
    r"\s+[-–—|]\s+(?:The\s+)?(?:[A-Z][\w'’]+\s+){0,3}(?:News|Post|Courier|Echo|Times|Mail|"
    r"Gazette|Telegraph|Guardian|Mirror|Express|Herald|Chronicle|Mercury|Advertiser|Press|"
    r"Journal|Standard|Star|Argus|Sentinel|Observer|Independent|Radio|FM|BBC|ITV)\s*$"
)

# A board's name after a heading: "Freya Lindqvist Learning Review – Ottermere
# Safeguarding Children Partnership".
BOARD_SUFFIX = re.compile(r"\s+[-–—|]\s+(?:[Tt]he\s+)?(?:" + BOARD_NAME + r")\s*$")


def case_words(text: str | None) -> str | None:
    """A listing's text without what names no case: a board's name before or after it, a
    news outlet's after it, a nickname inside a child's name."""
    if not text:
        return text
    text = BOARD_SUFFIX.sub("", OUTLET_SUFFIX.sub("", BOARD_PREFIX.sub("", text)))
    # a list's tag before a heading: "[LCSPR] Olivia – report", "[National] ..."
    text = re.sub(r"^\s*\[[A-Za-z][\w ]{0,18}\]\s*", "", text)
    # (not "The ‘Robin’ Family": a first name before it)
    return NICKNAME.sub(lambda m: m["first"] if is_name(m["first"]) else m.group(0), text)


def named_for(found: str, texts: list[str]) -> str | None:
    """The child's name an entry gives beside the letter or code its review uses: "Kallum
    Breck, named as Child P in the serious case review", "Reggie Fanshawe, referred to in
    the report as Child N"."""
    for text in texts:
        # (a first name and surname: a single word before it is more often a place's)
        said = re.search(
            r"(?P<name>" + NAME + r"[ \t]+" + NAME + r"),[ \t]+(?:who\s+is\s+)?"
            r"(?:(?:named|referred\s+to|known)(?:\s+in\s+the\s+(?:[\w-]+\s+){0,3}?"
            r"(?:report|review))?\s+as|called)\s+['‘“]?" + re.escape(found) + r"\b",
            text,
        )
        # "The report - which refers to Reggie as Child K - said ..."
        said = said or re.search(
            r"\brefers\s+to\s+(?P<name>"
            + NAME
            + r"(?:[ \t]+"
            + NAME
            + r")?)\s+as\s+['‘“]?"
            + re.escape(found)
            + r"\b",
            text,
        )
        # "Child J was Jamie-Lee Wardrop", "refers to her as Baby M, but she was named at
        # her parents' request as Megan Pugh-Harries"
        full = r"(?P<name>" + NAME + r"[ \t]+" + NAME + r")"
        said = said or re.search(re.escape(found) + r"\s+(?:was|is)\s+" + full + r"\b", text)
        said = said or re.search(
            re.escape(found) + r"\b[^.]{0,80}?\b(?:he|she|they)\s+(?:was|were|has\s+been|"
            r"have\s+been|can\s+(?:now\s+)?be)\s+named\b[^.]{0,40}?\bas\s+" + full + r"\b",
            text,
        )
        # "The Rookmere board's review calls Ava 'Child A'"
        said = said or re.search(
            r"\b(?:calls|called|refers\s+to)\s+(?P<name>" + NAME + r")\s+(?:throughout\s+)?"
            r"(?:as\s+)?['‘“]?" + re.escape(found) + r"\b",
            text,
        )
        if said and is_name(said["name"]):
            return clean_name(said["name"])
        # "... refers to him throughout as 'Child R'": the child the item names otherwise
        if re.search(
            r"\b(?:calls|called|refers\s+to|referred\s+to)\s+(?:him|her|them)\s+"
            r"(?:throughout\s+)?(?:as\s+)?['‘“]?" + re.escape(found) + r"\b",
            text,
        ):
            for other in texts:
                child = headline_child(other, frozenset(), False) if other else None
                if child and len(child.split()) > 1 and not structured_case(child):
                    return child
    return None


def title_only(cover: str) -> str:
    """A title page's first lines that are not sentences (not ending in a full stop, not
    long)."""
    lines = cover.splitlines()[:15]
    return "\n".join(
        line
        for line in lines
        if len(line.split()) < 14 and not (line.rstrip().endswith(".") and len(line.split()) > 5)
    )


def _in_brackets(code: str, text: str) -> bool:
    """Whether `code` stands in brackets in `text`: "(LCSPR 2020/03)"."""
    return re.search(r"\(\s*" + re.escape(code) + r"\s*\)", text) is not None


def read_case(
    link_text: str | None,
    context: str | None,
    heading: str | None,
    file_title: str | None,
    cover: str,
    named: str | None,
    exclude: frozenset[str] = frozenset(),
) -> str | None:
    """The listing's case name the usual way ("Child J"), or its code ("W4"); a thematic
    review's subject as the card's heading or the listing gives it (the title page's fuller
    form when it has one); a pseudonym the listing gives plainly, then one it gives after
    the type and the document shows as a person; a thematic title page's subject; the
    cover's case, name or pseudonym, the heading alone ("Oscar" over a card) when the page
    or the document bears it out, then the URL; a subject when nothing names a child: a
    thematic review's, a title's, a national panel review's, the subject beside the kind
    of review ("Historic Abuse - An Independent Review of Cases"), and last a list link's
    title alone."""
    cover = join_wrapped_names(cover)
    link_text, context, heading = (case_words(t) for t in (link_text, context, heading))
    listing = [uncap(t) for t in (link_text, context, heading, file_title) if t]
    # (the line beside a link, read again without the link's words before it: "Sudden
    # unexpected death in infancy: a thematic review of six cases, published June 2020")
    if link_text and context and context.startswith(link_text) and len(context) > len(link_text):
        listing.append(uncap(context[len(link_text) :].strip(" /|·-–—")))
    # A review said to relate to a school or a home: named by it, whatever the heading quotes.
    for text in listing:
        found = REVIEW_OF_INSTITUTION.search(text)
        if found:
            return clean_name(found.group("name"))
    # A phrase in quotes beside the kind of review titles it before any code does.
    bracketed = None
    for read in (structured_case, quoted_title, coded_case):
        for text in listing:
            found = read(text)
            if found and read is coded_case and _in_brackets(found, text):
                # "Tomos – Extended Child Practice Review Report (NBSB 02/2022)": the code
                # is the reference of a review the entry may name otherwise.
                bracketed = bracketed or found
                continue
            if found:
                # "LCSPR C17" beside a title page's "Child C17", "Children J" (of a link's
                # "Children J K L") beside the cover's "Children J, K and L": the fuller name.
                fuller = structured_case(cover) if read in (coded_case, structured_case) else None
                longer = fuller and (
                    (read is coded_case and fuller.endswith(" " + found))
                    or fuller.startswith((found + ",", found + " and "))
                )
                if longer:
                    return fuller
                # "Baby Connor" over "... baby Connor Stobart": the child's full name
                baby = re.fullmatch(r"Baby (?P<first>[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)", found)
                if baby and is_name(baby["first"], exclude):
                    full = fuller_name(baby["first"], tuple(listing), exclude)
                    if full != baby["first"] and full.startswith(baby["first"] + " "):
                        return full
                # a review's reference in the listing, the child on the title page's lines:
                # "LCSPR 2023/02" over "'Rio'", "WSCB SCR 2011/02" over "Subject: Child O"
                child = _title_page_child(cover, exclude) if read is coded_case else None
                if child and found not in child:
                    return child
                # the child's name the entry gives for the review's letter or code
                everything = [*listing, cover]
                named = named_for(found, everything) if read is not quoted_title else None
                if named:
                    return fuller_name(named, tuple(listing), exclude)
                # the name the review gives the child beside its code or letter: "Serious
                # Case Review ADS14 Polly", "Child E Report – “Eddie”"
                named = _name_beside(found, text, exclude) if read is not quoted_title else None
                if named:
                    return named
                # a code as a file's name writes it ("DARSB 3 2018"), as the page does
                return _written_as_elsewhere(found, everything) if read is coded_case else found
    title_block = "\n".join(cover.splitlines()[:6])
    # A card headed by its thematic review's subject, whatever its description says.
    found = heading_subject(heading, link_text or "", context or "") if heading else None
    if found:
        return found
    for text in listing:
        if "thematic" in text.lower():
            found = thematic_subject(text)
            if found:
                # The title page's fuller title: "Domestic Abuse and Children under Five".
                # ... or the listing's other line that spells out its initials ("SUDI").
                fullers = [title_page_subject(title_block, exclude) or ""]
                fullers += [thematic_subject(other) or "" for other in listing if other != text]
                for fuller in fullers:
                    # (a subject reworded keeps its initials: "sudden unexpected infant deaths")
                    # and a file's name keeps its words ("Neglect Teenagers")
                    spelt = (
                        fuller.lower().startswith(found.lower())
                        or (sorted(initials(fuller)) == sorted(found) if fuller else False)
                        or (
                            len(found.split()) > 1
                            and set(found.lower().split()) < set(fuller.lower().split())
                            and names_a_subject(fuller)
                        )
                    )
                    if fuller and spelt:
                        return fuller
                return found
    for text in (link_text, context, file_title):
        found = pseudonym(uncap(text), exclude) if text else None
        if found:
            return fuller_name(found, (link_text, context, heading, cover), exclude)
    # A news item's headline, then the sentence under it: the child among those it names.
    for text, headline in ((link_text, True), (context, False), (heading, True)):
        # (the sentence under a headline: the context after the link's own words)
        lede = None
        if headline and text:
            lede = context[len(text) :] if context and context.startswith(text) else context
        found = headline_child(text, exclude, headline, lede)
        if found:
            return fuller_name(found, (link_text, context, heading), exclude)
    # A heading names places and topics too, but not right after the kind of review or in
    # quotes.
    found = pseudonym(uncap(heading or ""), exclude, (NAME_AFTER_REVIEW, QUOTED_NAME))
    if found:
        return found
    # A heading that is only a name and the kind of review: "Ethan – Serious Case Review".
    found = heading_review_name(heading, exclude)
    if found:
        return found
    if bracketed:
        return _written_as_elsewhere(bracketed, listing)
    for text in (link_text, context):
        for segment in TITLE_SEPARATOR.split(text or "")[1:]:
            match = NAME_SEGMENT.fullmatch(segment.strip())
            name = match.group("name") if match else ""
            if name and is_name(name, exclude) and corroborated(name, cover):
                return clean_name(name)
    # A thematic review's title page names its subject before its text names the children.
    if "thematic" in title_block.lower():
        found = title_page_subject(title_block, exclude)
        if found:
            return found
    # The title's lines first: a sentence further down names siblings, other reviews and
    # the codes the child was known by ("Her children, Child Z1 and Child Z2, were ...").
    titles = title_only(cover)
    found = (
        structured_case(titles)
        or _title_page_child(uncap(titles), exclude)
        or coded_case(titles)
        or title_page_name(cover, exclude)
        or cover_pseudonym(titles, exclude)
    )
    if found:
        return found
    # A briefing, leaflet or poster titled by its topic, and a school or a home its title
    # names, before a name further down its first page.
    for text in (heading, link_text, *cover.splitlines()[:3]):
        found = brief_topic(uncap(text), exclude) if text else None
        if found:
            return found
    found = (
        listed_brief_topic(heading, link_text)
        or cover_brief_topic(uncap(cover), exclude)
        or institution_subject("\n".join(titles.splitlines()[:4]))
    )
    if found:
        return found
    found = (
        structured_case(cover)
        or coded_case(cover)
        or heading_pseudonym(heading, cover, exclude, link_text, context)
        or cover_pseudonym(cover, exclude)
        or case_from_url(named)
    )
    if found:
        return found
    found = institution_subject(link_text, heading, file_title, "\n".join(titles.splitlines()[:4]))
    if found:
        return found
    for text in (*listing, cover):
        found = thematic_subject(text)
        if found:
            return found
    for text in (*listing, *cover.splitlines()[:3]):
        found = titled_subject(text.strip())
        if found:
            return found
    found = panel_title(cover)
    if found:
        return found
    # Last, a review named by its subject beside the kind of review.
    # (Not the heading alone: a heading's name before the kind of review may be a place's.)
    # The heading last: a place before the kind of review reads the same ("Fenmarsh – Serious
    # Case Review"), and only the places the reader knows are excluded.
    for text in (link_text, context, file_title, *cover.splitlines()[:6], heading):
        found = review_subject(uncap(text), exclude) if text else None
        if found:
            return found
    found = cover_subject(cover, exclude)
    if found:
        return found
    found = listing_title(link_text, heading or "", exclude) if link_text else None
    if found:
        return found
    # A learning product's card: its heading the topic, the line under it saying what it is
    # ("Neglect of older children" over "A seven minute briefing for practitioners ...").
    return briefing_heading(link_text or heading, context, link_text, exclude)
