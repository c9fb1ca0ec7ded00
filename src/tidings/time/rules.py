"""The time tagger's knowledge: the lexicon and the recognition rules, loaded and compiled once.

Both live in readable data files under ``tidings/data/time/``: ``lexicon.yaml`` (month names,
weekdays, number words, units, fuzzy words...) and ``patterns.yaml`` (regular expressions with
``{PLACEHOLDERS}`` that are filled from the lexicon here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
#: Approximators kept inside a duration's span ("nearly four years").
APPROXIMATORS = (
    r"about|around|nearly|almost|roughly|approximately|more\s+than|less\s+than|fewer\s+than|"
    r"over|under|at\s+least|at\s+most|up\s+to|some|just|only|barely|well\s+over|close\s+to|"
    r"as\s+many\s+as|as\s+long\s+as|as\s+much\s+as"
)


@dataclass(frozen=True)
class Unit:
    """A calendar unit: its ISO 8601 duration letter, how many of them one unit is, and more."""

    name: str
    code: str
    size: int
    time: bool
    granularity: str


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
    holidays: dict[str, tuple[int, int]]  # case-sensitive keys
    contexts: dict[str, tuple[str, ...]]  # words before an expression that decide its reading

    def unit(self, word: str) -> Unit:
        """The unit a (possibly plural, any case) unit word names."""
        return self.units[re.sub(r"\s+", " ", word.lower())]

    def number(self, words: str) -> int | None:
        """The value of a cardinal ("12", "twenty-five", "a"), None when vague ("several")."""
        text = re.sub(r"[\s-]+", " ", words.lower().strip())
        if text in self.vague_numbers:
            return None
        if re.fullmatch(r"\d+", text.replace(",", "")):
            return int(text.replace(",", ""))
        if text in self.numbers:
            return self.numbers[text]
        parts = text.split(" ")
        if all(p in self.numbers for p in parts):
            return sum(self.numbers[p] for p in parts)
        raise ValueError(f"not a number: {words!r}")


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
        holidays={k: tuple(v) for k, v in data["holidays"].items()},
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
    unit_words = _alternation(lex.units, ignore_case=True)
    plural_units = _alternation([w for w in lex.units if w.endswith("s")], ignore_case=True)
    return {
        "MONTH": _alternation(lex.months, ignore_case=False),
        "WEEKDAY": _alternation(lex.weekdays, ignore_case=False),
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
        "YEAR": r"(?:1[5-9]\d\d|20\d\d)(?!\d)",
        "MODOF": rf"(?P<mod>(?i:{MODIFIERS}))(?:\s+of(?:\s+the)?\s+|[\s-]+|-)",
        "REL": f"(?i:{RELATIVES})",
        "APPROX": f"(?i:{APPROXIMATORS})",
        "NUMWORD": f"(?i:{compound}|{number_words})",
        "YEARTAIL": rf"(?i:{compound}|{'|'.join(teens)})",
        "NUM": rf"(?:\d+(?:[.,]\d+)?|(?i:{compound})|{number_words})",
        "VAGUE": _alternation(lex.vague_numbers, ignore_case=True),
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
