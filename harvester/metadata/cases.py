"""Case names: "Child J", "Children P, Q and R", "the T Family", pseudonyms ("Harry")."""

from __future__ import annotations

import re

from harvester.metadata.text import SHORT_WORDS, file_words

# --- case names ---------------------------------------------------------------------------

_ID = r"[A-Z]{1,2}\d{0,2}"
_QUOTED_ID = r"['‘“\"]?" + _ID + r"['’”\"]?"
CASE_PATTERNS = [
    re.compile(
        r"\b(?:Child(?:ren)?|Siblings?|Young\s+(?:People|Persons?))\s+"
        + _QUOTED_ID
        + r"(?![A-Za-z])"
        r"(?:\s*(?:,|and|&)\s*" + _ID + r"\b(?![a-z]))*"
    ),
    re.compile(
        r"\bBaby\s+(?:" + _ID + r"(?![A-Za-z])|[A-Z][a-z]+\b)|"
        r"\b(?:Young Person|Infant|Adolescent)\s+" + _ID + r"(?![A-Za-z])"
    ),
    re.compile(r"\bFamily\s+" + _ID + r"\b(?![a-z])"),
]
# "T Family", "the K family", "the Z siblings" (lower case only after "the": "a family" is
# not one)
LETTER_FAMILY = re.compile(
    r"\b(?P<the>[Tt]he\s+)?(?P<id>" + _ID + r")\s+(?P<family>[Ff]amily|[Ss]iblings|[Cc]hildren)\b"
)

_NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_NAMES = _NAME + r"(?:(?:\s*,\s*" + _NAME + r")*\s+(?:and|&)\s+" + _NAME + r")?"
_OPEN_QUOTE = r"['‘“\"]"
_CLOSE_QUOTE = r"['’”\"]"
# "Highlighting lessons from Harry (2019)", "Learning from the review into 'Ruby'"
PSEUDONYM = re.compile(
    r"(?i:lessons from|learning from|review of|review into|review concerning|case of|"
    r"in respect of|concerning|story of|death of|injuries to|murder of)\s+(?:the\s+)?"
    + _OPEN_QUOTE
    + r"?"
    r"(?P<name>" + _NAMES + r")\b(?!['’]s\b)"
)
# "the Tyler review", "the Archie case"
NAMED_REVIEW = re.compile(
    r"\b(?i:the)\s+(?P<name>" + _NAMES + r")\s+(?i:review|case|scr|cspr|serious case review)\b"
)
# "Jayden's story", "Harry's review"
POSSESSIVE_NAME = re.compile(r"\b(?P<name>" + _NAME + r")['’]s\s+(?i:story|review|case)\b")
# A pseudonym in quotes: "Child Safeguarding Practice Review: 'Archie'"
QUOTED_NAME = re.compile(_OPEN_QUOTE + r"(?P<name>" + _NAMES + r")" + _CLOSE_QUOTE)
# A listing entry or card titled with a pseudonym: "Harry - Executive Summary", "Harry",
# "Noah (2021) - 7 minute briefing".
LEADING_NAME = re.compile(
    r"^" + _OPEN_QUOTE + r"?(?P<name>" + _NAMES + r")" + _CLOSE_QUOTE + r"?"
    r"(?:\s*\([^)]*\))?(?:\s*[-–—:|/]\s*\S|\s*$)"
)
# A name standing alone between a title's separators, after the document's type: "7 minute
# briefing: Poppy and Max", "CSPR – Kai – Published 2024". Trusted only when the document
# itself shows the name as a person (see corroborated).
TITLE_SEPARATOR = re.compile(r"\s[-–—|/]\s|:\s|\s[–—]|[–—]\s|\(|\)")
NAME_SEGMENT = re.compile(_OPEN_QUOTE + r"?(?P<name>" + _NAMES + r")" + _CLOSE_QUOTE + r"?")
PERSON_VERBS = r"(?:was|were|had|lived|died|became|moved|attended|suffered|experienced)"
NOT_NAMES = {
    "The", "A", "An", "This", "That", "These", "Our", "Your", "What", "Why", "How", "Who",
    "When", "Where", "Key", "New", "Final", "Full", "Draft", "Redacted", "Updated", "Update",
    "Serious", "Case", "Cases", "Reviews", "Review", "Local", "Previous", "Child", "Children",
    "Baby", "Babies", "Family", "Families", "Young", "People", "Person", "Parents", "Carers",
    "Executive", "Summary", "Summaries", "Learning", "Lessons", "Lesson", "Professional",
    "Professionals", "Practice", "Practitioners", "Board", "Boards", "Partnership",
    "Partnerships", "Thematic", "Themed", "Archive", "Archived", "Briefing", "Briefings",
    "Brief", "Briefs", "Action", "Actions", "Plan", "Plans", "Overview", "Report", "Reports",
    "Documents", "Document", "Download", "Downloads", "Home", "Leaflet", "Leaflets",
    "Publications", "Publication", "Resources", "Resource", "Safeguarding", "Research",
    "Guidance", "Contact", "About", "News", "Newsletter", "Newsletters", "Training",
    "Published", "Introduction", "Contents", "Page", "Pages", "Seven", "Minute", "Multi",
    "Response", "Responses", "Rapid", "National", "Other", "Older", "Annual", "Referral",
    "Referrals", "Terms", "Template", "Templates", "Information", "Read", "View", "Click",
    "Open", "Link", "Links", "Here", "More", "Appendix", "Findings", "Recommendations",
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
}  # fmt: skip
# Topic words and abstract nouns are not pseudonyms ("Briefing: Exploitation").
NOT_NAME_ENDING = re.compile(r"(?:tion|sion|ment|ness|ity|ism|ance|ence|ship|ing|ings)$")


# --- case names ---------------------------------------------------------------------------


def clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.-")


def normalise_case(name: str) -> str:
    """The canonical form used for case identity: "T Family" and "Family T" are one case."""
    name = clean_name(re.sub(r"[‘’“”\"]|(?<!\w)'|'(?!\w)", "", name))
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    family = re.fullmatch(r"(" + _ID + r") [Ff]amily", name)
    if family:
        return f"Family {family.group(1)}"
    return re.sub(r"\s*&\s*", " and ", name)


def structured_case(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for pattern in CASE_PATTERNS:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), clean_name(re.sub(r"['‘’“”\"]", "", match.group(0))))
    for match in LETTER_FAMILY.finditer(text):
        if best is not None and match.start() >= best[0]:
            break
        the, letters, family = match.group("the"), match.group("id"), match.group("family")
        if the or (family == "Family" and letters not in ("A", "I")):
            best = (match.start(), f"{letters} {family.capitalize()}")
            break
    return best[1] if best else None


def is_name(name: str, exclude: frozenset[str] = frozenset()) -> bool:
    for part in re.split(r"\s*(?:,|\band\b|&)\s*", name):
        if not part:
            continue
        if part in NOT_NAMES or part in exclude or NOT_NAME_ENDING.search(part):
            return False
    return True


def pseudonym(text: str, exclude: frozenset[str] = frozenset()) -> str | None:
    for pattern in (PSEUDONYM, QUOTED_NAME, NAMED_REVIEW, POSSESSIVE_NAME, LEADING_NAME):
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
