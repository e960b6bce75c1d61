"""Reviews named by their subject rather than a child: a thematic review's subject
("Thematic Review of Missing Teenagers"), a review a news headline announces by its subject
("Board publishes review of child deaths in house fires"), a card headed by the practice
issue a learning review looked at, and a title page's title wrapped over its lines."""

from __future__ import annotations

import re

from harvester.metadata.doc_types import stated_doc_type
from harvester.metadata.text import COUNT_WORDS, PLACE_START, clean_name
from harvester.metadata.titles import (
    NAMES_REVIEW,
    NATIONAL_BODIES_ENGLAND,
    NATIONAL_BODIES_WALES,
    NEWS_WORDS,
    NOT_SUBJECT,
    TOLD,
    TRAILING_YEARS,
    YEAR_REMARK,
    cover_subject,
    names_a_subject,
    specific,
)

# A place that ends the subject: "in Cheshire West and Cheshire East", "in the Kestlebridge
# area" (not "in Neglect in Stavenridge", nor a place's own: "in Quenbury's children's homes").
_PLACE_TAIL = (
    r"\s+in\s+(?:the\s+)?" + PLACE_START + r"[\w'’-]*(?<!['’]s)(?:\s+(?:and\s+)?[A-Z][\w'’-]*)*"
    r"(?:\s+(?i:area|region|district))?(?![\w'’-])(?!\s+(?:in|of)\s+[A-Z])"
)
# The kind of review after "thematic": "Thematic Child Safeguarding Practice Review".
_THEMATIC_KIND = (
    r"(?:(?:child\s+)?(?:safeguarding\s+)?(?:practice\s+|learning\s+|serious\s+case\s+)?review|"
    r"(?-i:L?CSPR|SCR)\b|analysis|report)"
)
# A thematic review is named by its subject: "Vulnerable Adolescents Thematic Review 2019",
# "Thematic Review of Contextual Safeguarding Responses in Cheshire West - Published ...".
THEMATIC_SUBJECT = [
    # "Thematic: Exploitation and Missing | Criminal exploitation | 2023"
    re.compile(r"^\W*(?i:thematic)\s*:\s*(?P<subject>[A-Z][\w'’ -]*?)(?=\s*[|(–—:/]|\s+-\s|\s*$)"),
    re.compile(
        r"(?i:(?:thematic|themed)\s+" + _THEMATIC_KIND + r")(?:\s+\d{1,2}\b)?"
        # (and its code: "Thematic Review 2017/T1 – ...", "thematic review WTSCB 2018/T1: ...")
        r"(?:\s+(?:[A-Z]{2,7}\s+)?(?:19|20)\d\d/T?\d{1,2}\b)?"
        # (a file's name: "Thematic Review Adolescent Suicide")
        # (or a table row's next cell: "Thematic Review | Serious Youth Violence | 2018")
        r"\s*(?:(?i:of|into|on)\s+|[:–—|]\s*|-\s+|\s+(?=[A-Z][a-z]+\s+(?:(?:of|in|and|on)\s+)?[A-Z]))"
        r"(?:the\s+)?(?P<subject>[A-Za-z][\w'’ -]*?)"
        r"(?=" + _PLACE_TAIL + r"|\s+-\s|\s*[–—(:|/,]|\.(?:\s|$)|\s+(?:19|20)\d\d|[ \t]*\n|\s*$"
        # (a date after it: "... of safer sleep 14 Aug 2023")
        r"|\s+\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?\s+(?:19|20)\d\d)"
    ),
    # "Sudden unexpected death in infancy – a thematic review of six cases"
    # (not a place before the kind and its subject after: "Kennisford Thematic Review: ...")
    re.compile(
        r"^(?:the\s+)?(?P<subject>[A-Z][\w'’ -]*?)(?:[ \t]+|[ \t]*[–—:][ \t]*|[ \t]+-[ \t]+)"
        r"(?:(?i:an?)[ \t]+)?(?i:thematic\s+" + _THEMATIC_KIND + r")(?!\s*:\s*[A-Z])"
    ),
    # A title page's title on the line above "A thematic review of six infants ..." (or
    # above its subtitle in small letters: "learning from six infant deaths")
    re.compile(
        r"^(?P<subject>(?!.*\b(?:Board|Partnership|Council|Safeguarding|Bwrdd|Diogelu)\b)"
        r"[A-Z][\w'’ -]{2,60}?)[ \t]*:?[ \t]*\n(?:[ \t]*[a-z][^\n]*\n)?[ \t]*(?:(?i:an?)[ \t]+)?"
        r"(?i:thematic)\s",
        re.M,
    ),
    # "Complexity and challenge: a triennial analysis of Serious Case Reviews", "Learning
    # for the future: Final analysis of serious case reviews", "Building on the learning
    # ...: a two year analysis of ... notifications"
    # (or a full stop between: "Child Sexual Exploitation. An analysis of Serious Case Reviews
    # in England")
    re.compile(
        r"^(?:the\s+)?(?P<subject>[A-Z][\w'’ ,-]*?)[ \t]*(?:[:–—]|\.(?=[ \t]+A))[ \t]*"
        r"(?i:(?:an?\s+)?(?:(?:triennial|biennial|national)\s+(?:analysis|review)|"
        r"(?:(?:final|annual|biennial|two[- ]year|three[- ]year)\s+)?analysis\s+of))\b"
    ),
    # A national review's or an analysis's own title before what it is: "Still learning: the
    # Panel's annual review of ...", "“The door was shut” – children taught at home: a
    # national review", "Hidden in Plain Sight — the Panel's national review of ..."
    re.compile(
        r"^['‘“]?(?P<subject>[A-Z][\w'’ ,-]*?)['’”]?[ \t]*[:–—][ \t]*(?:[a-z][\w ,-]*?[:–—][ \t]*)?"
        r"(?i:(?:an?|the|its)\s+(?:panel['’]s\s+)?"
        r"(?:(?:annual|national|independent|regional|local|thematic|multi[- ]agency)\s+)*"
        r"(?:review|analysis)(?:\s+(?:of|into)\b|\W*$))"
    ),
    # ... a study, an annual review or the themes of many reviews, or a guide drawn from them:
    # "Missing links: a study of recommendations in case reviews", "Threads of learning:
    # themes from child practice reviews", "Seeing the baby: a practice guide drawn from
    # local reviews", "Fewer missed chances: reviewing three years of local learning"
    re.compile(
        r"^(?:the\s+)?(?P<subject>[A-Z][\w'’ ,-]*?)[ \t]*:[ \t]*"
        r"(?i:(?:an?\s+)?(?:study|annual\s+review|practice\s+guide|overview)\b[^\n]*\breviews\b|"
        r"(?:key\s+)?themes\s+from\b[^\n]*\breviews\b|learning\s+lessons\s+from\b[^\n]*\breviews\b|"
        r"reviewing\s+(?:[\w-]+\s+){0,3}(?:years|reviews)\b)"
    ),
    # A section's heading before the row's: "Thematic Reviews — Adolescents at risk"
    re.compile(r"^\W*(?i:thematic\s+reviews)\s*[—–]\s*(?P<subject>[A-Z][\w'’ ,-]*?)\s*$"),
    # "Sibling Sexual Abuse (thematic) | 14.09.23 | Report, 7MB"
    re.compile(
        r"^(?:the\s+)?(?P<subject>[A-Z][\w'’ -]*?)[ \t]*"
        r"\((?i:thematic(?:\s+(?:learning\s+|practice\s+)?review)?)\)"
    ),
]
# "a thematic review of six cases": what was reviewed, not what the review is about.
COUNTED = re.compile(
    r"^(?:\d+|" + COUNT_WORDS + r"|several|many)\s+"
    r"(?:(?:separate|different|unrelated|linked)\s+)?"
    r"(?:cases|reviews|children|families|deaths|incidents|serious\s+case\s+reviews)$",
    re.I,
)


