"""Rule detection of event triggers: lexicon readings and statement constructions.

For each sentence of the parse the detector finds triggers: verbs, event nouns and a few
adjectives of ``data/events/triggers.yaml`` whose reading's conditions hold (object, particle or
preposition, modifier, an object that names an actor); demands and accusations stated in
reported or quoted speech ("said Y must leave", "'Y lied,' X said"); and judgments passed on
another's act, which are criticisms ("called Y's plan reckless"). Acts inside the complement of
another trigger ("called for talks", "agreed to meet") are absorbed by it, to refine its code,
instead of standing alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from tidings.events.mentions import MentionIndex, same_actor
from tidings.events.ontology import Ontology, Reading
from tidings.syntax import MODIFIERS, OBJECTS, SUBJECTS, negated, pobj, subject, verb_lemmas

#: A demand stated in speech ("said Y must leave"): CAMEO 100, its content proposed.
DEMAND = Reading(cameo="100", embeds="proposed")
#: An accusation of wrongdoing (CAMEO 112) and a criticism passed as a judgment (111).
ACCUSATION = Reading(cameo="112")
JUDGMENT = Reading(cameo="111")
#: Types of noun triggers whose complement clause is their content ("a demand that ...").
_CONTAINING = frozenset({"REQUEST", "AGREE", "THREATEN", "REJECT", "ACCUSE"})
FIRST_PERSON = frozenset({"we", "i", "us", "our", "my", "me"})
#: How a trigger word of a known type is read, by its part of speech.
_KINDS = {"NOUN": "noun", "PROPN": "noun", "ADJ": "adjective"}
#: Nouns naming a part of what their "of" phrase names ("part of the aid").
_PARTITIVES = frozenset({"part", "some", "all", "most", "much", "portion", "half", "rest", "bulk"})


@dataclass(slots=True)
class Trigger:
    """A detected event word and the reading of it that applies."""

    token: Token
    reading: Reading
    kind: str  # verb, noun, adjective, accusation, demand, judgment, quoted (by its speaker)
    predicate: Token  # the verb that carries subject and tense (a light verb for nouns)
    absorbed: list[Trigger] = field(default_factory=list)
    #: The type was given by a detector (a trained model, a gold annotation), not read from the
    #: lexicon's conditions: the event is kept with any coded side. A lexicon trigger is an
    #: event only with the sides its type needs, which are part of the evidence for it.
    typed: bool = False


class RuleDetector:
    """Triggers of the lexicon and the statement constructions (see the module docstring)."""

    def __init__(self, ontology: Ontology) -> None:
        self.onto = ontology

    def plover_of(self, trigger: Trigger) -> str:
        """The PLOVER type a trigger's reading gives (before refinement)."""
        return self.onto.plover_type(trigger.reading)

    def triggers(self, sent: Span, index: MentionIndex) -> list[Trigger]:
        """The sentence's triggers in text order, nested acts absorbed by their containers."""
        found: dict[int, Trigger] = {}
        for token in sent:
            trigger = self.match(token, index)
            if trigger is not None:
                found[token.i] = trigger
        for token in sent:
            if token.pos_ == "VERB":  # statements and judgments are verbs
                self._add_statement(token, index, found)
        # Containers are found before any is removed, so that nested acts stay nested
        # ("declined an offer to negotiate with X").
        containers = {i: self._container(trigger, found) for i, trigger in found.items()}
        for i, container in containers.items():
            if container is not None:
                container.absorbed.append(found[i])
        for i, container in containers.items():
            if container is not None:
                del found[i]
        return sorted(found.values(), key=lambda t: t.token.i)

    def _add_statement(self, token: Token, index: MentionIndex, found: dict[int, Trigger]) -> None:
        """A demand, accusation or judgment stated by this verb, added to ``found``."""
        demand = (
            self._reported_demand(token, index)
            or self._quoted_demand(token, index)
            or self._reported_wrong(token, index)
            or self._quoted_wrong(token, index)
        )
        if demand is not None and token.i not in found:
            found[token.i] = demand
        elif demand is not None and demand.kind == "quoted":
            demand.absorbed.append(found[token.i])  # "'X must pull out,' Y said"
            found[token.i] = demand
        elif token.i not in found and judged(token, self.onto) is not None:
            found[token.i] = Trigger(token, JUDGMENT, "judgment", token)

    def match(self, token: Token, index: MentionIndex) -> Trigger | None:
        """The first lexicon reading of this word whose conditions hold, as a trigger."""
        readings, kind = self._readings(token)
        for reading in readings:
            if applies(token, reading, index):
                predicate = token if kind != "noun" else light_verb(token, self.onto) or token
                return Trigger(token, reading, kind, predicate)
        return None

    def typed(self, token: Token, plover_type: str, index: MentionIndex) -> Trigger:
        """A trigger of a known PLOVER type on this word (a detector's, or a gold annotation's):
        the first lexicon reading of the type whose conditions hold, else the first of the type,
        else the type's general code."""
        readings, kind = self._readings(token)
        kind = _KINDS.get(token.pos_, "verb") if kind in ("", "noun") else kind
        of_type = [r for r in readings if self.onto.plover_type(r) == plover_type]
        reading = next((r for r in of_type if applies(token, r, index)), None)
        reading = reading or (of_type[0] if of_type else self.onto.general_reading(plover_type))
        predicate = token if kind != "noun" else light_verb(token, self.onto) or token
        return Trigger(token, reading, kind, predicate, typed=True)

    def _readings(self, token: Token) -> tuple[tuple[Reading, ...], str]:
        """The lexicon's readings of a word, and whether it is read as a verb, noun or
        adjective."""
        onto = self.onto
        lemma = token.lemma_.lower()
        pos = token.pos_
        if pos == "VERB" and token.dep_ == "amod":
            return (), "verb"  # "the visiting minister": a description, not an act
        if pos == "VERB" and token.lower_ in onto.adjectives and _stative(token):
            return onto.adjectives[token.lower_], "adjective"  # "is opposed to", "is ready to"
        if pos == "VERB":
            readings = onto.verbs.get(lemma) or onto.verbs.get(token.lower_, ())
            if not readings and token.tag_ == "VBN":
                return onto.adjectives.get(token.lower_, ()), "adjective"
            return readings, "verb"
        if pos in ("NOUN", "PROPN"):
            if token.dep_ == "compound" or token.ent_type_ in ("ORG", "GPE", "PERSON", "NORP"):
                return (), "noun"
            return onto.nouns.get(token.lower_) or onto.nouns.get(lemma, ()), "noun"
        if pos == "ADJ":
            return onto.adjectives.get(token.lower_, ()), "adjective"
        return (), ""

    def _reported_demand(self, verb: Token, index: MentionIndex) -> Trigger | None:
        """A saying verb whose reported clause says someone must act ("said Y must leave"); a
        clause quoted word for word is the quoted demand (its verb the trigger) instead."""
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.onto.assertion_verbs:
            return None
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
            if aux & self.onto.demand_modals and not negated(clause):
                quote = index.quote_at(clause)
                if quote is not None and quote.kind == "direct":
                    return None
                return Trigger(verb, DEMAND, "demand", verb)
        return None

    def _quoted_demand(self, verb: Token, index: MentionIndex) -> Trigger | None:
        """A quoted speaker saying another must act ("'The minister should resign,' X said"):
        a demand by the speaker on the clause's subject, as a reported one would be."""
        if verb.pos_ != "VERB":
            return None
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if not aux & self.onto.demand_modals or negated(verb):
            return None
        quote = index.quote_at(verb)
        if quote is None or quote.kind != "direct":
            return None
        agent = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if agent is None or agent.lower_ in FIRST_PERSON or not index.actors(agent):
            return None
        return Trigger(verb, DEMAND, "quoted", verb)

    def _quoted_wrong(self, verb: Token, index: MentionIndex) -> Trigger | None:
        """A quoted speaker saying another did wrong ("'They deceived us,' X said"): an
        accusation by the speaker of the clause's subject."""
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.onto.wrongdoing or negated(verb):
            return None
        quote = index.quote_at(verb)
        if quote is None or quote.kind != "direct":
            return None
        speaker = index.speaker(quote)
        agent = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if speaker is None or agent is None or agent.lower_ in FIRST_PERSON:
            return None
        if not [p for p in index.actors(agent) if not same_actor(p, [speaker])]:
            return None
        return Trigger(verb, ACCUSATION, "quoted", verb)

    def _reported_wrong(self, verb: Token, index: MentionIndex) -> Trigger | None:
        """A saying verb whose reported clause says another did wrong ("X said Y lied"): an
        accusation by the speaker of the clause's subject (a clause quoted word for word is
        the quoted accusation instead)."""
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.onto.assertion_verbs:
            return None
        for clause in verb.children:
            if (
                clause.dep_ != "ccomp"
                or clause.lemma_.lower() not in self.onto.wrongdoing
                or negated(clause)
            ):
                continue
            quote = index.quote_at(clause)
            if quote is not None and quote.kind == "direct":
                return None
            speaker = index.actors(subject(verb)[0])
            agent = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
            accused = [p for p in index.actors(agent) if not same_actor(p, speaker)]
            if speaker and accused:
                inner = Trigger(clause, ACCUSATION, "verb", clause)
                return Trigger(verb, ACCUSATION, "accusation", verb, [inner])
        return None

    def _container(self, trigger: Trigger, found: dict[int, Trigger]) -> Trigger | None:
        """The trigger whose complement (object, "for" phrase, infinitive) this one is."""
        token = trigger.token
        head = token.head
        if token.dep_ in ("dobj", "nsubjpass") and head.i in found:
            return found[head.i] if head.i != token.i else None
        if token.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.i in found:
            container = found[head.head.i]
            if container.kind == "verb" and head.lower_ in ("for", "to", "of"):
                return container
            if container.kind == "noun" and head.lower_ == "of":
                return container  # "the suspension of aid", "the threat of an attack"
        if token.dep_ in ("xcomp", "ccomp") and head.i in found and found[head.i].reading.embeds:
            return found[head.i]
        if token.dep_ in ("acl", "ccomp") and head.i in found and found[head.i].kind == "noun":
            container = found[head.i]  # "its demand that X lift the blockade"
            if self.plover_of(container) in _CONTAINING:
                return container
        if token.dep_ == "ccomp":  # "repeated its demand that ...", parsed as the verb's clause
            for sibling in head.children:
                container = found.get(sibling.i) if sibling.dep_ in OBJECTS else None
                if (
                    container is not None
                    and container.kind == "noun"
                    and self.plover_of(container) in _CONTAINING
                ):
                    return container
        return self._enclosing(trigger, found)

    def _enclosing(self, trigger: Trigger, found: dict[int, Trigger]) -> Trigger | None:
        """A quoted or reported demand whose clause holds the trigger, or the embedding
        trigger of a nominal act's light verb."""
        for ancestor in trigger.token.ancestors:
            quoted = found.get(ancestor.i)
            if quoted is not None and quoted.kind == "quoted" and quoted.reading.embeds:
                return quoted  # a quoted demand: "'X should hold talks with Y,' Z said"
            if ancestor.dep_ == "ccomp" and ancestor.head.i in found:
                container = found[ancestor.head.i]
                if container.kind == "demand" and container is not trigger:
                    return container
                break
        if trigger.kind == "noun" and trigger.predicate is not trigger.token:
            pred = trigger.predicate
            if pred.dep_ == "xcomp" and pred.head.i in found and found[pred.head.i].reading.embeds:
                return found[pred.head.i]
        return None


