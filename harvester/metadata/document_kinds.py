"""What a document is once its case is read: the kind the texts state or default to,
settled by what they say of it beside that. A review of a theme, an audit, an inquiry or a
national body's review is a thematic review; a page about reviews in general, news of a trial
or an inquest, and a list of thematic reviews are `other`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from harvester.metadata.case_forms import OPERATION, structured_case, topical
from harvester.metadata.doc_types import BARE_REPORT, REPORT_ITSELF, stated_doc_type
from harvester.metadata.report_titles import NATIONAL_BODY
from harvester.metadata.subject_headings import study_title
from harvester.metadata.text import FILE_BADGE, RESPONSE_TO_HARM
from harvester.metadata.titles import NATIONAL_PANEL


@dataclass(frozen=True)
class Texts:
    """A document's texts as its listing and its file give them: the link, the file's own
    title, the line beside the link, the heading over it, and the title page's lines."""

    link_text: str | None
    file_title: str | None
    context: str | None
    heading: str | None
    own_title: str | None

    @property
    def all(self) -> tuple[str | None, ...]:
        return (self.link_text, self.file_title, self.context, self.heading, self.own_title)


# A thematic review named as such ("Thematic review: neglect of adolescents").
THEMATIC = re.compile(
    # ("Thematic Partnership Reviews": a list's heading)
    r"\bthematic\s+(?:(?:learning|partnership|multi[- ]agency|practice|safeguarding)\s+)?"
    r"reviews?\b|\bthemed\s+review\b|\(thematic\)|\bmulti[- ]case\s+review\b|"
    r"\bfrom\s+(?:different|unrelated|separate)\s+families\b|"
    # a deep dive into a practice issue, an independent inquiry titled by its theme: "Deep
    # Dive into Serious Youth Violence", "Independent Inquiry into Child Sexual Exploitation"
    r"\bdeep[\s-]dive\b|\bindependent\s+inquiry\s+into\b|"
    # a government department's research report: "Research Report DCSF-RR036"
    r"(?-i:\bResearch\s+Report\s+(?:DCSF|DfES|DFES|DfE|DFE|DH)-RR\d+)|"
    # a national inquiry's report: "the Children's Commissioner's Inquiry into Child Sexual
    # Exploitation in Gangs and Groups", "A report of the Inquiry Panel", a "Tribunal of
    # Inquiry into the Abuse of Children in Care"
    r"\bcommissioner['’]s\s+inquiry\s+into\b|\binquiry\s+panel\b|\btribunal\s+of\s+inquiry\b|"
    r"\binquiry\s+into\s+(?:the\s+)?(?:child\s+)?(?:sexual\s+)?(?:abuse|exploitation)\b|"
    # a multi-agency audit of a theme, a Welsh board's multi-agency professional forum
    r"\bmulti[- ]agency\s+(?:case\s+)?audit\b|\bmulti[- ]agency\s+professional\s+forum\b|"
    # a review of the response to a harm: "Report published into city's response to child
    # sexual exploitation"
    r"\b" + RESPONSE_TO_HARM + r"|"
    # a year's review of the reviews: "Annual review of LCSPRs 2021"
    r"\bannual\s+review\s+of\s+(?:[\w-]+\s+){0,3}?(?:reviews|l?csprs|scrs)\b|"
    r"(?-i:\bMAPF\b)|"
    # the inspectorates' reports on a theme: "Joint targeted area inspection of the
    # multi-agency response to ...", "thematic inspection", "thematic report", a title page
    # of their house style ("Age group: 0–18", "Reference no: 160051")
    r"\bthematic\s+(?:inspection|report)\b|\bjoint\s+targeted\s+area\s+inspection\b|"
    r"\bjoint\s+thematic\s+inspection\b|\bjoint\s+area\s+review\b|\bspotlight\s+report\b|\bjoint\s+inspection\s+report\s+by\b|"
    r"(?-i:\bJTAI\b)\s+national\s+report\b|\bnational\s+findings\b|"
    r"\bage\s+group\s*:\s*\d|\breference\s+no\.?\s*:\s*\d{4,}",
    re.I,
)


