"""Sources and targets of a trigger, read from the dependency parse.

Sources come from the subject, a passive's agent, a possessive or modifier ("U.S. draft"), the
clause a nominal event sits in ("in a phone call with X, Y said": Y), the reporter of a reported
pronoun ("X said it had expelled ..."), the author of a proposal ("the draft would ban ..."), the
issuer of a statement, or the speaker of a quote for "we"/"I". Targets come from a reading's own
prepositions, the object, "with/against/on/to/at/from/of" phrases, the subject of a complement
clause, the object of a commitment's complement, the subject of a threat's condition, and what a
participle describes. Only actors the actors stage resolved are used (see
:class:`~tidings.events.mentions.MentionIndex`).
"""

from __future__ import annotations

from spacy.tokens import Token

from tidings.events import factuality
from tidings.events.mentions import MentionIndex, coded, same_mention
from tidings.events.ontology import Ontology
from tidings.events.triggers import FIRST_PERSON, Trigger, judged, nested
from tidings.model import Participant
from tidings.syntax import (
    MODIFIERS,
    OBJECTS,
    SUBJECTS,
    direct_object,
    pobj,
    reporting_verb,
    subject,
)

#: Prepositions that introduce the other side of an event.
_TARGET_PREPS = frozenset(
    {"with", "against", "on", "upon", "to", "at", "into", "toward", "towards", "from", "of", "over"}
)
#: Prepositions after which a nominal event belongs to the clause's subject
#: ("in a phone call with X, Y said").
_SETTING_PREPS = frozenset({"in", "after", "during", "at", "following", "before", "since", "amid"})
_THIRD_PERSON = frozenset({"it", "they", "he", "she"})
_DEMONSTRATIVES = frozenset({"this", "that", "it", "these"})
#: Dependencies of a clause that reports what its subject said ("X said it would ...").
_REPORTED = ("ccomp", "xcomp", "conj")

Sides = tuple[list[Participant], list[Participant], float]