# A news item announcing a review by its subject: "Board publishes review of child deaths in
# house fires", "Report on infants harmed in the care of fathers published".
ANNOUNCED_SUBJECT = [
    # ("We have published a joint rapid review of ...")
    re.compile(
        r"^\W*(?:(?:[\w'’-]+\s+){0,4}?(?i:board|partnership|council|panel)\s+|"
        r"(?i:we|it)\s+(?i:have|has)\s+)?"
        r"(?i:publish(?:es|ed)|releases?)\s+(?i:(?:an?|its|the|our)\s+)?"
        r"(?i:(?:thematic|multi[- ]agency|local|independent|joint|rapid|national)\s+){0,3}"
        r"(?i:review|report)\s+"
        r"(?i:of|into|on)\s+(?P<subject>[a-z][\w'’ -]{6,90}?)\W*$"
    ),
    re.compile(
        r"^\W*(?i:(?:thematic\s+)?(?:review|report))\s+(?i:of|into|on)\s+(?:the\s+)?"
        # (and by whom: "... published by partnership")
        r"(?P<subject>[a-z][\w'’ -]{6,90}?)\s+(?i:published)(?:\s+(?i:by)\s+[\w'’ -]{2,60})?\W*$"
    ),
    # "Partnership publishes learning from sudden infant deaths in unsafe sleep"
    re.compile(
        r"^\W*(?:(?:[\w'’-]+\s+){0,4}?(?i:board|partnership|council|panel)\s+)?"
        r"(?i:publish(?:es|ed))\s+(?i:its\s+)?(?i:learning)\s+(?i:from)\s+(?:the\s+)?"
        r"(?P<subject>[a-z][\w'’ -]{6,90}?)\W*$"
    ),
    # a national body's or a board's own review of a subject: "Ofsted's review of sexual abuse
    # in schools and colleges"
    re.compile(
        r"^\W*(?:the\s+)?(?i:ofsted|estyn|panel|government|board|partnership|council|"
        r"commissioner|inspectorate)['’]s\s+(?i:(?:national|thematic|independent|rapid)\s+)?"
        r"(?i:review)\s+(?i:of|into)\s+(?P<subject>[a-z][\w'’ -]{6,90}?)\W*$"
    ),
    # "Children missing education after moving between areas – Review published",
    # "Multi-agency safeguarding and domestic abuse paper published"
    re.compile(
        r"^\W*(?P<subject>[A-Z][\w'’ -]{6,90}?)\s+(?:[–—-]\s+)?"
        r"(?i:(?:thematic\s+)?(?:review|paper)\s+published)\W*$"
    ),
]
# One child's death or injuries: a news item about a review that does not name the child.
ONE_CHILDS = re.compile(
    # ("the death of ...", "injuries to a baby"; not "abuse of residents at ...", "deaths of
    # three teenagers")
    r"^(?:the\s+|a\s+)?(?:death|murder|killing)\s+of\b|"
    r"^(?:the\s+|a\s+)?(?:injur(?:y|ies)|abuse)\s+(?:of|to)\s+(?:an?|one)\b|"
    r"^(?:the\s+|a\s+)?(?:baby|child|toddler|infant|boy|girl|teenager)['’]?s?\s+"
    r"(?:death|murder|killing)\b|"
    # one child as the story tells of them: "review into murdered child", "a dead baby"
    r"^(?:the\s+|a\s+)?(?:[\w-]+\s+){1,2}(?:baby|child|toddler|infant|boy|girl|teenager)$",
    re.I,
)


