"""Reviews named by their title rather than a child: a listing entry that is only a title
and its kind ("Autumn SCR"), a title between the kind of review and the document's type, a
subject beside the kind of review, a national panel review's cover title, a setting's name;
and the words that say a title names no subject (a board, a credit, a headline's story)."""

from __future__ import annotations

import re

from harvester.metadata.dates import MONTHS
from harvester.metadata.doc_types import stated_doc_type
from harvester.metadata.names import DEATH_OF_NAMED, is_name
from harvester.metadata.text import PLACE_START, RESPONSE_TO_HARM, STUDY_KINDS, clean_name
from harvester.metadata.text import REVIEW_KINDS as _REVIEW

# Words of a title that say what kind of document or page it is, not what it is about.
GENERIC_WORDS = frozenset(
    {
        "serious", "case", "cases", "review", "reviews", "child", "children", "safeguarding",
        "practice", "local", "executive", "summary", "summaries", "overview", "report", "reports",
        "final", "full", "learning", "lessons", "briefing", "briefings", "brief", "seven",
        "minute", "published", "publication", "board", "partnership", "action", "plan", "response",
        "document", "documents", "download", "read", "here", "more", "view", "click", "link",
        "pdf", "word", "version", "draft", "redacted", "updated", "update", "archive", "archived",
        "sitemap", "form", "forms",
        "leaflet", "key", "findings", "recommendations", "appendix", "introduction", "contents",
        "themed", "thematic", "theme", "themes", "panel", "national", "referral", "referrals",
        "template", "templates", "guidance", "procedure", "procedures", "policy", "protocol",
        "process", "terms", "reference", "notification", "checklist", "toolkit", "training",
        "newsletter", "annual", "information", "criteria", "request", "application", "flowchart",
        "guide", "publications", "practitioner", "practitioners", "professional",
        "professionals", "english", "welsh", "cymraeg", "saesneg", "adroddiad", "fersiwn",
        "translation", "language", "easy", "slides", "event", "progress", "bulletin",
        "bulletins", "issue", "extended", "concise", "poster", "posters", "handout",
        "leaflets", "presentations", "handouts", "slide", "podcasts", "episode", "crynodeb",
        "gweithredol", "dysgu", "events", "questions", "frequently", "asked", "group",
        "podcast", "transcript", "presentation", "letter", "statement", "foreword", "news", "home",
        "releases", "release", "press", "media", "announcements", "stories", "resources",
        # what qualifies the kind of review: "Independent Learning Review"
        "independent", "multi", "agency", "joint", "rapid", "systemic",
        # a national charity that publishes briefings: "NSPCC | Briefing On Suicide"
        "nspcc",
        # an inspection's kind: "Joint Targeted Area Inspections (JTAI) - Domestic Abuse"
        "targeted", "area", "inspection", "inspections", "jtai", "jtais",
        # Welsh: response, board, briefing, minute, plan, council, commissioner, summary
        "ymateb", "bwrdd", "briff", "munud", "cynllun", "cyngor", "comisiynydd", "adolygiad",
        "ymarfer", "plant", "diogelu", "short",
        # Welsh: download, view, read
        "lawrlwytho", "lawrlwythwch", "gweld", "darllen",
        # what a link says of its document: "Our briefing", "Briefing paper"
        "our", "paper", "papers", "copy",
        # a series' words: "eBulletin February 2017", "Quarterly learning round-up", Welsh
        # newsletter, issue, special
        "ebulletin", "newyddlen", "rhifyn", "arbennig", "special", "edition", "round", "up",
        "roundup", "quarterly", "monthly", "messages",
        # an order in a series: "first national review"
        "first", "second", "third", "latest", "next",
        # what came of a review, and where it was taught: "CPR Outcome", "Learning Workshop"
        "outcome", "outcomes", "workshop", "workshops", "seminar", "webinar", "conference",
        # what a link or a card says of where it leads: "Full story", "See the list", "View
        # all", "Find out more", "Combined learning review", "Analysis report"
        "story", "list", "all", "find", "see", "combined", "analysis", "pack", "packs",
        "infographic", "trainers", "facilitator",
        *MONTHS,
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
# (A date may follow: "Unseen and Unheard CSPR – October 2022".)
_DATE_TAIL = r"(?:\s*[-–—(,]\s*(?i:published\s+)?(?:[A-Za-z]+\s+)?(?:19|20)\d\d\)?)?"
TITLED_REVIEW = [
    re.compile(
        r"^\W*(?i:"
        + _REVIEW
        + r")\s*[:\-–—]?\s+(?P<subject>"
        + _TITLE
        + r")"
        + _DATE_TAIL
        + r"\W*$"
    ),
    re.compile(r"^\W*(?P<subject>" + _TITLE + r")\s+(?i:" + _REVIEW + r")" + _DATE_TAIL + r"\W*$"),
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
    r"^\W*(?:an?\s+)?(?i:(?:desk[- ]based|multi[- ]agency|partnership|system(?:s|ic)?|"
    r"independent|local)\s+(?:learning\s+)?review|(?:multi[- ]agency\s+)?(?:case\s+)?audit|"
    + _REVIEW
    + r")\s+"
    r"(?i:of|into|concerning|regarding)\s+(?:the\s+)?"
    # ("into the circumstances of Ryan": the child the review was about)
    r"(?:circumstances\s+(?:of|surrounding)\s+(?:the\s+)?)?(?P<subject>[a-z][\w'’ -]*?)"
    # (the pattern ignores case, the place after "in" is capitalised: "... in Mid Wales")
    r"(?=\s+in\s+(?-i:" + PLACE_START + r")|\s+-\s|\s*[–—(:|/]|\s+(?:19|20)\d\d|\.?\s*$)",
    re.I,
)
# "A review of practice in relation to young people who go missing from home and care"
PRACTICE_REVIEW = re.compile(
    r"^\W*(?:an?\s+)?(?:[\w-]+\s+)?review\s+of\s+(?:multi[- ]agency\s+)?practice\s+"
    r"(?:in\s+relation\s+to|relating\s+to|regarding|concerning|with)\s+"
    r"(?P<subject>[a-z][\w'’ -]*?)(?=\s*[.(:|]|\s+-\s|\s*$)",
    re.I,
)
# The national panel, not a partnership's own "Local Child Safeguarding Practice Review
# Panel".
NATIONAL_PANEL = re.compile(r"(?<!local\s)child\s+safeguarding\s+practice\s+review\s+panel", re.I)
# The inspectorates and governments that publish reports on a nation's children, and are
# no board: England's, then Wales's.
NATIONAL_BODIES_ENGLAND = (
    r"ofsted|care\s+quality\s+commission|hm\s+inspectorate\s+of\s+[\w\s&]+|"
    r"department\s+for\s+[\w\s,]+|healthcare\s+commission|commission\s+for\s+social\s+care\s+inspection"
)
NATIONAL_BODIES_WALES = (
    r"estyn|(?:health)?care\s+inspectorate\s+wales|welsh\s+(?:assembly\s+)?government|"
    r"llywodraeth\s+cymru"
)


def specific(subject: str) -> bool:
    """A title says something beyond the kind of document it is."""
    words = [w for w in re.findall(r"[A-Za-z]+", subject) if w.lower() not in SMALL_WORDS]
    return any(w.lower() not in GENERIC_WORDS for w in words) and not re.fullmatch(
        r"(?:19|20)\d\d", subject.strip()
    )


# A topic several reviews teach, as a brief or poster titles it: "Learning from Serious Case
# Reviews: Bruising in non-mobile babies".
LEARNING_TOPIC = re.compile(
    r"^\W*(?i:(?:learning|lessons)\s+(?:from|for)\s+(?:(?:local|serious|child|safeguarding|"
    r"practice|case|rapid|our)\s+)*(?:reviews?|scrs?|l?csprs?))"
    r"(?:\s*[:–—-]\s*|\s+(?i:involving|about|concerning)\s+)"
    # (not what several reviews share: "Key Themes 2020–2022")
    r"(?!(?i:(?:summary\s+of\s+)?(?:the\s+)?(?:(?:key|emerging|common|recurring)\s+)?themes)\b)"
    r"(?P<subject>[A-Za-z][^\n:|]{3,80}?)\s*$"
)


def titled_subject(text: str) -> str | None:
    """A review named by its title rather than a child: the whole entry beside its kind
    ("Autumn SCR"), or the title between the kind and the document's type."""
    for pattern in (
        *TITLED_REVIEW,
        SUBTITLED_REVIEW,
        REVIEW_OF_SUBJECT,
        PRACTICE_REVIEW,
        LEARNING_TOPIC,
    ):
        match = pattern.match(text)
        subject = TRAILING_YEARS.sub("", match.group("subject")) if match else ""
        if specific(subject) and not (
            UNNAMED.match(subject) or NOT_SUBJECT.search(subject) or TOLD.search(subject)
        ):
            return clean_name(subject)
    return None


def panel_title(cover: str) -> str | None:
    """A national panel review is known by its title, the cover's first line."""
    if not NATIONAL_PANEL.search(cover):
        return None
    lines = [line.strip() for line in cover.splitlines() if line.strip()]
    # (the panel's name over the title: "Child Safeguarding Practice Review Panel / Still
    # in the room: / safeguarding children where ...")
    lines = [line for line in lines[:3] if not NATIONAL_PANEL.fullmatch(line)] + lines[3:]
    first = lines[0].split(": ")[0].rstrip(":") if lines else ""
    if 3 <= len(first) <= 80 and specific(first) and not NATIONAL_PANEL.search(first):
        return clean_name(first)
    return None


# --- a review's subject when nothing else names it -----------------------------------------

# The kind of review as a title states it, with the words that qualify it: "An Independent
# Review of Cases", "A Serious Case Review", "Multi-agency Learning Review".
_QUALIFIER = (
    r"(?:independent|thematic|themed|multi[- ](?:agency|child)|partnership|learning|local|"
    r"rapid|joint|practice|desk[- ]based|concise|extended|system(?:s|ic)?|assurance)"
)
_KIND = (
    r"(?i:(?:(?:an?|the)\s+)?(?:"
    + _QUALIFIER
    + r"\s+)*(?:"
    + _REVIEW
    + r"|review|(?:case\s+)?audit)"
    r"(?:\s+of\s+(?:cases|practice))?)"
)
_DASH = r"(?:\s*[:–—]\s*|\s+-\s*|-\s+|\s*-(?=[A-Z]))"
# "A Serious Case Review - Learning for services arising from ...": the subject after the kind.
KIND_THEN_SUBJECT = re.compile(
    r"^\W*(?:[A-Z]{2,6}\s+)?" + _KIND + r"(?:" + _DASH + r"(?P<subject>[A-Z][^\n]{4,160}?)|"
    # after a colon a subject may be set in small letters: "Themed review: teenagers at risk"
    r"\s*:\s*(?P<small>[a-z][^\n]{4,160}?))"
    r"(?=\s*(?:\.|\(|,\s*by\b|\s[-–—|]\s|\s+(?:19|20)\d\d\b|$))"
)
# "Historic Abuse in Residential Care – An Independent Review of Cases": the subject before.
# (A colon inside the subject is the title's own: "Home Alone: Neglect of Pre-School Children".)
SUBJECT_THEN_KIND = re.compile(
    r"^\W*(?P<subject>[A-Z](?:[^\n:–—]|:\s(?=[A-Z]))*?)" + _DASH + _KIND + r"\b"
)
# A board's name, a credit or another kind of document is not a subject.
NOT_SUBJECT = re.compile(
    # (a board's initials however long: "SSCP", "WSCB")
    r"\b(?:safeguarding\s+(?:children\s+|adults\s+)?(?:boards?|partnerships?)|[a-z]{0,3}sc[bp]|"
    r"author|chair|reviewer|published|confidential|version|contents|page|guidance|"
    r"procedures?|polic(?:y|ies)|protocol|templates?|forms?|terms\s+of\s+reference|checklist|"
    # (not a practice: "strategy discussions for children ...", "the multi-agency response
    # to children missing from education")
    r"toolkit|training|newsletter|annual|(?:action|business|improvement)\s+plan|"
    r"strategy(?!\s+(?:discussions?|meetings?)\b)|"
    r"minutes|agenda|framework|inspection|audit|statement|publication|"
    # (but "the response to child sexual exploitation": what a review looked at)
    r"(?<!agency\s)(?<!the\s)(?<!^)response|(?:^|(?<=the\s))(?!" + RESPONSE_TO_HARM + r")response|"
    r"update|pdf|"
    r"prepared\s+by|written\s+by|report\s+by|adolygiad|panel|"
    # a council is no review's subject: "London Borough of Hillingdon (LBH) response to ..."
    r"london\s+borough\s+of|council|"
    r"docx?|\d+(?:\.\d+)?\s*[kmg]b)\b",
    re.I,
)
# "the death of a baby": a review of an unnamed child's death is not named by it.
UNNAMED = re.compile(
    # ("Sudden & unexpected death of an infant and the risks of co-sleeping")
    r"^(?:the\s+)?(?:(?:sudden|unexpected|&|and|tragic|violent|non-accidental)\s+){0,3}"
    r"(?:deaths?|murder|injur(?:y|ies))\s+of\s+(?:an?|two|three)\b"
    # "Infant's injuries", "Twins' deaths": what happened to a child a headline does not name
    r"|^(?:an?\s+|the\s+)?(?:baby|babies|infant|toddler|child|boy|girl|teenager|schoolgirl|"
    r"schoolboy|twins|siblings|newborn)['’]s?\s+(?:deaths?|suicide|murder|killing|injur(?:y|ies))",
    re.I,
)
_LEADING = re.compile(r"^(?:the|regarding|concerning|in\s+respect\s+of|into|of|about)\s+", re.I)


# The years a title gives after its subject: "Child Deaths by Drowning 2015 – 2019", "2021
# to 2022".
TRAILING_YEARS = re.compile(r"[\s,]*(?:19|20)\d\d(?:\s*(?:[-–—/]|to)\s*(?:19|20)?\d\d)?$")


# A clause that says who a group are: "children who were harmed", "babies whose ...".
CLAUSE = re.compile(r"\b(?:who|whose|where|which|that|when|while)\b", re.I)


def tells_outside_clause(subject: str, verbs: re.Pattern[str]) -> bool:
    """Whether one of `verbs` tells what happened, outside a clause that says who the
    subject's group are ("children were failed" tells; "children who were harmed" names)."""
    verb = verbs.search(subject)
    return bool(verb and not CLAUSE.search(subject[: verb.start()]))


# A periodical's issue: "Safeguarding Matters Spring", "spring round-up".
SEASONAL = re.compile(
    r"\b(?:spring|summer|autumn|winter)\b\s*(?:(?:19|20)\d\d)?\s*$|\bround[- ]?up\b", re.I
)


def names_a_subject(subject: str, exclude: frozenset[str] = frozenset()) -> bool:
    """What a title's words must be to name a review's subject: beyond the kind of document,
    no board's name, credit, other kind of document or kind of review, not an unnamed
    child's death, not only the places of `exclude`."""
    words = re.findall(r"[A-Za-z]+", subject)
    return (
        specific(subject)
        and not SEASONAL.search(subject)
        and not UNNAMED.match(subject)
        and not NOT_SUBJECT.search(subject)
        # (an analysis's own title may name the reviews it analysed: "Triennial Analysis of
        # SCRs")
        and not NAMES_REVIEW.search(_ANALYSIS_OF_REVIEWS.sub("", subject))
        and not all(w in exclude or w.lower() in SMALL_WORDS for w in words)
    )


_ANALYSIS_OF_REVIEWS = re.compile(
    r"\b(?:triennial|biennial)\s+analysis\s+of\s+(?:[\w-]+\s+){0,3}?(?:reviews|scrs|l?csprs)\b",
    re.I,
)


# A remark in brackets after a title: "The Harbour Project (youth mentoring service)", and
# one that is only a year: "Neglect and Older Children (2015)".
YEAR_REMARK = re.compile(r"\s*\((?:19|20)\d\d\)\s*$")
# ... and any remark in brackets at a title's end: "(PDF)", "(published 6 September 2016)".
REMARK = re.compile(r"\s*\([^)]*\)\s*$")


def _subject(text: str, exclude: frozenset[str]) -> str | None:
    subject = clean_name(TRAILING_YEARS.sub("", REMARK.sub("", _LEADING.sub("", text.strip()))))
    words = re.findall(r"[A-Za-z]+", subject)
    enough = (
        2 <= len(words) <= 16
        and sum(len(w) >= 3 and w.lower() not in SMALL_WORDS for w in words) >= 2
    )
    # "In Respect of the Death of Keanu Williams": a child's death, named by the child
    if DEATH_OF_NAMED.match(subject):
        return None
    return subject if enough and names_a_subject(subject, exclude) else None


def review_subject(text: str, exclude: frozenset[str] = frozenset()) -> str | None:
    """A review named by its subject on one line, beside the kind of review with a dash or a
    colon between: the subject on either side."""
    for pattern in (KIND_THEN_SUBJECT, SUBJECT_THEN_KIND):
        match = pattern.match(text.strip())
        # "Twins' deaths: review says ...": a headline's, whatever stands before the kind.
        if match and not NEWS_WORDS.search(text.strip()[match.end() :]):
            parts = match.groupdict()
            found = _subject(parts["subject"] or parts.get("small") or "", exclude)
            if found and not TOLD.search(found):
                return found
    return None


# A title page's line that says only what the document is: "Overview Report", "Serious Case
# Review", "Executive Summary".
KIND_LINE = re.compile(
    r"^\W*(?:" + _KIND + r"|(?i:(?:final\s+)?overview\s+report|executive\s+summary|report))"
    r"(?:\s+(?i:overview\s+report|executive\s+summary|report))?\W*$"
)


def cover_subject(cover: str, exclude: frozenset[str] = frozenset()) -> str | None:
    """A title page whose kind line is followed by its subject, wrapped over lines:
    "Overview Report / Services provided in a / complex case of ... Illness"."""
    lines = [line.strip() for line in cover.splitlines() if line.strip()][:14]
    for i, line in enumerate(lines[:-1]):
        if not KIND_LINE.match(line) or KIND_LINE.match(lines[i + 1]):
            continue
        parts = [lines[i + 1]]
        for nxt in lines[i + 2 : i + 5]:
            if parts[-1].endswith(":"):
                # a subtitle follows: "Neglect of adolescents: / when older children go unseen"
                break
            last = parts[-1].rsplit(" ", 1)[-1].lower()
            if (last in SMALL_WORDS or last == "or" or nxt[:1].islower()) and not (
                KIND_LINE.match(nxt) or NOT_SUBJECT.search(nxt)
            ):
                parts.append(nxt)
            else:
                break
        title = " ".join(parts).rstrip(":")
        found = _subject(title, exclude) if parts[0][:1].isupper() else None
        # (or its title before a subtitle: "Non-accidental injury in babies under one:
        # learning from six rapid reviews")
        if not found and parts[0][:1].isupper() and re.search(r":\s|\s[–—-]\s", title):
            found = _subject(re.split(r":\s|\s[–—-]\s", title)[0], exclude)
        if found:
            return found
    return None


# What a listing's title says around its subject: the kind of review, the document's type,
# a date, a credit ("Historic Abuse – An Independent Review of Cases, by Dr A Reviewer").
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_TITLE_TAIL = re.compile(
    # (a credit names someone: "by Dr A Reviewer", "by the National Working Group"; not "by
    # organised networks")
    r"(?i:\s*,?\s+by\s+(?=(?i:the\s+)?(?-i:[A-Z])).*|"
    r"\s*(?:published|updated)?\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:\b" + _MONTH + r"\s+)?(?:19|20)\d\d|"
    # (not the object of the title's own words: "Triennial Analysis of SCRs")
    r"(?<!\bof)(?<!\binto)(?:^|\s+)(?:(?:(?:final|full|overview|summary|"
    r"investigation)\s+)?"
    r"report|executive\s+summary|(?:(?:7|seven)[- ]minute\s+|learning\s+)?briefing|"
    r"learning\s+brief|slides|(?:" + _QUALIFIER + r"\s+)*(?:" + _REVIEW + r"|review)s?|"
    # ("Independent Jersey Care Inquiry Report", "CSE Inquiry")
    r"(?:independent\s+|public\s+|appreciative\s+)?inquiry|"
    # (the words for other kinds of study: "... Deep Dive", "... Thematic Analysis")
    r"(?:thematic\s+)?" + STUDY_KINDS + r"|learning\s+event|"
    r"(?:overview\s+and\s+)?scrutiny(?:\s+(?:report|review))?|"
    r"safeguarding\s+review|"
    # an audit of a theme: "Neglect Quality Assurance Audit", "Physical abuse audit"
    r"(?:(?:quality\s+assurance|multi[- ]agency)\s+)?(?:case\s+(?:file\s+)?)?audit))\W*$"
)
_TITLE_HEAD = re.compile(
    # ("Interim Report of the Independent Inquiry into ...", "Investigation into ...",
    # "An inspection of ...")
    r"^\W*(?i:(?:(?:interim|final|full)\s+)?(?:report\s+of\s+)?(?:an?\s+|the\s+)?"
    r"(?:(?:(?:" + _QUALIFIER + r"\s+)+review|" + _REVIEW + r")s?|"
    # (a bare "Review of" before a title in capitals, not before a place's own: "Review of
    # Harmful Sexual Behaviours", not "Review into Oakbridge's services")
    r"review(?=\s+of\s+[A-Z](?![\w-]*['’]s\b))|"
    r"(?:(?:independent|national|public|joint|targeted)\s+)*(?:[ie]nquiry|investigation|inspection)))"
    r"\s+(?i:of|into|on|concerning|regarding)\s+"
)
# The document's type before its title: "Exec Summary Kayleigh" (a file's name).
_DOC_HEAD = re.compile(
    r"^\W*(?i:exec(?:utive|\.)?\s+summ(?:ary)?|overview\s+report|learning\s+brief(?:ing)?|"
    r"(?:7|seven)[- ]minute\s+briefing|summary\s+of(?:\s+the)?|briefing\s+on|"
    # "Key messages from Child in Need review"
    r"(?:key\s+(?:messages|learning|findings|lessons|points)|messages)\s+from(?:\s+the)?)"
    # (and whom it is for: "Learning brief for Sam")
    r"(?:\s+(?i:for|about))?\s*[-–—:]?\s+(?=\S)"
)
# What a headline says and a title does not ("Board publishes thematic review into ...");
# a title may say "Babies who are not yet crawling".
_NEWS_VERBS = (
    r"said|says|told|finds|found|failed|missed|calls?|urges?|reveals?|warns?|blamed|"
    r"publish(?:es|ed)?|apologi[sz](?:es|ed)|highlights?|concludes?|criticis(?:es|ed)|"
    r"admits?|welcomes?|announc(?:es|ed)|launch(?:es|ed)|releas(?:es|ed)|resign(?:s|ed)|quits?|jailed|"
    r"sentenced|convicted|ordered|demands?|examines?|praises?|prompts?|starved|makes|"
    r"lived(?!\s+experiences?\b)|"
    r"uncovers?|rules|vows?|vowed|heard|must"
)
NEWS_WORDS = re.compile(r"\b(?:" + _NEWS_VERBS + r")\b", re.I)
# A subject that tells what happened is a headline's, not a review's name ("baby's death
# finds 'significant failings'", "Newborn 'left in car' was known to three agencies").
TOLD = re.compile(
    r"\b(?:" + _NEWS_VERBS + r"|was|were|is|has|had|have|been|could|would|should)\b", re.I
)
# A headline tells a story; a title names a subject.
STORY_WORDS = re.compile(
    r"\b(?:was|were|is|are|be|been|being|has|have|had|did|does|do|say|could|should|would|"
    r"will|must|can|cannot|not|after|following|before|amid|over|against|why|how|what|who|"
    r"shows?|criticiz(?:es|ed)|identif(?:y|ies|ied)|accepts?|lessons\s+learn(?:ed|t)|expected|"
    r"asked|under\s+investigation|"
    # Welsh: is, has, calls
    r"mae|wedi|galw|" + _NEWS_VERBS + r")\b"
    # a quoted phrase of two words or more inside a line is someone's words (a title may
    # start with its own quoted name)
    r"|(?<=\s)['‘“][^'’”]*\s[^'’”]*['’”]",
    re.I,
)


SERIES_NUMBER = re.compile(r"\s+(?:I{1,3}|IV|VI{0,3})$")
# "Download the thematic review": what a link asks the reader to do.
# A link that asks for something else: "Book your place", "Register", "Find out more".
ASKS = re.compile(
    r"^\W*(?:book\s+(?:your\s+|a\s+)?place|register|sign\s+up|find\s+out\s+more|"
    r"more\s+information)\b",
    re.I,
)
LINK_VERB = re.compile(r"^\W*(?:download|read|view|open|see)\s+(?:the\s+|our\s+)?", re.I)
# "Learning from reviews ...": a compilation of several reviews' learning.
COMPILATION = re.compile(r"^\W*(?:learning|lessons)\s+(?:\w+\s+)?from\b", re.I)
# (whole words: "scr" is no review inside "prescribed", nor "sar" inside "Sarah")
NAMES_REVIEW = re.compile(r"\b" + _REVIEW + r"s?\b|\breviews?\b", re.I)
# A news page's date line: a time of day ("15:03 GMT", "09:15 |", "4:37pm") or "Last
# updated". The link beside it is the item's headline, not a review's title.
NEWS_DATELINE = re.compile(
    r"\b(?:[01]?\d|2[0-3])[:.][0-5]\d\s*(?:GMT|BST|UTC|[ap]m\b|(?=\s*[|,]))|"
    r"\b(?:last\s+)?updated\s*:|\bpage\s+last\s+updated\b",
    re.I,
)


def _headline_over_lede(text: str, context: str) -> bool:
    """The link's words run straight on into a sentence that tells a story: a news item's
    headline and the first sentence under it."""
    rest = context.removeprefix(text).strip() if context.startswith(text) else ""
    lede = LEDE.match(rest)
    return bool(lede and STORY_WORDS.search(lede.group(0)))


def _code_like(text: str) -> bool:
    """A review's letters or code: "AX", "Child B", "C17"."""
    return re.fullmatch(r"(?:(?:Child|Baby|Case)\s+)?[A-Z]{1,3}\d{0,3}", text) is not None


# (its words may be quoted: 'say they have made "significant changes" to ...')
LEDE = re.compile(r"[A-Z][A-Za-z'’]*(?:\s+[\"“‘(]?[\w'’,-]+[\"”’)]?,?){5,}\.(?:\s|$)")
# A headline's opening: who acted and a verb ("Agencies missing neglect in older children",
# "Partnership commissions review of ...", "Police failed ...").
HEADLINE_OPENING = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,3}?(?i:board|partnership|council|councils|panel|police|agencies|"
    r"ofsted|government|minister|services|professionals|social\s+workers)\s+"
    r"[a-z]+(?:s|ed|ing)\b|"
    # a figure's headline: "One in three inquiries into ...", "Half of reviews ..."
    r"^\W*(?i:(?:one|two|three|\d+)\s+in\s+(?:three|four|five|ten|\d+)|half|a\s+third|"
    r"two[- ]thirds|\d+\s*(?:%|per\s*cent))\s+(?:of\s+)?[a-z]"
)
QUOTE_RUNS_ON = re.compile(r"^\W*['‘“\"][^'’”\"]{3,80}['’”\"]\s+[a-z]")


def listing_title(
    text: str, heading: str = "", exclude: frozenset[str] = frozenset(), context: str = ""
) -> str | None:
    """A link on a list of reviews that names its review by a title alone ("SUDI
    Partnership Review Report January 2022", "Neglect of Adolescents – Published 2019"):
    the first part of the link's text that says something beyond its kind, type, date and
    author. Not a headline, a compilation's learning or a document of another kind (an
    annual report, a form, a newsletter)."""
    if (
        # (a review, or an audit of a theme: "Neglect Quality Assurance Audit")
        not (NAMES_REVIEW.search(f"{text} {heading}") or re.search(r"\baudit\b", text, re.I))
        or STORY_WORDS.search(text)
        or NEWS_DATELINE.search(context)
        or COMPILATION.match(text)
        # (a page about an inquiry or a review it names is still of it: "Public inquiry into
        # Child Sexual Exploitation – FAQ")
        or (stated_doc_type(text) == "other" and not _TITLE_HEAD.match(text))
        # "recurring themes in neglect reviews": about several reviews
        or re.search(r"\breviews\b", text, re.I)
        # someone's words quoted at a headline's start, the story running on in small
        # letters: "“Error of judgement” by agencies led to ..." (a title's subtitle starts
        # with a capital: "“The Myth of Invisible Men” Safeguarding children ...")
        or QUOTE_RUNS_ON.match(text)
        # a news item's headline, the sentence under it beside: "Killer's history of abuse /
        # The murderer of ... had a history of ..." (a list's line beside a title gives a
        # date or a kind, not a sentence)
        or _headline_over_lede(text, context)
        or HEADLINE_OPENING.match(text)
        or ASKS.match(text)
    ):
        return None
    text = LINK_VERB.sub("", text)
    before = ""
    for part in re.split(r"\s[-–—|]\s|:\s|\s[–—]|[–—]\s|\(|\)", text):
        # (the initials of the words before, in brackets: "London Borough of Hillingdon (LBH)",
        # "Our response to the Independent Inquiry into Child Sexual Abuse (IICSA)"; or the
        # site's name after a page's title: "... – GOV.UK")
        abbreviation = part.strip()
        if (
            len(abbreviation) >= 2 and initials(before).endswith(abbreviation)
        ) or SITE_NAME.fullmatch(abbreviation):
            continue
        before = part
        part = _DOC_HEAD.sub("", _TITLE_HEAD.sub("", _LEADING.sub("", part.strip())))
        while True:
            # "... Learning Briefing II": the number of a series goes with its kind
            shorter = _TITLE_TAIL.sub("", SERIES_NUMBER.sub("", part))
            if shorter == part:
                break
            part = shorter
        # (the kind's own word before its subject: "Independent Jersey Care [Inquiry]")
        if part != before.strip():
            part = re.sub(r"^(?i:independent)\s+(?=[A-Z])", "", part)
        subject = clean_name(part)
        # (the place a national list puts before the case: "Enfield AX")
        first, _, rest = subject.partition(" ")
        coded = bool(first in exclude and rest and _code_like(rest))
        if coded:
            subject = rest
        words = re.findall(r"[A-Za-z]+", subject)
        if (
            1 <= len(words) <= 12
            # (a name of two letters standing alone: "Jo Rapid Review 7 Minute Briefing")
            and (coded or any(len(w) >= 3 for w in words) or _short_name(subject))
            and not subject[:1].isdigit()
            # a part of a series: "Course 14", "Phase 2 report"
            and not re.fullmatch(r"[A-Za-z]+\s+\d{1,3}", subject)
            and names_a_subject(subject, exclude)
        ):
            return subject
    return None


def _short_name(subject: str) -> bool:
    """A child's name of two letters ("Jo", "Al"), not a small word in capitals."""
    return re.fullmatch(r"[A-Z][a-z]", subject) is not None and is_name(subject)


# A website's name: "GOV.UK", "bbc.co.uk", "NSPCC Learning".
SITE_NAME = re.compile(r"(?i:[\w-]+(?:\.[\w-]+)*\.(?:uk|com|org|net|gov|wales))")


def initials(words: str) -> str:
    """What an abbreviation of `words` spells: "Sudden Unexpected Death in Infancy" is
    "SUDI"."""
    return "".join(
        w[0] for w in re.findall(r"[A-Za-z]+", words) if w.lower() not in SMALL_WORDS
    ).upper()
