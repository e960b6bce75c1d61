"""Dates shown in one format ("9 July 2015", or "July 2015" when the day is not known),
whatever way the board's page or the catalog wrote them."""

from __future__ import annotations

from index.dates import MONTHS, parse_date


def long_date(value: object) -> str:
    """ "29th November 2019", "13.03.18", "2026-12-05T07:51:03+00:00" -> "29 November 2019",
    "13 March 2018", "5 December 2026"; "Jan 2024" -> "January 2024". Anything else is
    shown as it was written."""
    if value is None:
        return ""
    parsed = parse_date(value)
    if parsed is None:
        return " ".join(str(value).split())
    year, month, day = parsed
    return f"{day} {MONTHS[month - 1]} {year}" if day else f"{MONTHS[month - 1]} {year}"
