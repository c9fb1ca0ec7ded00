"""The ``events`` stage: PLOVER events with CAMEO codes, dyads, places and factuality.

For each sentence of the spaCy parse the stage finds triggers (verbs, event nouns and a few
adjectives from ``data/events/triggers.yaml``, reported demands, and judgments passed on
another's act, which are criticisms), reads source and target from the syntax
(subject/object, passive agent, "with"/"against"/"on"/"to" phrases, possessives, coordination),
takes actors only from the actors stage's mentions, attributes events said inside a quote through
the quote's speaker, and labels each event's factuality with :mod:`tidings.events.factuality`.
Acts in the complement of another trigger ("called for talks", "agreed to meet") refine that
trigger's CAMEO code instead of becoming events of their own. Dates are left to ``dating``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from tidings import isolation
from tidings.config import PipelineConfig
from tidings.events import factuality
from tidings.events.ontology import Ontology, Reading, load
from tidings.model import Actor, Article, Event, Mention, Participant, Quote

_SUBJECTS = frozenset({"nsubj", "csubj"})
_OBJECTS = frozenset({"dobj", "dative", "obj"})
#: Dependencies through which the parser may hang a passive's "by" phrase on its complement.
_STRAY_AGENT_PATH = frozenset({"xcomp", "prep", "pobj"})
_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod"})
#: Prepositions that introduce the other side of an event.
_TARGET_PREPS = frozenset(
    {"with", "against", "on", "upon", "to", "at", "into", "toward", "towards", "from", "of", "over"}
)
#: Prepositions after which a nominal event belongs to the clause's subject
#: ("in a phone call with X, Y said").
_SETTING_PREPS = frozenset({"in", "after", "during", "at", "following", "before", "since", "amid"})
#: Acts that one side can allege another carried out.
_ALLEGEABLE = frozenset({"ASSAULT", "COERCE"})
_ACCUSERS = frozenset({"GOV", "MIL", None})
#: Types of noun triggers whose complement clause is their content ("a demand that ...").
_CONTAINING = frozenset({"REQUEST", "AGREE", "THREATEN", "REJECT", "ACCUSE"})
_THIRD_PERSON = frozenset({"it", "they", "he", "she"})
_DEMONSTRATIVES = frozenset({"this", "that", "it", "these"})
_FIRST_PERSON = frozenset({"we", "i", "us", "our", "my", "me"})
#: Verbs whose object is also the subject of their complement ("urged X to withdraw").
_OBJECT_CONTROL = frozenset(
    {"urge", "ask", "call", "press", "order", "invite", "allow", "force", "tell"}
)
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
#: Sectors of a state's armed forces and police.
_FORCES = frozenset({"MIL", "COP"})
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


class EventStage:
    """Detect and code events in an article (see the module docstring)."""

    name = "events"
    requires: tuple[str, ...] = ("mentions",)
    reads: tuple[str, ...] = ("places", "quotes")
    assigns: tuple[str, ...] = ("events",)

    def __init__(self, ontology: Ontology, cues: factuality.Cues) -> None:
        self.onto = ontology
        self.cues = cues
        self.demand_reading = Reading(cameo="100", embeds="proposed")
        self.accusation = Reading(cameo="112")
        self.judgment_reading = Reading(cameo="111")

    # -- entry point ------------------------------------------------------------------

    def __call__(self, article: Article, doc: Doc) -> None:
        index = _MentionIndex(article, doc)
        coded: list[tuple[Span, Trigger, Event | None]] = []
        for sent in doc.sents:
            with isolation.expression(article, self.name, sent.start_char, sent.end_char):
                for trigger in self._accusations(self._triggers(sent, index), index):
                    coded.append((sent, trigger, self._code(article, index, sent, trigger)))
        # An act the text refers back to as happening again ("may fire another test missile")
        # names the agent of an earlier agentless mention of the same kind ("the nuclear test").
        repeated = self._repeated_agents([(t, e) for _, t, e in coded if e is not None], index)
        seen: set[tuple] = set()
        for sent, trigger, event in coded:
            if event is None and trigger.kind == "noun":
                agents = repeated.get(trigger.token.i)
                if agents:
                    event = self._code(article, index, sent, trigger, implicit=agents)
            if event is None:
                continue
            key = (
                event.type,
                event.factuality,
                event.sentence.start,
                tuple(sorted(_codes(event.sources))),
                tuple(sorted(_codes(event.targets))),
            )
            if key in seen:
                continue
            seen.add(key)
            event.id = f"{article.id}-e{len(article.events) + 1}"
            article.events.append(event)

    def _accusations(self, triggers: list[Trigger], index: _MentionIndex) -> list[Trigger]:
        """An attack or arrest that one side *says* another carried out is an accusation by the
        first ("Armenia said Azerbaijani forces had shelled villages"), not an established act."""
        out = []
        for trigger in triggers:
            if self.onto.plover_type(trigger.reading) not in _ALLEGEABLE:
                out.append(trigger)
                continue
            speech = self._reporting_verb(trigger.predicate)
            if speech is not None and speech.i > trigger.token.i:
                speech = None  # "..., military sources said": attribution of a reported fact
            accused = self._arguments(trigger, index)[0] if speech is not None else []
            accuser = index.actors(_subject(speech)[0]) if speech is not None else []
            accused_countries = {p.actor.country for p in accused if _coded(p)}
            accuser_countries = {  # a government or army speaking, not police or witnesses
                p.actor.country for p in accuser if _coded(p) and p.actor.sector in _ACCUSERS
            }
            disputed = accused_countries and not accused_countries & accuser_countries
            if accuser_countries and disputed:
                out.append(Trigger(speech, self.accusation, "accusation", speech, [trigger]))
            else:
                out.append(trigger)
        return out

    def _reporting_verb(self, verb: Token) -> Token | None:
        """The saying verb whose reported clause this verb heads, if any."""
        current = verb
        for _ in range(3):
            if current.dep_ not in ("ccomp", "conj") or current.head is current:
                return None
            current = current.head
            if current.lemma_.lower() in self.onto.speech_verbs:
                return current
        return None

    def _repeated_agents(
        self, coded: list[tuple[Trigger, Event]], index: _MentionIndex
    ) -> dict[int, list[Participant]]:
        """Token index of each earlier act of the same CAMEO code -> the agent of a repetition."""
        found: dict[int, list[Participant]] = {}
        for trigger, event in coded:
            if not event.sources or not _says_again(trigger, self.onto.repetition):
                continue
            doc = trigger.token.doc
            for token in doc[: trigger.token.i]:
                earlier = self._match(token, index)
                if earlier is not None and earlier.reading.cameo == trigger.reading.cameo:
                    found.setdefault(token.i, list(event.sources))
        return found

    # -- detection --------------------------------------------------------------------

    def _triggers(self, sent: Span, index: _MentionIndex) -> list[Trigger]:
        found: dict[int, Trigger] = {}
        for token in sent:
            trigger = self._match(token, index)
            if trigger is not None:
                found[token.i] = trigger
        for token in sent:
            if token.pos_ != "VERB":  # statements and judgments are verbs
                continue
            demand = (
                self._reported_demand(token, index)
                or self._quoted_demand(token, index)
                or self._reported_wrong(token, index)
                or self._quoted_wrong(token, index)
            )
            if demand is not None and token.i not in found:
                found[token.i] = demand
            elif demand is not None and demand.kind == "quoted":
                demand.absorbed.append(found[token.i])  # "'Russia must withdraw,' X said"
                found[token.i] = demand
            elif token.i not in found and self._judged(token) is not None:
                found[token.i] = Trigger(token, self.judgment_reading, "judgment", token)
        # Acts inside the complement of another trigger refine it instead of standing alone.
        # Containers are found before any is removed, so that nested acts stay nested ("turned
        # down an invitation to meet with X").
        containers = {i: self._container(trigger, found) for i, trigger in found.items()}
        for i, container in containers.items():
            if container is not None:
                container.absorbed.append(found[i])
        for i, container in containers.items():
            if container is not None:
                del found[i]
        return sorted(found.values(), key=lambda t: t.token.i)

    def _match(self, token: Token, index: _MentionIndex) -> Trigger | None:
        lemma = token.lemma_.lower()
        pos = token.pos_
        if pos == "VERB" and token.dep_ == "amod":
            return None  # "the visiting minister": a description, not an act
        if pos == "VERB" and token.lower_ in self.onto.adjectives and _stative(token):
            readings = self.onto.adjectives[token.lower_]  # "is opposed to", "is prepared to"
            kind = "adjective"
        elif pos == "VERB":
            readings = self.onto.verbs.get(lemma) or self.onto.verbs.get(token.lower_, ())
            kind = "verb"
        elif pos in ("NOUN", "PROPN"):
            if token.dep_ == "compound" or token.ent_type_ in ("ORG", "GPE", "PERSON", "NORP"):
                return None
            readings = self.onto.nouns.get(token.lower_) or self.onto.nouns.get(lemma, ())
            kind = "noun"
        elif pos == "ADJ" or (pos == "VERB" and token.tag_ == "VBN"):
            readings = self.onto.adjectives.get(token.lower_, ())
            kind = "adjective"
        else:
            return None
        if pos == "VERB" and not readings and token.tag_ == "VBN":
            readings = self.onto.adjectives.get(token.lower_, ())
            kind = "adjective"
        for reading in readings:
            if _applies(token, reading, index):
                predicate = token if kind != "noun" else _light_verb(token, self.onto) or token
                return Trigger(token, reading, kind, predicate)
        return None

    def _reported_demand(self, verb: Token, index: _MentionIndex) -> Trigger | None:
        """A saying verb whose reported clause says someone must act ("said Y must leave"); a
        clause quoted word for word is the quoted demand (its verb the trigger) instead."""
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.onto.speech_verbs:
            return None
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
            negated = any(c.dep_ == "neg" for c in clause.children)
            if aux & self.onto.demand_modals and not negated:
                quote = index.quote_at(clause)
                if quote is not None and quote.kind == "direct":
                    return None
                return Trigger(verb, self.demand_reading, "demand", verb)
        return None

    def _quoted_demand(self, verb: Token, index: _MentionIndex) -> Trigger | None:
        """A quoted speaker saying another must act ("'The minister should resign,' X said"):
        a demand by the speaker on the clause's subject, as a reported one would be."""
        if verb.pos_ != "VERB":
            return None
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if not aux & self.onto.demand_modals or any(c.dep_ == "neg" for c in verb.children):
            return None
        quote = index.quote_at(verb)
        if quote is None or quote.kind != "direct":
            return None
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in _FIRST_PERSON or not index.actors(subject):
            return None
        return Trigger(verb, self.demand_reading, "quoted", verb)

    def _quoted_wrong(self, verb: Token, index: _MentionIndex) -> Trigger | None:
        """A quoted speaker saying another did wrong ("'They lied to us. Tehran lied,' X
        said"): an accusation by the speaker of the clause's subject."""
        if (
            verb.pos_ != "VERB"
            or verb.lemma_.lower() not in self.onto.wrongdoing
            or any(c.dep_ == "neg" for c in verb.children)
        ):
            return None
        quote = index.quote_at(verb)
        if quote is None or quote.kind != "direct":
            return None
        speaker = index.speaker(quote)
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if speaker is None or subject is None or subject.lower_ in _FIRST_PERSON:
            return None
        if not [p for p in index.actors(subject) if not _same_actor(p, [speaker])]:
            return None
        return Trigger(verb, self.accusation, "quoted", verb)

    def _reported_wrong(self, verb: Token, index: _MentionIndex) -> Trigger | None:
        """A saying verb whose reported clause says another did wrong ("X said Y lied"): an
        accusation by the speaker of the clause's subject (a clause quoted word for word is
        the quoted accusation instead)."""
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.onto.speech_verbs:
            return None
        for clause in verb.children:
            if (
                clause.dep_ != "ccomp"
                or clause.lemma_.lower() not in self.onto.wrongdoing
                or any(c.dep_ == "neg" for c in clause.children)
            ):
                continue
            quote = index.quote_at(clause)
            if quote is not None and quote.kind == "direct":
                return None
            speaker = index.actors(_subject(verb)[0])
            subject = next((c for c in clause.children if c.dep_ in _SUBJECTS), None)
            accused = [p for p in index.actors(subject) if not _same_actor(p, speaker)]
            if speaker and accused:
                inner = Trigger(clause, self.accusation, "verb", clause)
                return Trigger(verb, self.accusation, "accusation", verb, [inner])
        return None

    def _judged(self, verb: Token) -> Token | None:
        """What a judgment passed by this verb is on, if the verb passes one ("called Y's
        remarks reckless", "said Y's plan would be destructive"): the object or the subject of
        the reported clause, when its predicate (or an adjective of it) is a judgment word."""
        if verb.pos_ != "VERB":
            return None
        lemma = verb.lemma_.lower()
        if lemma in self.onto.judging_verbs:
            judged = next((c for c in verb.children if c.dep_ in _OBJECTS), None)
            predicates = [c for c in verb.children if c.dep_ == "oprd"]
            predicates += [_pobj(c) for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
            if not predicates and judged is not None:  # the predicate misparsed as an
                # adjective or apposition after the object ("called X's manoeuvres reckless",
                # "called X's speech 'a stunt'")
                predicates = [
                    c for c in judged.children if c.dep_ in ("amod", "appos") and c.i > judged.i
                ]
        elif lemma in self.onto.speech_verbs:
            clause = next(
                (c for c in verb.children if c.dep_ == "ccomp" and c.lemma_.lower() == "be"), None
            )
            if clause is None or any(c.dep_ == "neg" for c in clause.children):
                return None
            judged = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            predicates = [c for c in clause.children if c.dep_ in ("acomp", "attr")]
        else:
            return None
        if judged is None:
            return None
        words = [
            w
            for p in predicates
            if p is not None
            for w in (p, *p.conjuncts, *(c for c in p.children if c.dep_ == "amod"))
        ]
        judgments = self.onto.judgments
        if any(w.lemma_.lower() in judgments or w.lower_ in judgments for w in words):
            return judged
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
            container = found[head.i]  # "its demand that Israel ease restrictions"
            if self.onto.plover_type(container.reading) in _CONTAINING:
                return container
        if token.dep_ == "ccomp":  # "repeated its demand that ...", parsed as the verb's clause
            for sibling in head.children:
                container = found.get(sibling.i) if sibling.dep_ in _OBJECTS else None
                if (
                    container is not None
                    and container.kind == "noun"
                    and self.onto.plover_type(container.reading) in _CONTAINING
                ):
                    return container
        for ancestor in token.ancestors:
            quoted = found.get(ancestor.i)
            if quoted is not None and quoted.kind == "quoted" and quoted.reading.embeds:
                return quoted  # a quoted demand: "'X should hold talks with Y,' Z said"
            if ancestor.dep_ == "ccomp" and ancestor.head.i in found:
                container = found[ancestor.head.i]
                if container.kind == "demand" and container is not trigger:
                    return container
                break
        if trigger.kind == "noun" and trigger.predicate is not token:
            pred = trigger.predicate
            if pred.dep_ == "xcomp" and pred.head.i in found and found[pred.head.i].reading.embeds:
                return found[pred.head.i]
        return None

    # -- coding -----------------------------------------------------------------------

    def _code(
        self,
        article: Article,
        index: _MentionIndex,
        sent: Span,
        trigger: Trigger,
        implicit: list[Participant] | None = None,
    ) -> Event | None:
        """Code one trigger; ``implicit`` is the agent of an agentless act, found elsewhere."""
        onto = self.onto
        reading = trigger.reading
        token = trigger.token
        if index.inside_mention(token):
            return None
        sources, targets, confidence = self._arguments(trigger, index)
        if implicit and not sources:
            sources, confidence = implicit, 0.6
        for inner in _nested(trigger):  # "turned down an invitation to meet with X": X
            if not targets:
                inner_sources, inner_targets, _ = self._arguments(inner, index)
                inner_sources = [p for p in inner_sources if not _same(p, sources)]
                if plover_of(self.onto, trigger) == "REQUEST":  # asked of the one who is to act
                    targets = inner_sources or inner_targets
                else:
                    targets = inner_targets or inner_sources
        quote = index.quote_at(token)
        if quote is not None and _first_person_agent(trigger):
            speaker = index.speaker(quote)
            if speaker is not None:
                sources = [speaker]
                confidence = min(confidence, 0.8)
        if plover_of(onto, trigger) == "THREATEN":  # addressed to whom the condition names
            targets = index.actors(_condition_subject(trigger)) or targets
        sources = [p for p in sources if _coded(p)]
        targets = [p for p in targets if _coded(p) and not _same(p, sources)]
        if reading.agent and not sources and not self._violent_cause(trigger):
            return None
        reciprocal = plover_of(onto, trigger) in onto.reciprocal
        if reciprocal and not targets and len({p.actor.country for p in sources}) > 1:
            targets = list(sources)  # "China and the U.S. held talks": each with the other
        # a quoted demand or accusation is asserted: the modal ("should") makes it a demand
        cues = [] if trigger.kind == "quoted" else factuality.cue_labels(token, self.cues)
        if trigger.kind == "noun" and trigger.predicate is not token and not cues:
            cues = factuality.cue_labels(trigger.predicate, self.cues)
        label = self.cues.strongest(cues)
        cameo = reading.cameo
        plover = onto.plover_type(reading)
        for inner in trigger.absorbed:
            refined = onto.refine.get(plover, {}).get(onto.plover_type(inner.reading))
            if refined:
                cameo = refined
        if reading.joint and (len(sources) > 1 or _has_prep_child(token, "with")):
            cameo = reading.joint
            plover = onto.code(cameo).plover
        elif cameo != reading.cameo:
            plover = onto.code(cameo).plover
        mode = reading.mode if reading.mode is not None and cameo == reading.cameo else None
        if "negated" in cues and "future" in cues and plover in onto.refusal:
            cameo, label, mode = onto.refusal[plover], "asserted", None  # "will not meet"
            plover = onto.code(cameo).plover
        elif plover in onto.future and (
            label == "future" or (label == "hypothetical" and "future" in cues)
        ):  # "will meet", "would meet them if ...": an intention (or a threat)
            cameo = onto.future[plover]
            plover = onto.code(cameo).plover
            mode = None
        code = onto.code(cameo)
        if mode is None:
            mode = code.mode if code.plover == plover else ""
        if not targets:  # a domestic act, or a threat or promise of one ("threatened a curfew")
            domestic = [plover, *(plover_of(onto, inner) for inner in trigger.absorbed)]
            sector = next((onto.domestic[t] for t in domestic if t in onto.domestic), None)
            if sector is not None:
                targets = _domestic_target(sources, sector, trigger.token, article)
        if not self._enough_sides(trigger, plover, sources, targets):
            return None
        if plover == "CONCEDE" and _own_forces(sources, targets):
            return None  # a state letting its own army or police act concedes nothing
        if plover == "CONSULT" and not mode and len(sources) + len(targets) > 2:
            mode = "multilateral"
        return Event(
            id="",
            type=plover,
            trigger=article.span(token.idx, token.idx + len(token.text)),
            sentence=_sentence_span(article, sent),
            sources=sources,
            targets=targets,
            mode=mode,
            context=self._context(code.context, trigger),
            cameo=cameo,
            goldstein=code.goldstein,
            quad_class=code.quad_class,
            factuality=label,
            place_id=index.place_near(trigger),
            quote_id=quote.id if quote is not None else None,
            confidence=confidence,
        )

    def _violent_cause(self, trigger: Trigger) -> bool:
        """Whether a killing is caused by an attack: its subject ("a roadside bombing killed
        ...") or the act it happened in ("were killed in an air strike")."""
        verb = trigger.token
        causes = [_subject(verb)[0]]
        causes += [_pobj(c) for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"]
        return any(
            cause is not None
            and cause.lemma_.lower() not in self.onto.mutual_combat
            and self._is_attack(cause)
            for cause in causes
        )

    def _is_attack(self, noun: Token) -> bool:
        """Whether a noun names an attack ("bombing", "air strikes")."""
        readings = self.onto.nouns.get(noun.lower_) or self.onto.nouns.get(noun.lemma_.lower())
        return any(self.onto.plover_type(r) == "ASSAULT" for r in readings or ())

    def _enough_sides(
        self, trigger: Trigger, plover: str, sources: list[Participant], targets: list[Participant]
    ) -> bool:
        """Both sides, or the one side the type allows (see ``triggers.yaml``)."""
        if sources and targets:
            return True
        if trigger.kind in ("demand", "quoted") or self.onto.requires_recipient(plover):
            return False
        if sources:  # an intention to act alone is as complete as the act ("will withdraw")
            intended = plover_of(self.onto, trigger)
            return plover in self.onto.source_only or (
                plover == "AGREE" and intended in self.onto.source_only
            )
        return bool(targets) and plover in self.onto.target_only

    def _arguments(
        self, trigger: Trigger, index: _MentionIndex
    ) -> tuple[list[Participant], list[Participant], float]:
        token = trigger.token
        confidence = 0.9
        if trigger.kind == "adjective":
            sources, targets = self._adjective_arguments(trigger, index)
            return sources, targets, confidence
        if trigger.kind == "accusation":
            accuser = index.actors(_subject(token)[0])
            return accuser, self._arguments(trigger.absorbed[0], index)[0], 0.8
        if trigger.kind == "judgment":
            return index.actors(_subject(token)[0]), index.actors(self._judged(token)), 0.8
        if trigger.kind == "quoted":
            quote = index.quote_at(token)
            speaker = index.speaker(quote) if quote is not None else None
            subject = next((c for c in token.children if c.dep_ in _SUBJECTS | {"nsubjpass"}), None)
            return [speaker] if speaker is not None else [], index.actors(subject), 0.8
        if trigger.kind == "demand":
            subject, _ = _subject(token)
            clause = next(c for c in token.children if c.dep_ == "ccomp")
            addressee = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return index.actors(subject), index.actors(addressee), 0.8
        if trigger.kind == "noun":
            sources, targets = self._noun_arguments(token, index)
            if trigger.predicate is not token:
                if not sources:
                    subject, inherited = _subject(trigger.predicate)
                    sources = index.actors(subject)
                    confidence = 0.75 if inherited else 0.85
                if not targets:
                    targets = self._prep_targets(trigger.predicate, index)
            return sources, targets, confidence
        subject, inherited = _subject(token)
        sources = self._authored(subject, index)
        if not sources and subject is not None and subject.lower_ in _THIRD_PERSON:
            sources = index.actors(self._reporter(token))
        if not sources and token.dep_ == "acl":
            sources = index.actors(self._issuer(token.head))
        if not sources and subject is not None and self._is_attack(subject):
            sources = self._noun_arguments(subject, index)[0]  # "U.S. air strikes killed ..."
        if inherited or (sources and subject is not None and subject.lower_ in _THIRD_PERSON):
            confidence = 0.8
        own_object = (  # what troops withdraw is no target; whom a release frees is
            plover_of(self.onto, trigger) not in self.onto.object_not_target
            or trigger.reading.mode == "release"
        )
        side = trigger.reading.side  # "extradited X to France": France, before the object
        targets = self._prep_targets(token, index, only=side) if side else []
        if not targets and own_object:
            targets = index.actors(_object(token))
        own_countries = {p.actor.country for p in sources if p.actor is not None}
        if targets and all(p.actor and p.actor.country in own_countries for p in targets):
            # "withdraw its peacekeepers from Liberia": the source's own people are not the
            # other side when a preposition names one
            targets = self._prep_targets(token, index) or targets
        if not targets and token.dep_ == "acl" and token.tag_ == "VBN":
            # "a deployment opposed by China": what the participle describes
            described = token.head
            targets = index.actors(described) or (
                index.actors(described.head) if described.dep_ == "appos" else []
            )
        if not targets:
            targets = self._prep_targets(token, index)
        complement = next((c for c in token.children if c.dep_ in ("ccomp", "xcomp")), None)
        if not targets and complement is not None:
            clause_subjects = _SUBJECTS | {"nsubjpass"}
            targets = index.actors(
                next((c for c in complement.children if c.dep_ in clause_subjects), None)
            )
            agent = next((c for c in complement.children if c.dep_ == "agent"), None)
            if not targets and agent is not None:  # "alleged the attacks were plotted by Y"
                targets = index.actors(_pobj(agent))
        if not targets and complement is not None and trigger.reading.embeds:
            # "agreed to open its borders to U.N. peacekeepers", "vowed to protect German lives"
            targets = index.actors(_object(complement)) or self._prep_targets(complement, index)
            targets = [p for p in targets if p.actor and p.actor.country not in own_countries]
        return sources, targets, confidence

    def _issuer(self, statement: Token) -> Token | None:
        """Who issued a statement ("X issued a declaration demanding ...": X), if it is one."""
        verb = statement.head
        if (
            statement.lemma_.lower() in self.onto.statements
            and statement.dep_ in _OBJECTS
            and verb.lemma_.lower() in self.onto.issuing_verbs
        ):
            return _subject(verb)[0]
        return None

    def _reporter(self, verb: Token) -> Token | None:
        """The subject of the saying verb that reports this clause ("X said it would ...")."""
        current = verb
        for _ in range(3):
            if current.dep_ not in ("ccomp", "xcomp", "conj") or current.head is current:
                return None
            current = current.head
            if current.lemma_.lower() in self.onto.speech_verbs:
                return _subject(current)[0]
        return None

    def _adjective_arguments(
        self, trigger: Trigger, index: _MentionIndex
    ) -> tuple[list[Participant], list[Participant]]:
        """ "X is unacceptable to Y": Y is the source, X (or whoever authored X) the target;
        "X is opposed to Y": X is the source, Y the target."""
        token = trigger.token
        reading = trigger.reading
        preps = {c.lower_: c for c in token.children if c.dep_ == "prep"}
        holder = token.head if token.dep_ == "acomp" else token
        passive = next((c for c in holder.children if c.dep_ == "nsubjpass"), None)
        subject = passive if passive is not None else _subject(holder)[0]
        if reading.experiencer in preps:
            return index.actors(_pobj(preps[reading.experiencer])), self._authored(subject, index)
        sources = self._authored(subject, index)
        if not sources and subject is not None and subject.lower_ in _THIRD_PERSON:
            sources = index.actors(self._reporter(holder))  # "Syria says it is willing to"
        content = next((preps[p] for p in reading.prep if p in preps), None)
        return sources, self._authored(_pobj(content), index) if content is not None else []

    def _authored(self, token: Token | None, index: _MentionIndex) -> list[Participant]:
        """Actors of a phrase; for a proposal ("the draft", "this"), whoever put it forward."""
        if token is None:
            return []
        found = index.actors(token)
        if found:
            return found
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = _pobj(of) if of is not None else None
        for candidate in (token, inner):
            if candidate is not None and (
                candidate.lemma_.lower() in self.cues.documents
                or candidate.lower_ in _DEMONSTRATIVES
            ):
                return self._document_author(candidate, index)
        return []

    def _document_author(self, token: Token, index: _MentionIndex) -> list[Participant]:
        """The actor named on the nearest earlier proposal ("a U.S. draft resolution")."""
        doc = token.doc
        sentence = token.sent
        earliest = sentence.start
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
                    if child.dep_ in _MODIFIERS:
                        found = index.actors(child)
                        if found:
                            return found
        return []

    def _noun_arguments(
        self, noun: Token, index: _MentionIndex
    ) -> tuple[list[Participant], list[Participant]]:
        sources: list[Participant] = []
        targets: list[Participant] = []
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and not sources:
                sources = index.actors(child)
            elif child.dep_ == "prep":
                word = child.lower_
                if word == "by" or word == "from":
                    sources = index.actors(_pobj(child)) or sources
                elif word == "between" or word == "among":
                    sources = index.actors(_pobj(child))
                elif word in _TARGET_PREPS and not targets:
                    theme = _pobj(child)
                    targets = index.actors(theme)
                    if not targets and word == "of" and theme is not None:
                        # "a suspension of air links with Serbia": the other side of the theme
                        targets = self._prep_targets(theme, index)
        if noun.dep_ == "pobj" and noun.head.lower_ in _SETTING_PREPS and not sources:
            verb = noun.head.head
            if verb.dep_ in _OBJECTS and verb.lemma_.lower() in self.onto.talk_outcomes:
                verb = verb.head  # "reported progress in the negotiations"
            if verb.pos_ in ("VERB", "AUX"):
                subject, _ = _subject(verb)
                sources = index.actors(subject)
        return sources, targets

    def _prep_targets(
        self, verb: Token, index: _MentionIndex, only: frozenset[str] | None = None
    ) -> list[Participant]:
        """The other side from a preposition of the verb or of its object (``only`` those of a
        reading's ``side``: "sought asylum in Germany"); a "by" phrase of a nominal object names
        that act's agent ("rejected calls by Belarus for aid")."""
        objects = [c for c in verb.children if c.dep_ in _OBJECTS]
        for child in [*verb.children, *(g for o in objects for g in o.children)]:
            by_agent = child.head.i != verb.i and child.lower_ == "by"
            if only is not None:
                wanted = child.lower_ in only
            else:
                wanted = child.lower_ in _TARGET_PREPS or by_agent
            if child.dep_ in ("prep", "dative", "agent") and wanted:
                found = index.actors(_pobj(child))
                if found:
                    return found
        return []

    def _context(self, base: str, trigger: Trigger) -> str:
        names = {base} if base else set()
        clause = trigger.predicate
        for tok in clause.subtree:
            names.update(self.onto.context_cues.get(tok.lemma_.lower(), ()))
        return ",".join(sorted(names))


# -- syntax helpers ---------------------------------------------------------------------


def _applies(token: Token, reading: Reading, index: _MentionIndex) -> bool:
    """Whether the conditions of a reading hold for this word (see ``triggers.yaml``)."""
    children = list(token.children)
    if token.pos_ in ("NOUN", "PROPN"):  # a noun's theme is its "of" phrase
        objects = [o for c in children if c.dep_ == "prep" and c.lower_ == "of" if (o := _pobj(c))]
    else:  # the object, or the subject of a passive
        objects = [c for c in children if c.dep_ in _OBJECTS or c.dep_ == "nsubjpass"]
    if reading.obj and not any(_theme_words(o) & reading.obj for o in objects):
        return False
    if reading.actor_obj:  # "allowed X to", parsed with X as object or as subject of the clause
        clauses = [c for c in children if c.dep_ in ("xcomp", "ccomp")]
        subjects = [g for c in clauses for g in c.children if g.dep_ in _SUBJECTS]
        if not any(index.actors(o) for o in [*objects, *subjects]):
            return False
    if reading.prep:
        direct = [c for c in children if c.dep_ in _OBJECTS]
        candidates = children + [g for o in direct for g in o.children]
        if not any(
            c.dep_ in ("prep", "prt", "agent") and c.lower_ in reading.prep and not _dated(c)
            for c in candidates
        ):
            return False
    if reading.mods and not any(
        c.dep_ in _MODIFIERS and (c.lemma_.lower() in reading.mods or c.lower_ in reading.mods)
        for c in children
    ):
        return False
    if reading.under and not (
        token.dep_ in _OBJECTS and token.head.lemma_.lower() in reading.under
    ):
        return False
    return not reading.comp or any(c.dep_ in ("xcomp", "ccomp") for c in children)


def _dated(prep: Token) -> bool:
    """A preposition that gives a time, not an argument ("called on Sunday")."""
    obj = _pobj(prep)
    return obj is not None and obj.ent_type_ in ("DATE", "TIME")


def _theme_words(noun: Token) -> set[str]:
    """Words that name what an object is: its head, the nouns compounded with it ("aid
    deliveries": aid), and for a part ("part of the aid program") what it is part of."""
    words = {noun.lemma_.lower(), noun.lower_}
    words.update(c.lemma_.lower() for c in noun.children if c.dep_ == "compound")
    if noun.lemma_.lower() in _PARTITIVES:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = _pobj(of) if of is not None else None
        if inner is not None:
            words |= _theme_words(inner)
    return words


def _domestic_target(
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


def _sentence_span(article: Article, sent: Span):
    """The sentence without the blanked (excluded) text and whitespace around it."""
    words = [t for t in sent if not t.is_space and t.text.strip()]
    if not words:
        return article.span(sent.start_char, sent.end_char)
    return article.span(words[0].idx, words[-1].idx + len(words[-1].text))


def _own_forces(sources: list[Participant], targets: list[Participant]) -> bool:
    """Whether every target is the army or police of the sources' own country."""
    countries = {p.actor.country for p in sources if p.actor is not None}
    return bool(targets) and all(
        p.actor is not None and p.actor.country in countries and p.actor.sector in _FORCES
        for p in targets
    )


def _stative(verb: Token) -> bool:
    """A participle used as an adjective after "be" ("Vietnam is committed to ...")."""
    return verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.lemma_.lower() == "be" for c in verb.children
    )


def _condition_subject(trigger: Trigger) -> Token | None:
    """Whom a threat is addressed to: the subject of its condition ("X threatened to stop the
    talks if Y went ahead": Y)."""
    clauses = [trigger.predicate, *trigger.predicate.children]
    clauses += [inner.token for inner in trigger.absorbed]
    for clause in clauses:
        for child in clause.children:
            if child.dep_ != "advcl":
                continue
            if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children):
                return _subject(child)[0]
    return None


def _says_again(trigger: Trigger, words: frozenset[str]) -> bool:
    """Whether the act is marked as a repetition ("another test missile", "tested again")."""
    token = trigger.token
    near = [*token.children, *(g for c in token.children if c.dep_ in _OBJECTS for g in c.children)]
    return any(t.lower_ in words for t in near)


def _coded(participant: Participant) -> bool:
    """An actor with a country (or IGO) code: who it is matters for event data."""
    return participant.actor is not None and bool(participant.actor.country)


def _first_person_agent(trigger: Trigger) -> bool:
    """Whether the act's agent is the speaker ("we will attack", "our talks")."""
    token = trigger.token
    if trigger.kind == "noun":
        if any(c.dep_ == "poss" and c.lower_ in _FIRST_PERSON for c in token.children):
            return True
        if trigger.predicate is token:
            return False
    subject, _ = _subject(trigger.predicate)
    return subject is not None and subject.lower_ in _FIRST_PERSON


def plover_of(onto: Ontology, trigger: Trigger) -> str:
    """The PLOVER type a trigger's reading gives (before refinement)."""
    return onto.plover_type(trigger.reading)


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _has_prep_child(token: Token, word: str) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == word for c in token.children)