class ArgumentFinder:
    """Reads the sides of a trigger from the parse (see the module docstring)."""

    def __init__(self, ontology: Ontology, cues: factuality.Cues) -> None:
        self.onto = ontology
        self.cues = cues

    def event_sides(
        self, trigger: Trigger, index: MentionIndex, implicit: list[Participant] | None = None
    ) -> Sides:
        """The coded sides of an event: the trigger's own, else those of the acts nested in it
        ("declined an offer to negotiate with X": X); a quote's speaker for "we"; the addressee
        of a threat's condition; ``implicit`` (found elsewhere) for an agentless act."""
        sources, targets, confidence = self.find(trigger, index)
        if implicit and not sources:
            sources, confidence = implicit, 0.6
        plover = self.onto.plover_type(trigger.reading)
        for inner in nested(trigger):
            if not targets:
                inner_sources, inner_targets, _ = self.find(inner, index)
                inner_sources = [p for p in inner_sources if not same_mention(p, sources)]
                if plover == "REQUEST":  # asked of the one who is to act
                    targets = inner_sources or inner_targets
                else:
                    targets = inner_targets or inner_sources
        quote = index.quote_at(trigger.token)
        if quote is not None and first_person_agent(trigger):
            speaker = index.speaker(quote)
            if speaker is not None:
                sources = [speaker]
                confidence = min(confidence, 0.8)
        if plover == "THREATEN":  # addressed to whom the condition names
            targets = index.actors(condition_subject(trigger)) or targets
        sources = [p for p in sources if coded(p)]
        targets = [p for p in targets if coded(p) and not same_mention(p, sources)]
        return sources, targets, confidence

    def find(self, trigger: Trigger, index: MentionIndex) -> Sides:
        """Sources, targets and the confidence of the reading of them."""
        token = trigger.token
        if trigger.kind == "adjective":
            return (*self._adjective_arguments(trigger, index), 0.9)
        if trigger.kind == "accusation":
            accuser = index.actors(subject(token)[0])
            return accuser, self.find(trigger.absorbed[0], index)[0], 0.8
        if trigger.kind == "judgment":
            return index.actors(subject(token)[0]), index.actors(judged(token, self.onto)), 0.8
        if trigger.kind == "quoted":
            quote = index.quote_at(token)
            speaker = index.speaker(quote) if quote is not None else None
            agent = next((c for c in token.children if c.dep_ in SUBJECTS | {"nsubjpass"}), None)
            return [speaker] if speaker is not None else [], index.actors(agent), 0.8
        if trigger.kind == "demand":
            speaker, _ = subject(token)
            clause = next(c for c in token.children if c.dep_ == "ccomp")
            addressee = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return index.actors(speaker), index.actors(addressee), 0.8
        if trigger.kind == "noun":
            return self._nominal_sides(trigger, index)
        sources, confidence = self._verb_sources(token, index)
        return sources, self._verb_targets(trigger, sources, index), confidence

    def _nominal_sides(self, trigger: Trigger, index: MentionIndex) -> Sides:
        """A nominal act's own sides ("China's talks with X"), else its light verb's."""
        sources, targets = self._noun_arguments(trigger.token, index)
        confidence = 0.9
        if trigger.predicate is not trigger.token:
            if not sources:
                agent, inherited = subject(trigger.predicate)
                sources = index.actors(agent)
                confidence = 0.75 if inherited else 0.85
            if not targets:
                targets = self.prep_targets(trigger.predicate, index)
        return sources, targets, confidence

    def _verb_sources(self, verb: Token, index: MentionIndex) -> tuple[list[Participant], float]:
        """The agent of a verb trigger and the confidence of the reading of it."""
        agent, inherited = subject(verb)
        sources = self._authored(agent, index)
        if not sources and agent is not None and agent.lower_ in _THIRD_PERSON:
            sources = index.actors(self._reporter(verb))
        if not sources and verb.dep_ == "acl":
            sources = index.actors(self._issuer(verb.head))
        if not sources and agent is not None and self.is_attack(agent):
            sources = self._noun_arguments(agent, index)[0]  # "U.S. air strikes killed ..."
        if inherited or (sources and agent is not None and agent.lower_ in _THIRD_PERSON):
            return sources, 0.8
        return sources, 0.9

    def _verb_targets(
        self, trigger: Trigger, sources: list[Participant], index: MentionIndex
    ) -> list[Participant]:
        """The other side of a verb trigger, first found of the places it may be named."""
        token = trigger.token
        own_object = (  # what troops withdraw is no target; whom a release frees is
            self.onto.plover_type(trigger.reading) not in self.onto.object_not_target
            or trigger.reading.mode == "release"
        )
        side = trigger.reading.side  # "extradited X to France": France, before the object
        targets = self.prep_targets(token, index, only=side) if side else []
        if not targets and own_object:
            targets = index.actors(direct_object(token))
        own_countries = {p.actor.country for p in sources if p.actor is not None}
        if targets and all(p.actor and p.actor.country in own_countries for p in targets):
            # "pulled its troops out of X": the source's own people are not the other side
            # when a preposition names one
            targets = self.prep_targets(token, index) or targets
        if not targets and token.dep_ == "acl" and token.tag_ == "VBN":
            # "a deployment opposed by China": what the participle describes
            described = token.head
            targets = index.actors(described) or (
                index.actors(described.head) if described.dep_ == "appos" else []
            )
        if not targets:
            targets = self.prep_targets(token, index)
        complement = next((c for c in token.children if c.dep_ in ("ccomp", "xcomp")), None)
        if not targets and complement is not None:
            targets = self._complement_targets(trigger, complement, own_countries, index)
        return targets

    def _complement_targets(
        self, trigger: Trigger, complement: Token, own: set[str | None], index: MentionIndex
    ) -> list[Participant]:
        """The other side named in a complement clause: its subject ("agrees that the council
        should"), the agent of its passive, or for a commitment its object ("vowed to shield
        Dutch nationals")."""
        agent = next((c for c in complement.children if c.dep_ in SUBJECTS | {"nsubjpass"}), None)
        targets = index.actors(agent)
        by = next((c for c in complement.children if c.dep_ == "agent"), None)
        if not targets and by is not None:  # "alleged the raids were ordered by Y"
            targets = index.actors(pobj(by))
        if not targets and trigger.reading.embeds:
            targets = index.actors(direct_object(complement)) or self.prep_targets(
                complement, index
            )
            targets = [p for p in targets if p.actor and p.actor.country not in own]
        return targets

    def _issuer(self, statement: Token) -> Token | None:
        """Who issued a statement ("X released a communique urging ...": X), if it is one."""
        verb = statement.head
        if (
            statement.lemma_.lower() in self.onto.statements
            and statement.dep_ in OBJECTS
            and verb.lemma_.lower() in self.onto.issuing_verbs
        ):
            return subject(verb)[0]
        return None

    def _reporter(self, verb: Token) -> Token | None:
        """The subject of the saying verb that reports this clause ("X said it would ...")."""
        speech = reporting_verb(verb, self.onto.assertion_verbs, through=_REPORTED)
        return subject(speech)[0] if speech is not None else None

    def _adjective_arguments(
        self, trigger: Trigger, index: MentionIndex
    ) -> tuple[list[Participant], list[Participant]]:
        """ "X is unacceptable to Y": Y is the source, X (or whoever authored X) the target;
        "X is opposed to Y": X is the source, Y the target."""
        token = trigger.token
        reading = trigger.reading
        preps = {c.lower_: c for c in token.children if c.dep_ == "prep"}
        holder = token.head if token.dep_ == "acomp" else token
        passive = next((c for c in holder.children if c.dep_ == "nsubjpass"), None)
        holder_subject = passive if passive is not None else subject(holder)[0]
        if reading.experiencer in preps:
            experiencer = index.actors(pobj(preps[reading.experiencer]))
            return experiencer, self._authored(holder_subject, index)
        sources = self._authored(holder_subject, index)
        if not sources and holder_subject is not None and holder_subject.lower_ in _THIRD_PERSON:
            sources = index.actors(self._reporter(holder))  # "X says it stands ready to"
        content = next((preps[p] for p in reading.prep if p in preps), None)
        return sources, self._authored(pobj(content), index) if content is not None else []

    def _authored(self, token: Token | None, index: MentionIndex) -> list[Participant]:
        """Actors of a phrase; for a proposal ("the draft", "this"), whoever put it forward."""
        if token is None:
            return []
        found = index.actors(token)
        if found:
            return found
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = pobj(of) if of is not None else None
        for candidate in (token, inner):
            if candidate is not None and (
                candidate.lemma_.lower() in self.cues.documents
                or candidate.lower_ in _DEMONSTRATIVES
            ):
                return self._document_author(candidate, index)
        return []

    def _document_author(self, token: Token, index: MentionIndex) -> list[Participant]:
        """The actor named on the nearest earlier proposal ("a French draft text")."""
        doc = token.doc
        earliest = token.sent.start
        for _ in range(3):
            if earliest == 0:
                break
            earliest = doc[earliest - 1].sent.start
        for i in range(token.i - 1, earliest - 1, -1):
            candidate = doc[i]
            if candidate.lemma_.lower() not in self.cues.documents:
                continue
            for noun in (candidate, candidate.head):
                for child in noun.children:
                    if child.dep_ in MODIFIERS:
                        found = index.actors(child)
                        if found:
                            return found
        return []

    def _noun_arguments(
        self, noun: Token, index: MentionIndex
    ) -> tuple[list[Participant], list[Participant]]:
        """The sides a nominal act names itself: owner or modifier, "by"/"between" phrases as
        sources, the first "with/against/of ..." phrase as target."""
        sources: list[Participant] = []
        targets: list[Participant] = []
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and not sources:
                sources = index.actors(child)
            elif child.dep_ == "prep":
                word = child.lower_
                if word == "by" or word == "from":
                    sources = index.actors(pobj(child)) or sources
                elif word == "between" or word == "among":
                    sources = index.actors(pobj(child))
                elif word in _TARGET_PREPS and not targets:
                    theme = pobj(child)
                    targets = index.actors(theme)
                    if not targets and word == "of" and theme is not None:
                        # "a halt of flights to X": the other side of the theme
                        targets = self.prep_targets(theme, index)
        if noun.dep_ == "pobj" and noun.head.lower_ in _SETTING_PREPS and not sources:
            verb = noun.head.head
            if verb.dep_ in OBJECTS and verb.lemma_.lower() in self.onto.talk_outcomes:
                verb = verb.head  # "reported progress in the negotiations"
            if verb.pos_ in ("VERB", "AUX"):
                sources = index.actors(subject(verb)[0])
        return sources, targets

    def prep_targets(
        self, verb: Token, index: MentionIndex, only: frozenset[str] | None = None
    ) -> list[Participant]:
        """The other side from a preposition of the verb or of its object (``only`` those of a
        reading's ``side``: "sought asylum in Germany"); a "by" phrase of a nominal object names
        that act's agent ("rejected calls by X for aid")."""
        objects = [c for c in verb.children if c.dep_ in OBJECTS]
        for child in [*verb.children, *(g for o in objects for g in o.children)]:
            by_agent = child.head.i != verb.i and child.lower_ == "by"
            if only is not None:
                wanted = child.lower_ in only
            else:
                wanted = child.lower_ in _TARGET_PREPS or by_agent
            if child.dep_ in ("prep", "dative", "agent") and wanted:
                found = index.actors(pobj(child))
                if found:
                    return found
        return []

    def names_agent(self, trigger: Trigger) -> bool:
        """Whether the text names who acted, coded or not ("gunmen opened fire", "an attack by
        militants"), as against an act with no agent word ("the embassy bombing")."""
        token = trigger.token
        words = [subject(trigger.predicate)[0]]
        if trigger.kind == "noun":  # "the militants' raid", "a raid by militants"
            words += [c for c in token.children if c.dep_ == "poss"]
            words += [pobj(c) for c in token.children if c.dep_ == "prep" and c.lower_ == "by"]
        return any(w is not None and w.pos_ in ("NOUN", "PROPN") for w in words)

    def violent_cause(self, trigger: Trigger) -> bool:
        """Whether a killing is caused by an attack: its subject ("a roadside bombing killed
        ...") or the act it happened in ("died in a drone strike")."""
        verb = trigger.token
        causes = [subject(verb)[0]]
        causes += [pobj(c) for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"]
        return any(
            cause is not None
            and cause.lemma_.lower() not in self.onto.mutual_combat
            and self.is_attack(cause)
            for cause in causes
        )

    def is_attack(self, noun: Token) -> bool:
        """Whether a noun names an attack ("bombing", "air strikes")."""
        readings = self.onto.nouns.get(noun.lower_) or self.onto.nouns.get(noun.lemma_.lower())
        return any(self.onto.plover_type(r) == "ASSAULT" for r in readings or ())


def condition_subject(trigger: Trigger) -> Token | None:
    """Whom a threat is addressed to: the subject of its condition ("X threatened to stop the
    talks if Y went ahead": Y)."""
    clauses = [trigger.predicate, *trigger.predicate.children]
    clauses += [inner.token for inner in trigger.absorbed]
    for clause in clauses:
        for child in clause.children:
            if child.dep_ != "advcl":
                continue
            if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children):
                return subject(child)[0]
    return None


def first_person_agent(trigger: Trigger) -> bool:
    """Whether the act's agent is the speaker ("we will attack", "our talks")."""
    token = trigger.token
    if trigger.kind == "noun":
        if any(c.dep_ == "poss" and c.lower_ in FIRST_PERSON for c in token.children):
            return True
        if trigger.predicate is token:
            return False
    agent, _ = subject(trigger.predicate)
    return agent is not None and agent.lower_ in FIRST_PERSON