def announced_subject(text: str) -> str | None:
    """The subject of a review a news item's headline announces by it."""
    for pattern in ANNOUNCED_SUBJECT:
        match = pattern.match(text.strip())
        # (the place the review was in: "... children's home in Sandlowe")
        subject = without_place(match["subject"]) if match else ""
        if _plain_subject(subject):
            return clean_name(subject)
    return None


# A review, an inquiry or an audit of a subject anywhere in a line, the subject in small
# letters: "Independent chair to lead national review of child deaths in unregulated
# supported accommodation", "Sector expert review of new multi-agency safeguarding
# arrangements", "Ofsted's review of safeguarding in unregistered alternative provision
# published today".
_REVIEWED_KIND = (
    r"(?:(?:national|independent|joint|rapid|thematic|multi[- ]agency|sector[- ]expert|"
    r"new|local|wider|whole[- ]system|systemic|full|public)\s+){0,3}"
    r"(?:review|inquiry|investigation|audit|evaluation|analysis|examination)\s+"
    # (as a headline tells it begun: "Investigation launched into ...")
    r"(?:(?:launched|opened|ordered|announced)\s+)?(?:of|into|on)\s+|"
    # ("Update on report into historic child sexual exploitation expected within weeks")
    r"report\s+into\s+"
)
_REVIEWED_END = (
    r"\s+-\s|\s*[–—(:|/,;.!?\"“”]|\s*['‘’](?!\w)|\s+(?:19|20)\d\d|\s*$|"
    # (a headline's verb after it: "... published today", "... finds"; its report)
    r"\s+(?i:published|launched|begins?|begun|opens|today|finds?|found|says?|reveals?|"
    r"shows?|to\s+begin|will|is|was|has|have|are|were|calls?|highlights?|due|who|which|"
    r"that|where|when|report|summary|pushed|put|delayed|postponed|paused|halted|scrapped|"
    r"expected|under|released|publish(?:es|ed)?|to\s+be)\b"
)
REVIEWED_SUBJECT = re.compile(
    r"\b(?i:" + _REVIEWED_KIND + r")(?:the\s+)?(?P<subject>[a-z][\w'’ -]{6,90}?)"
    r"(?=" + _PLACE_TAIL + "|" + _REVIEWED_END + ")"
)
# An inquiry or an investigation named by its subject before it: "Historical Institutional
# Abuse Inquiry report published", "Independent Jersey Care Inquiry Report", "The residential
# schools investigation report".
NAMED_INQUIRY = re.compile(
    r"^\W*(?:[A-Z]{2,4}:\s+)?(?i:the\s+)?(?i:independent\s+)?"
    # (not a document about it: "Summary of the ... investigation")
    r"(?!(?i:summary|report|update|response|statement|briefing|findings|outcome|results?|"
    r"conclusions?|terms)\b)"
    r"(?P<subject>[A-Za-z][\w'’ -]{5,80}?)\s+(?i:inquiry|investigation)"
    r"(?:\s+(?i:final\s+)?(?i:report))?"
    r"(?:\s+(?i:published|publishes\s+(?:its\s+)?(?:final\s+)?report|handed\s+over\b.*|"
    r"under\s+investigation))?\W*$"
)
# Children a news item counts or describes, whose review is of them, not of a subject:
# "neglect of two brothers", "the drowning of a toddler", "a 14-year-old's suicide".
SOME_CHILDREN = re.compile(
    r"\b(?:a|an|" + COUNT_WORDS + r"|\d+|[\w-]+-year-olds?|"
    r"brothers|sisters|siblings|twins|boy|girl|baby|toddler|pupil|teenager)\b"
    # (a span of time is no count of children: "three decades of abuse")
    r"(?!\s+(?:decades?|years?|months?|weeks?|days?)\b)|"
    # (one's own: "a pupil's death"; not a group's: "children's care homes")
    r"\b(?!(?:children|people)['’])\w+['’]s\s",
    re.I,
)


