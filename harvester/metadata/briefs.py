"""Learning products named by their topic rather than a child: "7 Minute Briefing: Bruising
in Non-Mobile Babies", "Self-harm and suicide: learning from case reviews", a title page's
"Practitioner Briefing" line followed by its topic."""

from __future__ import annotations

import re

from harvester.metadata.report_titles import english_half
from harvester.metadata.text import clean_name
from harvester.metadata.titles import (
    GENERIC_WORDS,
    SMALL_WORDS,
    STORY_WORDS,
    TOLD,
    TRAILING_YEARS,
    names_a_subject,
    specific,
    tells_outside_clause,
)

# What a briefing, leaflet, poster or slide set calls itself: "7 Minute Briefing", "Learning
# Summary", "Practice Note", "Learning from Reviews", "Professionals' leaflet".
_BRIEF_KIND = (
    r"(?i:(?:(?:7|seven)[- ]?(?:minute|point)\s+briefings?|7\s?MB|"
    # ("Practice Learning Brief", "Multi-agency learning summary")
    r"(?:(?:practice|multi[- ]agency)\s+)?"
    r"(?:learning|practice|practitioners?['’]?|professionals['’]?)\s+"
    r"(?:brief(?:ing)?|summary|note|alert|leaflet|guide|poster)|"
    r"learning\s+(?:event\s+)?slides|poster|"
    # "Monthly learning: ...", "Learning from reviews blog: ...", "Safeguarding Learning
    # Spotlight – ...", "Practice Learning Note: ..."
    r"(?:monthly|quarterly)\s+learning|(?:safeguarding\s+)?learning\s+spotlight|"
    r"practice\s+learning\s+note|learning\s+from\s+reviews\s+blog|lessons\s+for\s+practice|"
    # "Learning Lessons Bulletin – Issue 9 – ...", "... : Quarter 1 briefing"
    r"learning\s+lessons\s+bulletin(?:\s*[-–—]\s*issue\s+\d{1,3})?|quarter(?:ly)?\s+\d?\s*briefing|"
    # "Key learning: ...", "Learning Lessons Briefing - ...", "Briefing on ..."
    r"key\s+learning|(?:learning\s+lessons|lessons\s+learn(?:ed|t))(?:\s+briefing)?|"
    # "Multi-agency learning: ...", "Case review learning: ...", "Learning from practice –
    # ...", "Spotlight on: ..."
    r"(?:multi[- ]agency|case\s+review)\s+learning|learning\s+from\s+practice|spotlight(?:\s+on)?|"
    # "Neglect in Derby - what you need to know"
    r"what\s+you\s+need\s+to\s+know|"
    # "Themes from rapid reviews: ...", "Rapid review themes: ..."
    r"(?:rapid\s+review\s+)?themes(?:\s+from\s+(?:(?:local|rapid|case|our)\s+)*reviews)?|"
    r"(?:learning|lessons)\s+from\s+(?:(?:local|national|and|serious|case|rapid|child|thematic|"
    r"safeguarding|practice|our)\s+)*(?:reviews?|scrs?)(?:\s+(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?)?"
    # (its month, or its series' name: "Learning from reviews – March 2024: ...", "NSPCC
    # learning from case reviews", "... learning from case reviews briefing")
    r"(?:\s*[-–—]\s*[A-Z][a-z]+\s+(?:19|20)\d\d)?(?:\s+(?:briefing|summary))?))"
)
# "7 Minute Briefing: Bruising in Non-Mobile Babies", "Poster – Safer Sleep (JPG, 340KB)"
BRIEF_THEN_TOPIC = re.compile(
    # ("Thematic Learning from Case Reviews – Child Neglect")
    r"^\W*(?:[A-Z]{2,6}\s+)?(?:(?i:thematic)\s+)?"
    # (who it is for: "Multi-agency learning briefing: ...")
    r"(?:(?i:multi[- ]agency|partnership|safeguarding|local|national)\s+)?"
    # (or a briefing that says only that it is one: "Briefing on adolescent neglect")
    + r"(?:"
    + _BRIEF_KIND
    + r"|(?i:briefing))"
    + r"\s*(?:[:–—]|\s-|\s(?i:on)\s|"
    # (a seven-minute briefing's topic straight after it: "Seven Minute Briefing Neglect")
    r"(?<=(?i:briefing))\s(?=[A-Z][a-z]))\s*"
    r"(?P<subject>[^\n|]{3,90}?)\s*$|"
    # "What we have learned about neglect"
    r"^\W*(?i:what\s+we\s+(?:have\s+)?learn(?:ed|t)\s+about)\s+(?P<about>[^\n|]{3,90}?)\s*$"
)
# "Self-harm and suicide: learning from case reviews", "Neglect – 7 minute briefing"
# (or in brackets: "Fabricated or induced illness (7-minute briefing)"; or a briefing that
# says only that it is one, after a mark: "Parental mental health – briefing", "Safer sleep:
# what local and national case reviews tell us")
TOPIC_THEN_BRIEF = re.compile(
    r"^\W*(?P<subject>[^\n|]{3,90}?)\s*(?:[:–—]|\s-)?\s*\(?(?:an?\s+)?(?:(?i:NSPCC)\s+)?"
    r"(?:" + _BRIEF_KIND + r"|(?<=[:–—-]\s)(?i:briefing)|(?i:what\s+(?:[\w-]+\s+){0,4}?reviews\s+"
    r"(?:[\w-]+\s+){0,4}?tell\s+us)|(?<=[:–—-]\s)(?i:key\s+findings\s+for\s+[\w-]+))\)?"
    # (a remark after it: "(NSPCC, 2021)", "(PDF, 310 KB)")
     + r"(?:\s*\([^)]*\))?\W*$"
)
# A file's remark after the title: "(PDF, 201 Kb)", "(JPG, 340KB)".
_FILE_REMARK = re.compile(
    r"\s*\((?:[^)]*\b(?:pdf|jpe?g|png|docx?|pptx?|kb|mb|(?:19|20)\d\d)\b[^)]*)\)\s*$", re.I
)