def judged(verb: Token, onto: Ontology) -> Token | None:
    """What a judgment passed by this verb is on, if the verb passes one ("called Y's
    remarks reckless", "said Y's plan would be destructive"): the object or the subject of
    the reported clause, when its predicate (or an adjective of it) is a judgment word."""
    if verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    if lemma in onto.judging_verbs:
        target = next((c for c in verb.children if c.dep_ in OBJECTS), None)
        predicates = [c for c in verb.children if c.dep_ == "oprd"]
        predicates += [pobj(c) for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
        if not predicates and target is not None:  # the predicate misparsed as an adjective
            # or apposition after the object ("called X's remarks reckless", "... 'a stunt'")
            predicates = [
                c for c in target.children if c.dep_ in ("amod", "appos") and c.i > target.i
            ]
    elif lemma in onto.assertion_verbs:
        clause = next(
            (c for c in verb.children if c.dep_ == "ccomp" and c.lemma_.lower() == "be"), None
        )
        if clause is None or negated(clause):
            return None
        target = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        predicates = [c for c in clause.children if c.dep_ in ("acomp", "attr")]
    else:
        return None
    if target is None:
        return None
    words = [
        w
        for p in predicates
        if p is not None
        for w in (p, *p.conjuncts, *(c for c in p.children if c.dep_ == "amod"))
    ]
    if any(w.lemma_.lower() in onto.judgments or w.lower_ in onto.judgments for w in words):
        return target
    return None


def applies(token: Token, reading: Reading, index: MentionIndex) -> bool:
    """Whether the conditions of a reading hold for this word (see ``triggers.yaml``)."""
    children = list(token.children)
    if token.pos_ in ("NOUN", "PROPN"):  # a noun's theme is its "of" phrase
        objects = [o for c in children if c.dep_ == "prep" and c.lower_ == "of" if (o := pobj(c))]
    else:  # the object, or the subject of a passive
        objects = [c for c in children if c.dep_ in OBJECTS or c.dep_ == "nsubjpass"]
    if reading.obj and not any(_theme_words(o) & reading.obj for o in objects):
        return False
    if reading.actor_obj:  # "allowed X to", parsed with X as object or as subject of the clause
        clauses = [c for c in children if c.dep_ in ("xcomp", "ccomp")]
        subjects = [g for c in clauses for g in c.children if g.dep_ in SUBJECTS]
        if not any(index.actors(o) for o in [*objects, *subjects]):
            return False
    if reading.prep:
        direct = [c for c in children if c.dep_ in OBJECTS]
        candidates = children + [g for o in direct for g in o.children]
        if not any(
            c.dep_ in ("prep", "prt", "agent") and c.lower_ in reading.prep and not _dated(c)
            for c in candidates
        ):
            return False
    if reading.mods and not any(
        c.dep_ in MODIFIERS and (c.lemma_.lower() in reading.mods or c.lower_ in reading.mods)
        for c in children
    ):
        return False
    if reading.under and not (token.dep_ in OBJECTS and token.head.lemma_.lower() in reading.under):
        return False
    return not reading.comp or any(c.dep_ in ("xcomp", "ccomp") for c in children)


def light_verb(noun: Token, onto: Ontology) -> Token | None:
    """The light verb a nominal event is the object of ("held talks", "imposed sanctions")."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and verb_lemmas(head) & onto.light_verbs:
        return head
    if (
        noun.dep_ == "pobj"
        and verb_lemmas(head.head) & onto.light_verbs
        and head.lower_ in ("on", "in", "for")
    ):
        return head.head  # "went on strike", "sat down for talks"
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in ("dobj", "nsubjpass"):
        measure = head.head  # "held a further round of talks"
        if verb_lemmas(measure.head) & onto.light_verbs:
            return measure.head
    return None


def nested(trigger: Trigger) -> list[Trigger]:
    """The acts in a trigger's complement, and in theirs, nearest first."""
    found: list[Trigger] = []
    seen = {trigger.token.i}
    level = trigger.absorbed
    while level:
        level = [t for t in level if t.token.i not in seen]
        seen.update(t.token.i for t in level)
        found += level
        level = [inner for t in level for inner in t.absorbed]
    return found


def says_again(trigger: Trigger, words: frozenset[str]) -> bool:
    """Whether the act is marked as a repetition ("another test missile", "tested again")."""
    token = trigger.token
    near = [*token.children, *(g for c in token.children if c.dep_ in OBJECTS for g in c.children)]
    return any(t.lower_ in words for t in near)


def _dated(prep: Token) -> bool:
    """A preposition that gives a time, not an argument ("called on Sunday")."""
    obj = pobj(prep)
    return obj is not None and obj.ent_type_ in ("DATE", "TIME")


def _theme_words(noun: Token) -> set[str]:
    """Words that name what an object is: its head, the nouns compounded with it ("aid
    deliveries": aid), and for a part ("part of the aid program") what it is part of."""
    words = {noun.lemma_.lower(), noun.lower_}
    words.update(c.lemma_.lower() for c in noun.children if c.dep_ == "compound")
    if noun.lemma_.lower() in _PARTITIVES:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = pobj(of) if of is not None else None
        if inner is not None:
            words |= _theme_words(inner)
    return words


def _stative(verb: Token) -> bool:
    """A participle used as an adjective after "be" ("X is committed to ...")."""
    return verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.lemma_.lower() == "be" for c in verb.children
    )