# A review's own title before its kind: "Every door was closed – a national review of ...",
# "Keeping watch – the joint Chief Inspectors' review of ...", "‘Too quiet to notice’:
# national review of ..." (not a board's name or a place: "Quenbury – review of ...").
TITLE_BEFORE = re.compile(
    r"(?:^|[:|]\s+)(?P<title>[‘'“\"]?[A-Z][^–—:|]{3,80}?)\s*[–—:-]\s*(?:(?i:an?|the)\s+)?"
    r"(?:[\w’'-]+\s+){0,4}$"
)
QUOTED_TITLE = re.compile(
    r"[‘“\"](?=[A-Z])(?=(?:[^’”\"\n]|’(?=\w))*?\s)(?:[^’”\"\n]|’(?=\w)){5,90}?[’”\"](?!\w)"
)


def reviewed_subject(*texts: str | None) -> str | None:
    """The subject of a review, an inquiry or an audit a title or a headline names in
    passing, or of an inquiry named by it ("... Inquiry report published"), when it is of no
    child or children it counts and no title of the review's own names it."""
    texts = tuple(filter(None, texts))
    if any(QUOTED_TITLE.search(text) for text in texts):
        # A review's title in quotes names it: "Summary of the ‘Everyone’s patient’ report".
        return None
    for text in texts:
        for match in [*REVIEWED_SUBJECT.finditer(text), *NAMED_INQUIRY.finditer(text)]:
            subject = match["subject"]
            before = TITLE_BEFORE.search(text[: match.start()])
            if (
                before
                and len(before["title"].split()) >= 2
                and not re.search(
                    r"\b(?:Board|Partnership|Panel|Council|L?SC[BP])\b", before["title"]
                )
                # (nor a document about the review: "Terms of reference – national review
                # of ...")
                and stated_doc_type(before["title"]) is None
            ):
                # The title names the review.
                return None
            if (
                _plain_subject(subject)
                and not SOME_CHILDREN.search(subject)
                # (nor of a setting: "abuse at Fennimere House School")
                # (nor one body's handling of it: "the handling of safeguarding in ...")
                and not re.search(
                    r"\b(?:cases?|circumstances|events|incidents)\b|\bat\s+(?-i:[A-Z])|^handling\b",
                    subject,
                )
            ):
                return clean_name(subject)
    return None


