"""Which sides an event must name, and the sides PLOVER implies when the text names none.

A protest, coercive act or concession that names no target is domestic, as PLOVER codes it: the
target is the sources' single country (sector from ``domestic`` in ``triggers.yaml``), marked
``(implied)``. An event is kept only with the sides its type needs (``target_only``,
``source_only`` and ``requires_recipient`` in the data files).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from tidings.events.mentions import MentionIndex, coded, same_actor
from tidings.events.ontology import Ontology
from tidings.events.triggers import Trigger
from tidings.model import Actor, Article, Participant, Place, SideFound
from tidings.syntax import NOMINAL_SUBJECTS

#: Confidence of a side taken from the sentence's actors by position and role, and of one that
#: no actor names (a place standing for its country, the dateline's country, the domestic target
#: PLOVER implies). Measured as the share of such sides whose code is gold's, with gold triggers
#: and types on event-sentences train (benchmarks/arguments.py): nearby sources 0.67, nearby
#: targets 0.55; places 0.44, dateline and attackers' countries 0.69 as sources and 0.52 as
#: targets, domestic targets 0.63. Sides on dependency paths keep their reading's 0.75-0.9
#: (measured 0.79-0.86).
NEARBY = 0.6
IMPLIED = 0.55
#: Sectors of a state's armed forces and police.
_FORCES = frozenset({"MIL", "COP"})


def domestic_target(
    sources: list[Participant], sector: str, token: Token, article: Article
) -> list[Participant]:
    """The implied target of a domestic act: the sources' one country, with ``sector``; its
    span is the trigger, as no mention names it."""
    countries = {p.actor.country for p in sources if p.actor is not None}
    if len(countries) != 1 or None in countries or "IGO" in countries:
        return []
    (country,) = countries
    span = article.span(token.idx, token.idx + len(token.text))
    actor = Actor(name=f"{country} {sector} (implied)", country=country, sector=sector)
    return [
        Participant(
            span.start, span.end, span.text, actor=actor, found="implied", confidence=IMPLIED
        )
    ]


def implied_target(
    onto: Ontology, trigger: Trigger, plover: str, sources: list[Participant], article: Article
) -> list[Participant]:
    """The domestic target of a domestic act, or of a threat or promise of one ("threatened
    to impose a curfew"), when the text names none."""
    domestic = [plover, *(onto.plover_type(inner.reading) for inner in trigger.absorbed)]
    sector = next((onto.domestic[t] for t in domestic if t in onto.domestic), None)
    if sector is None:
        return []
    return domestic_target(sources, sector, trigger.token, article)


def enough_sides(
    onto: Ontology,
    trigger: Trigger,
    plover: str,
    sources: list[Participant],
    targets: list[Participant],
) -> bool:
    """Both sides, or the one side the type allows (see ``triggers.yaml``)."""
    if sources and targets:
        return True
    joint = len({p.actor.country for p in sources if p.actor is not None}) > 1
    if joint and plover in onto.reciprocal:
        return True  # parties acting together ("X and Y held talks") are all sources
    if trigger.kind in ("demand", "quoted") or onto.requires_recipient(plover):
        return False
    if sources:  # an intention to act alone is as complete as the act ("will withdraw")
        intended = onto.plover_type(trigger.reading)
        return plover in onto.source_only or (plover == "AGREE" and intended in onto.source_only)
    return bool(targets) and plover in onto.target_only


def own_forces(sources: list[Participant], targets: list[Participant]) -> bool:
    """Whether every target is the army or police of the sources' own country."""
    countries = {p.actor.country for p in sources if p.actor is not None}
    return bool(targets) and all(
        p.actor is not None and p.actor.country in countries and p.actor.sector in _FORCES
        for p in targets
    )


class SideFiller:
    """Completes the sides the dependency paths left empty, so that no detected event is lost
    for want of a path: a missing side is taken from the sentence's coded actors by position
    and role (``nearby``), a target also from a place it names; unknown attackers act for the
    country where they strike (``implied``). Each filled side carries a lower confidence."""

    def __init__(self, ontology: Ontology) -> None:
        self.onto = ontology

    def complete(
        self,
        trigger: Trigger,
        plover: str,
        sides: tuple[list[Participant], list[Participant]],
        index: MentionIndex,
        agent_named: bool,
    ) -> tuple[list[Participant], list[Participant]]:
        """The sources and targets of an event, filled where the paths found none. An attack or
        coercion gets a source only when the text names an agent (``agent_named``) that the
        actors stage could not code ("gunmen", "militants"): an act with no agent word ("the
        embassy bombing") has no known source."""
        sources, targets = sides
        joint = plover in self.onto.reciprocal and len(_countries(sources)) > 1
        if joint and {p.actor.code for p in targets if p.actor} <= _codes(sources):
            targets = []  # parties acting together are all sources, none a target
        targets = [p for p in targets if p.actor is None or p.actor.code not in _codes(sources)]
        attack = plover in self.onto.target_only
        if not sources and attack and agent_named:
            sources = _where_acted(trigger, index)
        if not sources and not attack:
            sources = self._nearby_source(trigger, targets, index) or _at_dateline(index)
        if not targets and not joint and plover not in self.onto.source_only:
            targets = self._nearby_target(trigger, sources, index) or _at_dateline(index, sources)
        return sources, targets

    def _nearby_source(
        self, trigger: Trigger, targets: list[Participant], index: MentionIndex
    ) -> list[Participant]:
        """The speaker of the quote the trigger is in, else the nearest coded subject before
        it, else the nearest coded actor before it, else the first after it."""
        quote = index.quote_at(trigger.token)
        speaker = index.speaker(quote) if quote is not None else None
        if speaker is not None and coded(speaker) and not same_actor(speaker, targets):
            return [_filled(speaker, NEARBY)]
        candidates = [
            (head, p)
            for head, p in index.sentence_actors(trigger.token.sent)
            if head.i != trigger.token.i
            and not same_actor(p, targets)
            and p.actor.code not in _codes(targets)
        ]
        before = [(h, p) for h, p in candidates if h.i < trigger.token.i]
        subjects = [(h, p) for h, p in before if h.dep_ in NOMINAL_SUBJECTS]
        for group in (subjects, before):
            if group:
                return [_filled(group[-1][1], NEARBY)]
        after = [(h, p) for h, p in candidates if h.i > trigger.token.i]
        return [_filled(after[0][1], NEARBY)] if after else []

    def _nearby_target(
        self, trigger: Trigger, sources: list[Participant], index: MentionIndex
    ) -> list[Participant]:
        """The nearest coded actor after the trigger that is not a source, else a place of
        another country named after it, else the nearest such actor before it."""
        at = trigger.token.i
        others = [
            (head, p)
            for head, p in index.sentence_actors(trigger.token.sent)
            if head.i != at and not same_actor(p, sources) and p.actor.code not in _codes(sources)
        ]
        after = [p for head, p in others if head.i > at]
        if after:
            return [_filled(after[0], NEARBY)]
        own = _countries(sources)
        for place in index.places_in(trigger.token.sent):
            if place.start > trigger.token.idx and place.country and place.country not in own:
                return [_place_actor(place, IMPLIED)]
        before = [p for head, p in others if head.i < at]
        return [_filled(before[-1], NEARBY)] if before else []


def _at_dateline(index: MentionIndex, other_side: list[Participant] = ()) -> list[Participant]:
    """An actor no word names, of the country the article is datelined in (a domestic report's
    officials, police or courts), unless the other side is that very actor."""
    place = index.dateline_place()
    if place is None or not place.country or place.country in _codes(list(other_side)):
        return []
    return [_place_actor(place, IMPLIED, found="implied", name=f"{place.country} (implied)")]


def _where_acted(trigger: Trigger, index: MentionIndex) -> list[Participant]:
    """Unknown attackers act for the country where they strike: a place of the sentence (not
    one that is part of an actor's name, as in "the U.S. embassy"), else the dateline's."""
    places = [p for p in index.places_in(trigger.token.sent) if not index.names_actor(p)]
    for place in [*places, index.dateline_place()]:
        if place is not None and place.country:
            return [_place_actor(place, IMPLIED, found="implied", name="unidentified actor")]
    return []


def _place_actor(
    place: Place, confidence: float, found: SideFound = "nearby", name: str = ""
) -> Participant:
    """A place standing for its country as an event side ("shelled villages in X": X)."""
    actor = Actor(name=name or place.name, country=place.country, kind="place")
    return Participant(
        place.start, place.end, place.text, actor=actor, found=found, confidence=confidence
    )


def _filled(participant: Participant, confidence: float) -> Participant:
    return replace(participant, found="nearby", confidence=confidence)


def _countries(participants: list[Participant]) -> set[str | None]:
    return {p.actor.country for p in participants if p.actor is not None}


def _codes(participants: list[Participant]) -> set[str]:
    return {p.actor.code for p in participants if p.actor is not None}
