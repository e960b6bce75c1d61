"""Reviews titled by a phrase in quotes: "‘A Jigsaw with Missing Pieces’ – Child Practice
Review", "KSCP2021-22-02: ‘Nobody asked me’", "the thematic review, titled ‘...’"."""

from __future__ import annotations

import re

from harvester.metadata.text import ENGLISH_REVIEW_KINDS as _ENGLISH_REVIEW
from harvester.metadata.text import clean_name
from harvester.metadata.titles import (
    NEWS_WORDS,
    NOT_SUBJECT,
    SMALL_WORDS,
    STORY_WORDS,
    specific,
)

# A review titled by a phrase in quotes beside the kind of review: "CPR 3/2018 – ‘I Just
# Wanted Someone to Notice’", "‘A Jigsaw with Missing Pieces’ – Child Practice Review". At
# least two words: one quoted word is a name ("‘Archie’").
_QUOTED = r"['‘“\"](?P<subject>[A-Z][\w’']*(?:(?:[ \t,]|:[ \t])+[\w’'-]+){1,9}?\??)[’”\"']"
# A phrase in quotes whatever its capitals: "‘Nobody asked me’".
_QUOTED_SENTENCE = r"['‘“\"](?P<subject>[A-Z][\w’']*(?:[ \t,]+[\w’'-]+){1,9}?)[’”\"']"
# (beside an English kind of review, so that a bilingual heading's English title is read)
QUOTED_TITLE = [
    re.compile(_QUOTED + r"\s*(?:[-–—:(,]\s*)?(?:[A-Z]{2,6}\s+)?" + r"(?i:(?:an?\s+)?(?:"
               r"(?:independent|thematic|extended|concise|multi[- ]agency|local|learning)\s+)*"
               + r"(?:" + _ENGLISH_REVIEW + r"|review))\b"),
    re.compile(r"(?i:" + _ENGLISH_REVIEW + r"|review)\b[^'‘“\"\n]{0,40}?[-–—:,]?\s*" + _QUOTED),
    # A heading that is only the quoted title and its date: "‘Nobody Saw Me’ – published
    # 5th October 2023".
    re.compile(
        r"^\s*" + _QUOTED + r"\s*(?:[-–—,(]\s*(?i:published\s+)?[\w ]*(?:19|20)\d\d\)?)?\s*$"
    ),
    # ... and after the review's code: "KSCP2021-22-02: ‘Nobody asked me’".
    re.compile(r"^\s*[A-Z]{2,}[\w/-]*\d\s*[:–—-]\s*" + _QUOTED_SENTENCE + r"\s*$"),
]  # fmt: skip


