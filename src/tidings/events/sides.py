"""Which sides an event must name, and the sides PLOVER implies when the text names none.

A protest, coercive act or concession that names no target is domestic, as PLOVER codes it: the
target is the sources' single country (sector from ``domestic`` in ``triggers.yaml``), marked
``(implied)``. An event is kept only with the sides its type needs (``target_only``,
``source_only`` and ``requires_recipient`` in the data files).
"""

from __future__ import annotations

from spacy.tokens import Token

from tidings.events.ontology import Ontology
from tidings.events.triggers import Trigger
from tidings.model import Actor, Article, Participant

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
    return [Participant(span.start, span.end, span.text, actor=actor)]


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
