"""Dates shown in one format ("9 July 2015", or "July 2015" when the day is not known),
whatever way the board's page or the catalog wrote them."""

from __future__ import annotations

import re
from datetime import date, datetime

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_WORDS = re.compile(
    r"^(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})$"
)
_NUMBERS = re.compile(r"^(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{2}|\d{4})$")


def _month(word: str) -> int | None:
    """A month's number from its name or its abbreviation ("Jan", "Sept")."""
    word = word.lower()
    return next((n for n, m in enumerate(MONTHS, start=1) if m.lower().startswith(word)), None)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # "13.03.18": reviews are of this century unless the year says not
        year += 2000 if year < 70 else 1900
    return year


def _shown(year: int, month: int, day: int | None) -> str | None:
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    month_name = MONTHS[month - 1]
    return f"{day} {month_name} {year}" if day else f"{month_name} {year}"


def long_date(value: object) -> str:
    """ "29th November 2019", "13.03.18", "2026-12-05T07:51:03+00:00" -> "29 November 2019",
    "13 March 2018", "5 December 2026"; "Jan 2024" -> "January 2024". Anything else is
    shown as it was written."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    if isinstance(value, datetime | date):
        return _shown(value.year, value.month, value.day) or text
    words = _WORDS.match(text)
    if words:
        month = _month(words["month"])
        day = int(words["day"]) if words["day"] else None
        return (month and _shown(int(words["year"]), month, day)) or text
    numbers = _NUMBERS.match(text)
    if numbers:
        return _shown(_year(numbers["year"]), int(numbers["month"]), int(numbers["day"])) or text
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return text
    return _shown(parsed.year, parsed.month, parsed.day) or text
