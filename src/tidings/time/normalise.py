"""Turn a recognised time expression into its TimeML type and value.

One method per rule ``kind`` (see ``data/time/patterns.yaml``). Deictic expressions ("yesterday",
"last week") are resolved against the article date; anaphoric ones ("two days later", "the
year-earlier quarter", "that day") against the latest date the narrative has named (the
*reference*), which the tagger updates as it reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from tidings.time.calendar import (
    SEASON_START,
    UNRESOLVED,
    Point,
    floor,
    quarter_of,
    season_of,
    weekday_near,
)
from tidings.time.rules import Lexicon, Unit, placeholders
from tidings.time.tense import Tense

RELATIVE_OFFSET = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "preceding": -1,
    "prior": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "this": 0,
    "current": 0,
    "same": 0,
    "that": 0,
}
#: What follows "quarters" when they are a share ("three quarters of the members").
FRACTION_OF = re.compile(
    r"\s+of\s+(?:the|a|an|all|its|their|his|her|this|that|these|those|\d)\b", re.IGNORECASE
)
#: What makes "soon" part of a conjunction or a relation to an event rather than a time.
NOT_A_TIME_AFTER_SOON = re.compile(r"\s+(?:as|after|before|thereafter)\b", re.IGNORECASE)
#: TimeML's own unit letters for an unknown number of decades or centuries.
VAGUE_UNIT_CODES = {"decade": "DE", "century": "CE"}
#: The slots of an ISO 8601 duration in their order (time slots after the ``T``).
ISO_SLOTS = ("Y", "M", "W", "D", "TH", "TM", "TS")
DAY_PART_TIME = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}


@dataclass(frozen=True, slots=True)
class Reading:
    """What a time expression means: TIMEX3 type and value, granularity and anchoring."""

    type: str
    value: str
    granularity: str
    anchor: str  # "dateline", "ref" (the narrative reference), or "" (absolute)
    point: Point | None = None  # the calendar interval, for later anaphora
    sets_reference: bool = True  # may later expressions be resolved against this one?


@dataclass
class Context:
    """What normalisation may look at besides the match: dates, tense, surrounding text."""

    text: str
    dct: date | None
    reference: Point | None
    tense: Callable[[int, int], Tense | None]
    quarter: Point | None = None  # the quarter (or half) being reported on, for "the quarter"
    previous: Reading | None = None  # the expression just before this one
    doc: Doc | None = None


def _group(m: re.Match[str], name: str) -> str | None:
    """A named group's text, None when the rule has no such group or it did not take part."""
    return m.groupdict().get(name)


def _alternatives(entries: tuple[str, ...]) -> str:
    """A regex group matching any of ``entries`` (the words of one entry apart by any spaces)."""
    return "(?:" + "|".join(r"\s+".join(map(re.escape, e.split())) for e in entries) + ")"


def _words(text: str | None) -> str:
    return re.sub(r"[\s-]+", " ", text or "").strip().lower()


