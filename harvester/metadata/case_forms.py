"""The forms a case's name takes: a letter or number after "Child" ("Child J", "Children P,
Q and R", "Young Person 4"), a family ("the T Family"), a review's code ("W4", "CPR GLANWERN
2", "SCR 2016-02"), and a title that names a topic rather than a child."""

from __future__ import annotations

import re

from harvester.metadata.names import NAME, QUOTED_AFTER, is_name
from harvester.metadata.text import REVIEW_KINDS as _REVIEW
from harvester.metadata.text import clean_name

_ID = r"[A-Z]{1,2}\d{0,2}"
# Numbers name children too: "Child 1", "Young Person 14", "Young People 1,2,3 & 6".
_ID_OR_NUMBER = r"(?:[A-Z]{1,2}\d{0,2}|\d{1,2}(?!\s*(?:years?|months?|weeks?|days?|yrs?)\b))"
# A child's given name, and a surname with it: "Joe", "Ayeeshia-Jayne Smith".
_PERSONAL = r"[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)?"
_QUOTED_ID = r"['‘“\"]?" + _ID + r"['’”\"]?"
_WHO = (
    r"(?:Child(?:ren)?|Siblings?|Twins?|Young\s+(?:People|Persons?(?:\(s\))?)|Baby|Infant|Family|"
    r"Nursery)"
)
# Further children of the same review: "Child I and Child M", "Children A, B, C, and F",
# "Child A and Baby N", "Child M1 and Child M2", "Children 1-4", "Young People 2 to 5".
_MORE = (
    r"(?:(?:\s*(?:,\s*(?:and\s+|&\s*)?|\s(?:and|&)\s+|&\s*)(?:" + _WHO + r"\s+)?|[-–/]|\s+to\s+|"
    # (a range of numbers set with spaces: "Children 1 – 5", not "Child G – 7 minute briefing")
    r"\s[-–]\s(?=\d{1,2}\b(?!\s*[-–]?\s*(?i:min)))|"
    # a list without its commas: "Children P Q and R"
    r"\s+(?=(?:[A-Z]{1,2}\d{0,2}\s+)+(?:and|&)\s))"
    r"(?:" + _ID_OR_NUMBER + r")(?![A-Za-z\d]))*"
)
# A police operation's name stands for the review: "Operation Brooke".
OPERATION = re.compile(r"\bOperation\s+[A-Z][a-z]+\b")
CASE_PATTERNS = [
    re.compile(
        r"\b(?:Child(?:ren)?|Families|Cases|Siblings?(?:\s+Group)?|Twins?|Brothers|Sisters|"
        r"Young\s+(?:People|Persons?(?:\(s\))?|Adults?)|Adults?)\s+"
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
    OPERATION,
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
    # "SCR 15" standing for the review: on a line of its own or before a dash
    re.compile(r"\bSCR\s+\d{1,3}(?=[ \t]*$|\s+[–—-]\s)", re.M),
    # "Case 14" as a heading of its own, or before the kind of review: "Case 21 – Local
    # Child Safeguarding Practice Review"
    re.compile(r"^[ \t]*Case\s+\d{1,3}(?=[ \t]*$|\s+[–—-]\s)", re.M),
    # "Case R", "Case Number 14", "Case No.SOT12(1)"
    # ("Case TK and OH Joint Learning Review": two children's letters)
    re.compile(
        r"\bCase\s+(?:(?:Number|No\.?)\s*[A-Z]{0,4}\d+(?:\s*\(\d+\))?|"
        r"[A-Z]{1,2}\d{0,2}\b(?:\s+(?:and|&)\s+[A-Z]{1,2}\d{0,2}\b(?![\w'’-]))?)"
    ),
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
    re.compile(r"(?<![\w/])(?P<code>[A-Z]{1,7}/(?:19|20)\d\d/\d{1,3})(?![\w/])"),
    # ... after a two-digit year, the board's initials and the kind: "SCR/16/03",
    # "BSCP/CSPR/22/01"
    re.compile(r"(?<![\w/])(?P<code>[A-Z]{2,7}(?:/[A-Z]{2,7})?/\d\d/\d{1,3})(?![\w/])"),
    # a review's number after a two-digit year, a rapid review's number: "LCSPR 21-04",
    # "RR-0321"
    re.compile(r"\b(?P<code>(?:SCR|L?CSPR)\s+\d\d-\d\d|RR-\d{3,4})(?![\w/-])"),
    # A board's code with the year first: "ANRSCB 2014/01".
    re.compile(
        r"\b(?!(?:SCR|L?CSPR|E?CPR|DHR|SAR|LSCPR)\s)(?P<code>[A-Z]{3,7}\s+(?:19|20)\d\d/\d{1,2})(?!\d)"
    ),
    # Letters standing for the children after the kind of review: "Serious Case Reviews
    # S & D".
    # (or a pair of letters each, after what introduces them: "in relation to three children
    # HH, II & JJ")
    # (single letters after those words may be a name's initials the title page spells out:
    # "SCR concerning J and T" over "Jade and Tyler")
    re.compile(r"(?i:" + _REVIEW + r")s?\s+(?P<code>[A-Z](?:\s*(?:,|&|and)\s*[A-Z])+)(?![\w'’])"),
    re.compile(
        r"(?:(?i:" + _REVIEW + r")s?|(?i:in\s+(?:respect\s+of|relation\s+to)|concerning)"
        r"(?:\s+(?i:the\s+)?(?i:two|three|four|five|six)\s+(?i:children|siblings))?)\s+"
        r"(?P<code>[A-Z]{2}(?:\s*(?:,|&|and)\s*[A-Z]{2})+)(?![\w'’])"
    ),
    re.compile(
        r"(?i:" + _REVIEW + r"|concerning|in\s+respect\s+of|re)\s+(?:of\s+)?"
        r"(?P<code>" + _CODES + r")(?![\w])"
    ),
    re.compile(r"(?<![\w])(?P<code>" + _CODE + r")\s+(?i:" + _REVIEW + r")\b"),
    # A letter or two standing for the child whose death the review followed: "Report
    # Following the death of T" (not an article, nor initials before a name: "PC Hale")
    re.compile(
        r"\b(?i:deaths?|murder|killing|serious\s+injury|injuries)\s+(?i:of|to)\s+"
        r"(?P<code>(?!(?:A|I)\b)[A-Z]{1,2}\d{0,2})(?![\w'’-])(?!\s+[A-Z][a-z])"
    ),
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
    # A board's initials and a number within a two-digit year, before the kind of review or
    # on a title page's line of its own: "DE 01/11 Serious Case Review".
    re.compile(
        r"(?m)(?<![\w/])(?P<code>[A-Z]{2,6}\s+\d{1,2}/\d\d)(?![\w/])"
        r"(?=\s+(?i:" + _REVIEW + r")\b|[ \t]*$)"
    ),
    # Letters and a number joined by a hyphen, after the kind of review or leading a link
    # before a dash: "Local Learning Review LR-019", "BSCP-04 – Overview Report".
    re.compile(r"(?i:" + _REVIEW + r")\s+(?P<code>[A-Z]{2,6}-\d{2,4})(?![\w/-])"),
    re.compile(r"^\W*(?P<code>(?!COVID)[A-Z]{2,6}-\d{2,4})(?=\s+[–—-]\s)"),
    # A review's reference number: "SCR ref. 0042" (the review "SCR 0042").
    re.compile(
        r"\b(?P<code>(?:SCR|L?CSPR|E?CPR)\s+(?i:ref(?:erence)?[.:]?\s*(?:no[.:]?\s*)?)\d{2,5})"
        r"(?![\w/])"
    ),
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
    # a Welsh page's child: "Plentyn L" is "Child L"
    name = re.sub(r"^Plentyn\s+(?=" + _ID + r"$)", "Child ", name)
    name = re.sub(r"^Babi\s+(?=" + _ID + r"$)", "Baby ", name)
    # a Welsh review's code in Welsh: "AYP Maesteifi 1" is "CPR Maesteifi 1"
    name = re.sub(r"^AYPE\b", "ECPR", re.sub(r"^AYP\b", "CPR", name))
    # "CPR CTMSB 8/2020" and "CTMSB 8/2020": the kind of review before a board's code is the
    # page's label for it, not part of the review's name
    name = re.sub(
        r"^(?:E?CPR|L?C?SPR|LSCPR|SCR)\s+(?=[A-Z]{2,8}\s*\d{1,4}\s*[/.-]\s*\d{1,4}$)",
        "",
        name,
    )
    family = re.fullmatch(r"(" + _ID + r") [Ff]amily", name)
    if family:
        return f"Family {family.group(1)}"
    # "Child Joe" and "Joe", "Baby Penny" and "Penny", "Young Person Mark" and "Mark": the
    # word before a child's name is the page's way of introducing it, and a listing and the
    # report's cover often differ
    introduced = re.fullmatch(r"(?:Child|Baby|Young\s+Person)\s+(" + _PERSONAL + r")", name)
    if introduced and is_name(introduced.group(1)):
        name = introduced.group(1)
    name = re.sub(r"\s*&\s*", " and ", name)
    children = _CHILD_LIST.fullmatch(name)
    if children:
        rest = re.sub(r"\bChild\s+", "", children.group(2))
        name = f"Children {children.group(1)}{rest}"
    return re.sub(r"\s*,\s*", ", ", name)


# "Baby" before a capitalised word: the word must be a name ("Baby Died Of Neglect" is a
# headline in title case).
_BABY_WORD = re.compile(r"Baby\s+(?P<word>[A-Z][a-z]+)\b")


def _baby_named(found: str) -> bool:
    word = _BABY_WORD.match(found)
    return word is None or is_name(word.group("word"))


# An evaluation form's line for the child: "Initials of Child: KM" (the initials are the
# case; "Child" belongs to the form's words).
INITIALS_OF_CHILD = re.compile(
    r"\binitials\s+of\s+(?:the\s+)?(?:child|young\s+person)\s*[:\-–]?\s*"
    r"(?P<id>(?-i:[A-Z]{1,3}\d{0,2}))(?![A-Za-z\d])",
    re.I,
)


def structured_case(text: str) -> str | None:
    initials = INITIALS_OF_CHILD.search(text)
    best: tuple[int, str] | None = (initials.start(), initials["id"]) if initials else None
    for pattern in CASE_PATTERNS:
        match = next(
            (
                m
                for m in pattern.finditer(text)
                if ("name" not in pattern.groupindex or is_name(m.group("name")))
                # ("Alcoholic's Baby Died Of Neglect": a headline's verb, not a name)
                and _baby_named(m.group(0))
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


WELSH_CHILD = re.compile(r"\bPlentyn\s+" + _ID + r"(?![A-Za-z])")


# A review's code in a file's name: "scr_2016_03_exec_summary.pdf" is "SCR 2016/03".
FILE_CODE = re.compile(
    r"(?<![A-Za-z])(?P<kind>scr|l?cspr|cpr)[_ -]+(?P<year>(?:19|20)\d\d)[_ -]+(?P<number>\d{1,2})"
    r"(?=[_ .-]|$)",
    re.I,
)


def file_code(text: str) -> str | None:
    match = FILE_CODE.search(text)
    # (a file's name: not in capitals as a title writes the kind, "Scr 2016 03 Exec Summary"
    # of "scr_2016_03_exec_summary.pdf")
    if not match or match["kind"].isupper():
        return None
    return f"{match['kind'].upper()} {match['year']}/{match['number']}"


REFERENCE_WORDS = re.compile(r"\s+ref(?:erence)?[.:]?\s*(?:no[.:]?\s*)?(?=\d)", re.I)


def coded_case(text: str) -> str | None:
    """A review's code standing for the child: "W4", "SOT14 (1)", "AB1 & AB2"."""
    best: tuple[int, str] | None = None
    for pattern in CODE_PATTERNS:
        for match in pattern.finditer(text):
            code = match.group("code")
            # An initialism such as "SCR2" is a code; "CP1" alone in prose is rare enough.
            if best is None or match.start() < best[0]:
                code = REFERENCE_WORDS.sub(" ", code)
                best = (match.start(), clean_name(code))
            break
    return best[1] if best else file_code(text)


# Words by which a review's title names a topic rather than a child.
TOPIC_WORDS = re.compile(
    r"\b(?:abuse|neglect|exploitation|suicides?|deaths|injuries|harm|violence|"
    r"safeguarding|adolescents?|young people|children|infants|babies|sudi|sudden|"
    r"peer|online|gangs?|knife|county lines|radicali[sz]ation|"
    # groups of people, not one family's ("the Smith family")
    r"families|parents|fathers|mothers|carers|teenagers|toddlers|newborns|pupils|"
    r"care leavers|drowning|bruising|trafficking|trauma|grooming|"
    # (what was done for them: "child protection arrangements")
    r"protection|arrangements)\b",
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


SETTING_NAME = re.compile(
    r"\b[A-Z][a-z]+\s+(?:[A-Z][\w'’]*\s+){0,3}(?:[Cc]hildren['’]s\s+home|School|Academy|College|"
    r"Nursery|Home|Centre|Club|"
    r"Ward|Hospital|Unit)$"
)


def topical(case: str | None) -> bool:
    """A case named by a topic ("Peer on Peer Abuse", "probable suicides amongst
    children"), not by a child or children."""
    family = SURNAME_CHILDREN.fullmatch(case or "")
    return bool(
        case
        and TOPIC_WORDS.search(case)
        # (a setting's name: "Heatherlea Children's Home")
        and not SETTING_NAME.search(case)
        and not structured_case(case)
        and not coded_case(case)
        and not LETTER_FAMILY.fullmatch(case)
        and not (
            family and is_name(family["name"]) and not DESCRIBING_WORD.fullmatch(family["name"])
        )
    )