# "Missed health appointments": a topic's adjective, not a headline's verb.
_SAYS_NOTHING = re.compile(
    r"(?i)\bmissed\s+(?=(?:health\s+|medical\s+|dental\s+)?(?:appointments|opportunities))"
)


def brief_topic(text: str, exclude: frozenset[str] = frozenset()) -> str | None:
    """A learning product titled by its topic rather than a child: the topic beside what
    the product calls itself. A name before the topic is the child's ("Bryn: Missing from
    Education – 7 Minute Briefing")."""
    # ("Dysgu o Adolygiadau Ymarfer: ... / Learning from Practice Reviews: ...")
    text = english_half(text.strip())
    for pattern in (BRIEF_THEN_TOPIC, TOPIC_THEN_BRIEF):
        match = pattern.match(text.strip())
        if not match:
            continue
        subject = _FILE_REMARK.sub("", match["subject"] or match.groupdict().get("about") or "")
        # (a file name's remark its extension cut short: "Safer Sleep (2021")
        subject = re.sub(r"\s*\([^)]*$", "", subject)
        # what a brief says after its topic: "— lessons from local reviews"
        subject = re.split(r"\s+[–—]\s+|\s+-\s+", subject)[0]
        subject = clean_name(TRAILING_YEARS.sub("", subject)).strip(" '‘’\"“”")
        # (a title's run-on word before the kind: "Small voices: learning lessons from ...")
        subject = re.sub(r"\s*:\s*(?i:learning|lessons)$", "", subject)
        # "Briefing on Suicide: learning from case reviews"
        subject = re.sub(r"^(?i:(?:a\s+)?(?:briefing|leaflet|note)\s*(?:on\s|:))\s*", "", subject)
        # "multi-agency audit of children exposed to ...", "what we learned about ..."
        subject = re.sub(
            r"^(?i:(?:an?\s+|the\s+)?(?:multi[- ]agency\s+)?(?:case\s+)?"
            r"(?:audit|(?:thematic\s+)?review)\s+(?:of|into)\s+|"
            r"what\s+we\s+(?:have\s+)?learn(?:ed|t)\s+(?:about|from)\s+|"
            # ("Deep dive: babies and children under two ...")
            r"deep[\s-]dive\s*(?::|into)\s*)",
            "",
            subject,
        )
        subject = subject.strip(" '‘’\"“”")
        # "7 Point Briefing – Learning from Case Reviews: Online Harm"
        inner = brief_topic(subject, exclude) if subject != text.strip() else None
        if inner:
            return inner
        named = re.match(r"(?P<name>[A-Z][a-z]+)\s*(?::|\()", subject)
        if named and is_first_name(named["name"], exclude):
            return named["name"]
        if (
            subject[:1].isalpha()
            # a board's initials, or a line's opening word ("Including learning from ...")
            and not re.fullmatch(r"L?[A-Z]{0,4}(?:SC[BP]|SB|SP|CSP)(?:\s+(?i:thematic))?", subject)
            and not re.match(
                r"(?i:including|includes|with|and|our|new|latest|recent|how|what|why|where)\b",
                subject,
            )
            # ("Toddlers who swallowed a parent's medication" names a group)
            and not tells_outside_clause(_SAYS_NOTHING.sub("", subject), TOLD)
            and not re.match(
                r"(?:summary\s+of\s+)?(?:key\s+|emerging\s+|common\s+|recurring\s+)?themes\b",
                subject,
                re.I,
            )
            and names_a_subject(subject, exclude)
        ):
            return subject[0].upper() + subject[1:]
    return None


