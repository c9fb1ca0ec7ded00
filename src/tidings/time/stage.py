"""The ``time`` stage: find TIMEX3 expressions and normalise them to TimeML values.

Recognition is a set of regular expressions (``data/time/patterns.yaml``, compiled once);
where matches overlap the longest reading that normalises wins. Expressions are then read in
text order: deictic ones ("yesterday", "last week", "on Friday") resolve against the article
date, weekdays and year-less dates take the tense of their clause from the spaCy parse, and
anaphoric ones ("two days later", "the year-earlier quarter") resolve against the latest date
the narrative named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import partial

from spacy.tokens import Doc, Token

from tidings import isolation
from tidings.config import PipelineConfig, TimeConfig
from tidings.model import Article, TimeExpression
from tidings.time.calendar import Point
from tidings.time.normalise import Context, Normaliser, Reading
from tidings.time.rules import NUMBER, TOKEN, Rule, lexicon, rules
from tidings.time.tense import clause_tense, tokens_of

#: Characters around a trigger word that a rule's match may reach ("at least the past 18
#: months", "the corresponding period last year").
WINDOW_BEFORE = 40
WINDOW_AFTER = 40
#: A bare number is a year only if it is not counting something ("2000 troops").
COUNTED_NOUN_TAGS = frozenset({"NNS", "NNPS"})
#: The first word of a match and the space after it.
FIRST_WORD = re.compile(r"([A-Za-z]+)\s+")
#: Words after which an approximator that is also a preposition ("over") is the preposition.
DETERMINERS = frozenset(
    {"the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your"}
)
ARTICLES = frozenset({"the", "a", "an"})
#: Dependency labels of a preposition (or a verb particle) in the spaCy parse.
PREPOSITION_DEPS = frozenset({"prep", "prt", "agent"})


@dataclass(slots=True)
class Candidate:
    """One regex match of one rule, with the span it reports."""

    start: int
    end: int
    rule: Rule
    match: re.Match[str]

    @property
    def length(self) -> int:
        return self.end - self.start


class TimeStage:
    """Tag and normalise the time expressions of an article."""

    name = "time"
    requires: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("timexes",)

    def __init__(self, config: TimeConfig | None = None):
        self.rules = rules((config or TimeConfig()).patterns)
        self.trigger_keys = frozenset().union(*(rule.triggers for rule in self.rules))
        self.lexicon = lexicon()
        self.normalise = Normaliser(self.lexicon)

    def find(self, text: str) -> list[Candidate]:
        """Every match of every rule, in text order. A rule runs only over the stretches of
        text around its trigger words."""
        found = []
        for window_start, window_end, keys in _windows(self.trigger_keys, text):
            for rule in self.rules:
                if rule.triggers.isdisjoint(keys):
                    continue
                for match in rule.regex.finditer(text, window_start, window_end):
                    start, end = match.span("t") if "t" in rule.regex.groupindex else match.span()
                    if end > start:
                        found.append(Candidate(start, end, rule, match))
        found.sort(key=lambda c: (c.start, -c.length, c.rule.index))
        return found

    def tag(
        self,
        text: str,
        published: date | None,
        doc: Doc | None = None,
        article: Article | None = None,
    ) -> list[TimeExpression]:
        """The time expressions of ``text`` (dated against ``published``), ids t1, t2, ...;
        an expression that cannot be read is skipped and recorded on ``article`` if given."""
        context = Context(
            text=text,
            dct=published,
            reference=None,
            tense=partial(clause_tense, doc),
            doc=doc,
        )
        reference_id = ""
        timexes: list[TimeExpression] = []
        for cluster in _overlap_clusters(self.find(text)):
            chosen: list[tuple[Candidate, Reading]] = []
            for candidate in sorted(cluster, key=lambda c: (-c.length, c.rule.index)):
                if any(_overlap(candidate, other) for other, _ in chosen):
                    continue
                if candidate.rule.kind == "year" and _counts_something(doc, candidate):
                    continue
                reading = None
                with isolation.expression(article, self.name, candidate.start, candidate.end):
                    reading = self.normalise(
                        candidate.rule.kind, candidate.rule.type, candidate.match, context
                    )
                if reading is not None:
                    chosen.append((candidate, reading))
            for candidate, reading in sorted(chosen, key=lambda pair: pair[0].start):
                candidate.start = self._start_inside(text, candidate, doc)
                timex_id = f"t{len(timexes) + 1}"
                anchor = reference_id if reading.anchor == "ref" else reading.anchor
                timexes.append(
                    TimeExpression(
                        start=candidate.start,
                        end=candidate.end,
                        text=text[candidate.start : candidate.end],
                        id=timex_id,
                        type=reading.type,
                        value=reading.value,
                        granularity=reading.granularity,
                        anchor=anchor,
                    )
                )
                context.previous = reading
                point = reading.point
                if reading.sets_reference and point is not None:
                    context.reference = point
                    reference_id = timex_id
                if point is not None and _reported_period(point, published):
                    context.quarter = point
        return timexes

    def _start_inside(self, text: str, candidate: Candidate, doc: Doc | None) -> int:
        """Where the TIMEX3 starts by the TimeML conventions: a leading preposition ("over the
        past year") and the article of a larger noun phrase that the expression only modifies
        ("the [two-week] strike") stay outside."""
        first = FIRST_WORD.match(text, candidate.start, candidate.end)
        if first is None:
            return candidate.start
        word = first.group(1).lower()
        if word in self.lexicon.prepositional_approximators:
            following = FIRST_WORD.match(text, first.end(), candidate.end)
            if following is not None and following.group(1).lower() in DETERMINERS:
                return first.end()
            token = _first_token(doc, candidate.start, candidate.end)
            if token is not None and token.dep_ in PREPOSITION_DEPS:
                return first.end()
        elif word in ARTICLES:
            token = _first_token(doc, candidate.start, candidate.end)
            if token is not None and token.dep_ == "det" and token.head.idx >= candidate.end:
                return first.end()
        return candidate.start

    def __call__(self, article: Article, doc: Doc) -> None:
        timexes = self.tag(article.analysed_text, article.published, doc, article)
        for timex in timexes:  # offsets are into analysed_text, which has the same length
            timex.text = article.text[timex.start : timex.end]
        article.timexes = timexes


def _windows(trigger_keys: frozenset[str], text: str) -> list[tuple[int, int, set[str]]]:
    """Stretches of text around trigger words, merged, wide enough for any rule's match, each
    with the trigger keys found in it."""
    windows: list[tuple[int, int, set[str]]] = []
    for token in TOKEN.finditer(text):
        word = token.group("word")
        key = NUMBER if word is None else word.lower()
        if key not in trigger_keys:
            continue
        start, end = max(0, token.start() - WINDOW_BEFORE), token.end() + WINDOW_AFTER
        if windows and start <= windows[-1][1]:
            last_start, last_end, keys = windows[-1]
            keys.add(key)
            windows[-1] = (last_start, max(last_end, end), keys)
        else:
            windows.append((start, end, {key}))
    return [(start, min(end, len(text)), keys) for start, end, keys in windows]


def _reported_period(point: Point, published: date | None) -> bool:
    """Is ``point`` a quarter or half-year that had ended by the article date, less than a year
    before it (the period a results story reports on, which "the quarter" then refers to)?"""
    if point.granularity not in ("quarter", "half"):
        return False
    if published is None:
        return True
    return point.shift(1).day <= published and (published - point.day).days < 366


def _overlap(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _overlap_clusters(candidates: list[Candidate]) -> list[list[Candidate]]:
    """Group text-ordered candidates into runs that overlap each other."""
    clusters: list[list[Candidate]] = []
    end = -1
    for candidate in candidates:
        if clusters and candidate.start < end:
            clusters[-1].append(candidate)
            end = max(end, candidate.end)
        else:
            clusters.append([candidate])
            end = candidate.end
    return clusters


def _first_token(doc: Doc | None, start: int, end: int) -> Token | None:
    span = tokens_of(doc, start, end) if doc is not None else None
    return span[0] if span is not None and len(span) else None


def _counts_something(doc: Doc | None, candidate: Candidate) -> bool:
    """Is a bare four-digit number a count of a plural noun ("1990 people") in the parse?"""
    if doc is None or not candidate.match.group(0).isdigit():
        return False
    span = tokens_of(doc, candidate.start, candidate.end)
    if span is None or len(span) != 1:
        return False
    token = span[0]
    coordinated = any(child.dep_ == "conj" for child in token.children)  # "the 2008 and 2012 votes"
    if coordinated or token.dep_ != "nummod" or token.head.tag_ not in COUNTED_NOUN_TAGS:
        return False
    # "the 2000 Olympics", "the company's 1989 results", "1990 Acme earnings": a year
    before = doc[token.i - 1] if token.i > 0 else None
    determined = before is not None and (before.dep_ in ("det", "poss") or before.tag_ == "POS")
    named_between = any(t.pos_ == "PROPN" for t in doc[token.i + 1 : token.head.i])
    return not (determined or named_between)


def create(config: PipelineConfig) -> TimeStage:
    return TimeStage(config.time)