# An audit's title: "Audit of strategy discussions", "Case file audit into neglect".
AUDIT_OF = re.compile(
    r"^\W*(?:an?\s+)?(?:case\s+(?:file\s+)?)?audit\s+(?:of|into)\b|"
    # ... or named by its theme: "Neglect Quality Assurance Audit", "Physical abuse audit
    # (2022- 2023)" (not an agency's own: "Section 11 audit")
    r"^(?!\W*section\s+11\b)[^\n]*\baudit(?:\s*\([^)]*\))?(?:\s+(?:19|20)\d\d)?\W*$",
    re.I,
)


# The national panel's own reviews, named as such ("a national review", "National Panel
# Reports").
NATIONAL_REVIEW = re.compile(
    r"\bnational\s+(?:panel\s+)?(?:reviews?|reports?)\b|\bpanel\s+reports?\b", re.I
)


# A review named by its kind, one or many ("serious case review", "SCRs", "CSPR").
REVIEW_BY_KIND = re.compile(
    r"\b(?:serious\s+case|case|(?:child\s+)?(?:safeguarding\s+)?practice|learning)\s+"
    r"review(?P<many>s)?\b|(?-i:\b(?:SCR(?P<scrs>s)?|L?C?S?PR)\b)",
    re.I,
)
# A serious case review, one or many: its "Full report" is the overview report, whatever
# it is named by.
SERIOUS_CASE = re.compile(r"\bserious\s+case\s+reviews?\b|(?-i:\bSCRs?\b)", re.I)
# Thematic reviews in the plural, and one review of a theme.
THEMATIC_MANY = re.compile(r"\bthematic\s+(?:partnership\s+)?reviews\b", re.I)
THEMATIC_ONE = re.compile(
    r"\bthematic\s+(?:partnership\s+)?(?:review|analysis|report|inspection|audit)\b(?!s)|"
    # (reviews named by what they were of: "thematic reviews of adolescent suicide")
    r"\bthematic\s+reviews\s+(?:of|into)\b",
    re.I,
)
# What a court, a coroner or a council did, as a headline tells it.
OTHER_EVENT = re.compile(
    r"\b(?:jailed|sentenced|convicted|guilty|charged|inquest|coroner|trial)\b",
    re.I,
)
# A list's heading: "Published reviews", "Published serious case reviews".
LIST_HEADING = re.compile(r"^\W*published\s+(?:[\w-]+\s+){0,3}(?:reviews|reports)\W*$", re.I)
# What a review found, as news of its report tells it: "review says", "report finds".
FINDINGS = re.compile(
    r"\b(?:review|report|scr|inquiry)s?\b[^.]{0,80}?\b(?:says?|said|finds?|found|concludes?|"
    r"concluded|reveals?|revealed|shows?|showed|criticises|criticised|identifies|identified)\b|"
    r"\blaunch(?:ed|es)?\b",
    re.I,
)
# Inspectorates or a committee as a report's authors.
BY_INSPECTORS = re.compile(
    r"\b(?:inspectorates|watchdogs)\b|\bcommittee['’]?s?\s+report\b|"
    r"\breport\s+(?:by|from|of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?committee\b",
    re.I,
)
PUBLISHED = re.compile(r"\bpublish(?:es|ed|ing)?\b|\bpublication\b|\breleased?\b", re.I)
# A council committee's meeting line: "Meeting: 26/06/2017 - Children's Services Scrutiny
# Committee (Item 5)", "Children's Services Scrutiny Board (2) - Thursday, 17th March, 2016".
MEETING_LINE = re.compile(
    r"^\W*(?:meeting\s*:|agenda\s+item\b|issue\s*-\s*meetings\b)|"
    r"\bscrutiny\s+(?:committee|board|commission|panel)(?:\s*\(\d+\))?\s*[-–—,]?\s*"
    r"(?:(?:mon|tues|wednes|thurs|fri)day\b|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+,?\s+(?:19|20)\d\d|"
    r"\(item\s+\d+\))",
    re.I,
)
SCRUTINY_REPORT = re.compile(r"\bscrutiny\s+(?:report|review)\b", re.I)


