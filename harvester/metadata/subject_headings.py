"""A heading that is a review's subject and nothing else: "Children who go missing from
care placements out of area: what we learned", "Serious youth violence affecting boys aged
14 to 17 in Cobbleton", "16 and 17 year olds presenting as homeless: thematic review".

Reviews of a group of children or of a practice issue are named by a noun phrase whose head
is the children it was about or the harm it was about. The other parts of such a heading
say only what kind of document it is, when, or by whom; a part that tells a story ("review
finds missed chances") makes it a headline, which names no review."""

from __future__ import annotations

import re

from harvester.metadata.doc_types import stated_doc_type
from harvester.metadata.text import COUNT_WORDS, REVIEW_KINDS, clean_name
from harvester.metadata.thematic import without_place
from harvester.metadata.titles import (
    NEWS_WORDS,
    TRAILING_YEARS,
    names_a_subject,
    tells_outside_clause,
)

# The parts of a heading: "Subject – thematic review", "Subject: what we learned".
SEPARATOR = re.compile(r"\s+[–—|-]\s+|:\s+|\s+/\s+")

# Who a review of a group was about: "children who ...", "disabled children", "babies
# harmed after ...", "16 and 17 year olds ...". At most two words before the group.
_GROUP = (
    r"(?:children|young\s+people|babies|infants|toddlers|teenagers|adolescents?|families|"
    r"parents|fathers|mothers|pupils|siblings|boys|girls|care\s+leavers|young\s+carers|"
    r"newborns|under[- ]fives|students|young\s+(?:men|women)|"
    r"\d{1,2}\s*(?:and|to|-|–)\s*\d{1,2}[- ]year[- ]olds)"
)
# What harm a review of a practice issue was about: "serious youth violence ...",
# "intrafamilial child sexual abuse ...", "abusive head trauma in babies".
_HARM = (
    r"(?:abuse|neglect|exploitation|violence|trauma|injur(?:y|ies)|harm|self[- ]harm|suicides?|"
    r"deaths|drowning|trafficking|radicalisation|bruising|mutilation|forced\s+marriage|"
    r"co-?sleeping|unsafe\s+sleep|substance\s+misuse|homelessness|exclusion|grooming|"
    r"bullying|illness|county\s+lines|gangs|slavery|extremism|going\s+missing)"
)
# What may follow the head in a name, not a headline's verb ("children phone helpline"):
# a clause, a preposition, a participle, or nothing.
_GOES_ON = (
    r"(?=\s*$|\s+(?:who|whose|where|which|that|when|while|with|without|in|at|of|on|from|for|"
    r"to|under|over|aged|and|or|by|between|across|within|after|during|involving|known|"
    # (the services or arrangements for them: "child sexual exploitation services in ...")
    r"services|arrangements|provision|"
    r"[a-z]+(?:ed|ing))\b)"
)
HEAD = re.compile(
    r"^(?:the\s+)?(?:(?![\w-]+['’]s\b)[\w-]+\s+){0,2}?"
    + _GROUP
    + r"\b(?!['’])"
    + _GOES_ON
    # (not after a verb in -ing: "Agencies missing neglect in older children" is a headline)
    + r"|^(?:the\s+)?(?:(?![\w-]+ing\b)[\w-]+\s+){0,3}?"
    + _HARM
    + r"\b"
    + _GOES_ON
    # (what was done for or about the group or harm: "Strategy discussions for children
    # under five", "The multi-agency response to children missing from education")
    # (not a headline's verb, a kind of document or a group before it: "Errors made over
    # care of children", "Summary of the ...", "Children phone helpline to report parents")
    + r"|^(?:the\s+)?(?:(?!(?:[\w-]+(?:['’]s|ing|ed)|made|summary|report|review|briefing)\b|"
    + _GROUP
    + r")[\w-]+\s+){1,4}?(?:for|of|to|in|with|about|affecting)\s+"
    + r"(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,2}?(?:"
    + _GROUP
    + r"|"
    + _HARM
    + r")\b(?!['’])"
    + _GOES_ON,
    re.I,
)
# The kind of document run on after the subject with no mark between: "Infant injury
# learning briefing II", "Neglect lessons learned briefing paper".
_KIND_TAIL = re.compile(
    r"(?:\s+(?:lessons\s+learn(?:ed|t)|learning|(?:7|seven)[- ]minute|practitioner|practice|"
    r"thematic|final|(?:overview\s+and\s+)?scrutiny))*"
    r"(?:\s+(?:briefing(?:\s+paper)?|brief|summary|report|review|leaflet|slides|"
    r"investigation|inquiry|event)){1,2}"
    r"(?:\s+(?:[IVX]{1,4}|\d{1,2}))?$",
    re.I,
)
# A verb that tells what happened, outside a clause that says who the group are: "children
# who were harmed" names a group; "children were failed" is a headline.
_TELLS = re.compile(
    r"\b(?:was|were|is|are|has|have|had|been|will|would|could|should|must|not)\b", re.I
)
# A part of the heading that says only what the document is, when or by whom:
# "thematic review", "TCSP learning review", "what we learned", "7 minute briefing",
# "executive summary", "partnership response", "November 2020".
_KIND_WORD = re.compile(
    r"\b(?:review|reviews|briefing|brief|summary|report|response|plan|learned|learnt|found|"
    r"learning|findings|slides|leaflet|analysis|audit|"
    + REVIEW_KINDS
    + r")\b|\b(?:L?SC[BP]|L?CSPR|SCR|CPR|7MB)\b",
    re.I,
)
_DATE_PART = re.compile(
    r"^\W*(?:(?:published|issued|updated)\s*:?\s*)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+)?(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?\W*$",
    re.I,
)
# A label before the subject: "Published – ...", "National review: ...", "Learning review:",
# "Multi-agency audit: ...", "Partnership response – ...", a thematic review's code.
_LABEL = re.compile(
    r"^\W*(?:published|new|update|national\s+review|(?:local\s+)?briefing|learning\s+review|"
    r"thematic\s+review|learning\s+from\s+(?:local\s+)?reviews|(?:7|seven)[- ]minute\s+briefing|"
    r"multi[- ]agency\s+(?:case\s+(?:file\s+)?)?audit|(?:partnership\s+|board\s+)?response|"
    r"progress\s+report|action\s+plan)"
    r"\W*$",
    re.I,
)
# A thematic review's code before its subject: "TR 2021/02", "RSCP TR/2023/01".
_CODE_LEAD = re.compile(r"^(?:[A-Z]{2,6}\s+)?TR\s*[/ ]\s*(?:19|20)\d\d\s*/\s*\d{1,2}(?:\s+|$)")
# What a review was "of" before its group: "Review of families who move ...".
# (whatever kind of study it calls itself: "An evidence based review of the risks to
# children ...", "National review into child sexual abuse in the family environment")
_REVIEW_OF = re.compile(
    r"^(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:(?:review|inquiry|audit|analysis|investigation|"
    r"study|evaluation|assessment|overview)\s+(?:of|into)|report\s+(?:into|on))\s+",
    re.I,
)
# A headline's news of the publication after the subject: "... review published".
_PUBLISHED_TAIL = re.compile(
    r"\s+(?:(?:is|was|has\s+been|have\s+been|are|were)\s+)?published(?:\s+today)?\W*$", re.I
)
# The reviews a study counted before what they were about: "(Review of) four cases of
# children missing from home", "(Learning from) three reviews of infant deaths ...".
_COUNTED_LEAD = re.compile(
    r"^(?:learning\s+from\s+)?(?:\d{1,3}|" + COUNT_WORDS + r"|several|multiple)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:cases|reviews)\s+"
    r"(?:of|into|concerning|about|involving|relating\s+to)\s+",
    re.I,
)


