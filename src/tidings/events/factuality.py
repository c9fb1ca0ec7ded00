"""Factuality of an event mention from its syntactic context in a spaCy parse.

One module serves the events stage and ``tidings eval --format factuality``. The label is one of
``asserted``, ``negated``, ``possible``, ``hypothetical``, ``proposed``, ``future``; it comes from
cues (in ``data/events/factuality.yaml``) on the path from the event word up through the clauses
that embed it: negation, modal auxiliaries, conditional subordinators, embedding verbs ("refused
to", "plans to", "threatened to"), predicates over an event noun ("not inevitable"), modifiers
("draft", "rumoured") and proposing documents as subjects ("the draft would ban").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Token

#: Dependency relations through which a clause embeds the clause below it.
_CLAUSAL = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp", "csubj", "conj"})
#: Relations from a noun up to the word that governs it.
_NOMINAL = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj", "appos", "oprd", "dative"})
_PRONOUNS = frozenset({"it", "this", "that", "they", "these"})


@dataclass(frozen=True, slots=True)
class Cues:
    """Factuality cue words, indexed by word -> label."""

    priority: tuple[str, ...]
    modals: dict[str, str]
    conditionals: frozenset[str]
    negators: frozenset[str]
    embedding: dict[str, str]
    predicates: dict[str, str]
    modifiers: dict[str, str]
    documents: frozenset[str]
    noun_embedding: dict[str, str]
    occurrence: frozenset[str]

    def strongest(self, labels: list[str]) -> str:
        return min(labels, key=self.priority.index, default="asserted")


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    return {_word(word): label for label, words in table.items() for word in words}


def _word(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"factuality.yaml: {value!r} is not a word (quote on/off/no)")
    return value


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """Load (once) the cue lexicon from ``tidings/data/events/factuality.yaml``."""
    path = resources.files("tidings") / "data" / "events" / "factuality.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Cues(
        priority=tuple(data["priority"]),
        modals={str(k): v for k, v in data["modals"].items()},
        conditionals=frozenset(map(_word, data["conditionals"])),
        negators=frozenset(map(_word, data["negators"])),
        embedding=_invert(data["embedding"]),
        predicates=_invert(data["predicates"]),
        modifiers=_invert(data["modifiers"]),
        documents=frozenset(map(_word, data["documents"])),
        noun_embedding=_invert(data["noun_embedding"]),
        occurrence=frozenset(map(_word, data["occurrence"])),
    )


@lru_cache(maxsize=1)
def load_scale() -> dict[str, float]:
    """Each factuality label's value on the -3 (did not happen) .. +3 (happened) scale."""
    path = resources.files("tidings") / "data" / "events" / "factuality.yaml"
    scale = yaml.safe_load(path.read_text(encoding="utf-8"))["scale"]
    return {label: float(value) for label, value in scale.items()}


def _is_predicate(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX", "ADJ") or token.dep_ == "ROOT"


def governor(token: Token) -> Token:
    """The verb or adjective whose clause a word belongs to (a noun climbs up to it)."""
    current = token
    for _ in range(6):
        if _is_predicate(current) or current.head is current:
            return current
        if current.dep_ in _NOMINAL or current.dep_ in ("prep", "agent", "compound", "amod"):
            current = current.head
        else:
            return current.head
    return current


def _clause_cues(verb: Token, cues: Cues, *, own: bool) -> list[str]:
    """Labels from the auxiliaries, negation and subordinator of one clause."""
    labels = []
    for child in verb.children:
        word = child.lower_
        if child.dep_ == "neg" or (own and child.dep_ == "advmod" and word in ("never",)):
            if own:
                labels.append("negated")
        elif child.dep_ in ("aux", "auxpass") and word in cues.modals:
            labels.append(cues.modals[word])
        elif child.dep_ == "mark" and word in cues.conditionals:
            labels.append("hypothetical")
        elif child.dep_ in ("nsubj", "nsubjpass") and _proposing_subject(child, cues):
            labels.append("proposed")
    if _conditional(verb, cues) or any(
        c.dep_ == "advcl" and _conditional(c, cues) for c in verb.children
    ):
        labels.append("hypothetical")  # the condition and its consequent
    return labels


def _about_occurrence(verb: Token, cues: Cues) -> bool:
    """Whether a predicate says whether its subject happens ("take place", "is inevitable")."""
    return verb.lemma_.lower() in cues.occurrence or any(
        c.dep_ in ("acomp", "attr", "advmod") and c.lemma_.lower() in cues.occurrence
        for c in verb.children
    )


def _conditional(clause: Token, cues: Cues) -> bool:
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in cues.conditionals for c in clause.children
    )