def about_reviews_in_general(texts: tuple[str | None, ...], heading: str | None) -> bool:
    """Texts that speak of reviews only in the plural and of no publication (a list's
    heading, "Published reviews", says nothing of the document under it)."""
    own = " ".join(t for t in texts if t and t != heading)
    # (nor does its naming reviews in the plural: a news item under "Serious Case Reviews")
    many = [bool(m["many"] or m["scrs"]) for m in REVIEW_BY_KIND.finditer(own or heading or "")]
    return bool(many) and all(many) and not PUBLISHED.search(own)


# A link that says only that it is the report.
REPORT_LINK = re.compile(
    r"\W*(?:the\s+)?(?:full|final|main)?\s*report\W*(?:\(pdf[^)]*\))?\W*", re.I
)


def settle_doc_type(
    doc_type: str,
    texts: Texts,
    stated: str | None,
    *,
    case: str | None,
    passing: str | None,
    board: str | None,
    cased_context: str | None,
    cover: str,
    exclude: frozenset[str],
) -> str:
    """`doc_type` as the texts state it or default to; `stated` what the texts say the
    document is (None where they say nothing); `passing` a subject a text names a review
    of in passing; `board` the board read; `cased_context` the line beside the link in
    sentence case."""
    joined_texts = " ".join(filter(None, texts.all))
    if doc_type == "other" and stated is None and THEMATIC.search(joined_texts):
        # Named by no kind of document but as a review of a theme: "Joint targeted area
        # inspection of the multi-agency response to ...", a title page's "Age group: 0–18".
        doc_type = "thematic-review"
    if (
        doc_type == "overview-report"
        and not case
        and stated is None
        and about_reviews_in_general(texts.all, texts.heading)
    ):
        # "Serious case reviews/child death inquiries – Neath Port Talbot", a committee's
        # "Serious Case Reviews" item: several reviews, none published with it
        doc_type = "other"
    if doc_type == "overview-report" and stated is None and _news_of_an_event(texts):
        # News of a trial, an inquest or a sentence that says nothing of a review's report:
        # "Stepfather jailed for life over death of ..."
        doc_type = "other"
    if (
        doc_type == "overview-report"
        and stated is None
        and MEETING_LINE.search(texts.context or "")
        # (a file of it: "Child R LCSPR pdf icon PDF 512 KB")
        and not FILE_BADGE.search(texts.link_text or "")
        # (the committee's own report: "... Overview and Scrutiny Report")
        and not SCRUTINY_REPORT.search(texts.link_text or "")
    ):
        # A committee's agenda item on a review, not a file of it: "Serious Case Review -
        # Child C" beside "Scrutiny Board (2) - Thursday, 17th March, 2016"
        doc_type = "other"
    if doc_type == "thematic-review" and not case and _about_thematic_reviews(texts):
        # "Thematic reviews" over "View all thematic reviews": a list of them, or a page
        # about them, not one review's report
        doc_type = "other"
    if (
        doc_type in ("overview-report", "other")
        and not case
        and stated is None
        and BY_INSPECTORS.search(joined_texts)
    ):
        # A report of inspectorates or of a committee, not of one child's review: "A review
        # carried out by five inspectorates", "... says committee report".
        doc_type = "thematic-review"
    national = bool(board and NATIONAL_PANEL.fullmatch(board))
    if (
        national
        and doc_type == "overview-report"
        and not case
        and stated is None
        and not NATIONAL_REVIEW.search(joined_texts)
    ):
        # The national panel's page or news naming neither a review nor a kind of document
        # is about reviews in general ("Number of serious case reviews falls").
        doc_type = "other"
    if (
        doc_type == "overview-report"
        and (
            national
            # (a link that says only "Report" names no kind beyond the review's own)
            # (or reviewed in passing: "Sector expert review of regional fostering panels")
            or ((topical(case) or passing) and not _names_a_kind(texts.all, joined_texts))
            # The full report of a review the listing or title page calls thematic.
            or THEMATIC.search(joined_texts)
            # ... or an audit of a practice or a theme: "Audit of strategy discussions"
            or any(AUDIT_OF.match(t) for t in texts.all if t)
            or _titled_study(case, texts.all[:-1], exclude)
            or (
                stated is None
                and (not case or topical(case) or passing is not None)
                and _national_title_page(cover, joined_texts)
            )
            # A police operation's review is of the many children it found, unless a text
            # calls it a report of another kind.
            or (OPERATION.match(case or "") is not None and stated is None)
            # "Full report" under "Review of five cases of children missing from home"
            # (or "Download" beside "Full report – published May 2011")
            or (
                (
                    REPORT_LINK.fullmatch(texts.link_text or "") is not None
                    or (
                        stated_doc_type(texts.link_text) is None
                        and REPORT_LINK.match(texts.context or "") is not None
                    )
                )
                and "thematic-review"
                in (stated_doc_type(texts.heading), stated_doc_type(cased_context))
            )
        )
    ):
        # The national panel's reports are national reviews; a review named by a topic
        # ("CSPR Peer on Peer Abuse") and not called a report is about many children.
        doc_type = "thematic-review"
    return doc_type