def is_first_name(word: str, exclude: frozenset[str]) -> bool:
    """A single word that may be a child's first name, not a topic's or a place's."""
    return (
        word not in exclude
        and word.lower() not in GENERIC_WORDS
        and word.lower() not in SMALL_WORDS
        and not TOPIC_WORD.fullmatch(word)
    )


TOPIC_WORD = re.compile(
    r"(?i:neglect|abuse|exploitation|suicide|drowning|bruising|grooming|radicalisation|"
    r"self-harm|trafficking|online|adolescents?|babies|infants|fathers|men|domestic|"
    r"sexual|criminal|missing|safer|unsafe|sleep|hidden|disguised|professional|parental|"
    r"mental|concealed|fabricated|child|children|young)"
)


def listed_brief_topic(heading: str | None, link_text: str | None) -> str | None:
    """A link's title under a heading that is only a kind of learning product: "Concealed
    Pregnancy (PDF, 201 Kb)" under "SSCP Thematic 7-Minute Briefings"."""
    if not heading or not link_text:
        return None
    # (or a heading that asks the reader to it: "View our 7 Minute Briefings")
    kinds = (
        r"^\W*(?i:(?:view|read|download|see|browse)\s+(?:our|the)\s+|our\s+)?"
        r"(?:[A-Z]{2,6}\s+)?(?:(?i:thematic)\s+)?" + _BRIEF_KIND + r"s?\W*$"
    )
    if not re.match(kinds, heading.strip()):
        return None
    title = clean_name(_FILE_REMARK.sub("", link_text)).strip(" '‘’\"“”")
    # (its kind and date after a dash: "Bruising in Non-Mobile Babies – learning briefing")
    title = re.split(r"\s[–—-]\s", title)[0]
    # (and its kind and number after it: "Infant Injury Learning Briefing II")
    title = re.sub(r"\s+" + _BRIEF_KIND + r"(?:\s+(?:[IVX]{1,4}|\d{1,2}))?$", "", title) or title
    # (and the analysis it draws on: "Neglect Triennial Analysis")
    title = (
        re.sub(r"\s+(?i:(?:triennial|biennial|thematic|national)\s+analysis)$", "", title) or title
    )
    words = re.findall(r"[A-Za-z]+", title)
    if (
        1 <= len(words) <= 8
        and not STORY_WORDS.search(title)
        and not re.match(r"\W*" + _BRIEF_KIND, title)
        and names_a_subject(title)
    ):
        return title
    return None


_PEOPLE = re.compile(r"(?:Dr\.?|Prof(?:essor)?\.?|Mr|Mrs|Ms|Miss)\s+[A-Z]")