def _plain_subject(subject: str) -> bool:
    """A subject of two words or more that tells no story and names no review, nor one
    child's death ("the death of a baby")."""
    return bool(
        subject
        and specific(subject)
        and not NOT_SUBJECT.search(subject)
        and not NAMES_REVIEW.search(subject)
        and not TOLD.search(subject)
        and not re.search(r"\b(?:will|be|not)\b", subject, re.I)
        and not ONE_CHILDS.match(subject)
        and len(re.findall(r"[A-Za-z]+", subject)) >= 2
    )


# The kinds of review, and a board's initials, which name no one review: "Thematic Review
# of CPR 2019", "HSCB Thematic Review: ...".
KIND_ACRONYM = re.compile(r"[A-Z]{0,4}(?:SC[BP]|SB|SP|CSP)|L?C?S?PRs?|SCRs?|CPRs?")
BOARD_INITIALS = re.compile(r"^L?[A-Z]{0,4}(?:SC[BP]|SB|SP|CSP)\s+(?=[A-Z])")
# A body's name: "Child Death Review Partnership", "Safer Sleep Group".
_BODY = r"(?:[A-Z][\w'’-]*\s+){1,5}?(?:Partnership|Panel|Programme|Board|Group|Network|Committee)"
BODY_BEFORE = re.compile(r"^" + _BODY + r"\s+(?=[A-Z])")
DOCUMENT_LEAD = re.compile(
    r"^(?:learning\s+brief(?:ing)?|executive\s+summary|(?:7|seven)[- ]minute\s+briefing|"
    r"briefing|summary|"
    # "Key learning from the neglect thematic review", "Findings of the ... review"
    r"(?:key\s+)?(?:messages|learning|findings|lessons|points)\s+(?:from|of)(?:\s+the)?)\s+",
    re.I,
)


