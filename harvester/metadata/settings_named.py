"""The setting a review is of: a school, a children's home, a club or a hospital ward its
title names ("Stanbridge Fields School", "Oakhollow House Children's Home"), and the setting's
name spelled out in full where a text gives more of it than the case read."""

from __future__ import annotations

import re

from harvester.metadata.text import clean_name

# A review of what happened in a school or a home: "Stanbridge Fields School", "Greywater
# Secure Training Centre", "Oakhollow House Children's Home".
INSTITUTION = re.compile(
    r"(?P<name>(?:(?!(?:Of|The|And|To|At|In|For|An?|On|By|Into|Closure|Review|Local|"
    r"Safeguarding|Children|Board|Partnership|Learning|Serious|Case)\b)[A-Z][a-z'’]+\s+){1,4}"
    r"(?:Secure\s+Training\s+Centre|Secure\s+Children['’]s\s+Home|Children['’]s\s+Home|"
    r"Young\s+Offender\s+Institution|Fostering\s+(?:Services|Agency)|"
    # ("Abbotsmoor Church of England Junior School")
    r"(?:Church\s+of\s+England\s+(?:[A-Z][a-z]+\s+)?)?"
    r"(?:Primary\s+|Residential\s+|Special\s+|Boarding\s+)?"
    r"School|Academy|College|Nursery|Club|FC))\b"
)


# "a serious case review relating to Southbank International School"
REVIEW_OF_INSTITUTION = re.compile(
    r"(?i:review)\s+(?i:relating\s+to|into|of|concerning|regarding|at)\s+(?:the\s+)?"
    + INSTITUTION.pattern
)


def institution_subject(*texts: str | None) -> str | None:
    """The school, home or centre a review's title names (a title in capitals too), in its
    fullest form ("Bumblebee Barn Day Nursery", not a link's "Bumblebee Barn Nursery")."""
    found = [
        clean_name(match["name"])
        for text in texts
        for line in (text or "").splitlines()
        for match in [INSTITUTION.search(line.title() if line.isupper() else line)]
        if match
    ]
    return max(found, key=len) if found else None


# What a setting's name goes on with: "Heron Ward, St Cuthwin's Hospital", "Ferncliffe Lodge
# children's home", "Meadowbank Fostering Services".
_SETTING_KIND = (
    r"(?:(?:Residential\s+|Secure\s+)?Children['’]s\s+Home|School|Academy|College|Nursery|Club|"
    r"Services|Agency|Centre|Hospital)"
)
SETTING_TAIL = re.compile(
    r"(?:,\s+|\s+)(?:(?:St\.?|[A-Z][a-z'’]+)\s+){0,3}" + _SETTING_KIND + r"\b"
)
# (not the kind of review or the board before it: "Serious Case Review Little Acorns
# Nursery")
SETTING_HEAD = re.compile(
    r"(?:(?<=\s)|^)(?:(?!(?:Review|Board|Partnership|Safeguarding|Practice|Case|Serious|"
    r"Thematic|Learning|Report|Summary)\b)[A-Z][a-z'’]+\s+){1,3}$"
)


def fuller_setting(case: str, texts: tuple[str | None, ...]) -> str:
    """A setting's name as a text spells it out around the case read: "Heron Ward" is "Heron
    Ward, St Cuthwin's Hospital", "Swimming Club" (of a title wrapped over two lines)
    "Otterpool Amateur Swimming Club"; any other case as it is."""
    if not re.fullmatch(r"(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*", case) or re.match(
        r"(?:Child|Children|Baby|Young|Case|Family)\b", case
    ):
        return case
    for text in filter(None, texts):
        joined = re.sub(r"[ \t]*\n[ \t]*", " ", text)
        for found in re.finditer(re.escape(case), joined):
            tail = SETTING_TAIL.match(joined, found.end())
            if tail and not re.search(r"\b" + _SETTING_KIND + r"$", case):
                return case + tail.group(0)
            head = SETTING_HEAD.search(joined[: found.start()])
            if head and re.search(r"\b" + _SETTING_KIND + r"$", case):
                return head.group(0) + case
    return case