def _proposing_subject(subject: Token, cues: Cues) -> bool:
    """A document ("the draft", "the plan") or a pronoun standing for one nearby."""
    if subject.lemma_.lower() in cues.documents:
        return True
    if subject.lower_ not in _PRONOUNS:
        return False
    sentence = subject.sent
    start = sentence.start
    doc = subject.doc
    previous = doc[start - 1].sent if start > 0 else None
    window = list(previous or []) + [t for t in sentence if t.i < subject.i]
    nouns = [t for t in window if t.pos_ in ("NOUN", "PROPN")]
    return bool(nouns) and any(t.lemma_.lower() in cues.documents for t in nouns[-6:])


def _noun_cues(noun: Token, cues: Cues) -> list[str]:
    labels = []
    for child in noun.children:
        word = child.lower_
        if child.dep_ in ("det", "neg") and word in cues.negators:
            labels.append("negated")
        elif child.dep_ in ("amod", "compound", "nmod") and word in cues.modifiers:
            labels.append(cues.modifiers[word])
    if noun.dep_ == "pobj" and noun.head.lower_ == "without":
        labels.append("negated")
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("NOUN", "PROPN"):
        governing = head.head.lemma_.lower()
        if governing in cues.noun_embedding and head.lower_ in ("for", "of", "to"):
            labels.append(cues.noun_embedding[governing])
    if noun.dep_ in ("nsubj", "nsubjpass"):
        for sibling in head.children:
            if sibling.dep_ in ("acomp", "attr") and sibling.lemma_.lower() in cues.predicates:
                labels.append(cues.predicates[sibling.lemma_.lower()])
                if any(c.dep_ == "neg" for c in sibling.children):
                    labels.append("negated")  # "is not inevitable"
    return labels


def assess(token: Token, cues: Cues | None = None) -> str:
    """The factuality label of the event expressed by ``token`` (a verb, noun or adjective)."""
    cues = cues or load_cues()
    return cues.strongest(cue_labels(token, cues))


def cue_labels(token: Token, cues: Cues) -> list[str]:
    """Every label a cue around ``token`` gives ("will not meet": future and negated)."""
    labels: list[str] = []
    if token.pos_ in ("NOUN", "PROPN"):
        labels += _noun_cues(token, cues)
    clause = governor(token)
    subject = token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN")
    if subject and not _about_occurrence(clause, cues):
        return labels  # "the raid was not linked to ...": not about the raid happening
    labels += _clause_cues(clause, cues, own=True)
    if token is not clause and token.pos_ in ("NOUN", "PROPN") and clause.pos_ == "ADJ":
        labels += _clause_cues(clause.head, cues, own=True) if clause.dep_ == "acomp" else []
    # Climb the chain of embedding clauses.
    current = clause
    for _ in range(6):
        relation = current.dep_
        parent = current.head
        if relation == "pcomp" and parent.dep_ == "prep":
            parent = parent.head  # "in order to force X to negotiate": through the preposition
        if parent is current or relation not in _CLAUSAL:
            break
        lemma = parent.lemma_.lower()
        if relation in ("xcomp", "ccomp", "pcomp") and lemma in cues.embedding:
            labels.append(cues.embedding[lemma])
        if relation == "conj":
            current = parent
            continue
        inherited = _clause_cues(parent, cues, own=relation == "xcomp")
        labels += [label for label in inherited if label not in ("future", "asserted")]
        current = parent
    return labels
