"""Publication dates as boards and catalogues write them ("29th November 2019", "Jan 2024",
"13.03.18", "2026-12-05T07:51:03+00:00"), read into numbers."""

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


def _valid(year: int, month: int, day: int | None) -> tuple[int, int, int | None] | None:
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    return year, month, day


def parse_date(value: object) -> tuple[int, int, int | None] | None:
    """(year, month, day) of a written date, the day None when it is not given ("July
    2015"); None when the text is not a date with a month."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.year, value.month, value.day
    text = " ".join(str(value).split())
    words = _WORDS.match(text)
    if words:
        month = _month(words["month"])
        day = int(words["day"]) if words["day"] else None
        return _valid(int(words["year"]), month, day) if month else None
    numbers = _NUMBERS.match(text)
    if numbers:
        return _valid(_year(numbers["year"]), int(numbers["month"]), int(numbers["day"]))
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed.year, parsed.month, parsed.day
