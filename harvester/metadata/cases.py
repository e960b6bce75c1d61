"""Case names: "Child J", "Children P, Q and R", "the T Family", pseudonyms ("Harry")."""

from __future__ import annotations

import re

from harvester.metadata.text import REVIEW_KINDS as _REVIEW
from harvester.metadata.text import SHORT_WORDS, clean_name, file_words, uncap
from harvester.metadata.titles import (
    cover_subject,
    listing_title,
    panel_title,
    review_subject,
    thematic_subject,
    titled_subject,
)

# --- case names ---------------------------------------------------------------------------

_ID = r"[A-Z]{1,2}\d{0,2}"
# Numbers name children too: "Child 1", "Young Person 14", "Young People 1,2,3 & 6".
_ID_OR_NUMBER = r"(?:[A-Z]{1,2}\d{0,2}|\d{1,2}(?!\s*(?:years?|months?|weeks?|days?|yrs?)\b))"
_QUOTED_ID = r"['‘“\"]?" + _ID + r"['’”\"]?"
_WHO = (
    r"(?:Child(?:ren)?|Siblings?|Young\s+(?:People|Persons?(?:\(s\))?)|Baby|Infant|Family|Nursery)"
)
# Further children of the same review: "Child I and Child M", "Children A, B, C, and F",
# "Child A and Baby N", "Child M1 and Child M2", "Children 1-4", "Young People 2 to 5".
_MORE = (
    r"(?:(?:\s*(?:,\s*(?:and\s+|&\s*)?|\s(?:and|&)\s+|&\s*)(?:" + _WHO + r"\s+)?|[-–]|\s+to\s+)"
    r"(?:" + _ID_OR_NUMBER + r")(?![A-Za-z\d]))*"
)
CASE_PATTERNS = [
    re.compile(
        r"\b(?:Child(?:ren)?|Siblings?|Young\s+(?:People|Persons?(?:\(s\))?)|Adults?)\s+"
        r"(?:" + _QUOTED_ID + r"|" + _ID_OR_NUMBER + r")(?![A-Za-z\d])" + _MORE
    ),
    re.compile(
        r"\bBaby\s+(?:" + _ID + r"(?![A-Za-z])|[A-Z][a-z]+\b)" + _MORE + r"|"
        r"\b(?:Young Person|Infant|Adolescent|Nursery)\s+" + _ID + r"(?![A-Za-z])"
    ),
    re.compile(r"\bFamily\s+" + _QUOTED_ID + r"(?![A-Za-z\d])"),
    # A police operation's name stands for the review: "Operation Brooke".
    re.compile(r"\bOperation\s+[A-Z][a-z]+\b"),
    # "Child Jane", "Child Lilo": a first name after "Child" (checked by is_name).
    re.compile(r"\bChild\s+(?P<name>[A-Z][a-z]{2,})\b(?!['’]s\b)"),
    # "Case R", "Case Number 14", "Case No.SOT12(1)"
    re.compile(r"\bCase\s+(?:(?:Number|No\.?)\s*[A-Z]{0,4}\d+(?:\s*\(\d+\))?|[A-Z]{1,2}\d{0,2}\b)"),
]
# A review's code: "W4 Serious Case Review", "Serious Case Review SOT14 (1)", "concerning AB1
# & AB2", "‘B1’".
_CODE = r"[A-Z]{1,4}\d{1,3}(?:\s*\(\d+\))?"
_CODES = _CODE + r"(?:\s*(?:,|&|and)\s*" + _CODE + r")*"
CODE_PATTERNS = [
    # Welsh reviews' codes: a region, a number and a year ("CYSUR 4 2017", "WB B 15 2014",
    # "CPR CTMSB 06/2021", "WG S71 2023").
    re.compile(
        r"\b(?P<code>(?:CPR\s+)?[A-Z]{2,6}\s+(?:[A-Z]\s+)?[A-Z]?\d{1,3}(?:\s+|[-/])(?:19|20)\d\d)\b"
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
]
# "T Family", "the K family", "the Z siblings" (lower case only after "the": "a family" is
# not one)
LETTER_FAMILY = re.compile(
    r"\b(?P<the>[Tt]he\s+)?['‘]?(?P<id>" + _ID + r")['’]?\s+"
    r"(?P<family>[Ff]amily|[Ss]iblings|[Cc]hildren)\b"
)

_NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# "The Jones Family SCR": a family named by its surname, after "the".
SURNAME_FAMILY = re.compile(r"\b[Tt]he\s+(?P<name>" + _NAME + r")\s+[Ff]amily\b")
_OPEN_QUOTE = r"['‘“\"]"
_CLOSE_QUOTE = r"(?:['’](?!s\b)|[”\"])"  # an apostrophe before s is a possessive's
# Names may each be in quotes: "‘Emily’ & ‘Jack’", "Claire/Anne".
_QNAME = _OPEN_QUOTE + r"?" + _NAME + _CLOSE_QUOTE + r"?"
_NAMES = (
    _NAME
    + _CLOSE_QUOTE
    + r"?(?:(?:\s*,\s*"
    + _QNAME
    + r")*\s+(?:and|&)\s+"
    + _QNAME
    + r"|/"
    + _NAME
    + r")?"
)
# A first name and a surname, after words that introduce the child: "re Daniel Pelka".
_PERSON = _NAME + r"(?:[ \t]+" + _NAME + r")?"
# "Highlighting lessons from Harry (2019)", "Learning from the review into 'Ruby'"
# A word for the child before the name, as news items write it: "the death of toddler
# Lewis".
_WHO = (
    r"(?i:(?:murdered\s+|tragic\s+)?"
    r"(?:toddler|tot|schoolboy|schoolgirl|teenager|teen|youngster|boy|girl))"
)
_WHO_WORD = r"(?:" + _WHO + r"\s+)?"
PSEUDONYM = re.compile(
    r"(?i:lessons from|learning from|review of|review into|review on|review concerning|"
    r"case of|in respect of|concerning|story of|death of|injuries to|murder of|care of|"
    r"protect|failed|failing|"
    r"(?:report|summary|briefing|review) for)\s+(?:the\s+)?" + _WHO_WORD + _OPEN_QUOTE + r"?"
    r"(?P<name>" + _NAMES + r")\b(?!['’]s\b)"
)
FULL_NAME = re.compile(
    r"(?i:\bre|in respect of|case of|death of|murder of|killing of|inquest into|concerning|"
    r"review (?:on|of|into)|(?:services|support|care)\s+(?:provided\s+)?(?:to|for)|"
    r"(?:family|parents|mother|father)\s+of|protect|failed|failing)\s+"
    r"(?:the\s+)?"
    + _WHO_WORD
    + r"(?P<name>"
    + _PERSON
    + r")\b(?!['’]s\b(?!\s+(?i:death|murder|killing|injuries|life|story)))"
    r"(?!\s+(?i:safeguarding|review|serious|board))"
)
# "Toddler Lexi-Mae Dunn: ...", "Caldermoor schoolgirl Sienna Hart": a word for a child,
# then the child's name.
NAME_AFTER_WHO = re.compile(r"\b" + _WHO + r"\s+(?P<name>" + _PERSON + r")\b")
# "Logan Mwangi Child Practice Review", "‘Sofia’ Serious Case Review": a name, then the
# kind of review.
# "Leiland-James Michael Corkill: Child Safeguarding Practice Review published": a first,
# middle and last name before the kind of review.
# The shortest run of names the kind of review follows: "Hamzah Khan Serious Case Review".
_FULL_PERSON = _NAME + r"(?:[ \t]+" + _NAME + r"){0,2}?"
NAME_BEFORE_REVIEW = re.compile(
    r"^\W*" + _OPEN_QUOTE + r"?(?P<name>" + _FULL_PERSON + r")" + _CLOSE_QUOTE + r"?"
    r"(?:\s*[:\-–—,]\s*(?:(?i:an?)\s+)?|\s+)(?i:" + _REVIEW + r"|review)\b"
)
# "Statement on the Jayden Marsh review", "Board responds to Ollie review": a name between
# a word that introduces it and the kind of review.
NAME_IN_REVIEW = re.compile(
    r"\b(?i:on|of|to|for|about|into|the)\s+(?P<name>" + _NAME + r"(?:[ \t]+" + _NAME + r")?)\s+"
    r"(?i:" + _REVIEW + r"|review)\b"
)
# A news item's headline: "Poppi Hartley death: ...", "Ayla-Rose Penn's murder": a first
# name and surname, then what happened.
NAME_BEFORE_EVENT = re.compile(
    r"^\W*(?P<name>" + _NAME + r"[ \t]+" + _NAME + r")(?:['’]s)?[ \t]+"
    r"(?i:death|murder|killing|case|inquest)\b"
)
# "Seven-year-old Shanay Walker died": a named child with an age.
AGED_NAME = re.compile(
    r"\b(?:\d{1,2}|[A-Za-z]+)[- ](?i:year|month|week)[- ](?i:old)\s+(?:(?i:boy|girl|baby)\s+)?"
    r"(?P<name>" + _PERSON + r")\b(?!['’]s\b)"
)
# "Serious Case Review Harry", "SCR Louise - Executive Summary", "Child Safeguarding
# Practice Review: Zac (ZDS22)": a name right after the kind of review, ending the title
# or followed by its date, type or a separator.
NAME_AFTER_REVIEW = re.compile(
    r"(?i:" + _REVIEW + r")(?:\s+(?i:(?:overview\s+|final\s+)?report|executive\s+summary))?"
    r"(?:\s*[:\-–—]\s*|\s+)(?i:publication\s*:\s*)?" + _OPEN_QUOTE + r"?"
    r"(?P<name>" + _FULL_PERSON + r"|" + _NAMES + r")" + _CLOSE_QUOTE + r"?"
    r"(?=[ \t]*(?:\n|$)|\s*[-–—:|(,]|\s+(?i:published|executive|overview|full|final|report|"
    r"learning|summary|briefing|here|on\s+\d|\d))"
)
# "the Tyler review", "the Archie case"
NAMED_REVIEW = re.compile(
    r"\b(?i:the)\s+(?P<name>" + _NAMES + r")\s+(?i:review|case|scr|cspr|serious case review)\b"
)
# "Jayden's story", "Harry's review"
POSSESSIVE_NAME = re.compile(
    r"\b" + _WHO_WORD + r"(?P<name>" + _NAME + r"(?:[ \t]+" + _NAME + r")?)['’]s\s+"
    r"(?i:story|review|case|death|murder|killing|injuries|mother|father|parents|family|"
    r"stepfather|killer)\b"
)
# A pseudonym in quotes right after a letter: "Child M ‘Vamp’"
QUOTED_AFTER = re.compile(r"\s+[‘“](?P<name>" + _NAME + r")[’”]")
# A pseudonym in quotes: "Child Safeguarding Practice Review: 'Archie'"
QUOTED_NAME = re.compile(_OPEN_QUOTE + r"(?P<name>" + _NAMES + r")" + _CLOSE_QUOTE)
# A listing entry or card titled with a pseudonym: "Harry - Executive Summary", "Harry",
# "Noah (2021) - 7 minute briefing".
LEADING_NAME = re.compile(
    r"^" + _OPEN_QUOTE + r"?(?P<name>" + _NAMES + r")" + _CLOSE_QUOTE + r"?"
    r"(?:\s*\([^)]*\)|\s+(?:19|20)\d\d)?(?:\s+-\s*\S|-\s+\S|\s*[–—:|/]\s*\S|\s*$)"
)
# A name standing alone between a title's separators, after the document's type: "7 minute
# briefing: Poppy and Max", "CSPR – Kai – Published 2024". Trusted only when the document
# itself shows the name as a person (see corroborated).
TITLE_SEPARATOR = re.compile(r"\s[-–—|/]\s|:\s|\s[–—]|[–—]\s|\(|\)")
NAME_SEGMENT = re.compile(_OPEN_QUOTE + r"?(?P<name>" + _NAMES + r")" + _CLOSE_QUOTE + r"?")
PERSON_VERBS = r"(?:was|were|had|lived|died|became|moved|attended|suffered|experienced)"
NOT_NAMES = {
    "Sexual", "Criminal", "Physical", "Emotional", "Sudden", "Unexpected", "Accidental",
    "Welfare", "Centred", "Centered", "Focused", "Focussed", "Looked", "Missing", "Abusive",
    "Protection", "Wellbeing", "Friendly", "Minded",
    "Death", "Deaths", "Injury", "Injuries", "Title", "Name", "Pupils", "School", "Schools",
    "Nursery", "Concerns", "Concerning", "Respect", "Desk", "Based", "Concise", "Extended",
    "Thematic", "Findings", "Progress", "Publishes", "Publish", "Lead", "Reviewer",
    "The", "A", "An", "This", "That", "These", "Our", "Your", "What", "Why", "How", "Who",
    "When", "Where", "Key", "New", "Final", "Full", "Draft", "Redacted", "Updated", "Update",
    "Serious", "Case", "Cases", "Reviews", "Review", "Local", "Previous", "Child", "Children",
    "Baby", "Babies", "Family", "Families", "Young", "People", "Person", "Parents", "Carers",
    "Executive", "Summary", "Summaries", "Learning", "Lessons", "Lesson", "Professional",
    "Professionals", "Practice", "Practitioners", "Board", "Boards", "Partnership",
    "Partnerships", "Themed", "Archive", "Archived", "Briefing", "Briefings",
    "Brief", "Briefs", "Action", "Actions", "Plan", "Plans", "Overview", "Report", "Reports",
    "Documents", "Document", "Download", "Downloads", "Home", "Leaflet", "Leaflets",
    "Publications", "Publication", "Resources", "Resource", "Safeguarding", "Research",
    "Guidance", "Contact", "About", "News", "Newsletter", "Newsletters", "Training",
    "Published", "Introduction", "Contents", "Page", "Pages", "Seven", "Minute", "Multi",
    "Response", "Responses", "Rapid", "National", "Other", "Older", "Annual", "Referral",
    "Referrals", "Terms", "Template", "Templates", "Information", "Read", "View", "Click",
    "Open", "Link", "Links", "Here", "More", "Appendix", "Recommendations",
    "Analysis", "Background", "Conclusion", "Conclusions", "Foreword", "Agenda", "Minutes",
    "Policy", "Procedures", "Strategy", "Audit", "Audits", "Updates", "Events", "Services",
    "Team", "Council", "County", "City", "Borough", "Health", "Police", "Education",
    "Social", "Care", "Early", "Help", "Neglect", "Abuse", "Bruising", "Exploitation",
    "Sleep", "Crying", "Fathers", "Men", "Adolescents", "Teenagers", "Infants", "Suicide",
    "Harm", "Disability", "Housing", "Poverty", "Culture", "Trauma", "Grooming", "Drugs",
    "Alcohol", "Domestic", "Parental", "Mental", "Voice", "Curiosity", "Compliance",
    "Escalation", "Thresholds", "Assessment", "Supervision", "Drift", "Delay", "Kinship",
    "Online", "Knife", "Crime", "Gangs", "Lines", "Spring", "Summer", "Autumn", "Winter",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "Word", "Pdf", "Version", "Date", "Author", "Chair",
    "No", "Number", "One", "Two", "Three", "Four", "Five", "Six", "Eight", "Nine", "Ten",
    "Eleven", "Twelve", "Director", "Manager", "Consultant", "Officer", "Associate",
    "Associates", "Ltd", "Limited", "Nurse", "Doctor", "Superintendent", "Inspector",
    "Fabricated", "Induced", "Independent", "Joint", "Historic", "Historical", "Organised",
    "Protocol", "Procedure", "Framework", "Process", "Group", "Panel", "Toolkit", "Checklist",
    "Subgroup", "Committee", "Schoolboy", "Schoolgirl", "Teenager", "Teen", "Toddler",
    "Youngster", "Murdered", "Tragic",
    # Welsh words of a bilingual title: report, review, practice, children, date, summary.
    "Adroddiad", "Adolygiad", "Adolygiadau", "Ymarfer", "Plant", "Dyddiad", "Crynodeb",
    "Cynllun", "Gweithredu", "Ymateb", "Diogelu", "Bwrdd",
}  # fmt: skip
# Topic words and abstract nouns are not pseudonyms ("Briefing: Exploitation").
NOT_NAME_ENDING = re.compile(r"(?:tion|sion|ment|ness|ity|ism|ance|ence|ship|ing|ings)$")


# --- case names ---------------------------------------------------------------------------


_CHILD_LIST = re.compile(
    r"Child\s+(" + _ID_OR_NUMBER + r")((?:(?:\s*,\s*|\s+and\s+)Child\s+" + _ID_OR_NUMBER + r")+)"
)


def normalise_case(name: str) -> str:
    """The canonical form used for case identity: "T Family" and "Family T" are one case,
    and so are "Child I and Child J" and "Children I and J"."""
    name = clean_name(re.sub(r"[‘’“”\"]|(?<!\w)'|'(?!\w)", "", name))
    name = re.sub(r"^the\s+", "", name, flags=re.I)
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
            best = (match.start(), clean_name(re.sub(r"['‘’“”\"]", "", found)))
    named = SURNAME_FAMILY.search(text)
    if named and is_name(named.group("name")) and (best is None or named.start() < best[0]):
        best = (named.start(), f"{named.group('name')} Family")
    for match in LETTER_FAMILY.finditer(text):
        if best is not None and match.start() >= best[0]:
            break
        the, letters, family = match.group("the"), match.group("id"), match.group("family")
        if the or (family == "Family" and letters not in ("A", "I")):
            best = (match.start(), f"{letters} {family.capitalize()}")
            break
    return best[1] if best else None


def is_name(name: str, exclude: frozenset[str] = frozenset()) -> bool:
    for part in re.split(r"\s*(?:,|\band\b|&|/|\s)\s*", clean_name(name)):
        if not part:
            continue
        if part in NOT_NAMES or part in exclude or NOT_NAME_ENDING.search(part):
            return False
    return True


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


# Lines of a title page that say what the document is: a name standing alone beside one
# of them is the child's ("AMY / A SERIOUS CASE REVIEW", "Overview Report / Jack").
TITLE_LINE = re.compile(
    r"^\W*(?:(?:a|the)\s+)?(?:executive\s+summary\s+of\s+(?:a|the)\s+)?"
    r"(?:(?:final\s+)?overview\s+report|executive\s+summary|" + _REVIEW + r")\b",
    re.I,
)
NAME_LINE = re.compile(
    r"^\s*" + _OPEN_QUOTE + r"?(?P<name>" + _FULL_PERSON + r")" + _CLOSE_QUOTE + r"?\s*$"
)
CREDIT_LINE = re.compile(r"\b(?:author|by|chair|reviewer|written|prepared|lead)\b", re.I)


# What a title page's name line says besides the name: "Re: Kayla Brennan (aged 2)",
# "Jamie Fletcher (DOB 04.02.2009)".
NAME_LINE_PREFIX = re.compile(r"^(?i:re|in\s+respect\s+of|concerning|regarding)\s*:?\s+")
NAME_LINE_REMARK = re.compile(
    r"\s*\((?i:aged?|dob|d\.o\.b|born|a\s+(?:child|boy|girl|baby)|date\s+of\s+birth)[^)]*\)\s*$"
)
# A line that introduces the name on the next: "into the circumstances of".
INTRO_LINE = re.compile(r"\b(?i:of|concerning|regarding|re:?)\s*$")
# A name wrapped over two lines: "concerning Amelia-\nRose", "the death of Bradley\n
# Okonkwo-Price".
_WRAPPED_HYPHEN = re.compile(r"(?<=[a-z])-[ \t]*\n[ \t]*(?=[A-Z][a-z])")
_WRAPPED_SURNAME = re.compile(
    r"(\b(?i:of|concerning|regarding|re:?)[ \t]+"
    + _NAME
    + r")[ \t]*\n[ \t]*("
    + _NAME
    + r")[ \t]*(?=\n|$)"
)


def join_wrapped_names(cover: str) -> str:
    return _WRAPPED_SURNAME.sub(r"\1 \2", _WRAPPED_HYPHEN.sub("-", cover))


def title_page_name(cover: str, exclude: frozenset[str] = frozenset()) -> str | None:
    """A name on a line of its own next to the title page's "Serious Case Review" or
    "Overview Report" line, or below a line that introduces it ("into the circumstances
    of"), and not next to an author's credit."""
    lines = [line.strip() for line in cover.splitlines() if line.strip()][:12]
    for i, line in enumerate(lines):
        line = NAME_LINE_REMARK.sub("", NAME_LINE_PREFIX.sub("", line))
        if line.isupper() and line.isalpha() and 3 <= len(line) <= 12:
            line = line.capitalize()
        match = NAME_LINE.match(line)
        if not match or not is_name(match.group("name"), exclude):
            continue
        before = lines[max(0, i - 1) : i]
        around = before + lines[i + 1 : i + 2]
        if (
            any(TITLE_LINE.match(a) for a in around) or any(INTRO_LINE.search(b) for b in before)
        ) and not any(CREDIT_LINE.search(b) for b in before):
            return clean_name(match.group("name"))
    return None


# Words by which a review's title names a topic rather than a child.
TOPIC_WORDS = re.compile(
    r"\b(?:abuse|neglect|exploitation|suicides?|deaths|injuries|harm|violence|"
    r"safeguarding|adolescents|young people|children|infants|babies|sudi|sudden|"
    r"peer|online|gangs?|knife|county lines|radicali[sz]ation)\b",
    re.I,
)


def topical(case: str | None) -> bool:
    """A case named by a topic ("Peer on Peer Abuse", "probable suicides amongst
    children"), not by a child or children."""
    return bool(
        case
        and TOPIC_WORDS.search(case)
        and not structured_case(case)
        and not coded_case(case)
        and not LETTER_FAMILY.fullmatch(case)
    )


PSEUDONYM_PATTERNS = (
    NAME_AFTER_WHO,
    FULL_NAME,
    PSEUDONYM,
    NAME_AFTER_REVIEW,
    NAME_BEFORE_REVIEW,
    NAME_IN_REVIEW,
    NAME_BEFORE_EVENT,
    AGED_NAME,
    QUOTED_NAME,
    NAMED_REVIEW,
    POSSESSIVE_NAME,
    LEADING_NAME,
)


def pseudonym(
    text: str,
    exclude: frozenset[str] = frozenset(),
    patterns: tuple[re.Pattern[str], ...] = PSEUDONYM_PATTERNS,
) -> str | None:
    """The first name one of `patterns` finds (in their order) that is a name."""
    for pattern in patterns:
        for match in pattern.finditer(text):
            if is_name(match.group("name"), exclude):
                return clean_name(match.group("name"))
    return None


def corroborated(name: str, document: str) -> bool:
    """The document shows `name` as a person: on a line of its own, or doing something
    ("Poppy (4) and Max (2) were found", "Leo was 16")."""
    first = re.split(r"\s*(?:,|\band\b|&)\s*", name)[0]
    if re.search(r"^\s*" + _OPEN_QUOTE + r"?" + re.escape(name) + r"\W*$", document, re.M):
        return True
    return (
        re.search(
            r"\b" + re.escape(first) + r"(?:['’]s\b|(?:\s*\(\d+\))?(?:\s+and\s+[A-Z][a-z]+"
            r"(?:\s*\(\d+\))?)?\s+" + PERSON_VERBS + r"\b)",
            document,
        )
        is not None
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
    match = re.search(r"\b(child(?:ren)?|baby|family)\s+([a-z]{1,2}\d{0,2})(?=\s|$)", words, re.I)
    if match and match.group(2).upper() not in SHORT_WORDS:
        return f"{match.group(1).capitalize()} {match.group(2).upper()}"
    return None


def read_case(
    link_text: str | None,
    context: str | None,
    heading: str | None,
    file_title: str | None,
    cover: str,
    named: str | None,
    exclude: frozenset[str] = frozenset(),
) -> str | None:
    """The listing's case name the usual way ("Child J"), or its code ("W4"), then a
    pseudonym the listing gives plainly, then one the listing gives after the type and the
    document shows as a person, then the cover's, then the heading alone ("Oscar" over a
    card) when the document shows it as a person, then the URL; a thematic review's
    subject when nothing names a child, and last the subject a title gives beside the kind
    of review ("Historic Abuse - An Independent Review of Cases")."""
    cover = join_wrapped_names(cover)
    listing = [uncap(t) for t in (link_text, context, heading, file_title) if t]
    for read in (structured_case, coded_case):
        for text in listing:
            found = read(text)
            if found:
                return found
    for text in listing:
        if "thematic" in text.lower():
            found = thematic_subject(text)
            if found:
                return found
    for text in (link_text, context, file_title):
        found = pseudonym(text, exclude) if text else None
        if found:
            return found
    # A heading names places and topics too, but not right after the kind of review or in
    # quotes.
    found = pseudonym(heading or "", exclude, (NAME_AFTER_REVIEW, QUOTED_NAME))
    if found:
        return found
    for text in (link_text, context):
        for segment in TITLE_SEPARATOR.split(text or "")[1:]:
            match = NAME_SEGMENT.fullmatch(segment.strip())
            name = match.group("name") if match else ""
            if name and is_name(name, exclude) and corroborated(name, cover):
                return clean_name(name)
    found = (
        structured_case(cover)
        or coded_case(cover)
        or title_page_name(cover, exclude)
        or heading_pseudonym(heading, cover, exclude, link_text, context)
        or cover_pseudonym(cover, exclude)
        or case_from_url(named)
    )
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
    for text in (link_text, context, file_title, *cover.splitlines()[:6]):
        found = review_subject(uncap(text), exclude) if text else None
        if found:
            return found
    found = cover_subject(cover, exclude)
    if found:
        return found
    return listing_title(link_text, heading or "", exclude) if link_text else None


# A line beside a link that only dates it: "Published 19 August 2021".
DATE_LINE = re.compile(
    r"^\W*(?i:published|publication\s+date|date)?\W*(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:[A-Za-z]+\.?\s+)?(?:19|20)\d\d\W*$"
)
# A link that says only what kind of document it is: "Executive summary (PDF)", "Our
# response to the findings" ("Download" says nothing of the card).
KIND_OF_LINK = re.compile(
    r"^\W*(?i:(?:our\s+|the\s+|board\s+|partnership\s+)?(?:full\s+|final\s+)?(?:overview\s+)?"
    r"(?:report|executive\s+summary|summary|response|briefing|learning\s+brief|action\s+plan)\b)"
)


def heading_pseudonym(
    heading: str | None,
    cover: str,
    exclude: frozenset[str],
    link_text: str | None = None,
    context: str | None = None,
) -> str | None:
    """A card's heading that is only a name ("Oscar"), when the document shows the name as
    a person, the heading dates it ("Pip – August 2017"), or the card's link says only
    what kind of document it is or its line only dates it: headings also name places,
    teams and topics."""
    name = pseudonym(heading, exclude) if heading else None
    if not name:
        return None
    alone = re.fullmatch(r"\W*" + re.escape(name) + r"\W*", heading or "") is not None and (
        KIND_OF_LINK.match(link_text or "") is not None
        or DATE_LINE.match(context or "") is not None
    )
    if alone:
        return name
    dated = re.match(
        r"\W*" + re.escape(name) + r"\W*\s*[-–—(]\s*(?:published\s+)?\w*\s*(?:19|20)\d\d",
        heading or "",
        re.I,
    )
    return name if dated or corroborated(name, cover) else None


def cover_pseudonym(cover: str, exclude: frozenset[str]) -> str | None:
    found = pseudonym(cover, exclude, (FULL_NAME, PSEUDONYM, QUOTED_NAME))
    # "Response to the Local Child Safeguarding Practice Review: Isabelle": a name after
    # the kind of review on the same line.
    lines = (line for line in cover.splitlines()[:12] if line.strip())
    return found or next(
        filter(None, (pseudonym(ln, exclude, (NAME_AFTER_REVIEW,)) for ln in lines)), None
    )
