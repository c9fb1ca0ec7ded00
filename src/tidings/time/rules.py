"""The time tagger's knowledge: the lexicon and the recognition rules, loaded and compiled once.

Both live in readable data files under ``tidings/data/time/``: ``lexicon.yaml`` (month names,
weekdays, number words, units, fuzzy words...) and ``patterns.yaml`` (regular expressions with
``{PLACEHOLDERS}`` that are filled from the lexicon here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DATA = resources.files("tidings") / "data" / "time"

#: Temporal modifiers that can precede a month, year, decade or season ("early", "the end of").
MODIFIERS = (
    r"early|earlier|late|later|mid|the\s+middle|the\s+end|the\s+beginning|the\s+start|"
    r"the\s+turn|the\s+close|end|beginning|start|middle"
)
#: Relative determiners of a calendar unit or a named day/month/season.
RELATIVES = r"last|next|this|past|coming|previous|current|following"
#: Number words that multiply what precedes them ("two hundred", "three dozen").
MULTIPLIERS = frozenset({"hundred", "thousand", "dozen"})


@dataclass(frozen=True)
class Unit:
    """A calendar unit: its ISO 8601 duration letter, how many of them one unit is, and more."""

    name: str
    code: str
    size: int
    time: bool
    granularity: str


@dataclass(frozen=True)
class Holiday:
    """When a holiday falls: a fixed date, the nth weekday of a month (-1 = the last), or a
    number of days from Easter Sunday."""

    month: int = 0
    day: int = 0
    weekday: int = 0  # ISO, Monday = 1
    nth: int = 0
    easter: int | None = None

    @classmethod
    def of(cls, name: str, spec: Any) -> Holiday:
        if isinstance(spec, list) and len(spec) == 2:
            return cls(month=spec[0], day=spec[1])
        if isinstance(spec, dict) and set(spec) <= {"month", "weekday", "nth", "easter"}:
            return cls(**spec)
        raise ValueError(f"lexicon.yaml holidays: cannot read {name!r}: {spec!r}")

    def day_in(self, year: int) -> date:
        if self.easter is not None:
            return easter_sunday(year) + timedelta(days=self.easter)
        if self.weekday:
            first = date(year, self.month, 1)
            if self.nth > 0:
                offset = (self.weekday - first.isoweekday()) % 7 + 7 * (self.nth - 1)
                return first + timedelta(days=offset)
            following = date(year + self.month // 12, self.month % 12 + 1, 1)
            last = following - timedelta(days=1)
            return last - timedelta(days=(last.isoweekday() - self.weekday) % 7)
        return date(year, self.month, self.day)


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``lexicon.yaml``, keyed in lower case unless noted."""

    months: dict[str, int]  # case-sensitive keys
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]  # case-sensitive keys
    seasons: dict[str, str]
    day_parts: dict[str, str]
    numbers: dict[str, int]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, Unit]  # singular and plural forms
    day_offsets: dict[str, int]
    fuzzy: dict[str, str]
    frequencies: dict[str, str]
    decade_words: dict[str, int]
    holidays: dict[str, Holiday]  # case-sensitive keys
    approximators: tuple[str, ...]
    prepositional_approximators: frozenset[str]
    contexts: dict[str, tuple[str, ...]]  # words before an expression that decide its reading

    def unit(self, word: str) -> Unit:
        """The unit a (possibly plural, any case) unit word names."""
        return self.units[re.sub(r"\s+", " ", word.lower())]

    def number(self, words: str) -> int | float | None:
        """The value of a cardinal ("12", "26.85", "twenty-five", "two thousand", "a"), None
        when vague ("several")."""
        text = re.sub(r"[\s-]+", " ", words.lower().strip())
        if text in self.vague_numbers:
            return None
        digits = text.replace(",", "")
        if re.fullmatch(r"\d+", digits):
            return int(digits)
        if re.fullmatch(r"\d*\.\d+", digits):
            return float(digits)
        if text in self.numbers:
            return self.numbers[text]
        return self._spelled_number(words, text.removesuffix(" and").split(" "))

    def _spelled_number(self, words: str, parts: list[str]) -> int:
        """ "two hundred fifty", "three thousand": multipliers scale what comes before them."""
        total = current = 0
        for part in parts:
            if part == "and" and current:
                continue
            if part not in self.numbers:
                raise ValueError(f"not a number: {words!r}")
            value = self.numbers[part]
            if part in MULTIPLIERS:
                current = max(current, 1) * value
                if value >= 1000:
                    total, current = total + current, 0
            else:
                current += value
        return total + current


