"""Calendar arithmetic on TimeML values: parsing them into intervals, points at a granularity,
shifting and formatting."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

#: Granularities a calendar point can have, finest first.
GRANULARITIES = (
    "day",
    "weekend",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
)
#: Months in one unit of each month-based granularity.
MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
#: TimeML season codes and the month each season starts in (northern meteorological seasons).
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
#: Unresolved forms when there is no reference date.
UNRESOLVED = {
    "day": "XXXX-XX-XX",
    "weekend": "XXXX-WXX-WE",
    "week": "XXXX-WXX",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "half": "XXXX-HX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


def add_months(day: date, months: int) -> date:
    """``day`` moved by a number of months (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(f"cannot move {day} by {months} months")


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar interval named by its first day and its granularity ("1989-Q3" etc.).

    Seasons also carry their TimeML code; ``day`` is then any day of the season's start year.
    """

    day: date
    granularity: str
    season: str = ""

    @classmethod
    def of(cls, day: date, granularity: str, season: str = "") -> Point:
        return cls(floor(day, granularity), granularity, season)

    def shift(self, amount: int, unit: str | None = None) -> Point:
        """The point ``amount`` units (default: its own granularity) later, same granularity."""
        unit = unit or self.granularity
        if unit in ("day",):
            moved = self.day + timedelta(days=amount)
        elif unit in ("week", "weekend"):
            moved = self.day + timedelta(weeks=amount)
        elif unit == "season":
            moved = date(self.day.year + amount, 1, 1)
        else:
            moved = add_months(self.day, amount * MONTHS_IN[unit])
        return replace(self, day=floor(moved, self.granularity))

    @property
    def value(self) -> str:
        """The TimeML value of the point."""
        day, granularity = self.day, self.granularity
        if granularity == "day":
            return day.isoformat()
        if granularity in ("week", "weekend"):
            year, week, _ = day.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if granularity == "weekend" else "")
        if granularity == "month":
            return f"{day.year:04d}-{day.month:02d}"
        if granularity == "quarter":
            return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
        if granularity == "half":
            return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
        if granularity == "season":
            return f"{day.year:04d}-{self.season}"
        if granularity == "year":
            return f"{day.year:04d}"
        if granularity == "decade":
            return f"{day.year // 10:03d}"
        if granularity == "century":
            return f"{day.year // 100:02d}"
        raise ValueError(f"unknown granularity {granularity!r}")


def floor(day: date, granularity: str) -> date:
    """The first day of the interval of ``granularity`` that contains ``day``."""
    if granularity == "day":
        return day
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "weekend":
        return day - timedelta(days=day.weekday()) + timedelta(days=5)
    if granularity == "season":
        return date(day.year, 1, 1)
    if granularity in MONTHS_IN:
        size = MONTHS_IN[granularity]
        index = (day.year * 12 + day.month - 1) // size * size
        return date(index // 12, index % 12 + 1, 1)
    raise ValueError(f"unknown granularity {granularity!r}")


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def season_of(day: date) -> tuple[int, str]:
    """The season (start year, code) a day falls in; December opens the year's winter."""
    if day.month == 12:
        return day.year, "WI"
    if day.month <= 2:
        return day.year - 1, "WI"
    for code, start in (("FA", 9), ("SU", 6), ("SP", 3)):
        if day.month >= start:
            return day.year, code
    raise AssertionError(day)


def weekday_near(reference: date, weekday: int, direction: str) -> date:
    """The day with ISO ``weekday`` nearest ``reference`` going ``direction``.

    ``past``: on or before the reference; ``future``: on or after; ``before``/``after``: strictly.
    """
    delta = weekday - reference.isoweekday()
    if direction == "past":
        return reference + timedelta(days=delta if delta <= 0 else delta - 7)
    if direction == "before":
        return reference + timedelta(days=delta if delta < 0 else delta - 7)
    if direction == "future":
        return reference + timedelta(days=delta if delta >= 0 else delta + 7)
    if direction == "after":
        return reference + timedelta(days=delta if delta > 0 else delta + 7)
    raise ValueError(f"unknown direction {direction!r}")


@dataclass(frozen=True, slots=True)
class Interval:
    """The days a TimeML value covers, first and last included."""

    first: date
    last: date
    granularity: str


#: A calendar TimeML value: a day (with or without a time), week, weekend, month, quarter, half,
#: season, year, decade (``201`` = the 2010s) or century (``20`` = 2000-2099).
_CALENDAR_VALUE = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<month>\d\d)(?:-(?P<day>\d\d)(?:T[\w:.+-]*)?)?"
    r"|W(?P<week>\d\d)(?P<weekend>-WE)?|Q(?P<quarter>[1-4])|H(?P<half>[12])"
    r"|(?P<season>SP|SU|FA|WI)))?"
    r"|(?P<decade>\d{3})|(?P<century>\d{2})"
)


def parse(value: str) -> Interval | None:
    """The interval a TimeML value names; ``None`` for what names no stretch of the calendar
    (``PRESENT_REF``, durations such as ``P3Y``, unresolved ``XXXX-XX``) or no real day
    (``2017-02-30``)."""
    match = _CALENDAR_VALUE.fullmatch(value.strip())
    if match is None:
        return None
    try:
        return _interval(match)
    except ValueError:  # a day or week the calendar does not have
        return None


def _interval(match: re.Match[str]) -> Interval:
    parts = match.groupdict()
    if parts["decade"]:
        return _spanning(date(int(parts["decade"]) * 10, 1, 1), "decade")
    if parts["century"]:
        return _spanning(date(int(parts["century"]) * 100, 1, 1), "century")
    year = int(parts["year"])
    if parts["day"]:
        day = date(year, int(parts["month"]), int(parts["day"]))
        return Interval(day, day, "day")
    if parts["month"]:
        return _spanning(date(year, int(parts["month"]), 1), "month")
    if parts["week"]:
        monday = date.fromisocalendar(year, int(parts["week"]), 1)
        if parts["weekend"]:
            return Interval(monday + timedelta(days=5), monday + timedelta(days=6), "weekend")
        return _spanning(monday, "week")
    if parts["quarter"]:
        return _spanning(date(year, 3 * int(parts["quarter"]) - 2, 1), "quarter")
    if parts["half"]:
        return _spanning(date(year, 6 * int(parts["half"]) - 5, 1), "half")
    if parts["season"]:
        first = date(year, SEASON_START[parts["season"]], 1)
        return Interval(first, add_months(first, 3) - timedelta(days=1), "season")
    return _spanning(date(year, 1, 1), "year")


def _spanning(first: date, granularity: str) -> Interval:
    following = Point(first, granularity).shift(1).day
    return Interval(first, following - timedelta(days=1), granularity)
