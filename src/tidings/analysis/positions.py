"""Actor positions: where each actor stands on each issue, over time, with the evidence.

A position is read from a quote (direct or reported) clause by clause: the first stance cue of a
clause ("urged", "must", "agrees", "a dead end", "unacceptable") gives the stance (supports,
opposes, calls for, rejects; a negated cue turns support into opposition), and the issue phrase
nearest to the cue gives the issue ("sanctions", "dialogue", ...; a clause naming none continues
the previous clause's), made specific by the country it is about when the text attaches one to
the phrase ("sanctions on North Korea": "sanctions/PRK"). Events add positions of their source
actors: the event type gives the stance (REJECT: rejects, REQUEST: calls for...) and the
trigger's clause (else the sentence) the issue, made specific in the same way. Cues and issues
live in ``data/analysis/positions.yaml``.

Every position keeps its evidence: article id, outlet, date and the character offsets of the
clause (or event sentence) it was read from.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from tidings.model import Actor, Article, Event, Quote

_CLAUSE_BREAK = re.compile(r"[;.!?][\"”’')]*\s+|,\s*(?:while|but|whereas|even as|and yet)\b\s*")
_NEGATION = re.compile(r"\b(?:not|never|nor|neither|no longer|hardly)\b|n't\b", re.IGNORECASE)
#: Words between an issue phrase and the actor it is about: "sanctions on|against (the) X".
_ISSUE_TO_TARGET = re.compile(
    r"\s+(?:on|against|with|for|to|toward|towards|over|in|of|by)\s+(?:the\s+)?", re.IGNORECASE
)
#: Words between an actor and its issue: "X's (nuclear and) missile programmes".
_TARGET_TO_ISSUE = re.compile(r"(?:'|’)s(?:\s+[\w-]+){0,3}\s+")


@dataclass(frozen=True, slots=True)
class Position:
    """One stance of one actor on one issue, read from one stretch of one article."""

    actor: str  # the speaker's name ("Wang Yi") or the actor's name ("China")
    actor_code: str  # CHNGOV
    country: str | None
    issue: str  # "sanctions/PRK"
    issue_label: str  # "sanctions (PRK)"
    stance: str  # supports, opposes, calls for, rejects
    date: str | None
    article_id: str
    outlet: str | None
    start: int  # evidence offsets in the article text
    end: int
    evidence: str
    via: str  # "quote" or "event"

    @property
    def sort_key(self) -> tuple[str, str, str, str, str, int]:
        return (
            self.country or "",
            self.actor,
            self.issue,
            self.date or "",
            self.article_id,
            self.start,
        )


@dataclass(frozen=True)
class _Lexicon:
    issues: list[tuple[str, str, re.Pattern[str]]]  # key, label, phrases
    stances: list[tuple[str, re.Pattern[str]]]
    negated: dict[str, str]
    event_stances: dict[str, str]


def _pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One regex of phrases on word boundaries (``*`` matches any word ending)."""
    alternatives = []
    for phrase in sorted(phrases, key=len, reverse=True):
        escaped = re.escape(phrase).replace(r"\*", r"[\w-]*")
        alternatives.append(escaped.replace(r"\ ", r"\s+"))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The packaged issue and stance lexicon, compiled once."""
    text = resources.files("tidings").joinpath("data/analysis/positions.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return _Lexicon(
        issues=[(k, v["label"], _pattern(v["phrases"])) for k, v in data["issues"].items()],
        stances=[(stance, _pattern(cues)) for stance, cues in data["stances"].items()],
        negated=data.get("negated", {}),
        event_stances=data.get("event_stances", {}),
    )


def stance_of(clause: str) -> tuple[str, int, int] | None:
    """The stance of a clause and the cue's offsets in it (the first cue; negation applied)."""
    lex = lexicon()
    found = [
        (m.start(), m.end(), stance)
        for stance, pattern in lex.stances
        for m in pattern.finditer(clause)
    ]
    if not found:
        return None
    start, end, stance = min(found)
    cue = clause[start:end]
    before = " ".join(clause[:start].split()[-4:])
    after = " ".join(clause[end:].split()[:3])
    if not _NEGATION.search(cue) and (_NEGATION.search(before) or _NEGATION.search(after)):
        flipped = lex.negated.get(stance)
        if flipped is None:
            return None
        stance = flipped
    return stance, start, end


@dataclass(frozen=True, slots=True)
class Issue:
    """An issue phrase found in a text: its key, label and offsets in that text."""

    key: str
    label: str
    start: int
    end: int


