"""The ``events`` stage: PLOVER events with CAMEO codes, dyads, places and factuality.

For each sentence of the spaCy parse the stage takes the triggers the detector finds
(:mod:`tidings.events.triggers`), reads their sources and targets from the parse
(:mod:`tidings.events.arguments`), keeps an event with the sides its type needs
(:mod:`tidings.events.sides`), codes it in PLOVER and CAMEO (:mod:`tidings.events.ontology`) and
labels its factuality (:mod:`tidings.events.factuality`). Dates are left to ``dating``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from tidings import isolation
from tidings.config import PipelineConfig
from tidings.events import factuality
from tidings.events.arguments import ArgumentFinder
from tidings.events.mentions import MentionIndex, coded, codes
from tidings.events.ontology import Ontology, load
from tidings.events.sides import SideFiller, enough_sides, implied_target, own_forces
from tidings.events.triggers import ACCUSATION, RuleDetector, Trigger, says_again
from tidings.model import Article, Event, Participant
from tidings.syntax import has_prep_child, reporting_verb, subject

#: Acts that one side can allege another carried out.
_ALLEGEABLE = frozenset({"ASSAULT", "COERCE"})
#: Who speaks for a side when alleging such an act (a government or army, not police or
#: witnesses); None is an actor of no known sector.
_ACCUSERS = frozenset({"GOV", "MIL", None})


class EventStage:
    """Detect and code events in an article (see the module docstring)."""

    name = "events"
    requires: tuple[str, ...] = ("mentions",)
    reads: tuple[str, ...] = ("places", "quotes")
    assigns: tuple[str, ...] = ("events",)

    def __init__(self, ontology: Ontology, cues: factuality.Cues) -> None:
        self.onto = ontology
        self.cues = cues
        self.detector = RuleDetector(ontology)
        self.arguments = ArgumentFinder(ontology, cues)
        self.filler = SideFiller(ontology)

    def __call__(self, article: Article, doc: Doc) -> None:
        index = MentionIndex(article, doc)
        coded_triggers: list[tuple[Trigger, Event | None]] = []
        for sent in doc.sents:
            with isolation.expression(article, self.name, sent.start_char, sent.end_char):
                for trigger in self._accusations(self.detector.triggers(sent, index), index):
                    coded_triggers.append((trigger, self.code(article, index, trigger)))
        # An act the text refers back to as happening again ("may test another missile")
        # names the agent of an earlier agentless mention of the same kind ("the missile test").
        found = [(t, e) for t, e in coded_triggers if e is not None]
        repeated = self._repeated_agents(found, index)
        seen: set[tuple] = set()
        for trigger, event in coded_triggers:
            if event is None and trigger.kind == "noun" and trigger.token.i in repeated:
                implicit = repeated[trigger.token.i]
                event = self.code(article, index, trigger, implicit=implicit)
            if event is None:
                continue
            key = (
                event.type,
                event.factuality,
                event.sentence.start,
                tuple(sorted(codes(event.sources))),
                tuple(sorted(codes(event.targets))),
            )
            if key in seen:
                continue
            seen.add(key)
            event.id = f"{article.id}-e{len(article.events) + 1}"
            article.events.append(event)

    def _accusations(self, triggers: list[Trigger], index: MentionIndex) -> list[Trigger]:
        """An attack or arrest that one side *says* another carried out is an accusation by the
        first ("X said Y's troops had shelled villages"), not an established act."""
        out = []
        for trigger in triggers:
            if self.detector.plover_of(trigger) not in _ALLEGEABLE:
                out.append(trigger)
                continue
            speech = reporting_verb(trigger.predicate, self.onto.assertion_verbs)
            if speech is not None and speech.i > trigger.token.i:
                speech = None  # "..., military sources said": attribution of a reported fact
            accused = self.arguments.find(trigger, index)[0] if speech is not None else []
            accuser = index.actors(subject(speech)[0]) if speech is not None else []
            accused_countries = {p.actor.country for p in accused if coded(p)}
            accuser_countries = {
                p.actor.country for p in accuser if coded(p) and p.actor.sector in _ACCUSERS
            }
            disputed = accused_countries and not accused_countries & accuser_countries
            if speech is not None and accuser_countries and disputed:
                out.append(Trigger(speech, ACCUSATION, "accusation", speech, [trigger]))
            else:
                out.append(trigger)
        return out

    def _repeated_agents(
        self, found: list[tuple[Trigger, Event]], index: MentionIndex
    ) -> dict[int, list[Participant]]:
        """Token index of each earlier act of the same CAMEO code -> the agent of a repetition."""
        agents: dict[int, list[Participant]] = {}
        for trigger, event in found:
            if not event.sources or not says_again(trigger, self.onto.repetition):
                continue
            doc = trigger.token.doc
            for token in doc[: trigger.token.i]:
                earlier = self.detector.match(token, index)
                if earlier is not None and earlier.reading.cameo == trigger.reading.cameo:
                    agents.setdefault(token.i, list(event.sources))
        return agents

    def code(
        self,
        article: Article,
        index: MentionIndex,
        trigger: Trigger,
        implicit: list[Participant] | None = None,
    ) -> Event | None:
        """The event of one trigger, or None when it is not kept; ``implicit`` is the agent of
        an agentless act, found elsewhere."""
        token = trigger.token
        if index.inside_mention(token):
            return None
        sources, targets, confidence = self.arguments.event_sides(trigger, index, implicit)
        if trigger.reading.agent and not sources and not self.arguments.violent_cause(trigger):
            return None
        # a quoted demand or accusation is asserted: the modal ("should") makes it a demand
        cues = [] if trigger.kind == "quoted" else factuality.cue_labels(token, self.cues)
        if trigger.kind == "noun" and trigger.predicate is not token and not cues:
            cues = factuality.cue_labels(trigger.predicate, self.cues)
        joint = len(sources) > 1 or has_prep_child(token, "with")
        inner = [t.reading for t in trigger.absorbed]
        code, plover, mode, label = self.onto.event_code(
            trigger.reading, inner, joint, cues, self.cues.strongest(cues)
        )
        sources = [replace(p, confidence=confidence) for p in sources]
        targets = [replace(p, confidence=confidence) for p in targets]
        if not targets:  # a domestic act, or a threat or promise of one ("threatened a curfew")
            targets = implied_target(self.onto, trigger, plover, sources, article)
        if not trigger.typed and not enough_sides(self.onto, trigger, plover, sources, targets):
            return None
        agent_named = self.arguments.names_agent(trigger)
        sides = self.filler.complete(trigger, plover, (sources, targets), index, agent_named)
        sources, targets = sides
        if not sources and not targets:
            return None
        if plover == "CONCEDE" and own_forces(sources, targets):
            return None  # a state letting its own army or police act concedes nothing
        confidence = min([confidence, *(p.confidence for p in [*sources, *targets])])
        if plover == "CONSULT" and not mode and len(sources) + len(targets) > 2:
            mode = "multilateral"
        quote = index.quote_at(token)
        return Event(
            id="",
            type=plover,
            trigger=article.span(token.idx, token.idx + len(token.text)),
            sentence=_sentence_span(article, token.sent),
            sources=sources,
            targets=targets,
            mode=mode,
            context=self.onto.context(code.context, _lemmas(trigger.predicate.subtree)),
            cameo=code.code,
            goldstein=code.goldstein,
            quad_class=code.quad_class,
            factuality=label,
            place_id=index.place_near(trigger.token, trigger.predicate),
            quote_id=quote.id if quote is not None else None,
            confidence=confidence,
        )


def _sentence_span(article: Article, sent: Span):
    """The sentence without the blanked (excluded) text and whitespace around it."""
    words = [t for t in sent if not t.is_space and t.text.strip()]
    if not words:
        return article.span(sent.start_char, sent.end_char)
    return article.span(words[0].idx, words[-1].idx + len(words[-1].text))


def _lemmas(tokens: Iterable[Token]) -> Iterator[str]:
    return (t.lemma_.lower() for t in tokens)


def create(config: PipelineConfig) -> EventStage:
    """The events stage (the ontology and cue lexicons are loaded and checked once); a trigger
    lexicon in ``config.events.triggers`` replaces the packaged one."""
    return EventStage(load(config.events.triggers), factuality.load_cues())