@cache
def lexicon() -> Lexicon:
    """Load ``lexicon.yaml`` (once per process)."""
    data: dict[str, Any] = yaml.safe_load((DATA / "lexicon.yaml").read_text(encoding="utf-8"))
    units: dict[str, Unit] = {}
    by_name: dict[str, Unit] = {}
    for section in ("units", "plural_only_units"):
        for name, spec in data[section].items():
            unit = by_name[name] = Unit(name=name, **spec)
            if section == "units":
                units[name] = unit
            units[name + "s"] = unit
    for plural, singular in data["unit_plurals"].items():
        units[plural] = by_name[singular]
    return Lexicon(
        months=dict(data["months"]),
        ambiguous_months=frozenset(data["ambiguous_months"]),
        weekdays=dict(data["weekdays"]),
        seasons={k.lower(): v for k, v in data["seasons"].items()},
        day_parts={k.lower(): v for k, v in data["day_parts"].items()},
        numbers={k.lower(): v for k, v in data["numbers"].items()},
        vague_numbers=frozenset(w.lower() for w in data["vague_numbers"]),
        ordinals={k.lower(): v for k, v in data["ordinals"].items()},
        units=units,
        day_offsets={k.lower(): v for k, v in data["day_offsets"].items()},
        fuzzy={k.lower(): v for k, v in data["fuzzy"].items()},
        frequencies={k.lower(): v for k, v in data["frequencies"].items()},
        decade_words={k.lower(): v for k, v in data["decade_words"].items()},
        holidays={k: Holiday.of(k, v) for k, v in data["holidays"].items()},
        approximators=tuple(w.lower() for w in data["approximators"]),
        prepositional_approximators=frozenset(
            w.lower() for w in data["prepositional_approximators"]
        ),
        contexts={k: tuple(str(w) for w in v) for k, v in data["contexts"].items()},
    )


@dataclass(frozen=True)
class Rule:
    """One recognition rule: a compiled pattern, its normaliser ``kind`` and TIMEX3 type."""

    index: int
    kind: str
    type: str
    regex: re.Pattern[str]
    triggers: frozenset[str]  # trigger keys (lower-case words, or NUMBER) it needs one of


