"""What the earlier stages found, looked up by token: actor mentions, quotes and places.

The events stage takes actors only from the actors stage's mentions; this index maps the words
of the parse to them (and to the quote a word is in, and the place a phrase names), and turns a
mention into an event :class:`~tidings.model.Participant`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from tidings.model import Actor, Article, Mention, Participant, Place, Quote
from tidings.syntax import MODIFIERS, pobj

_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})


class MentionIndex:
    """Token-level lookups of one article's mentions, quotes and places."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.doc = doc
        self.by_token: dict[int, Mention] = {}
        for mention in sorted(article.mentions, key=lambda m: m.end - m.start):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.by_token[tok.i] = mention  # longer mentions overwrite shorter ones
        self.quotes = sorted(article.quotes, key=lambda q: q.start)
        self.places = article.places

    def inside_mention(self, token: Token) -> bool:
        """Whether the word is part of a longer actor mention ("the Defence Ministry")."""
        mention = self.by_token.get(token.i)
        return mention is not None and mention.end - mention.start > len(token.text) + 1

    def actors(self, token: Token | None) -> list[Participant]:
        """Actors a noun phrase refers to, with its coordinated siblings ("China and Russia")."""
        if token is None:
            return []
        found: list[Participant] = []
        for head in (token, *token.conjuncts):
            for participant in self._actors_of(head):
                if not same_mention(participant, found):
                    found.append(participant)
        return found

    def _actors_of(self, token: Token, depth: int = 0) -> list[Participant]:
        """The mention on a word, else on its modifiers ("Greek and Turkish negotiators"), else
        on its apposition ("Jane Doe, the president's adviser") or of-phrase ("leaders of X")."""
        mention = self.by_token.get(token.i)
        if mention is not None:
            return self._titled(token, mention) or self._with_modifiers(token, mention)
        for child in token.children:
            if child.dep_ in MODIFIERS or child.dep_ == "appos":
                # "Greek and Turkish negotiators"; "Obama administration officials"
                found = self._mentioned(child, *child.conjuncts)
                if not found and child.dep_ == "compound":
                    found = self._mentioned(*(g for g in child.lefts if g.dep_ == "compound"))
                if found:
                    return found
        if depth > 0:
            return []
        for child in token.children:
            # "leaders of Romania", "a shelter for Sudanese migrants"
            inner = pobj(child) if child.dep_ == "prep" and child.lower_ in ("of", "for") else None
            inner = child if child.dep_ == "appos" else inner
            if inner is not None:
                found = []
                for t in (inner, *inner.conjuncts):
                    found += self._actors_of(t, depth + 1)
                if found:
                    return found
        return []

    def _titled(self, token: Token, mention: Mention) -> list[Participant]:
        """A person of unknown country takes a coded title's ("U.N. envoy Jane Doe")."""
        if mention.actor and mention.actor.country:
            return []
        return [
            self.participant(m)
            for c in token.subtree
            if c.dep_ == "compound"
            and c.i < token.i
            and (m := self.by_token.get(c.i)) is not None
            and m is not mention
            and m.actor is not None
            and m.actor.country
        ]

    def _with_modifiers(self, token: Token, mention: Mention) -> list[Participant]:
        """The mention and coordinated modifiers ("Dutch and Belgian army officers")."""
        found = [self.participant(mention)] if mention.actor is not None else []
        for child in token.children:
            if child.dep_ in MODIFIERS and child.conjuncts:
                for t in (child, *child.conjuncts):
                    other = self.by_token.get(t.i)
                    if other is not None and other is not mention and other.actor is not None:
                        found.append(self.participant(other))
        return found

    def _mentioned(self, *tokens: Token) -> list[Participant]:
        """The actors mentioned on these words."""
        return [
            self.participant(m)
            for t in tokens
            if (m := self.by_token.get(t.i)) is not None and m.actor is not None
        ]

    @staticmethod
    def participant(mention: Mention) -> Participant:
        return Participant(
            mention.start, mention.end, mention.text, mention_id=mention.id, actor=mention.actor
        )

    def sentence_actors(self, sent: Span) -> list[tuple[Token, Participant]]:
        """The sentence's mentions of coded actors in text order, each with its head word."""
        found: list[tuple[Token, Participant]] = []
        seen: set[str] = set()
        for token in sent:
            mention = self.by_token.get(token.i)
            if mention is None or mention.id in seen or mention.actor is None:
                continue
            seen.add(mention.id)
            if side_code(mention.actor) is not None:
                span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                found.append((span.root if span is not None else token, self.participant(mention)))
        return found

    def places_in(self, sent: Span) -> list[Place]:
        """The places named in a sentence, in text order."""
        return [p for p in self.places if sent.start_char <= p.start < sent.end_char]

    def names_actor(self, place: Place) -> bool:
        """Whether the place is part of a longer actor mention ("the U.S. embassy")."""
        return any(
            m.start <= place.start
            and place.end <= m.end
            and m.end - m.start > place.end - place.start
            for m in self.article.mentions_in(place.start, place.end)
        )

    def dateline_place(self) -> Place | None:
        """The place the dateline names, if the actors stage resolved it."""
        dateline = self.article.dateline
        if dateline is None:
            return None
        return next((p for p in self.places if dateline.contains(p)), None)

    def quote_at(self, token: Token) -> Quote | None:
        for quote in self.quotes:
            if quote.start <= token.idx < quote.end:
                return quote
        return None

    def speaker(self, quote: Quote) -> Participant | None:
        if quote.speaker_actor is None:
            return None
        span = quote.speaker or self.article.span(quote.start, quote.start)
        mention = self.article.mention(quote.speaker_mention)
        if mention is not None:
            span = mention
        return Participant(
            span.start,
            span.end,
            span.text,
            mention_id=quote.speaker_mention,
            actor=quote.speaker_actor,
        )

    def place_near(self, *heads: Token) -> str | None:
        """A place the text attaches to one of these words ("stationed in Germany")."""
        if not self.places:
            return None
        for head in heads:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS:
                    obj = pobj(child)
                    if obj is None:
                        continue
                    start = obj.left_edge.idx
                    end = obj.right_edge.idx + len(obj.right_edge.text)
                    for place in self.places:
                        if place.start < end and start < place.end:
                            return place.id
        return None


def side_code(actor: Actor | None) -> str | None:
    """The code an event side is known by in PLOVER data: the actor's ISO country, ``IGO``, or
    ``NGO`` for a non-governmental organisation of no country (Amnesty, the Red Cross)."""
    if actor is None:
        return None
    if actor.country:
        return actor.country
    return "NGO" if actor.sector == "NGO" else None


def coded(participant: Participant) -> bool:
    """An actor with a country, IGO or NGO code: who it is matters for event data."""
    return side_code(participant.actor) is not None


def codes(participants: Iterable[Participant]) -> Iterator[str]:
    for p in participants:
        if p.actor is not None:
            yield p.actor.code


def same_actor(p: Participant, others: list[Participant]) -> bool:
    """Whether another participant is the same actor (a pronoun and its antecedent)."""
    return any(o.actor is not None and o.actor == p.actor for o in others) or same_mention(
        p, others
    )


def same_mention(p: Participant, others: list[Participant]) -> bool:
    """Whether another participant stands on the same mention."""
    return any(o.mention_id == p.mention_id and o.start == p.start for o in others)