APPOSITION = re.compile(r"\s*[-–—,(]\s*(?:an?\s|(?:the\s+)?(?i:national|thematic)\s+review\b)")
# A review's title where a sentence names it: "The thematic review, titled 'Unsafe sleep and
# infants under one', found ...", "has published 'Beyond the Gate: ...', its national review".
TITLED_QUOTE = [
    re.compile(r"\btitled\s+" + _QUOTED),
    # "National review: 'Out of view: children educated at home who came to serious harm'"
    re.compile(
        r"(?i:national\s+review)\s*[:–—-]\s*['‘“\"](?P<subject>[A-Z](?:[^'’”\"\n]|[’'](?=[a-z]))"
        r"{3,120})['’”\"]"
    ),
    re.compile(_QUOTED + r"\s*,\s*(?:its|their)\s+(?:[\w-]+\s+){0,2}review\b"),
    # "the Panel's national review, ‘Carrying it alone’, looks at ..."
    re.compile(r"(?i:review)\s*,\s*" + _QUOTED_SENTENCE + r"\s*,"),
    # learning drawn from a titled review: "a two-page summary of ‘Crossing the line’",
    # "Partnership briefing: ‘Before the knock on the door’", "the Panel's ‘Quiet rooms’
    # review"
    re.compile(
        r"(?i:summary|briefing|brief|analysis|guide|response)\s+(?i:of|on|about|to)\s+"
        r"(?i:the\s+)?" + _QUOTED
    ),
    # "what ‘Weighing the risks’ tells us"
    re.compile(r"(?i:what)\s+" + _QUOTED + r"\s+(?i:tells|means|says)\b"),
    re.compile(r"(?i:briefing|brief|summary)\s*[:–—-]\s*" + _QUOTED + r"\s*(?:\(|$)"),
    re.compile(r"(?i:panel|board|partnership)['’]s\s+" + _QUOTED + r"\s+(?i:national\s+)?review\b"),
]
_TITLE_QUOTED = r"['‘“\"](?P<subject>[A-Z][^'’”\"\n]{3,120})['’”\"]"
# A title a news item says was published, read without its subtitle: "National panel
# publishes 'Unseen in the home: babies harmed by ...'", "welcomes the publication of
# 'Nowhere on the roll: ...'", "'Bailed and at home: ...' was published", "The review,
# 'Seen as suspects: ...', was published", "the inspectorate's 'Edges of the classroom'
# report".
PUBLISHED_QUOTE = [
    re.compile(
        r"(?i:(?:panel|partnership|board)\s+(?:has\s+)?publish(?:es|ed)|has\s+published)\s+"
        + _TITLE_QUOTED
    ),
    re.compile(r"(?i:publication\s+of)\s+(?:the\s+)?" + _TITLE_QUOTED),
    # (someone's summary of a long title: "Summary of ‘Pathways to Harm, Pathways to
    # Protection: A Triennial Analysis of Serious Case Reviews 2011- 2014’")
    re.compile(r"^\W*(?i:summary|briefing)\s+(?i:of|on)\s+(?:the\s+)?" + _TITLE_QUOTED),
    re.compile(_TITLE_QUOTED + r"\s*,?\s+(?:was|were|has\s+been|is)\s+published\b"),
    re.compile(r"(?i:review|report)\s*,\s*" + _TITLE_QUOTED + r"\s*,"),
    re.compile(
        r"(?i:ofsted|inspectorate|panel|board|partnership|commissioner)['’]s\s+"
        + _TITLE_QUOTED
        + r"\s+(?i:report|review|analysis)\b"
    ),
]
# A quoted title's subtitle after a colon, in small letters: "Unseen in the home: babies
# harmed by a parent's partner".
_SUBTITLE = re.compile(r":\s+[a-z].*$")
# A national analysis's subtitle saying what it is: "Ages of Concern - Learning Lessons from
# Serious Case Reviews", "Improving Safeguarding Practice: Study of Serious Case Reviews
# 2001-2003", "...: what can we learn? A biennial analysis of serious case reviews 2003-05".
STUDY_SUBTITLE = re.compile(
    r"\s*(?::|\s[-–—])\s*(?i:what\s+can\s+we\s+learn\?\s*)?(?i:(?:an?|the)\s+)?"
    r"(?i:(?:biennial|triennial|national|thematic|inspectorate|two[- ]year(?:ly)?)\s+)?"
    r"(?i:study|analysis|evaluation|overview|learning\s+lessons|lessons|learning)\s+(?i:of|from)\s+"
    r"(?i:(?:serious\s+case|case|local|child\s+safeguarding\s+practice)\s+)*(?i:reviews|scrs)\b.*$"
)
# A review of several children after a quoted phrase, which is then its title: "'Hidden
# harm': review of 14 exploited teenagers published", "'Not just sleep' review looks at
# deaths of six babies".
SEVERAL_AFTER = re.compile(
    r"\s*:?\s*(?i:(?:thematic\s+)?review\s+(?:of|into|looks\s+at|examines)\s+"
    r"(?:(?:[\w-]+\s+){0,3}?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several)\s|"
    # ... or of a kind of event in the plural: "'No one asked me': review of teenage deaths"
    r"(?:[\w-]+\s+){0,2}?(?:deaths|cases|injuries|suicides)\b))"
)


# A heading that opens with its quoted title, a subtitle after it: "‘Too Old to Be Groomed?’
# Learning from the experiences of young men".
SUBTITLED = re.compile(
    r"^\s*" + _QUOTED + r"\s*[:–—-]?\s+(?P<rest>[^\n]*\b(?i:learning|lessons|review|briefing|"
    r"analysis|messages)\b"
    r"[^\n]*)$"
)
# ... whatever its capitals, before a colon and a subtitle in small letters ("‘Quiet in the
# corner’: safeguarding children with ...") or its document's type ("“The weight of small
# things”: learning brief").
COLON_SUBTITLE = re.compile(
    r"^\s*" + _QUOTED_SENTENCE + r"\s*(?::\s+(?P<rest>[a-z][^\n]*)|\s*[:–—-]\s*"
    r"(?i:(?:an?\s+)?(?:learning\s+brief(?:ing)?|briefing|executive\s+summary|"
    r"(?:7|seven)[- ]minute\s+briefing|learning\s+summary|(?:full\s+|final\s+)?report))"
    r"\W*$)"
)
# A title page's line that is only a phrase in quotes: "“Why did nobody see me?”".
QUOTED_LINE = re.compile(r"^\s*['‘“\"](?P<subject>[A-Z][^'‘’“”\"\n]{3,100}?)['’”\"]\s*$")


HEADLINE_NOUNS = re.compile(
    r"\b(?:review|reviewer|report|death|deaths|inquest|verdict|court|police|council|mother|"
    r"father|girl|boy|baby|toddler|teenager)(?:['’]s)?\b",
    re.I,
)


def _names_something(subject: str) -> bool:
    """A quoted phrase says more than the kind of document, and is no board's or credit's."""
    return specific(subject) and not NOT_SUBJECT.search(subject)