class Normaliser:
    """Reads one regex match of a rule ``kind`` and returns its :class:`Reading`, or None."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        fragments = placeholders(lexicon)
        number, unit = fragments["NUM"], fragments["UNIT"]
        self._amount = re.compile(rf"(?P<num>{number})[\s-]+(?P<unit>{unit})")
        self._month_numbers = {k.lower(): v for k, v in lexicon.months.items()}
        self._holidays = {k.lower(): v for k, v in lexicon.holidays.items()}
        words = {name: _alternatives(entries) for name, entries in lexicon.contexts.items()}
        #: Text just before "a year"/"a day" that makes it a rate ("$5 a year": SET).
        self.rate_context = re.compile(rf"(?:\d|%|\b{words['rate']})\s*$", re.IGNORECASE)
        #: Words before a bare ambiguous month name ("May", "March") that make it a month.
        self.month_context = re.compile(rf"\b{words['month']}\s*-?\s*$", re.IGNORECASE)
        #: Words before a bare season name that make it the season ("in the fall").
        self.season_context = re.compile(
            rf"\b{words['season']}\s+(?:the\s+)?$", re.IGNORECASE
        )
        #: Prepositions before a bare "the year" that make it this year ("for the year").
        self.year_context = re.compile(rf"\b{words['year']}\s+$", re.IGNORECASE)
        #: Words just before a date that point forward ("payable Dec. 15", "through January").
        self.forward_cues = re.compile(
            rf"\b{words['forward']}\s+(?:on\s+|in\s+)?$", re.IGNORECASE
        )

    def __call__(self, kind: str, type_: str, m: re.Match[str], ctx: Context) -> Reading | None:
        method = getattr(self, f"_{kind}", None)
        if method is None:
            raise ValueError(f"no normaliser for rule kind {kind!r}")
        return method(m, ctx, type_)

    # -- helpers ---------------------------------------------------------------------------

    def _relative(self, point: Point | None, granularity: str, anchor: str = "dateline") -> Reading:
        if point is None:
            return Reading("DATE", UNRESOLVED[granularity], granularity, anchor, None)
        return Reading("DATE", point.value, granularity, anchor, point)

    def _year_for(self, month: int, day: int, ctx: Context, start: int, end: int) -> int | None:
        """The year of a month (and day) given without one: the article's, moved by tense."""
        if ctx.dct is None:
            return None
        dct = ctx.dct
        try:
            candidate = date(dct.year, month, min(day, 28) if month == 2 else day)
        except ValueError:
            candidate = date(dct.year, month, 1)
        distance = (candidate - dct).days
        if -7 <= distance <= 7 or (day == 15 and month == dct.month):
            return dct.year
        if self.forward_cues.search(ctx.text[max(0, start - 20) : start]):
            return dct.year + 1 if distance < -30 else dct.year
        tense = ctx.tense(start, end)
        if tense == "past":
            return dct.year - 1 if distance > 45 else dct.year
        if tense in ("future", "present"):
            return dct.year + 1 if distance < -90 else dct.year
        # No tense, or a perfect ("has threatened a strike on May 17", "has been on patrol
        # since March") that can look either way: the nearer year, leaning to the past.
        if distance > 150:
            return dct.year - 1
        if distance < -270:
            return dct.year + 1
        return dct.year

    def _unit(self, word: str) -> Unit:
        return self.lex.unit(word)

    # -- calendar dates --------------------------------------------------------------------

    def _date(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        if m.groupdict().get("month"):
            month = self._month_numbers[_group(m, "month").lower()]
        else:
            month = int(_group(m, "monthnum"))
        day = int(re.match(r"\d+", _group(m, "day")).group())
        year_text = _group(m, "year")
        if year_text:
            year = int(year_text)
            if len(year_text) == 2:
                year += 1900 if year >= 50 else 2000
            anchor = ""
        else:
            year = self._year_for(month, day, ctx, m.start(), m.end())
            anchor = "dateline"
        try:
            value_day = date(year or 2000, month, day)
        except ValueError:
            return None
        if year is None:
            return Reading(type_, f"XXXX-{month:02d}-{day:02d}", "day", anchor, None)
        return Reading(type_, value_day.isoformat(), "day", anchor, Point(value_day, "day"))

    def _month(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        name = _group(m, "month")
        month = self._month_numbers[name.lower()]
        rel, mod, year_text = _words(_group(m, "rel")), _group(m, "mod"), self._year_text(m)
        year_rel = _words(_group(m, "yearrel"))
        if year_rel and ctx.dct is not None:
            year_text = str(ctx.dct.year + RELATIVE_OFFSET[year_rel])
        bare = name in self.lex.ambiguous_months and not (rel or mod or year_text)
        if bare and not self.month_context.search(ctx.text[max(0, m.start() - 12) : m.start()]):
            return None  # "may", "March" as words, not months
        if year_text:
            point = Point(date(int(year_text), month, 1), "month")
            return Reading(type_, point.value, "month", "dateline" if year_rel else "", point)
        if ctx.dct is None:
            return Reading(type_, f"XXXX-{month:02d}", "month", "dateline", None)
        dct = ctx.dct
        if rel in ("last", "past", "previous"):  # the month just gone is "last month"
            year = dct.year if month < dct.month - 1 else dct.year - 1
        elif rel in ("next", "coming", "following"):
            year = dct.year if month > dct.month else dct.year + 1
        elif rel in ("this", "current"):
            year = dct.year
        else:
            year = self._year_for(month, 15, ctx, m.start(), m.end()) or dct.year
        point = Point(date(year, month, 1), "month")
        return Reading(type_, point.value, "month", "dateline", point)

    def _year(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        if m.groupdict().get("yearwords"):
            year = self._spoken_year(_group(m, "yearwords"))
            if year is None:
                return None
        else:
            year = int(_group(m, "year"))
            if not 1900 <= year <= 2100 and not m.group(0).lower().startswith(("fiscal", "year")):
                return None
        point = Point(date(year, 1, 1), "year")
        return Reading(type_, point.value, "year", "", point)

    def _year_text(self, m: re.Match[str]) -> str | None:
        """The year a match names in digits ("1994") or in words ("nineteen ninety-four")."""
        if _group(m, "yearwords"):
            year = self._spoken_year(_group(m, "yearwords"))
            return None if year is None else str(year)
        return _group(m, "year")

    def _spoken_year(self, words: str) -> int | None:
        text = _words(words)
        if text.startswith("two thousand"):
            rest = text.removeprefix("two thousand").removeprefix(" and").strip()
            try:
                return 2000 + (self.lex.number(rest) if rest else 0)
            except ValueError:
                return None
        head, _, tail = text.partition(" ")
        try:
            return self.lex.number(head) * 100 + self.lex.number(tail)
        except (ValueError, TypeError):
            return None

    def _decade(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        if _group(m, "decadeword"):  # "the nineties": the latest one before the article
            decade = self.lex.decade_words[_words(_group(m, "decadeword"))]
            year = ctx.dct.year if ctx.dct else 1999
            century = year // 100 - (1 if decade * 10 > year % 100 else 0)
            digits = f"{century}{decade}0"
        else:
            digits = _group(m, "decade").lstrip("'")
        if len(digits) == 2:
            digits = ("19" if int(digits) > 30 else "20") + digits
        return Reading(type_, digits[:3], "decade", "", Point(date(int(digits), 1, 1), "decade"))

    def _century(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        number = int(_group(m, "century"))
        value = f"{number - 1:02d}"
        return Reading(
            type_, value, "century", "", Point(date(100 * (number - 1), 1, 1), "century")
        )

    def _holiday(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        holiday = self._holidays[_words(_group(m, "holiday"))]
        if _group(m, "year"):
            year: int | None = int(_group(m, "year"))
        else:
            near = holiday.day_in(ctx.dct.year if ctx.dct else 2001)
            year = self._year_for(near.month, near.day, ctx, m.start(), m.end())
        if year is None:
            fixed = holiday.weekday == 0 and holiday.easter is None
            value = f"XXXX-{holiday.month:02d}-{holiday.day:02d}" if fixed else "XXXX-XX-XX"
            return Reading(type_, value, "day", "dateline", None)
        point = Point(holiday.day_in(year), "day")
        return Reading(type_, point.value, "day", "" if _group(m, "year") else "dateline", point)

    # -- deictic days and weekdays ---------------------------------------------------------

    def _with_part(self, reading: Reading, part: str | None) -> Reading:
        if not part:
            return reading
        code = self.lex.day_parts[_words(part)]
        return Reading("TIME", f"{reading.value}T{code}", "time", reading.anchor, reading.point)

    def _dayword(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        word = _words(_group(m, "dayword"))
        offset = self.lex.day_offsets[word]
        point = Point(ctx.dct + timedelta(days=offset), "day") if ctx.dct else None
        reading = self._relative(point, "day")
        if word == "tonight":
            return self._with_part(reading, "night")
        return self._with_part(reading, _group(m, "part"))

    def _part_of_day(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        rel = _words(_group(m, "rel"))
        if rel == "that":
            base = ctx.reference if ctx.reference and ctx.reference.granularity == "day" else None
            if base is None:
                return None
            reading = Reading("DATE", base.value, "day", "ref", base)
        elif rel == "last":
            point = Point(ctx.dct - timedelta(days=1), "day") if ctx.dct else None
            reading = self._relative(point, "day")
        else:
            reading = self._relative(Point(ctx.dct, "day") if ctx.dct else None, "day")
        return self._with_part(reading, _group(m, "part"))

    def _weekday(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        weekday = self.lex.weekdays[_group(m, "weekday")]
        rel, part = _words(_group(m, "rel")), _group(m, "part")
        if ctx.dct is None:
            return self._with_part(self._relative(None, "day"), part)
        if rel == "this":
            day = floor(ctx.dct, "week") + timedelta(days=weekday - 1)
            return self._with_part(self._relative(Point(day, "day"), "day"), part)
        if rel in ("last", "past", "previous"):
            direction = "before"
        elif rel in ("next", "coming", "following"):
            direction = "after"
        else:  # "said Friday" is the past Friday, "will meet Friday" the coming one
            possessive = ctx.text[m.end() : m.end() + 2] in ("'s", "’s")
            tense = None if possessive else ctx.tense(m.start(), m.end())
            direction = "future" if tense in ("future", "present") else "past"
        ref = ctx.reference
        if rel in ("previous", "following") and ref is not None and ref.granularity == "day":
            point = Point(weekday_near(ref.day, weekday, direction), "day")
            return self._with_part(Reading("DATE", point.value, "day", "ref", point), part)
        point = Point(weekday_near(ctx.dct, weekday, direction), "day")
        return self._with_part(self._relative(point, "day"), part)

    def _anaphor(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        """ "the next day", "that morning": a day relative to the narrative's last day."""
        rel = _words(_group(m, "rel")).removeprefix("the ")
        unit = _words(_group(m, "unit"))
        ref = ctx.reference
        if ref is None or ref.granularity != "day":
            return None  # "the next day" with no day in the narrative: often generic
        point = ref.shift(RELATIVE_OFFSET[rel], "day")
        reading = Reading("DATE", point.value, "day", "ref", point)
        if unit != "day":
            return self._with_part(reading, unit)
        return reading

    # -- relative calendar units -----------------------------------------------------------

    def _relunit(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        """ "last week", "this year", "next month"; "the following week" against the narrative."""
        rel_words = _words(_group(m, "rel"))
        unit = _words(_group(m, "unit"))
        granularity = self._unit(unit).granularity
        anaphoric = rel_words in (
            "that",
            "the same",
            "the next",
            "the following",
            "the previous",
            "the preceding",
        )
        rel = rel_words.removeprefix("the ").strip() or "this"
        if rel_words == "the" and unit == "weekend":
            tense = ctx.tense(m.start(), m.end())
            rel = "next" if tense == "future" else "last"
            if ctx.dct is not None and ctx.dct.isoweekday() >= 6:
                rel = "this"
        offset = RELATIVE_OFFSET.get(rel, 0)
        if anaphoric:
            ref = ctx.reference
            if ref is None or _coarser(ref.granularity, granularity):
                return None
            point = Point.of(ref.day, granularity).shift(offset)
            return Reading(type_, point.value, granularity, "ref", point, sets_reference=False)
        if ctx.dct is None:
            return self._relative(None, granularity)
        if granularity == "weekend" and rel == "last":
            monday = floor(ctx.dct, "week")
            offset = 0 if ctx.dct.isoweekday() == 7 else -1
            point = Point.of(monday, "weekend").shift(offset)
        else:
            point = Point.of(ctx.dct, granularity).shift(offset)
        return Reading(type_, point.value, granularity, "dateline", point)

    def _the_unit(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        """ "the year" / "the end of the month": the article's year or month in a results
        story; "the year ended Sept. 30" is a stretch of one year."""
        unit = self._unit(_group(m, "unit"))
        mod, rel = _group(m, "mod"), _words(_group(m, "rel"))
        following = ctx.text[m.end() : m.end() + 12].lower()
        if re.match(r"\s+(?:ended|ending|that\s+ended|to\s+date|through)", following):
            value = f"P1{unit.code}"
            return Reading("DURATION", value, unit.granularity, "", None, sets_reference=False)
        qualified = rel.startswith("the ")  # "the current year", "the full year"
        if mod is None and not qualified:
            before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
            if rel != "the" or unit.name != "year" or not self.year_context.search(before):
                return None
        if ctx.dct is None:
            return self._relative(None, unit.granularity)
        point = Point.of(ctx.dct, unit.granularity)
        return Reading(type_, point.value, unit.granularity, "dateline", point, False)

    def _unit_end(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        unit = _words(_group(m, "unit"))
        if ctx.dct is None:
            return self._relative(None, "day")
        granularity = self._unit(unit).granularity
        if "-" not in m.group(0):  # "by year end", "by year's end": the year itself
            point = Point.of(ctx.dct, granularity)
            return Reading(type_, point.value, granularity, "dateline", point, False)
        before = ctx.text[max(0, m.start() - 8) : m.start()].lower()
        since = re.search(r"\bsince\s+$", before) is not None
        start = Point.of(ctx.dct, granularity).shift(0 if since else 1)
        point = Point(start.day - timedelta(days=1), "day")
        return Reading(type_, point.value, "day", "dateline", point, sets_reference=False)

    def _season(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        code = self.lex.seasons[_words(_group(m, "season"))]
        rel, year_text = _words(_group(m, "rel")), self._year_text(m)
        word = _group(m, "season")
        if not (_group(m, "rel") and rel != "the") and not year_text and not _group(m, "mod"):
            before = ctx.text[max(0, m.start() - 16) : m.start()]
            if not self.season_context.search(before):
                return None
        capitalised = word.lower() in ("fall", "spring") and word[0].isupper()
        if capitalised and not year_text and not _group(m, "rel"):
            return None  # "Arab Spring", "Fall" as a name
        if ctx.text[m.end() : m.end() + 4].lower().startswith(" of") and not year_text:
            return None
        if year_text:
            point = Point(date(int(year_text), 1, 1), "season", code)
            return Reading(type_, point.value, "season", "", point)
        if ctx.dct is None:
            return Reading(type_, f"XXXX-{code}", "season", "dateline", None)
        current_year, current_code = season_of(ctx.dct)
        year = current_year if code == current_code else ctx.dct.year
        if code == "WI" and current_code != "WI" and ctx.dct.month <= 2:
            year = ctx.dct.year - 1
        if rel in ("last", "past", "previous"):
            ended_before = (year, SEASON_START[code]) >= (current_year, SEASON_START[current_code])
            year = year - 1 if ended_before else year
        elif rel in ("next", "coming", "following"):
            starts_after = (year, SEASON_START[code]) <= (current_year, SEASON_START[current_code])
            year = year + 1 if starts_after else year
        elif rel == "the":
            tense = ctx.tense(m.start(), m.end())
            if tense == "past" and (year, SEASON_START[code]) > (
                current_year,
                SEASON_START[current_code],
            ):
                year -= 1
        point = Point(date(year, 1, 1), "season", code)
        return Reading(type_, point.value, "season", "dateline", point)

    def _quarter(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        the = _words(_group(m, "the")) or _words(_group(m, "poss"))
        rel = _words(_group(m, "rel"))
        ordinal, unit = _words(_group(m, "ord")), _words(_group(m, "unit"))
        year_text = _group(m, "year") or _group(m, "year2")
        granularity = "half" if unit == "half" else "quarter"
        if unit == "period" and not (rel or the):
            return None
        if unit == "half" and not ordinal and rel not in ("last", "first"):
            return None
        if unit == "half" and rel == "last":
            ordinal = "second"
        if not (the or rel or ordinal):
            return None
        if ctx.text[m.end() : m.end() + 4] == " of " and not year_text:
            following = ctx.text[m.end() + 4 : m.end() + 30].lower()
            year_words = ("the year", "this year", "last year", "next year", "fis")
            if not following.startswith(year_words) and FRACTION_OF.match(ctx.text, m.end()):
                return None  # "the first quarter of the members": a share
        ref = ctx.quarter
        ref_quarter = ref if ref is not None and ref.granularity == granularity else None
        dct = ctx.dct
        year_rel = _words(_group(m, "yearrel"))
        if the.startswith("last year") or year_rel == "last":
            rel = "year ago"  # "last year's quarter", "the corresponding period last year"
        if ordinal:
            number = self.lex.ordinals[ordinal]
            if number > (2 if granularity == "half" else 4):
                return None
            if year_text:
                year = int(year_text)
            elif dct is None:
                return Reading(type_, f"XXXX-{granularity[0].upper()}{number}", granularity, "")
            elif the.startswith("last year") or rel in ("year ago", "year earlier"):
                year = dct.year - 1
            elif the.startswith("next year"):
                year = dct.year + 1
            else:
                year = dct.year
                current = quarter_of(dct) if granularity == "quarter" else (dct.month - 1) // 6 + 1
                tense = ctx.tense(m.start(), m.end())
                if tense == "future" and number < current - 1:
                    year += 1  # the quarter just ended is still reported on in the future
                elif tense == "past" and number > current:
                    year -= 1
            month = (number - 1) * (3 if granularity == "quarter" else 6) + 1
            point = Point(date(year, month, 1), granularity)
            return Reading(type_, point.value, granularity, "" if year_text else "dateline", point)
        comparison = rel in ("year ago", "year earlier", "same", "comparable", "corresponding")
        if unit == "period" and ref_quarter is None and not comparison and rel != "latest":
            return None
        if year_text and not ordinal and granularity == "quarter":  # "the 1988 period"
            base = ref_quarter or (Point.of(dct, granularity).shift(-1) if dct else None)
            if base is None:
                return None
            point = Point(date(int(year_text), base.day.month, 1), granularity)
            return Reading(type_, point.value, granularity, "ref", point, sets_reference=False)
        if rel in ("year ago", "year earlier"):
            base = ref_quarter or (Point.of(dct, granularity).shift(-1) if dct else None)
            point = base.shift(-4 if granularity == "quarter" else -2) if base else None
            if point is None:
                return self._relative(None, granularity)
            anchor = "ref" if ref_quarter else "dateline"
            return Reading(type_, point.value, granularity, anchor, point, sets_reference=False)
        if rel in ("same", "comparable", "corresponding") and ref_quarter is not None:
            return Reading(type_, ref_quarter.value, granularity, "ref", ref_quarter, False)
        if rel in ("this", "current"):
            return self._relative(Point.of(dct, granularity) if dct else None, granularity)
        if rel == "next":
            return self._relative(Point.of(dct, granularity).shift(1) if dct else None, granularity)
        if rel in ("last", "previous") and not the:
            return self._relative(
                Point.of(dct, granularity).shift(-1) if dct else None, granularity
            )
        if ref_quarter is not None:
            return Reading(type_, ref_quarter.value, granularity, "ref", ref_quarter, False)
        return self._relative(Point.of(dct, granularity).shift(-1) if dct else None, granularity)

    # -- offsets: "two days later", "a year ago" -------------------------------------------

    def _offset(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        unit = self._unit(_group(m, "unit"))
        direction = _words(_group(m, "dir"))
        sign = -1 if direction in ("ago", "earlier", "before", "previously") else 1
        groups = m.groupdict()
        count = self.lex.number(groups["num"]) if groups.get("num") else 1
        if _uncounted(m):
            count = None
        if count is None:
            return Reading(type_, "PAST_REF" if sign < 0 else "FUTURE_REF", "", "dateline")
        if unit.time:
            return None
        deictic = direction in ("ago", "from now", "hence")
        ref = ctx.reference
        if ref is not None and ref.granularity in ("quarter", "half") and ctx.quarter is not None:
            ref = ctx.quarter
        granularity = unit.granularity
        after_stretch = ctx.previous is not None and ctx.previous.type == "DURATION"
        if (
            ref is not None
            and granularity == "year"
            and ref.granularity in ("quarter", "half", "month", "season")
            and not after_stretch  # "in the nine months ... a year earlier": the year
        ):
            base, anchor, granularity = ref, "ref", ref.granularity
        elif after_stretch and granularity == "year" and ctx.dct is not None:
            base, anchor = Point.of(ctx.dct, "year"), "dateline"
        elif not deictic and ref is not None and granularity == "year" and ref.granularity == "day":
            base, anchor, granularity = ref, "ref", "day"
        elif not deictic and ref is not None and not _coarser(ref.granularity, granularity):
            base, anchor = Point.of(ref.day, granularity), "ref"
        elif ctx.dct is not None:
            base, anchor = Point.of(ctx.dct, granularity), "dateline"
        else:
            return self._relative(None, granularity)
        shift_unit = "day" if unit.granularity in ("day",) else unit.granularity
        amount = sign * count * unit.size
        if shift_unit == "weekend":
            shift_unit = "week"
        point = base.shift(amount, shift_unit)
        later = direction in ("later", "after") and anchor == "ref"
        return Reading(type_, point.value, granularity, anchor, point, sets_reference=later)

    # -- durations and sets ----------------------------------------------------------------

    def _duration(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        groups = m.groupdict()
        unit_word = _words(groups["unit"])
        unit = self._unit(unit_word)
        number_text = groups.get("num")
        before = ctx.text[max(0, m.start() - 20) : m.start()]
        article = number_text and _words(number_text) in ("a", "an") and not groups.get("pre")
        if article and self.rate_context.search(before):
            return None  # "$5 a year" is a rate
        if unit.name == "quarter" and FRACTION_OF.match(ctx.text, m.end()):
            return None  # "three quarters of the vote" is a share, not a stretch of time
        if unit.name == "weekend":
            return None
        if _group(m, "old") and _group(m, "old").lower() == "-old":
            return None  # an age ("a 136-year-old bank"), not a stretch of time
        if re.match(r"\s+old\b", ctx.text[m.end() : m.end() + 5]):
            return None  # "52 years old"
        if number_text is None:
            count = None
            if (
                groups.get("pre")
                and _words(groups["pre"]).startswith("the")
                and unit_word
                in (
                    "decade",
                    "century",
                )
            ):
                count = 1
        else:
            count = None if _uncounted(m) else self.lex.number(number_text)
        if count is None and unit.name in VAGUE_UNIT_CODES:  # "for decades": PXDE
            return Reading(
                type_, f"PX{VAGUE_UNIT_CODES[unit.name]}", unit.granularity, "", None, False
            )
        amount = "X" if count is None else _format_amount(count * unit.size)
        fraction = groups.get("frac") or groups.get("frac2")
        value = f"P{'T' if unit.time else ''}{amount}{unit.code}"
        if fraction and count is not None:
            value = _add_half(count, unit)
        return Reading(type_, value, unit.granularity, "", None, sets_reference=False)

    def _compound_duration(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        """ "two minutes 26.85 seconds" = PT2M26.85S: each number and unit in its ISO slot."""
        amounts: dict[str, float] = {}
        order = []
        for part in self._amount.finditer(m.group(0)):
            unit = self._unit(part.group("unit"))
            count = self.lex.number(part.group("num"))
            slot = ("T" if unit.time else "") + unit.code
            if count is None or slot in amounts or slot not in ISO_SLOTS:
                return None  # "several years and months", a unit twice: not one duration
            amounts[slot] = count * unit.size
            order.append(ISO_SLOTS.index(slot))
        if order != sorted(order):
            return None  # "six months and three years": a list, not one duration
        value = "P" + "".join(
            ("T" if slot == first_time_slot(amounts) else "")
            + _format_amount(amounts[slot])
            + slot[-1]
            for slot in ISO_SLOTS
            if slot in amounts
        )
        return Reading(type_, value, "", "", None, sets_reference=False)

    def _set(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        unit = self._unit(_group(m, "unit"))
        size = unit.size * (2 if _group(m, "other") else 1)
        value = f"P{'T' if unit.time else ''}{size}{unit.code}"
        return Reading(type_, value, unit.granularity, "", None, sets_reference=False)

    def _named_set(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        """ "each Thursday" (XXXX-WXX-4), "Tuesday nights" (XXXX-WXX-2TNI), "every July"."""
        if _group(m, "weekday"):
            value = f"XXXX-WXX-{self.lex.weekdays[_group(m, 'weekday')]}"
            part = _words(_group(m, "part")).removesuffix("s")
            if part:
                value += f"T{self.lex.day_parts[part]}"
        elif _group(m, "month"):
            value = f"XXXX-{self._month_numbers[_group(m, 'month').lower()]:02d}"
        else:
            value = f"XXXX-{self.lex.seasons[_words(_group(m, 'season'))]}"
        return Reading(type_, value, "", "", None, sets_reference=False)

    def _frequency(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        value = self.lex.frequencies[_words(_group(m, "freq"))]
        return Reading(type_, value, "", "", None, sets_reference=False)

    # -- clock times and vague times -------------------------------------------------------

    def _clock(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        groups = m.groupdict()
        if groups.get("named"):
            clock = DAY_PART_TIME[_words(groups["named"])]
        else:
            hour, minute = int(groups["hour"]), int(groups["minute"] or 0)
            pm = groups["ampm"].lower().startswith("p")
            if hour > 12:
                return None
            hour = hour % 12 + (12 if pm else 0)
            clock = f"{hour:02d}:{minute:02d}"
        ref = ctx.reference
        if groups.get("weekday") or groups.get("dayword") or groups.get("month"):
            if groups.get("weekday"):
                day_reading = self._weekday(m, ctx, "DATE")
            elif groups.get("dayword"):
                day_reading = self._dayword(m, ctx, "DATE")
            else:
                day_reading = self._date(m, ctx, "DATE")
            if day_reading is None:
                return None
            day_value, anchor = day_reading.value, day_reading.anchor
        elif ref is not None and ref.granularity == "day":
            day_value, anchor = ref.value, "ref"
        elif ctx.dct is not None:
            day_value, anchor = ctx.dct.isoformat(), "dateline"
        else:
            day_value, anchor = UNRESOLVED["day"], "dateline"
        return Reading(type_, f"{day_value}T{clock}", "time", anchor, None, sets_reference=False)

    def _fuzzy(self, m: re.Match[str], ctx: Context, type_: str) -> Reading | None:
        groups = m.groupdict()
        if groups.get("fuzzy"):
            word = _words(groups["fuzzy"])
            if ctx.text[m.end() : m.end() + 1] == "-":
                return None  # "now-defunct", "recent-vintage"
            if word == "soon" and NOT_A_TIME_AFTER_SOON.match(ctx.text, m.end()):
                return None  # "as soon as they leave", "soon after the vote": a relation
            value = self.lex.fuzzy[word]
        else:
            unit = self._unit(_group(m, "unit"))
            rel = _words(_group(m, "rel"))
            if rel in ("coming", "the coming", "future"):
                return Reading(type_, "FUTURE_REF", "", "dateline", None, sets_reference=False)
            if unit.name not in ("year", "decade"):  # "in recent weeks": an unknown stretch
                value = f"PX{unit.code}"
                return Reading("DURATION", value, unit.granularity, "", None, sets_reference=False)
            value = "PAST_REF"
        return Reading(type_, value, "", "dateline", None, sets_reference=False)


def _uncounted(m: re.Match[str]) -> bool:
    """Does the match give a range ("two to three weeks", "a year or two") rather than one
    number? Its value then has an unknown count (``PXW``)."""
    tail = _words(_group(m, "tail"))
    return bool(_group(m, "num2")) or tail in ("or two", "or three")


def _coarser(granularity: str, than: str) -> bool:
    """Is ``granularity`` coarser than ``than`` (a year cannot anchor "that day")?"""
    order = ("day", "weekend", "week", "month", "season", "quarter", "half", "year")
    if granularity not in order or than not in order:
        return True
    return order.index(granularity) > order.index(than)


def first_time_slot(amounts: dict[str, float]) -> str | None:
    """The first time-of-day slot in use (where ISO 8601's ``T`` goes)."""
    return next((slot for slot in ISO_SLOTS if slot.startswith("T") and slot in amounts), None)


def _format_amount(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else f"{amount:g}"


def _add_half(count: int, unit: Unit) -> str:
    """ "two and a half years" = P2Y6M: the half expressed in the next smaller unit."""
    halves = {"Y": "6M", "D": "T12H", "H": "30M", "M": "30S" if unit.time else "15D"}
    whole = count * unit.size
    if unit.size != 1 or unit.code not in halves:
        return f"P{'T' if unit.time else ''}{_format_amount(whole + unit.size / 2)}{unit.code}"
    prefix = "PT" if unit.time else "P"
    return f"{prefix}{whole}{unit.code}{halves[unit.code]}"
