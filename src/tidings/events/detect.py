"""The trained event detector and typer: which PLOVER events a sentence reports, and where.

A linear model scores every *candidate trigger* of a sentence (a verb, noun or adjective) for
the 16 PLOVER types and "no event". It reads the words around the candidate and its place in
the dependency parse (the pipeline's own spaCy parse: nothing is parsed twice), whether coded
actors stand as its subject, object or prepositional objects, and two lexicons as *features*
(never as gates): the readings of ``data/events/triggers.yaml`` and the verbs and patterns of
PETRARCH2's CAMEO dictionary (``data/events/petrarch2_*.tsv``). A candidate whose best type
scores above the model's threshold is a detection; several per sentence are allowed, a second
type of event in one sentence above a higher threshold (:class:`Thresholds`).

Interface for the events stage::

    detector = load()                              # the model shipped in the package
    for detection in detector.detect(article, doc):
        detection.token        # the trigger token (provenance: its character span)
        detection.type         # PLOVER type
        detection.probability  # the model's probability of that type

The events stage adds a detection where the lexicon's own readings and the statement
constructions (``events/triggers.py``) found no trigger on the word, its head or its
dependents; the lexicon gives its CAMEO reading (``RuleDetector.typed``: a reading of that
type, else the type's general code in ``plover.yaml``), so the code, Goldstein score and quad
class come with every event; the arguments code fills its sides.

The model file (``data/events/detector.npz``) holds the feature vocabulary, the weights and the
threshold; it is rebuilt by ``tidings train events`` (``tidings.train.events``) with a fixed seed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from spacy.tokens import Doc, Span, Token

from tidings.events.ontology import Ontology, Reading
from tidings.events.ontology import load as load_ontology
from tidings.model import Article

MODEL_FILE = "detector.npz"
NONE = "NONE"
#: Parts of speech a trigger can have.
CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "PROPN"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
_OBJECTS = frozenset({"dobj", "dative", "obj", "attr", "oprd"})
_ARGUMENT_DEPS = frozenset({"prt", "xcomp", "ccomp", "acomp", "neg", "aux", "auxpass", "advmod"})
#: Entity types of a proper noun that is a name, never an act.
_NAMES = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL"})


@dataclass(frozen=True, slots=True)
class Detection:
    """One detected event: its trigger token, PLOVER type and probability."""

    token: Token
    type: str
    probability: float


# -- lexicons used as features --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Petrarch:
    """PETRARCH2's verbs (verb -> (block, CAMEO, PLOVER)) and patterns (block -> patterns)."""

    verbs: dict[str, tuple[tuple[str, str, str], ...]]
    patterns: dict[str, tuple[tuple[frozenset[str], str, str], ...]]

    def features(self, lemma: str, context: set[str]) -> Iterator[str]:
        for block, cameo, plover in self.verbs.get(lemma, ()):
            if cameo:
                yield f"pv:{plover or cameo[:2]}"
            for words, code, type_ in self.patterns.get(block, ()):
                if words and words <= context:
                    yield f"pp:{type_ or code[:2]}"


@lru_cache(maxsize=1)
def load_petrarch() -> Petrarch:
    """The converted PETRARCH2 dictionary (``tidings.train.petrarch`` writes it)."""
    folder = resources.files("tidings") / "data" / "events"
    synsets: dict[str, set[str]] = {}
    for row in _tsv(folder / "petrarch2_synsets.tsv"):
        synsets.setdefault(row["synset"], set()).add(row["phrase"].split()[-1])
    verbs: dict[str, list[tuple[str, str, str]]] = {}
    for row in _tsv(folder / "petrarch2_verbs.tsv"):
        verbs.setdefault(row["verb"], []).append((row["block"], row["cameo"], row["plover"]))
    patterns: dict[str, list[tuple[frozenset[str], str, str]]] = {}
    for row in _tsv(folder / "petrarch2_patterns.tsv"):
        words = _pattern_words(row["words"], synsets)
        patterns.setdefault(row["block"], []).append((words, row["cameo"], row["plover"]))
    return Petrarch(
        {k: tuple(v) for k, v in verbs.items()}, {k: tuple(v) for k, v in patterns.items()}
    )


def _pattern_words(words: str, synsets: dict[str, set[str]]) -> frozenset[str]:
    """The content words a pattern needs near its verb (a synonym set stands for its name's
    first member word; a word after "*" counts, and so does one before it)."""
    out = set()
    for word in words.split():
        if word == "*" or len(word) < 3:
            continue
        if word.startswith("&"):
            members = sorted(synsets.get(word[1:], ()))
            if members:
                out.add(members[0])
        else:
            out.add(word)
    return frozenset(out)