# ... or opening its first line before a subtitle: "‘Time to listen’− a joined up response".
QUOTED_OPENING = re.compile(
    r"^\s*['‘“\"](?P<subject>[A-Z][^'‘’“”\"\n]{3,100}?)['’”\"]\s*[:–—−-]\s*\S"
)


def cover_quoted_title(cover: str) -> str | None:
    """A title page's title in quotes on a line of its own, among its first lines, or
    opening the first line before its subtitle."""
    lines = [line for line in cover.splitlines() if line.strip()][:4]
    for i, line in enumerate(lines):
        match = QUOTED_LINE.match(line) or (QUOTED_OPENING.match(line) if i == 0 else None)
        subject = match["subject"] if match else ""
        if 2 <= len(subject.split()) <= 12 and _names_something(subject):
            return clean_name(subject)
    return None


def _title_without_study(subject: str) -> str:
    """A quoted title without a national analysis's subtitle saying what it is."""
    return clean_name(STUDY_SUBTITLE.sub("", subject) or subject)


def quoted_title(text: str) -> str | None:
    """A review's title in quotes beside its kind or its code, or standing alone with its
    date: in title case, except after a code, where nothing else stands, or where a
    sentence says it is the review's title."""
    # A national analysis's whole title in quotes, its subtitle saying what it is: the title
    # before the subtitle, whatever its capitals (and whatever a dash adds after the quote:
    # "... – A thematic report of an inspectorate's evaluation ...").
    whole = re.fullmatch(
        r"\s*['‘“\"](?P<inner>[^'‘“\"”’]{3,240})['’”\"](?:\s*[-–—:]\s.*)?\s*", text, re.S
    )
    studied = bool(whole and STUDY_SUBTITLE.search(whole["inner"]))
    if studied:
        text = "“" + STUDY_SUBTITLE.sub("", whole["inner"]) + "”"
    for pattern in (*TITLED_QUOTE, *PUBLISHED_QUOTE):
        match = pattern.search(text)
        if match and _names_something(match["subject"]):
            subject = match["subject"]
            if pattern in PUBLISHED_QUOTE:
                subject = _SUBTITLE.sub("", subject)
            return _title_without_study(subject)
    for number, pattern in enumerate(QUOTED_TITLE):
        match = pattern.search(text)
        subject = match.group("subject") if match else ""
        # A title is in title case; a quote in a headline is a sentence ("'He was failed').
        long_words = [w for w in re.findall(r"[A-Za-z]{4,}", subject) if w not in SMALL_WORDS]
        if (
            match
            # (in sentence case too after a code, "KSCP2021-22-02: ‘Nobody asked me’", or
            # before the kind of review set in apposition, "‘Seen but not heard’ – a thematic
            # review of ...", as a headline's quoted words are not)
            and (
                number == len(QUOTED_TITLE) - 1
                or (number == 0 and APPOSITION.match(text, match.end("subject") + 1))
                or (number == 0 and SEVERAL_AFTER.match(text, match.end("subject") + 1))
                # a heading that is the quoted title, a dash and the kind of review:
                # "“Nobody asked me what I wanted” – thematic review of ..."
                or (
                    number == 0
                    and not text[: match.start()].strip()
                    and re.match(r"\s*[–—-]\s", text[match.end("subject") + 1 :])
                    and not STORY_WORDS.search(text[match.end("subject") + 1 : match.end()])
                )
                # right after the kind of review: "their national review ‘Out of sight, out
                # of reach’"
                or (
                    number == 1
                    # (after "national review" or "National review:"; a headline's "review:
                    # 'quote'" and "Serious case review 'He was failed'" are someone's words)
                    and re.search(
                        r"(?i:(?:national|thematic)\s+review\s*[:–—-]?\s*)['‘“\"]$",
                        text[: match.start("subject")],
                    )
                )
                or all(w[0].isupper() for w in long_words)
                # (a national analysis's title, its subtitle saying what it is)
                or studied
                or STUDY_SUBTITLE.search(subject) is not None
            )
            and _names_something(subject)
            # someone's words, quoted in a headline: "'Failed By System', Review Says"
            and not (number == 0 and NEWS_WORDS.match(text[match.end() :].strip()))
        ):
            return _title_without_study(subject)
    match = SUBTITLED.match(text)
    if (
        match
        and all(w[0].isupper() for w in re.findall(r"[A-Za-z]{4,}", match["subject"]))
        and not STORY_WORDS.search(match["rest"])
        and _names_something(match["subject"])
    ):
        return clean_name(match["subject"])
    match = COLON_SUBTITLE.match(text)
    if (
        match
        # (a headline's quoted words: "'She was a child nobody saw': reviewer's verdict")
        and not STORY_WORDS.search(match["subject"])
        and not STORY_WORDS.search(match["rest"] or "")
        and not HEADLINE_NOUNS.search(match["rest"] or "")
        and _names_something(match["subject"])
    ):
        return clean_name(match["subject"])
    return None