def _verb_lemmas(verb: Token) -> set[str]:
    """The verb's lemma, and its bare form when the lemmatiser misreads a past form
    ("staged" as a form of "stag")."""
    lemmas = {verb.lemma_.lower()}
    form = verb.lower_
    if verb.tag_ in ("VBD", "VBN") and form.endswith("ed"):
        lemmas |= {form[:-1], form[:-2]}
    return lemmas


def _light_verb(noun: Token, onto: Ontology) -> Token | None:
    """The light verb a nominal event is the object of ("held talks", "imposed sanctions")."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and _verb_lemmas(head) & onto.light_verbs:
        return head
    if (
        noun.dep_ == "pobj"
        and _verb_lemmas(head.head) & onto.light_verbs
        and head.lower_ in ("on", "in", "for")
    ):
        return head.head  # "went on strike", "sat down for talks"
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in ("dobj", "nsubjpass"):
        measure = head.head  # "held a second round of talks"
        if _verb_lemmas(measure.head) & onto.light_verbs:
            return measure.head
    return None


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The agent of a verb: subject, passive agent, or inherited from the governing clause."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if subjects:  # the nearest ("TEHRAN, June 14 - Iran rejected": Iran)
        before = [c for c in subjects if c.i < verb.i]
        return (before[-1] if before else subjects[0]), False
    for child in verb.children:
        if child.dep_ == "agent":
            return _pobj(child), False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return _stray_agent(verb), False
    head = verb.head
    if head.i == verb.i:
        return _appositive_subject(verb), True
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in _OBJECT_CONTROL:
            obj = next((c for c in head.children if c.dep_ in _OBJECTS), None)
            if obj is not None:
                return obj, True
        return _subject(head)[0], True
    if verb.dep_ in ("conj", "advcl", "pcomp"):
        return _subject(head)[0], True
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN"):
        return head, True
    if verb.dep_ == "ccomp" and not any(c.dep_ in _SUBJECTS for c in verb.children):
        return _appositive_subject(verb), True
    return _appositive_subject(verb), True


def _stray_agent(verb: Token) -> Token | None:
    """The agent of a passive verb whose "by" phrase the parser hung on a noun of the verb's
    complement after another of the noun's phrases ("was invited to speak before a session of
    the assembly by X"). A "by" phrase right after its noun is that noun's own agent ("was asked
    to comment on the proposal by X": X proposed), as for a nominal object."""
    for by in verb.subtree:
        host = by.head
        if by.lower_ != "by" or by.dep_ != "prep" or host.i == verb.i or host.dep_ != "pobj":
            continue
        if not any(c.dep_ == "prep" and c.i < by.i for c in host.children):
            continue
        head = host
        while head.i != verb.i and head.dep_ in _STRAY_AGENT_PATH:
            if head.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in head.children):
                break  # "was asked to be examined by X": X examines
            head = head.head
        agent = _pobj(by)
        if head.i == verb.i and agent is not None and agent.pos_ in ("PROPN", "NOUN"):
            return agent if agent.ent_type_ not in ("DATE", "TIME") else None
    return None