def _tsv(path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t"))


# -- features ---------------------------------------------------------------------------------


def candidates(sent: Span) -> Iterator[Token]:
    """The tokens of a sentence that could carry an event."""
    for token in sent:
        if token.pos_ not in CANDIDATE_POS or not token.is_alpha:
            continue
        if token.pos_ == "PROPN" and token.ent_type_ in _NAMES:
            continue
        yield token


def coded_tokens(article: Article, doc: Doc) -> set[int]:
    """Indices of the tokens inside a mention the actors stage coded (country or IGO)."""
    found: set[int] = set()
    for mention in article.mentions:
        if mention.actor is None or not mention.actor.country:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            found.update(t.i for t in span)
    return found


class Features:
    """Feature strings of a candidate trigger token."""

    def __init__(self, ontology: Ontology, petrarch: Petrarch) -> None:
        self.onto = ontology
        self.petrarch = petrarch

    def of_sentence(self, sent: Span, coded: set[int]) -> list[tuple[Token, list[str]]]:
        """Each candidate trigger of a sentence with its features."""
        lemmas = [t.lemma_.lower() for t in sent]
        actors = (
            f"sent_actors:{min(sum(1 for t in sent if t.i in coded and t.head.i not in coded), 3)}"
        )
        return [(t, self.of(t, coded, lemmas, sent.start, actors)) for t in candidates(sent)]

    def of(
        self, token: Token, coded: set[int], lemmas: list[str], first: int, actors: str
    ) -> list[str]:
        """Features of one candidate (``lemmas`` of its sentence, which starts at ``first``)."""
        lemma = lemmas[token.i - first]
        pos = token.pos_
        head = token.head
        head_lemma = head.lemma_.lower()
        out = [f"l:{lemma}", f"w:{token.lower_}", f"p:{pos}", f"lp:{lemma}|{pos}", actors]
        out += [f"t:{token.tag_}", f"d:{token.dep_}", f"h:{head_lemma}"]
        out.append(f"dh:{token.dep_}|{head_lemma}")
        position = token.i - first
        for offset in (-2, -1, 1, 2):
            if 0 <= position + offset < len(lemmas):
                out.append(f"w{offset}:{lemmas[position + offset]}")
        context = {lemma}
        for child in token.children:
            out += self._child(child, coded, context)
        if token.dep_ in _OBJECTS or token.dep_ == "pobj":
            out.append(f"under:{head_lemma}")
            if token.dep_ == "pobj":
                out.append(f"under2:{head.head.lemma_.lower()}|{head.lower_}")
        if token.dep_ in ("compound", "amod") and _actor_in(head, coded):
            out.append("modifies_actor")
        out += self._lexicon(token, lemma, context)
        return out

    @staticmethod
    def _child(child: Token, coded: set[int], context: set[str]) -> list[str]:
        dep = child.dep_
        lemma = child.lemma_.lower()
        context.add(lemma)
        out = []
        if dep in _SUBJECTS:
            out.append(f"subj_actor:{_actor_in(child, coded)}")
            if dep == "agent":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                out.append(f"agent_actor:{obj is not None and _actor_in(obj, coded)}")
        elif dep in _OBJECTS:
            out += [f"obj:{lemma}", f"obj_actor:{_actor_in(child, coded)}"]
            for grand in child.children:
                if grand.dep_ in ("compound", "amod"):
                    out.append(f"obj_mod:{grand.lemma_.lower()}")
                    context.add(grand.lemma_.lower())
        elif dep == "prep":
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            out.append(f"prep:{child.lower_}")
            if obj is not None:
                context.add(obj.lemma_.lower())
                out.append(f"prep_obj:{child.lower_}|{obj.lemma_.lower()}")
                if _actor_in(obj, coded):
                    out.append(f"prep_actor:{child.lower_}")
        elif dep in _ARGUMENT_DEPS:
            out.append(f"c:{dep}|{lemma}")
        elif dep in ("poss", "compound", "amod", "nmod"):
            out.append(f"mod:{lemma}")
            if _actor_in(child, coded):
                out.append("mod_actor")
        return out

    def _lexicon(self, token: Token, lemma: str, context: set[str]) -> list[str]:
        out = []
        for reading in self._readings(token, lemma):
            type_ = self.onto.plover_type(reading)
            out.append(f"lex:{type_}")
            if reading.obj and reading.obj & context:
                out.append(f"lex_obj:{type_}")
            if reading.prep and reading.prep & context:
                out.append(f"lex_prep:{type_}")
        if token.pos_ == "VERB":
            out += [f"{f}" for f in self.petrarch.features(lemma, context)]
        if lemma in self.onto.assertion_verbs:
            out.append("speech_verb")
        if lemma in self.onto.light_verbs:
            out.append("light_verb")
        return out

    def _readings(self, token: Token, lemma: str) -> tuple[Reading, ...]:
        if token.pos_ == "VERB":
            return self.onto.verbs.get(lemma, ()) or self.onto.adjectives.get(token.lower_, ())
        if token.pos_ in ("NOUN", "PROPN"):
            return self.onto.nouns.get(token.lower_) or self.onto.nouns.get(lemma, ())
        return self.onto.adjectives.get(token.lower_, ())


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a candidate is a detection: its best type's probability reaches ``first`` for the
    first type of its sentence (or a type the sentence already has), ``other`` for another type
    (most sentences report one kind of event; a second needs more evidence)."""

    first: float
    other: float


def decode(
    sentences: list[int], probabilities: np.ndarray, none: int, thresholds: Thresholds
) -> list[tuple[int, int]]:
    """(row, class) of the detections among candidates (rows) grouped by sentence id."""
    masked = probabilities.copy()
    masked[:, none] = 0.0
    best, score = masked.argmax(axis=1), masked.max(axis=1)
    found: list[tuple[int, int]] = []
    types: dict[int, set[int]] = {}
    for row in sorted(range(len(sentences)), key=lambda r: -score[r]):
        if score[row] < thresholds.first:
            break
        seen = types.setdefault(sentences[row], set())
        if not seen or best[row] in seen or score[row] >= thresholds.other:
            seen.add(int(best[row]))
            found.append((row, int(best[row])))
    return sorted(found)


def _actor_in(token: Token, coded: set[int]) -> bool:
    """Whether a phrase names a coded actor: its head, a modifier or an of-phrase."""
    if token.i in coded:
        return True
    for child in token.children:
        if child.i in coded and child.dep_ in ("compound", "amod", "poss", "nmod", "appos", "conj"):
            return True
        of_phrase = child.dep_ == "prep" and child.lower_ == "of"
        if of_phrase and any(g.i in coded for g in child.children):
            return True
    return False


# -- the model --------------------------------------------------------------------------------


class Detector:
    """A linear model over candidate-trigger features: weights per (feature, class)."""

    def __init__(
        self,
        vocabulary: dict[str, int],
        weights: np.ndarray,
        bias: np.ndarray,
        classes: list[str],
        thresholds: Thresholds,
        features: Features,
    ) -> None:
        self.vocabulary = vocabulary
        self.weights = weights  # (n_features, n_classes)
        self.bias = bias
        self.classes = classes
        self.thresholds = thresholds
        self.features = features
        self.none = classes.index(NONE)

    def probabilities(self, rows: Iterable[list[str]]) -> np.ndarray:
        """Class probabilities (softmax) of candidates given by their feature strings."""
        z = matrix(list(rows), self.vocabulary) @ self.weights + self.bias
        z -= z.max(axis=1, keepdims=True, initial=0.0)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def detect(self, article: Article, doc: Doc) -> list[Detection]:
        """The events of every sentence of an article, in text order (see :func:`decode`)."""
        coded = coded_tokens(article, doc)
        rows = [
            (n, token, features)
            for n, sent in enumerate(doc.sents)
            for token, features in self.features.of_sentence(sent, coded)
        ]
        probs = self.probabilities(features for _, _, features in rows)
        found = []
        for row, best in decode([n for n, _, _ in rows], probs, self.none, self.thresholds):
            found.append(Detection(rows[row][1], self.classes[best], float(probs[row, best])))
        return found

    def save(self, path: Path) -> None:
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            path,
            names=np.array(names),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            classes=np.array(self.classes),
            thresholds=np.array([self.thresholds.first, self.thresholds.other]),
        )


def matrix(rows: list[list[str]], vocabulary: dict[str, int]) -> csr_matrix:
    """Binary feature matrix of candidates (features outside the vocabulary are left out)."""
    indices: list[int] = []
    indptr = [0]
    for row in rows:
        indices += sorted({vocabulary[f] for f in row if f in vocabulary})
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return csr_matrix((data, indices, indptr), shape=(len(rows), len(vocabulary)))


def read(path: Path | None = None) -> Detector:
    """A detector from its model file (the one shipped in the package by default)."""
    source = path or resources.files("tidings") / "data" / "events" / MODEL_FILE
    if not source.is_file():
        raise FileNotFoundError(
            f"{source}: no event detector model; `tidings train events` makes it"
        )
    with source.open("rb") as handle, np.load(handle) as data:
        names = [str(n) for n in data["names"]]
        return Detector(
            {name: i for i, name in enumerate(names)},
            data["weights"],
            data["bias"],
            [str(c) for c in data["classes"]],
            Thresholds(*(float(t) for t in data["thresholds"])),
            Features(load_ontology(), load_petrarch()),
        )


@lru_cache(maxsize=1)
def load() -> Detector:
    """The shipped detector, loaded once per process."""
    return read()
