"""The ``dating`` stage: give every event and quote the date the text gives it.

Runs last, after ``time``, ``quotes`` and ``events``. For each event (its trigger) and quote
(its speech cue, else its speaker), the governing time expression is, in order of preference:

1. one attached to the trigger/cue in the parse ("said in Vladivostok *yesterday*", "the
   *Sept. 3* nuclear test"), the fewest dependency steps away without crossing another verb;
2. one in the same clause (sharing the governing verb: "*On Sept. 7*, in a phone conversation
   with Merkel, Xi emphasized...");
3. the nearest one in the same sentence (and paragraph);
4. the latest one earlier in the same paragraph (the narrative's current date: "Trump said
   *Sept. 7* that ... 'I would prefer ...,' Trump said, speaking after a meeting with ...").

Steps 2 to 4 skip expressions that modify a noun ("after the *Sept. 3* test"): those date
only the noun they modify. Then:

5. for a quote that continues the previous quote of the same speaker ("..., he said."), the
   date of that quote;
6. else the article date (``date_source="dateline"``; a date in the dateline itself counts as
   this fallback, not as a date in the text).

A quote is never dated by a time inside its own words (a date the speaker talks about does not
date the speaking), and an event is not dated by a time inside a quote it is not part of.
Only calendar values count (``2017-09-07``, ``2017-09``, ``2017-W36``...): durations, sets and
vague references (``PRESENT_REF``) do not date anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from tidings import isolation
from tidings.config import DatingConfig, PipelineConfig
from tidings.layout import Layout, recorded
from tidings.model import Article, Event, Quote, Span, TimeExpression
from tidings.time.tense import tokens_of

#: A value that names a calendar date or period (not a duration, set or vague reference).
CALENDAR_VALUE = re.compile(r"^\d{4}(?:-(?:\d\d|W\d\d|Q\d|H\d|SP|SU|FA|WI))?(?:-\d\d)?")
VERBAL = frozenset({"VERB", "AUX"})


@dataclass(frozen=True, slots=True)
class Dating:
    """The date found for an event or quote."""

    date: str | None
    source: str  # "text", "dateline" or "none"
    granularity: str
    time_id: str | None


def calendar_date(timex: TimeExpression) -> tuple[str, str] | None:
    """The ISO date (at the expression's granularity) and granularity, if it has one."""
    if timex.type not in ("DATE", "TIME"):
        return None
    match = CALENDAR_VALUE.match(timex.value)
    if match is None:
        return None
    granularity = timex.granularity
    if granularity == "time" or "T" in timex.value:
        granularity = "day" if len(match.group(0)) == 10 else granularity
    return match.group(0), granularity


class DatingStage:
    """Date events and quotes from the article's time expressions."""

    name = "dating"
    requires: tuple[str, ...] = ("timexes",)
    reads: tuple[str, ...] = ("events", "quotes")
    assigns: tuple[str, ...] = ("events.date", "quotes.date")

    def __init__(self, config: DatingConfig | None = None):
        self.max_steps = (config or DatingConfig()).max_steps

    def __call__(self, article: Article, doc: Doc) -> None:
        dateline = article.dateline
        layout = recorded(article, doc)
        anchors = [
            (timex, dated, _root(doc, timex))
            for timex in article.timexes
            if (dated := calendar_date(timex)) is not None
            and not (dateline is not None and dateline.contains(timex))
        ]
        fallback = self._dateline(article)
        quoted = [Span(q.start, q.end, q.text) for q in article.quotes]
        for event in article.events:
            # A date inside quoted words dates only what is said in that quote.
            outside = [q for q in quoted if not q.contains(event.trigger)]
            found = None
            with isolation.expression(article, self.name, event.trigger.start, event.trigger.end):
                found = self._govern(doc, layout, anchors, event.trigger, exclude=outside)
            _apply_event(event, found or fallback)
        previous: Quote | None = None
        for quote in sorted(article.quotes, key=lambda q: q.start):
            anchor = quote.cue or quote.speaker or quote
            found = None
            with isolation.expression(article, self.name, anchor.start, anchor.end):
                found = self._govern(doc, layout, anchors, anchor, exclude=[quote])
            continues = previous is not None and _same_speaker(previous, quote)
            if found is None and continues and previous.date_source == "text":
                granularity = _granularity(article, previous)
                found = Dating(previous.date, "text", granularity, previous.time_id)
            _apply_quote(quote, found or fallback)
            previous = quote

    @staticmethod
    def _dateline(article: Article) -> Dating:
        if article.published is None:
            return Dating(None, "none", "", None)
        return Dating(article.published.isoformat(), "dateline", "day", None)

    def _govern(
        self,
        doc: Doc,
        layout: Layout,
        anchors: list[tuple[TimeExpression, tuple[str, str], Token | None]],
        target: Span,
        exclude: list[Span],
    ) -> Dating | None:
        """The time expression governing ``target`` (see the module docstring), or None;
        expressions inside ``exclude`` spans are not considered."""
        head = _root(doc, target)
        if head is None:
            return None
        usable = [
            (t, d, r)
            for t, d, r in anchors
            if r is not None and not any(span.contains(t) for span in exclude)
        ]
        attached = []
        for timex, (value, granularity), root in usable:
            steps = _steps_to(root, head, self.max_steps)
            if steps is not None:
                attached.append((steps, abs(timex.start - target.start), timex, value, granularity))
        if attached:
            _, _, timex, value, granularity = min(attached, key=lambda a: (a[0], a[1]))
            return Dating(value, "text", granularity, timex.id)
        clause = _clause_verb(head)
        sentence = head.sent
        same_clause, same_sentence, earlier_in_paragraph = [], [], []
        for timex, (value, granularity), root in usable:
            if _modifies_noun(root):
                continue  # "the Sept. 3 test" dates the test, not the rest of the sentence
            distance = abs(timex.start - target.start)
            root_clause = _clause_verb(root)
            if not layout.same_paragraph(timex.start, target.start):
                continue  # a sentence the parser ran across paragraphs
            if clause is not None and root_clause is not None and root_clause.i == clause.i:
                same_clause.append((distance, timex, value, granularity))
            elif _in_sentence(root, sentence):
                same_sentence.append((distance, timex, value, granularity))
            elif timex.end <= target.start:
                earlier_in_paragraph.append((distance, timex, value, granularity))
        for candidates in (same_clause, same_sentence, earlier_in_paragraph):
            if candidates:
                _, timex, value, granularity = min(candidates, key=lambda c: c[0])
                return Dating(value, "text", granularity, timex.id)
        return None


def _root(doc: Doc, span: Span) -> Token | None:
    piece = tokens_of(doc, span.start, span.end)
    return piece.root if piece is not None else None


def _steps_to(token: Token, target: Token, max_steps: int) -> int | None:
    """Dependency steps from ``token`` up to ``target``, not passing through another verb."""
    current = token
    for steps in range(max_steps + 1):
        if current.i == target.i:
            return steps
        if current.head.i == current.i:
            return None
        if steps > 0 and current.pos_ in VERBAL:
            return None
        current = current.head
    return None


def _clause_verb(token: Token) -> Token | None:
    """The verb heading the clause a token is in."""
    current = token
    for _ in range(12):
        if current.pos_ in VERBAL:
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _modifies_noun(token: Token) -> bool:
    """Is the expression attached to a noun (directly or through prepositions), not a verb?"""
    current = token.head
    for _ in range(4):
        if current.pos_ != "ADP" or current.head.i == current.i:
            break
        current = current.head
    return current.i != token.i and current.pos_ in ("NOUN", "PROPN", "PRON", "NUM")


def _in_sentence(token: Token, sentence: DocSpan) -> bool:
    return sentence.start <= token.i < sentence.end


def _same_speaker(previous: Quote, quote: Quote) -> bool:
    """Does ``quote`` continue ``previous`` ("..., he said")? Same resolved speaker."""
    if previous.speaker_actor is not None and quote.speaker_actor is not None:
        return previous.speaker_actor.name == quote.speaker_actor.name
    if previous.speaker_mention and quote.speaker_mention:
        return previous.speaker_mention == quote.speaker_mention
    return False


def _granularity(article: Article, quote: Quote) -> str:
    timex = next((t for t in article.timexes if t.id == quote.time_id), None)
    dated = calendar_date(timex) if timex is not None else None
    return dated[1] if dated else "day"


def _apply_event(event: Event, dating: Dating) -> None:
    event.date, event.date_source = dating.date, dating.source
    event.date_granularity, event.time_id = dating.granularity, dating.time_id


def _apply_quote(quote: Quote, dating: Dating) -> None:
    quote.date, quote.date_source, quote.time_id = dating.date, dating.source, dating.time_id


def create(config: PipelineConfig) -> DatingStage:
    return DatingStage(config.dating)
