"""Reviews named by their title rather than a child: a thematic review's subject ("Thematic
Review of Missing Teenagers"), a listing entry that is only a title and its kind ("Autumn
SCR"), a title between the kind of review and the document's type, a national panel
review's cover title."""

from __future__ import annotations

import re

from harvester.metadata.text import REVIEW_KINDS as _REVIEW
from harvester.metadata.text import clean_name

# A thematic review is named by its subject: "Vulnerable Adolescents Thematic Review 2019",
# "Thematic Review of Contextual Safeguarding Responses in Cheshire West - Published ...".
THEMATIC_SUBJECT = [
    re.compile(
        r"(?i:thematic\s+(?:review|learning\s+review))\s*(?:(?i:of|into|on|:)\s+)(?:the\s+)?"
        r"(?P<subject>[A-Za-z][\w'’ -]*?)"
        r"(?=\s+in\s+[A-Z]|\s+-\s|\s*[–—(:|/]|\s+(?:19|20)\d\d|\s*$)"
    ),
    re.compile(
        r"^(?:the\s+)?(?P<subject>[A-Z][\w'’ -]*?)\s+(?i:thematic\s+(?:review|learning\s+review))"
    ),
]


# Words of a title that say what kind of document or page it is, not what it is about.
GENERIC_WORDS = frozenset(
    {
        "serious", "case", "cases", "review", "reviews", "child", "children", "safeguarding",
        "practice", "local", "executive", "summary", "summaries", "overview", "report", "reports",
        "final", "full", "learning", "lessons", "briefing", "briefings", "brief", "seven",
        "minute", "published", "publication", "board", "partnership", "action", "plan", "response",
        "document", "documents", "download", "read", "here", "more", "view", "click", "link",
        "pdf", "word", "version", "draft", "redacted", "updated", "update", "archive", "archived",
        "leaflet", "key", "findings", "recommendations", "appendix", "introduction", "contents",
        "themed", "thematic", "panel", "national", "referral", "referrals", "form", "forms",
        "template", "templates", "guidance", "procedure", "procedures", "policy", "protocol",
        "process", "terms", "reference", "notification", "checklist", "toolkit", "training",
        "newsletter", "annual", "information", "criteria", "request", "application", "flowchart",
        "guide",
    }
)  # fmt: skip
SMALL_WORDS = frozenset(
    ["a", "an", "the", "of", "on", "in", "and", "to", "for", "at", "by", "with", "from", "into"]
)
_TITLE_WORD = r"(?:[A-Z][\w'’-]*|of|on|in|and|the|to|for|at|by|with|from|into)"
# At most six words: a longer title is a sentence about the review, not its name.
_TITLE = r"[A-Z][\w'’-]*(?:\s+" + _TITLE_WORD + r"){0,5}?"
# A listing entry that is only a review's title and its kind: "CSPR Peer on Peer Abuse",
# "Autumn SCR". The words stand for the case whatever they are (a season, a topic).
TITLED_REVIEW = [
    re.compile(r"^\W*(?i:" + _REVIEW + r")\s*[:\-–—]?\s+(?P<subject>" + _TITLE + r")\W*$"),
    re.compile(r"^\W*(?P<subject>" + _TITLE + r")\s+(?i:" + _REVIEW + r")\W*$"),
]
# "Serious Case Review: The abuse of pupils in a first school: Executive Summary": the title
# standing between the kind of review and the document's type.
_DOC_TYPE = (
    r"(?:executive\s+summary|overview\s+report|(?:final\s+|full\s+)?report|"
    r"(?:\d+|seven)[- ]minute\s+briefing|learning\s+(?:brief|briefing|summary)|action\s+plan)"
)
SUBTITLED_REVIEW = re.compile(
    r"^\W*(?i:" + _REVIEW + r")\s*:\s+(?P<subject>[A-Za-z][\w'’ ,-]{3,80}?)\s*(?::|\s[-–—])\s*"
    r"(?i:" + _DOC_TYPE + r")\b"
)
# A review whose report is titled by its subject: "A desk based review of probable suicides
# amongst children ... in Mid and West Wales".
REVIEW_OF_SUBJECT = re.compile(
    r"^\W*(?:an?\s+)?(?i:(?:desk[- ]based|multi[- ]agency|partnership|system(?:s|ic)?)\s+"
    r"(?:learning\s+)?review)\s+(?i:of|into)\s+(?:the\s+)?(?P<subject>[a-z][\w'’ -]*?)"
    r"(?=\s+in\s+[A-Z]|\s+-\s|\s*[–—(:|/]|\s+(?:19|20)\d\d|\s*$)",
    re.I,
)
NATIONAL_PANEL = re.compile(r"child\s+safeguarding\s+practice\s+review\s+panel", re.I)


def specific(subject: str) -> bool:
    """A title says something beyond the kind of document it is."""
    words = [w for w in re.findall(r"[A-Za-z]+", subject) if w.lower() not in SMALL_WORDS]
    return any(w.lower() not in GENERIC_WORDS for w in words) and not re.fullmatch(
        r"(?:19|20)\d\d", subject.strip()
    )


def titled_subject(text: str) -> str | None:
    """A review named by its title rather than a child: the whole entry beside its kind
    ("Autumn SCR"), or the title between the kind and the document's type."""
    for pattern in (*TITLED_REVIEW, SUBTITLED_REVIEW, REVIEW_OF_SUBJECT):
        match = pattern.match(text)
        if match and specific(match.group("subject")):
            return clean_name(match.group("subject"))
    return None


def panel_title(cover: str) -> str | None:
    """A national panel review is known by its title, the cover's first line."""
    if not NATIONAL_PANEL.search(cover):
        return None
    lines = [line.strip() for line in cover.splitlines() if line.strip()]
    first = lines[0].split(": ")[0] if lines else ""
    if 3 <= len(first) <= 80 and specific(first) and not NATIONAL_PANEL.search(first):
        return clean_name(first)
    return None


def thematic_subject(text: str) -> str | None:
    for pattern in THEMATIC_SUBJECT:
        match = pattern.search(text)
        if match:
            subject = clean_name(match.group("subject"))
            if 2 <= len(subject) <= 80 and subject.lower() not in ("a", "the", "multi-agency"):
                return subject
    return None