def _appositive_subject(verb: Token) -> Token | None:
    """A subject the parser hung as an apposition just before the verb ("with X, Y said")."""
    for i in range(verb.i - 1, max(verb.sent.start, verb.i - 6) - 1, -1):
        token = verb.doc[i]
        if token.dep_ == "appos" and token.pos_ in ("PROPN", "NOUN"):
            return token
        skippable = token.pos_ in ("ADV", "PUNCT", "AUX", "PART", "CCONJ") or token.dep_ in (
            "conj",
            "cc",
            "compound",
            "dep",
            "preconj",
        )
        if not skippable:
            return None
    return None


def _object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in _OBJECTS:
            return child
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    return None


def _codes(participants: Iterable[Participant]) -> Iterator[str]:
    for p in participants:
        if p.actor is not None:
            yield p.actor.code


def _nested(trigger: Trigger) -> list[Trigger]:
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


def _same_actor(p: Participant, others: list[Participant]) -> bool:
    """Whether another participant is the same actor (a pronoun and its antecedent)."""
    return any(o.actor is not None and o.actor == p.actor for o in others) or _same(p, others)


def _same(p: Participant, others: list[Participant]) -> bool:
    return any(o.mention_id == p.mention_id and o.start == p.start for o in others)


# -- mentions, quotes and places of one article --------------------------------------------