def issue_of(text: str, near: int = 0) -> Issue | None:
    """The issue phrase nearest to offset ``near`` (ties: the one after it)."""
    best: tuple[int, Issue] | None = None
    for key, label, pattern in lexicon().issues:
        for m in pattern.finditer(text):
            distance = m.start() - near if m.start() >= near else 2 * (near - m.end()) + 1
            if best is None or distance < best[0]:
                best = (distance, Issue(key, label, m.start(), m.end()))
    return best[1] if best else None


def issue_target(article: Article, start: int, end: int, speaker: Actor) -> str | None:
    """The country an issue phrase at ``article.text[start:end]`` is about, when the text says:
    "sanctions on North Korea", "dialogue with Pyongyang", "the D.P.R.K.'s missile programmes"."""
    text = article.text
    for mention in article.mentions_in(max(0, start - 60), end + 40):
        country = mention.actor.country if mention.actor else None
        if not country or country in {speaker.country, "IGO"}:
            continue
        after = mention.start >= end and _ISSUE_TO_TARGET.fullmatch(text, end, mention.start)
        before = mention.end <= start and _TARGET_TO_ISSUE.fullmatch(text, mention.end, start)
        if after or before:
            return country
    return None


def clauses(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """The clauses of ``text[start:end]`` as offsets into ``text``."""
    spans, begin = [], start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        spans.append((begin, m.start()))
        begin = m.end()
    spans.append((begin, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def quote_positions(article: Article, quote: Quote) -> list[Position]:
    """Positions the quote's speaker takes, one per clause with a stance and an issue."""
    actor = quote.speaker_actor
    if actor is None:
        return []
    positions = []
    previous: tuple[Issue, str | None] | None = None
    for start, end in clauses(quote.start, quote.end, article.text):
        clause = article.text[start:end]
        stance = stance_of(clause)
        issue = issue_of(clause, stance[2] if stance else 0)
        if issue is not None:
            target = issue_target(article, start + issue.start, start + issue.end, actor)
            previous = (issue, target)
        # a clause naming no issue ("this must be done") speaks of the previous clause's issue
        if stance is None or previous is None:
            continue
        issue, target = previous
        positions.append(
            _position(article, actor, stance[0], issue, target, (start, end), quote.date, "quote")
        )
    return positions


def event_positions(article: Article, event: Event) -> list[Position]:
    """Positions of the event's sources: the type gives the stance, the trigger's clause the issue
    (else the sentence's first issue: "Elements of this are unacceptable" after "The draft would
    ban...")."""
    lex = lexicon()
    stance = lex.event_stances.get(event.type)
    if stance is None or event.factuality != "asserted":
        return []
    sentence, trigger = event.sentence, event.trigger.start
    start, end = next(
        (
            (s, e)
            for s, e in clauses(sentence.start, sentence.end, article.text)
            if s <= trigger < e
        ),
        (sentence.start, sentence.end),
    )
    issue = issue_of(article.text[start:end], trigger - start)
    if issue is None:
        start = sentence.start
        issue = issue_of(sentence.text, 0)
    if issue is None:
        return []
    at = (start + issue.start, start + issue.end)
    return [
        _position(
            article,
            p.actor,
            stance,
            issue,
            issue_target(article, *at, p.actor),
            (sentence.start, sentence.end),
            event.date,
            "event",
        )
        for p in event.sources
        if p.actor
    ]


def _position(
    article: Article,
    actor: Actor,
    stance: str,
    issue: Issue,
    target: str | None,
    span: tuple[int, int],
    when: str | None,
    via: str,
) -> Position:
    start, end = span
    return Position(
        actor=actor.name,
        actor_code=actor.code,
        country=actor.country,
        issue=f"{issue.key}/{target}" if target else issue.key,
        issue_label=f"{issue.label} ({target})" if target else issue.label,
        stance=stance,
        date=when or (article.published.isoformat() if article.published else None),
        article_id=article.id,
        outlet=article.outlet,
        start=start,
        end=end,
        evidence=article.text[start:end],
        via=via,
    )


def positions(articles: Iterable[Article]) -> list[Position]:
    """Every position the articles' quotes and events express, by country, actor, issue, date."""
    found: list[Position] = []
    for article in articles:
        for quote in article.quotes:
            found.extend(quote_positions(article, quote))
        for event in article.events:
            found.extend(event_positions(article, event))
    return sorted(found, key=lambda p: p.sort_key)


def stances_over_time(found: Iterable[Position]) -> dict[tuple[str, str], list[Position]]:
    """(actor country or name, issue) -> its positions in date order."""
    table: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for position in found:
        table[(position.country or position.actor, position.issue)].append(position)
    return {
        key: sorted(rows, key=lambda p: (p.date or "", p.article_id, p.start))
        for key, rows in sorted(table.items())
    }
