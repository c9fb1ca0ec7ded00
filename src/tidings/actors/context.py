"""Give descriptions without a country the country their context is about.

News drops the nationality when the context makes it plain: "In Caracas, Foreign Minister Jorge
Arreaza rejected the sanctions"; "Britain will send more troops, Defence Secretary Gavin
Williamson said"; "police said" under a MOGADISHU dateline. For such a description the country
is taken, in this order, from

1. for a description that is itself a subject, a country that is the subject of an earlier
   clause of the same sentence,
2. for a person, the nearest country later in the same sentence ("spokesman X said that Iran
   ..."), else the nearest earlier; for a body ("demonstrators in Dili"), the other way round,
3. the last subject country, then the last country, in the previous two sentences,
4. the dateline place.

Countries inside quotation marks and backers ("Russian-backed") are not used. The mention's
``why`` names the evidence and its confidence is lowered to 0.6.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc

from tidings.actors.recognise import Item
from tidings.actors.resolve import Resolved, Resolver
from tidings.layout import Layout
from tidings.syntax import NOMINAL_SUBJECTS

#: How many sentences back step 4 looks.
PREVIOUS_SENTENCES = 2
CONTEXT_CONFIDENCE = 0.6


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int
    country: str
    text: str
    subject: bool
    person: bool = False


class ContextCountries:
    """Country evidence of one article, by sentence."""

    def __init__(
        self,
        doc: Doc,
        resolved: list[Resolved],
        items: list[Item],
        resolver: Resolver,
        dateline_country: str | None,
        layout: Layout,
    ):
        self.doc = doc
        self.layout = layout
        self.dateline_country = dateline_country
        evidence: list[Evidence] = []
        for r in resolved:
            actor, m = r.mention.actor, r.mention
            if actor is None or not actor.country or actor.country == "IGO" or r.needs_country:
                continue
            if r.backer or self._quoted(m.start):
                continue
            if actor.kind == "person" and not actor.kb_id:  # only known people vouch
                continue
            if actor.kb_id and actor.kb_id.startswith("org:"):  # "told The Associated Press"
                continue
            subject = self._subject(m.start, m.end)
            is_person = actor.kind == "person"
            evidence.append(Evidence(m.start, m.end, actor.country, m.text, subject, is_person))
        for item in items:  # countries and capitals used as places ("In Caracas, ...")
            if item.type != "country" or self._quoted(item.start):
                continue
            if resolver.is_locative(item):
                country, _ = resolver.country_of(item)
                if country:
                    evidence.append(Evidence(item.start, item.end, country, item.text, False))
        self.evidence = sorted(evidence, key=lambda e: e.start)
        self.by_sentence: dict[int, list[Evidence]] = defaultdict(list)
        for e in self.evidence:
            self.by_sentence[self.sentence(e.start)].append(e)
        self.main_country = self._dominant()

    def sentence(self, offset: int) -> int:
        return self.layout.sentence_of(offset)

    def _quoted(self, offset: int) -> bool:
        return self.layout.quote_at(offset) is not None

    def _subject(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and span.root.dep_ in NOMINAL_SUBJECTS

    def country_for(self, start: int, end: int, person: bool) -> tuple[str, str] | None:
        """(country, reason) for a description at ``[start, end)``; None if nothing fits."""
        here = self.sentence(start)
        same = self.by_sentence.get(here, [])
        before = [e for e in same if e.end <= start]
        after = [e for e in same if e.start >= end]
        for e in reversed(before if self._subject(start, end) else []):
            if e.subject:  # "Britain will send troops, Defence Secretary X announced"
                return e.country, f"country from context: subject {e.text!r} in the sentence"
        later = (after[:1], "later")
        earlier = (before[-1:], "earlier")
        # a person speaks about their own country ("spokesman X said that Iran ..."); a body
        # ("demonstrators in Dili ...") belongs to the place named before it
        for found, where in (later, earlier) if person else (earlier, later):
            if found:
                e = found[0]
                return e.country, f"country from context: {e.text!r} {where} in the sentence"
        if not person:  # a body outside any local evidence: what the article is about
            return self.main_country
        earlier = [
            e
            for back in range(PREVIOUS_SENTENCES, 0, -1)
            for e in self.by_sentence.get(here - back, [])
        ]
        for e in reversed(earlier):
            if e.subject:
                return e.country, f"country from context: subject {e.text!r} just before"
        if earlier:
            e = earlier[-1]
            return e.country, f"country from context: {e.text!r} just before"
        if self.dateline_country:
            return self.dateline_country, "country from context: the dateline place"
        return self.main_country

    def _dominant(self) -> tuple[str, str] | None:
        """The country the article names most (people aside; the dateline counts twice)."""
        counts: Counter[str] = Counter(e.country for e in self.evidence if not e.person)
        if self.dateline_country:
            counts[self.dateline_country] += 2
        if not counts:
            return None
        country, n = counts.most_common(1)[0]
        return country, f"country from context: the article's main country ({n} mentions)"

    def homeland_for(self, group: Resolved) -> tuple[str, str] | None:
        """The country an ethnic or religious group lives in, in this article: the nearest of
        its homelands named in its sentence or the two before, else the one the article names
        most, else its only homeland (never a kin state the text does not point to)."""
        here = self.sentence(group.mention.start)
        homelands = set(group.homelands)
        nearby = [
            e
            for back in range(PREVIOUS_SENTENCES, -1, -1)
            for e in self.by_sentence.get(here - back, [])
            if e.country in homelands
        ]
        if nearby:
            e = min(nearby, key=lambda e: abs(e.start - group.mention.start))
            return e.country, f"lives in {e.country}: {e.text!r} nearby"
        counts = Counter(e.country for e in self.evidence if e.country in homelands)
        if counts:
            country, n = counts.most_common(1)[0]
            return country, f"lives in {country}, the homeland the article names most ({n})"
        if len(homelands) == 1:
            country = group.homelands[0]
            return country, f"lives in {country}, its only homeland"
        return None

    def complete(self, resolved: list[Resolved], resolver: Resolver) -> None:
        """Assign context countries to every description that still needs one."""
        for r in resolved:
            if not r.needs_country or r.antecedent is not None:
                continue
            if self._quoted(r.mention.start) and r.mention.kind != "name":
                continue  # "internal and external forces" in a quote: generic
            if r.homelands:
                found = self.homeland_for(r)
            elif r.anonymous:
                continue  # "officials said": no country unless the text names one with them
            else:
                actor = r.mention.actor
                person = actor is not None and actor.kind == "person"
                found = self.country_for(r.mention.start, r.mention.end, person)
            if found is None:
                continue
            country, reason = found
            resolver.assign_country(r, country, reason)
            r.mention.confidence = CONTEXT_CONFIDENCE