def without_place(subject: str) -> str:
    """A subject without the place its review was in: "... in Cobbleton"."""
    return re.sub(
        r"\s+(?:in|across|throughout)\s+(?:the\s+)?" + PLACE_START + r"[\w'’-]*(?<!['’]s)"
        r"(?:\s+[A-Z][\w'’-]*)?(?:\s+(?i:area|region|district))?$",
        "",
        subject,
    )


def thematic_subject(text: str) -> str | None:
    # "Hidden Harm: a thematic review of adolescent self-harm": the title before the kind
    # names the review, whatever it is a review of.
    for pattern in reversed(THEMATIC_SUBJECT):
        match = pattern.search(text)
        if match:
            # "Learning Brief Lost Journeys thematic review": the document's type goes, and
            # a small word the next line's text ran on with ("Neglect in Adolescence In").
            subject = clean_name(DOCUMENT_LEAD.sub("", match.group("subject")))
            # the board's initials before its subject: "TSCP Non-Accidental Head Injury"
            subject = BOARD_INITIALS.sub("", subject)
            # ... or another body's name: "Child Death Review Partnership SUDI"
            subject = BODY_BEFORE.sub("", subject)
            start = match.start("subject")
            quoted = start > 0 and text[start - 1] in "'‘“\""
            if not quoted:
                subject = re.sub(r"\s+(?i:in|of|on|and|the|for|to|a)$", "", subject)
            # a sentence's verb after the subject: "... of probable suicide of young people
            # covers nine aged 14 to 17"
            # (not a clause's verb: "Deaths where Co-sleeping was a Factor")
            verb = re.search(
                r"\s+(?:covers?|covering|draws|looks|examines|considers|found|finds|was|is|were)\b",
                subject,
            )
            clause = verb and re.search(
                r"\b(?:where|when|who|whose|which|that)(?:\s+[\w-]+)?$",
                subject[: verb.start()],
                re.I,
            )
            # (a title in quotes is said, not told: "“The door was always closed”"; nor is a
            # title that is a sentence: "It was hard to escape")
            sentence = verb and re.fullmatch(
                r"(?:It|We|They|He|She|You|I|There)", subject[: verb.start()]
            )
            if verb and not clause and not quoted and not sentence:
                subject = subject[: verb.start()]
            # a site's label after a headline: "... of adolescent deaths Source: ..."
            subject = re.sub(r"\s+(?:Source|Posted|Updated)\b.*$", "", subject)
            if (
                2 <= len(subject) <= 80
                and subject.lower()
                not in ("a", "the", "multi-agency", "joint", "local", "regional")
                # "This anonymised summary of a thematic review": a sentence, not a title
                and not re.match(r"(?i:this|that|these|an?|our|its|their)\b", subject)
                and specific(subject)
                and not COUNTED.match(subject)
                and not NOT_SUBJECT.search(subject)
                # (a title in quotes may say what was done: "‘Heard but not listened to’")
                and (quoted or not NEWS_WORDS.search(subject))
                # a board's initials before its thematic review ("HSCB Thematic Review: ..."),
                # or the kind of review it looked at ("Thematic Review of CPR 2019")
                and not KIND_ACRONYM.fullmatch(subject)
                # (nor the inspectorate or government that published it: "Ofsted thematic
                # report")
                and not re.fullmatch(
                    r"(?i:" + NATIONAL_BODIES_ENGLAND + "|" + NATIONAL_BODIES_WALES + ")", subject
                )
                # (nor another body: "Child Death Review Programme Thematic Review ...")
                and not re.fullmatch(_BODY, subject)
            ):
                return subject
    return None


DOC_TAIL = re.compile(
    r"\s*(?:[:–—]|\s-)\s*(?i:executive\s+summary|overview\s+report|learning\s+brief(?:ing)?|"
    r"full\s+report)\W*$|"
    r"\s*\((?i:executive\s+summary|overview\s+report|learning\s+brief(?:ing)?|full\s+report)\)$"
)