def _national_title_page(cover: str, joined_texts: str) -> bool:
    """A title page of an inspectorate or a government ("Care Quality Commission /
    Safeguarding children in walk-in centres"), not of an inspection of one council's
    services: a national review, when it names no child."""
    return any(NATIONAL_BODY.fullmatch(line) for line in cover.splitlines()[:6]) and not re.search(
        r"\binspection\b", joined_texts, re.I
    )


def _news_of_an_event(texts: Texts) -> bool:
    """A headline of a trial, a sentence or an inquest, whose texts speak of no review's
    publication or findings (a list's heading, "Published reviews", says nothing of the
    item under it)."""
    if not OTHER_EVENT.search(" ".join(filter(None, (texts.link_text, texts.heading)))):
        return False
    own = (t for t in texts.all if t and not (t == texts.heading and LIST_HEADING.match(t)))
    joined = " ".join(filter(None, texts.all))
    return not PUBLISHED.search(" ".join(own)) and not FINDINGS.search(joined)


def _about_thematic_reviews(texts: Texts) -> bool:
    """Texts that speak of thematic reviews only in the plural, and (beside the heading)
    of no publication."""
    joined = " ".join(filter(None, texts.all))
    own = " ".join(t for t in texts.all if t and t != texts.heading)
    return bool(
        THEMATIC_MANY.search(joined)
        and not THEMATIC_ONE.search(joined)
        and not PUBLISHED.search(own)
    )


def _names_a_kind(texts: tuple[str | None, ...], joined: str) -> bool:
    """Whether a text names a kind of document beyond the review's own: a bare "Report" does
    not, nor a study's "Final report"; a serious case review's "Full report" does (its
    overview report)."""
    serious = SERIOUS_CASE.search(joined) is not None
    kept = (
        t if serious else REPORT_ITSELF.sub("", t) for t in texts if t and not BARE_REPORT.match(t)
    )
    return stated_doc_type(*kept) is not None


def _titled_study(case: str | None, texts: tuple[str | None, ...], exclude: frozenset[str]) -> bool:
    """The case is a study's own title before a subtitle naming the group or harm it was
    about: "It was hard to escape: safeguarding children at risk from criminal
    exploitation"."""
    return (
        case is not None
        and not structured_case(case)
        and any(study_title(t, exclude) == case for t in texts if t)
    )