def _kind_part(part: str) -> bool:
    words = re.findall(r"[\w'’-]+", part)
    return bool(
        _DATE_PART.match(part)
        or (_KIND_WORD.search(part) and len(words) <= 7 and not NEWS_WORDS.search(part))
    )


def subject_heading(text: str | None, exclude: frozenset[str] = frozenset()) -> str | None:
    """The subject a heading names a review of a group or an issue by, when every other
    part of the heading only says what kind of document it is."""
    if not text:
        return None
    parts = [p.strip() for p in SEPARATOR.split(_PUBLISHED_TAIL.sub("", text.strip())) if p.strip()]
    parts = [_CODE_LEAD.sub("", p) for p in parts]
    parts = [p for p in parts if p]
    while len(parts) > 1 and _LABEL.match(parts[0]):
        parts.pop(0)
    if not parts or any(NEWS_WORDS.search(p) for p in parts):
        return None
    subject, rest = parts[0], parts[1:]
    if not all(_kind_part(p) for p in rest):
        return None
    subject = _COUNTED_LEAD.sub("", _REVIEW_OF.sub("", subject))
    subject = re.sub(r"\s*\([^()]*\)$", "", subject)
    subject = _KIND_TAIL.sub("", TRAILING_YEARS.sub("", subject))
    subject = without_place(subject)
    words = re.findall(r"[A-Za-z]+", subject)
    if (
        2 <= len(words) <= 16
        and HEAD.match(subject)
        and not tells_outside_clause(subject, _TELLS)
        and names_a_subject(subject, exclude)
        # (news of a review to come or held back: "Inquiry into abuse at ... delayed until
        # autumn"; read last, as it runs every document-type rule)
        and stated_doc_type(text) != "other"
    ):
        return clean_name(subject)
    return None


# A study's own title before a subtitle that names the group or harm it was about: "It was
# hard to escape: safeguarding children at risk from criminal exploitation", "The Myth of
# Invisible Men: safeguarding children under 1 from non-accidental injury ...".
_STUDY_TITLE = re.compile(
    r"^\W*(?P<title>[A-Z][\w'’,-]*(?:\s+[\w'’,-]+){1,7}?)\s*:\s+(?P<subtitle>[a-z][^:]+)$"
)
# A label, not a title, before such a subtitle: "Deep dive: babies and children under two".
_NOT_A_TITLE = re.compile(r"\b(?:deep\s+dive|forum|spotlight|inspection)\b", re.I)


def study_title(text: str | None, exclude: frozenset[str] = frozenset()) -> str | None:
    """The title of a study whose subtitle is its subject, when nothing in the line tells a
    story."""
    match = _STUDY_TITLE.match(text.strip()) if text else None
    if not match or NEWS_WORDS.search(text or ""):
        return None
    subtitle = _COUNTED_LEAD.sub("", _REVIEW_OF.sub("", match["subtitle"]))
    subtitle = _KIND_TAIL.sub("", TRAILING_YEARS.sub("", subtitle.strip(" .")))
    title = match["title"].strip()
    if (
        HEAD.match(subtitle)
        and not tells_outside_clause(subtitle, _TELLS)
        and not _KIND_WORD.search(title)
        and not _NOT_A_TITLE.search(title)
        and names_a_subject(title, exclude)
    ):
        return clean_name(title)
    return None
