"""Datelines: the "PLACE, Date (Outlet) —" prefix that opens a news report.

Handles the usual shapes::

    Sept. 8, 2017 (EIRNS)—
    KHARTOUM, Nov. 12, 2006 (Xinhua) --
    ATHENS, March 27 -
    WASHINGTON (AP) —
    BERLIN, 4 March 2019 (Reuters) -
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# The calendar, not domain knowledge: month names and their usual news abbreviations.
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_MONTH = r"(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = (
    rf"(?P<date>(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})(?:\s*,?\s+(?P<y2>\d{{4}}))?)"
)
# An all-capitals place, optionally with a region or country ("MOSCOW, Russia", "AUSTIN, Texas").
_PLACE = (
    r"(?P<place>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3})"
    r"(?:,\s+(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?))?"
)
_OUTLET = r"\((?P<outlet>[A-Za-z][\w .&'’-]{0,40})\)"
_DASH = r"\s*(?:--|—|–|-|_|:)\s*"

DATELINE = re.compile(rf"^\s*(?:{_PLACE}\s*,?\s*)?(?:{_DATE}\s*)?(?:{_OUTLET})?{_DASH}")


@dataclass(frozen=True)
class Dateline:
    """What a dateline says; ``end`` is where the article proper starts."""

    end: int
    place: str | None
    outlet: str | None
    date: date | None
    month_day: tuple[int, int] | None  # when the year is missing


def parse_dateline(paragraph: str, year_hint: int | None = None) -> Dateline | None:
    """Parse a dateline at the start of ``paragraph``; ``None`` when there is none.

    A date without a year takes ``year_hint`` (the metadata or ``--date`` year) when given.
    """
    match = DATELINE.match(paragraph)
    if not match:
        return None
    place, outlet, when = match["place"], match["outlet"], match["date"]
    if place and not (when or outlet) and len(place.replace(".", "")) < 3:
        return None
    if not (place or outlet or when):
        return None
    if not (place or outlet) and not match[0].rstrip().endswith(("—", "–", "-", "_")):
        return None
    month_day = None
    found = None
    if when:
        month = MONTHS[(match["m1"] or match["m2"]).rstrip(".").lower()]
        day = int(match["d1"] or match["d2"])
        year = match["y1"] or match["y2"]
        month_day = (month, day)
        year_value = int(year) if year else year_hint
        if year_value:
            try:
                found = date(year_value, month, day)
            except ValueError:
                return None
    return Dateline(
        end=match.end(),
        place=_place_name(place, match["region"]) if place else None,
        outlet=outlet.strip() if outlet else None,
        date=found,
        month_day=month_day,
    )


def _place_name(place: str, region: str | None) -> str:
    name = " ".join(part.capitalize() if part.isalpha() else part for part in place.split())
    return f"{name}, {region}" if region else name