def _alternation(words: Any, *, ignore_case: bool) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace."""
    escaped = [
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)
    ]
    body = "|".join(escaped)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def placeholders(lex: Lexicon) -> dict[str, str]:
    """The regex fragments that ``{NAME}`` stands for in ``patterns.yaml``."""
    tens = [w for w, v in lex.numbers.items() if v in range(20, 100, 10)]
    ones = [w for w, v in lex.numbers.items() if 1 <= v <= 9 and w.isalpha() and len(w) > 2]
    compound = rf"(?:{'|'.join(tens)})(?:[\s-](?:{'|'.join(ones)}))?"
    teens = [w for w, v in lex.numbers.items() if 10 <= v <= 19 and w.isalpha()]
    number_words = _alternation(lex.numbers, ignore_case=True)
    # "two hundred", "three thousand five hundred", "one hundred and fifty"
    small = rf"(?:{compound}|{'|'.join(teens)}|{'|'.join(ones)})"
    multiplier = r"[\s-]+(?:hundred|thousand)"
    hundreds = rf"(?i:(?:{multiplier}(?:[\s-]+(?:and\s+)?{small}(?!{multiplier}))?)*)"
    unit_words = _alternation(lex.units, ignore_case=True)
    plural_units = _alternation([w for w in lex.units if w.endswith("s")], ignore_case=True)
    return {
        "MONTH": _alternation(lex.months, ignore_case=False),
        "WEEKDAY": _alternation(lex.weekdays, ignore_case=False),
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
        "YEAR": r"(?:1[5-9]\d\d|20\d\d)(?!\d)",
        "MODOF": rf"(?P<mod>(?i:{MODIFIERS}))(?:\s+of(?:\s+the)?\s+|[\s-]+|-)",
        "REL": f"(?i:{RELATIVES})",
        # "this past spring", "this coming Sunday": read as "past" and "coming"
        "THIS": r"(?:(?i:this)\s+(?=(?i:past|coming)\b))?",
        "APPROX": _alternation(lex.approximators, ignore_case=True),
        "NUMWORD": f"(?i:{compound}|{number_words})",
        "SPOKENYEAR": (
            rf"(?i:(?:nineteen|twenty)[\s-]+(?:{compound}|{'|'.join(teens)})"
            r"|two\s+thousand(?:\s+and\s+\w+)?)"
        ),
        "ABOUT": r"(?i:about|around|approximately|roughly)",
        "NUM": rf"(?:\d+(?:[.,]\d+)?|(?:(?i:{compound})|{number_words}){hundreds})",
        "VAGUE": _alternation(lex.vague_numbers, ignore_case=True),
        "RANGE": r"(?:\s+(?i:to|or)\s+|\s*-\s*)",
        "ORTAIL": r"\s+(?i:or\s+(?:so|two|three|more|longer|less))",
        "UNIT": unit_words,
        "UNITPLURAL": plural_units,
        "ORD": _alternation(lex.ordinals, ignore_case=True),
        "SEASON": _alternation(lex.seasons, ignore_case=True),
        "DAYPART": _alternation(lex.day_parts, ignore_case=True),
        "DAYWORD": _alternation(lex.day_offsets, ignore_case=True),
        "FUZZY": _alternation(lex.fuzzy, ignore_case=True),
        "DECADEWORD": _alternation(lex.decade_words, ignore_case=True),
        "FREQ": _alternation(lex.frequencies, ignore_case=True),
        "HOLIDAY": _alternation(lex.holidays, ignore_case=False),
    }


def _fill(pattern: str, fragments: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            raise KeyError(f"patterns.yaml: unknown placeholder {{{name}}}")
        return fragments[name]

    return re.sub(r"\{([A-Z]+)\}", replace, pattern)


#: Trigger key of a year-like or clock-like number.
NUMBER = "number"
#: Tokens of a text, as the trigger check sees them: a year-like or clock-like number, or a word.
TOKEN = re.compile(
    r"(?P<number>\d{4}|'\d0s|\d{1,2}(?=[:/]\d|\s*[ap]\.?m\.?(?![a-z])))|(?P<word>[A-Za-z]+)"
)


def _trigger_keys(lex: Lexicon, names: list[str]) -> frozenset[str]:
    """Expand a rule's ``triggers`` (lexicon sections or words) into lower-case words: for a
    phrase, its last word ("the near future" -> "future")."""
    sections = {
        "months": lex.months,
        "weekdays": lex.weekdays,
        "seasons": lex.seasons,
        "day_parts": lex.day_parts,
        "units": lex.units,
        "day_offsets": lex.day_offsets,
        "fuzzy": lex.fuzzy,
        "frequencies": lex.frequencies,
        "holidays": lex.holidays,
        "decade_words": lex.decade_words,
    }
    keys: set[str] = set()
    for name in names:
        if name == NUMBER:
            keys.add(NUMBER)
        elif name in sections:
            keys.update(re.findall(r"[a-z]+", entry.lower())[-1] for entry in sections[name])
        else:
            keys.add(name.lower())
    return frozenset(keys)


@cache
def rules(path: Path | None = None) -> tuple[Rule, ...]:
    """Compile ``path`` (default: the packaged ``patterns.yaml``; once per process)."""
    source = path if path is not None else DATA / "patterns.yaml"
    specs = yaml.safe_load(source.read_text(encoding="utf-8"))
    lex = lexicon()
    fragments = placeholders(lex)
    compiled = []
    for index, spec in enumerate(specs):
        body = _fill(spec["pattern"], fragments)
        try:
            regex = re.compile(rf"(?<![\w'-])(?:{body})(?![\w])")
        except re.error as err:
            raise ValueError(f"patterns.yaml rule {index} ({spec['kind']}): {err}") from err
        if not spec.get("triggers"):
            raise ValueError(f"patterns.yaml rule {index} ({spec['kind']}): no triggers")
        compiled.append(
            Rule(
                index=index,
                kind=spec["kind"],
                type=spec["type"],
                regex=regex,
                triggers=_trigger_keys(lex, spec["triggers"]),
            )
        )
    return tuple(compiled)