# What a card's link or line says of a review of a practice issue, not one child's:
# "Thematic review (PDF)", "Learning review | 17/11/2021", "Multi-agency learning review".
CARD_OF_REVIEW = re.compile(
    r"\b(?:thematic|(?:multi[- ]agency\s+)?learning\s+review|"
    r"review\s+of\s+(?:local\s+)?practice)\b",
    re.I,
)


def heading_subject(heading: str, link_text: str, context: str) -> str | None:
    """A card headed by a thematic review's subject ("Child criminal exploitation") whose
    links say only what kind of document each is ("Full report", "Action plan"), when the
    card says it is a thematic review and the link does not give the subject itself."""
    # (a table row's first cell; a heading that says "Thematic:" before its subject)
    heading = heading.split(" | ")[0]
    subject = thematic_subject(heading) or clean_name(
        TRAILING_YEARS.sub("", YEAR_REMARK.sub("", heading))
    )
    # (its document's type after it: "“The weight of small things”: learning brief"; the
    # board's initials, "– QSCP"; the place the review was in, "... in Cobbleton")
    subject = clean_name(DOC_TAIL.sub("", subject)) or subject
    subject = re.sub(r"\s*[–—-]\s*[A-Z]{2,6}$", "", subject)
    subject = without_place(subject)
    # (the title the link repeats before the document's kind, without the subtitle the
    # heading gives it: "Listening late – full report" under "Listening late: how ...")
    titled = re.split(r"\s+[–—-]\s+", link_text)[0].strip()
    if len(titled.split()) >= 2 and re.match(re.escape(titled) + r"\s*[:–—]\s", heading):
        subject = titled
    if (
        CARD_OF_REVIEW.search(f"{link_text} {context}")
        and thematic_subject(link_text) is None  # the link's own subject comes first
        and 1 <= len(re.findall(r"[A-Za-z]+", subject)) <= 12
        and names_a_subject(subject)
        and not NEWS_WORDS.search(subject)
    ):
        return subject
    return None


# A title wrapped over a title page's lines: a line that ends in a small word, or a next
# line that goes on in small letters ("Young people who self-harm / while in youth custody").
_RUNS_ON = (
    r"(?:of|on|in|and|the|to|for|at|by|with|from|into|or|who|whose|which|that|where|when|"
    r"while|involving|under|during|after|before|had|has|have|were|was)"
)
RUNS_ON = re.compile(r"\b" + _RUNS_ON + r"$", re.I)
GOES_ON = re.compile(r"^" + _RUNS_ON + r"\b")
# ... or a line in capitals or title case that goes on with a clause or a preposition only a
# title's next words take ("Children Known to Services / Who Self-Harm in School",
# "NON-ACCIDENTAL INJURIES / TO BABIES UNDER ONE")
GOES_ON_CAPITALISED = re.compile(r"^(?:who|whose|to|under|involving|without)\s+\w", re.I)
_KIND_OR_BOARD = re.compile(
    r"\b(?:review|report|summary|briefing|brief|board|partnership|published|author)\W*$", re.I
)


def join_wrapped_title(block: str) -> str:
    lines = block.splitlines()
    joined: list[str] = []
    for line in lines:
        line = line.strip()
        last = joined[-1] if joined else ""
        if (
            line
            and last
            and (
                RUNS_ON.search(last)
                or (last[-1:].isalpha() and GOES_ON.match(line))
                or (
                    last[-1:].isalpha()
                    and GOES_ON_CAPITALISED.match(line)
                    and not _KIND_OR_BOARD.search(last)
                )
            )
        ):
            joined[-1] = f"{last} {line}"
        else:
            joined.append(line)
    return "\n".join(joined)


def title_page_subject(title_block: str, exclude: frozenset[str] = frozenset()) -> str | None:
    """A thematic review's subject as its title page gives it, without the abbreviation
    after it: "Sudden Unexpected Death in Infancy (SUDI)"."""
    title_block = join_wrapped_title(title_block)
    found = thematic_subject(title_block) or cover_subject(title_block, exclude)
    return re.sub(r"\s*\([A-Z]{2,6}\)$", "", found) if found else None