class _MentionIndex:
    """Token-level lookups of the article's mentions, quotes and places."""

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
        mention = self.by_token.get(token.i)
        return mention is not None and mention.end - mention.start > len(token.text) + 1

    def actors(self, token: Token | None) -> list[Participant]:
        """Actors a noun phrase refers to, with its coordinated siblings ("China and Russia")."""
        if token is None:
            return []
        found: list[Participant] = []
        for head in (token, *token.conjuncts):
            for participant in self._actors_of(head):
                if not _same(participant, found):
                    found.append(participant)
        return found

    def _actors_of(self, token: Token, depth: int = 0) -> list[Participant]:
        """The mention on a word, else on its modifiers ("Chinese and U.S. negotiators"), else
        on its apposition ("Susan Rice, Obama's adviser") or of-phrase ("leaders of Romania")."""
        mention = self.by_token.get(token.i)
        if mention is not None and not (mention.actor and mention.actor.country):
            # "U.N. mediator Diego Cordovez": a person of unknown country takes a coded title's
            titled = [
                self._participant(m)
                for c in token.subtree
                if c.dep_ == "compound"
                and c.i < token.i
                and (m := self.by_token.get(c.i)) is not None
                and m is not mention
                and m.actor is not None
                and m.actor.country
            ]
            if titled:
                return titled
        if mention is not None:
            found = [self._participant(mention)] if mention.actor is not None else []
            for child in token.children:  # "Turkish and U.S. military officials"
                if child.dep_ in _MODIFIERS and child.conjuncts:
                    for t in (child, *child.conjuncts):
                        other = self.by_token.get(t.i)
                        if other is not None and other is not mention and other.actor is not None:
                            found.append(self._participant(other))
            return found
        for child in token.children:
            if child.dep_ in _MODIFIERS or child.dep_ == "appos":
                # "Chinese and U.S. negotiators"; "Obama administration officials"
                found = self._mentioned(child, *child.conjuncts)
                if not found and child.dep_ == "compound":
                    found = self._mentioned(*(g for g in child.lefts if g.dep_ == "compound"))
                if found:
                    return found
        if depth > 0:
            return []
        for child in token.children:
            # "leaders of Romania", "a camp for Congolese refugees"
            inner = _pobj(child) if child.dep_ == "prep" and child.lower_ in ("of", "for") else None
            inner = child if child.dep_ == "appos" else inner
            if inner is not None:
                found = []
                for t in (inner, *inner.conjuncts):
                    found += self._actors_of(t, depth + 1)
                if found:
                    return found
        return []

    def _mentioned(self, *tokens: Token) -> list[Participant]:
        """The actors mentioned on these words."""
        return [
            self._participant(m)
            for t in tokens
            if (m := self.by_token.get(t.i)) is not None and m.actor is not None
        ]

    @staticmethod
    def _participant(mention: Mention) -> Participant:
        return Participant(
            mention.start, mention.end, mention.text, mention_id=mention.id, actor=mention.actor
        )

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

    def place_near(self, trigger: Trigger) -> str | None:
        """A place the text attaches to the event ("installed in South Korea")."""
        if not self.places:
            return None
        for head in (trigger.token, trigger.predicate):
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS:
                    obj = _pobj(child)
                    if obj is None:
                        continue
                    start = obj.left_edge.idx
                    end = obj.right_edge.idx + len(obj.right_edge.text)
                    for place in self.places:
                        if place.start < end and start < place.end:
                            return place.id
        return None


def create(config: PipelineConfig) -> EventStage:
    """The events stage (the ontology and cue lexicons are loaded and checked once); a trigger
    lexicon in ``config.events.triggers`` replaces the packaged one."""
    return EventStage(load(config.events.triggers), factuality.load_cues())