def cover_brief_topic(cover: str, exclude: frozenset[str] = frozenset()) -> str | None:
    """A learning product's title page: what it calls itself on one line, its topic on the
    next ("7 Minute Briefing / Neglect", "Practitioner Briefing / Sexual exploitation of
    boys and young men")."""
    lines = [line.strip() for line in cover.splitlines() if line.strip()][:8]
    for line, following in zip(lines, lines[1:], strict=False):
        # (not its presenters on the next line: "Dr Lizzie Aylett and Dr Jeremy Cox")
        if re.fullmatch(r"\W*" + _BRIEF_KIND + r"\W*", line) and not _PEOPLE.match(following):
            found = brief_topic(f"{line}: {following}", exclude)
            if found and not re.fullmatch(r"\W*" + _BRIEF_KIND + r"\W*", following):
                return found
    return None


# A series' issue and its date before its topic: "Lessons Learned Issue 6 April 2015
# Unexplained bruising in non-mobile babies", "Learning Bulletin No. 12 – November 2020:
# Working with fathers", "Learning Bulletin 4 – Mehefin / June 2018 – Children who self-harm".
_ISSUE_NUMBER = r"\b(?i:issue|no\.|number|edition|rhifyn)\s*\d{1,3}\b"
_ISSUE_DATE = r"(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s*/\s*)?(?:[A-Z][a-z]+\.?\s+)?(?:19|20)\d\d\b"
_ISSUE_MARKS = r"[\s:·,|–—-]"
_ISSUE = re.compile(
    r"(?:" + _ISSUE_NUMBER + r"|\b(?i:bulletin|newsletter|briefing)\s+\d{1,3}\b)"
    r"(?:" + _ISSUE_MARKS + r"*" + _ISSUE_DATE + r")?" + _ISSUE_MARKS + r"+"
    # (not its date: "Issue 3 Spring 2011")
    r"(?!" + _ISSUE_DATE + r")"
    r"(?P<topic>[A-Z][^\n|]{3,90}?)\s*$"
)
# ... or on a title page's line of its own, the topic on the next line ("Issue 9 · January
# 2017").
_ISSUE_ALONE = re.compile(
    _ISSUE_NUMBER + _ISSUE_MARKS + r"*(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:(?:19|20)\d\d)?\s*$"
)
# A label before the topic: "Special focus: Neglect", "This issue: children who go missing".
_TOPIC_LABEL = re.compile(
    r"^(?i:(?:in\s+)?this\s+issue|special\s+focus|focus(?:\s+on)?|spotlight(?:\s+on)?|"
    r"(?:learning\s+)?special|theme)\s*:\s*(?i:learning\s+from\s+(?:[\w-]+\s+){0,3}?"
    r"reviews\s+(?:on|about|into)\s+)?"
)


# ... or a series' issue that says what it is about wherever its line says so: "Case review
# learning bulletin — July 2018 — special focus: children with disabilities".
_SPECIAL_FOCUS = re.compile(
    r"\b(?i:bulletin|newsletter|briefing)\b[^\n|]*?\b(?i:special\s+focus)(?:\s*:\s*|\s+(?i:on)\s+)"
    r"(?P<topic>[^\n|]{3,90}?)\s*$"
)


def issue_topic(text: str, exclude: frozenset[str] = frozenset()) -> str | None:
    """A learning newsletter's or bulletin's topic after its issue number and date (on a
    title page, on the line after the issue's)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for i, line in enumerate(lines[:8]):
        if _ISSUE_ALONE.search(line) and i + 1 < len(lines):
            text = f"{line} {lines[i + 1]}"
            break
    match = _ISSUE.search(text.strip()) or _SPECIAL_FOCUS.search(text.strip())
    if not match:
        return None
    topic = clean_name(_FILE_REMARK.sub("", match.group("topic"))).strip(" '‘’\"“”")
    topic = _TOPIC_LABEL.sub("", topic)
    # (its spacing as a title page's text gives it: "Non- accidental injury")
    topic = re.sub(r"(?<=\w)-\s+(?=[a-z])", "-", topic)
    words = re.findall(r"[A-Za-z]+", topic)
    if (
        words
        and specific(topic)
        and not TOLD.search(topic)
        and not all(w in exclude for w in words)
    ):
        return topic
    return None
