"""Train the event detector (``tidings train events GOLD_FOLDER``).

From a sentence gold (``GOLD_FOLDER/train.jsonl`` and ``dev.jsonl``, format in
``eval/sentences.py``): every candidate trigger of every sentence becomes a training row, labelled
with the PLOVER type of the gold event whose trigger it heads, or ``NONE``. A multinomial
logistic regression (scikit-learn, fixed seed) learns the weights; the detection thresholds are
chosen on out-of-fold predictions over ``train``. Reported: 5-fold cross-validation on ``train``
(folds by article; the full events stage codes each held-out fold with the model of the other
four, so detection, type and triple are the scorer's own figures) and the scores on ``dev`` of
the model trained on all of ``train``. The model is written to ``data/events/detector.npz``.
"""

from __future__ import annotations

import json
import random
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Token

from tidings.eval.sentences import GoldSentence, Tally, assign, score_sentence, summarise
from tidings.events.detect import (
    NONE,
    Detector,
    Features,
    Thresholds,
    coded_tokens,
    decode,
    load_petrarch,
    matrix,
)
from tidings.events.ontology import load as load_ontology
from tidings.model import Article, Event, Span
from tidings.pipeline import Pipeline
from tidings.train.corpus import Example, parsed

SEED = 13
FOLDS = 5
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 0.8, 0.05))


@dataclass
class Settings:
    """What training may vary (chosen by cross-validation, never on dev)."""

    c: float = 0.3  # inverse regularisation strength (0.3 beat 1.0 by 5-fold CV type F1)
    min_count: int = 2  # features seen fewer times are dropped
    optional: bool = True  # optional gold events count as positives
    thresholds: Thresholds | None = None  # None: chosen on out-of-fold predictions
    seed: int = SEED


@dataclass
class Rows:
    """Candidate triggers as feature lists with labels, and where each came from."""

    features: list[list[str]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    article: list[int] = field(default_factory=list)  # index of the example
    offset: list[int] = field(default_factory=list)  # character offset of the candidate


def trigger_token(sentence: GoldSentence, trigger: str, doc: Doc) -> Token | None:
    """The candidate token that heads a gold trigger phrase (highest in the parse)."""
    offset = sentence.text.find(trigger) if trigger else -1
    if offset < 0:
        return None
    start = sentence.start + offset
    span = doc.char_span(start, start + len(trigger), alignment_mode="expand")
    if span is None:
        return None
    pool = [t for t in span if t.pos_ in ("VERB", "NOUN", "ADJ", "PROPN") and t.is_alpha]
    return min(pool, key=lambda t: (sum(1 for _ in t.ancestors), t.i), default=None)


def gold_labels(example: Example, optional: bool) -> dict[int, str]:
    """Token index -> PLOVER type of the gold triggers of an article."""
    labels: dict[int, str] = {}
    for sentence in example.gold.sentences:
        for event in sentence.events:
            if event.optional and not optional:
                continue
            token = trigger_token(sentence, event.trigger, example.doc)
            if token is not None:
                labels.setdefault(token.i, event.types[0])
    return labels


def build_rows(examples: Sequence[Example], features: Features, optional: bool) -> Rows:
    rows = Rows()
    for number, example in enumerate(examples):
        labels = gold_labels(example, optional)
        coded = coded_tokens(example.article, example.doc)
        spans = [(s.start, s.end) for s in example.gold.sentences]
        for sent in example.doc.sents:
            if not any(a <= sent.start_char < b for a, b in spans):
                continue  # the title and the date line are no sentences of the gold
            for token, row in features.of_sentence(sent, coded):
                rows.features.append(row)
                rows.labels.append(labels.get(token.i, NONE))
                rows.article.append(number)
                rows.offset.append(token.idx)
    return rows


def fit(rows: Rows, settings: Settings, features: Features) -> Detector:
    """A detector trained on these rows (thresholds from settings, or 0.5 until chosen)."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    counts = Counter(f for row in rows.features for f in set(row))
    names = sorted(f for f, n in counts.items() if n >= settings.min_count)
    vocabulary = {name: i for i, name in enumerate(names)}
    classes = sorted(set(rows.labels) | {NONE})
    model = LogisticRegression(C=settings.c, max_iter=300, tol=1e-3, random_state=settings.seed)
    with threadpool_limits(1):  # one thread: the same weights on any machine, and faster here
        model.fit(matrix(rows.features, vocabulary), [classes.index(y) for y in rows.labels])
    weights = np.zeros((len(names), len(classes)), dtype=np.float32)
    bias = np.zeros(len(classes), dtype=np.float32)
    if len(model.classes_) == 2:  # a binary model keeps one row of weights
        weights[:, model.classes_[1]] = model.coef_[0]
        bias[model.classes_[1]] = model.intercept_[0]
    else:
        weights[:, model.classes_] = model.coef_.T
        bias[model.classes_] = model.intercept_
    thresholds = settings.thresholds or Thresholds(0.5, 0.5)
    return Detector(vocabulary, weights, bias, classes, thresholds, features)


def folds(n_articles: int, k: int, seed: int) -> list[list[int]]:
    """Articles shuffled with the seed and dealt into k folds."""
    order = list(range(n_articles))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


# -- scoring --------------------------------------------------------------------------------

Coder = Callable[[Detector, Example], Article]


def score_examples(examples: Sequence[Example], coded: Sequence[Article]) -> dict[str, Any]:
    tally = Tally()
    for example, article in zip(examples, coded, strict=True):
        sentences = example.gold.sentences
        for sentence, events in zip(sentences, assign(sentences, article.events), strict=True):
            score_sentence(sentence, events, tally)
    return summarise(tally)


def choose_thresholds(
    examples: Sequence[Example], rows: Rows, probabilities: np.ndarray, classes: list[str]
) -> Thresholds:
    """The thresholds whose detections give the best type F1 (the scorer's, sentence by
    sentence) on out-of-fold probabilities."""
    sentences = _sentence_ids(examples, rows)
    scores = {}
    for first in THRESHOLDS:
        for other in (t for t in THRESHOLDS if t >= first):
            thresholds = Thresholds(float(first), float(other))
            coded = [Article(text=e.article.text, id=e.article.id) for e in examples]
            for row, best in decode(sentences, probabilities, classes.index(NONE), thresholds):
                span = Span(rows.offset[row], rows.offset[row] + 1, "")
                coded[rows.article[row]].events.append(Event("", classes[best], span, span))
            scores[thresholds] = score_examples(examples, coded)["type"]["f1"]
    return max(scores, key=lambda t: (scores[t], -t.first, -t.other))


def _sentence_ids(examples: Sequence[Example], rows: Rows) -> list[int]:
    """A number for the gold sentence of each row (rows are in text order per article)."""
    starts = [[s.start for s in e.gold.sentences] for e in examples]
    ids = []
    for number, offset in zip(rows.article, rows.offset, strict=True):
        ids.append(number * 100_000 + bisect_right(starts[number], offset))
    return ids


def cross_validate(
    examples: Sequence[Example], settings: Settings, code: Coder, k: int = FOLDS
) -> tuple[dict[str, Any], Thresholds]:
    """k-fold CV by article: the summary over all held-out folds and the chosen thresholds."""
    features = Features(load_ontology(), load_petrarch())
    rows = build_rows(examples, features, settings.optional)
    article_of = np.array(rows.article)
    split = folds(len(examples), k, settings.seed)
    classes = sorted(set(rows.labels) | {NONE})
    out_of_fold = np.zeros((len(rows.labels), len(classes)))
    detectors = []
    for held in split:
        train_mask = ~np.isin(article_of, held)
        detector = fit(_subset(rows, train_mask), settings, features)
        held_idx = np.flatnonzero(~train_mask)
        probs = detector.probabilities(rows.features[i] for i in held_idx)
        for j, name in enumerate(detector.classes):
            out_of_fold[held_idx, classes.index(name)] = probs[:, j]
        detectors.append(detector)
    thresholds = settings.thresholds or choose_thresholds(examples, rows, out_of_fold, classes)
    coded, ordered = [], []
    for held, detector in zip(split, detectors, strict=True):
        detector.thresholds = thresholds
        for i in held:
            coded.append(code(detector, examples[i]))
            ordered.append(examples[i])
    return score_examples(ordered, coded), thresholds


def _subset(rows: Rows, mask: np.ndarray) -> Rows:
    keep = np.flatnonzero(mask)
    return Rows(
        [rows.features[i] for i in keep],
        [rows.labels[i] for i in keep],
        [rows.article[i] for i in keep],
        [rows.offset[i] for i in keep],
    )


def train(examples: Sequence[Example], settings: Settings, thresholds: Thresholds) -> Detector:
    """The final model on all examples, with the thresholds chosen by cross-validation."""
    features = Features(load_ontology(), load_petrarch())
    detector = fit(build_rows(examples, features, settings.optional), settings, features)
    detector.thresholds = thresholds
    return detector


def stage_coder() -> Coder:
    """Codes an example's article with the events stage and a given detector (on a copy of the
    annotations made before the stage, so the cached example is left as it was)."""
    from tidings.events import factuality
    from tidings.events.stage import EventStage

    onto, cues = load_ontology(), factuality.load_cues()

    def code(detector: Detector, example: Example) -> Article:
        article = Article.from_dict(example.article.to_dict())
        EventStage(onto, cues, detector)(article, example.doc)
        return article

    return code


def run(
    gold: Path,
    pipeline: Pipeline,
    out: Path,
    *,
    cache: Path | None = None,
    settings: Settings | None = None,
    report: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Rebuild the detector from ``gold/train.jsonl``: k-fold CV figures on train, the model on
    all of train written to ``out``, and its figures on ``gold/dev.jsonl`` when there is one."""
    settings = settings or Settings()
    train_path = gold / "train.jsonl" if gold.is_dir() else gold
    if not train_path.is_file():
        raise FileNotFoundError(f"{train_path}: no training sentences")
    examples = parsed(train_path, pipeline, cache)
    report(f"train: {len(examples)} articles from {train_path}")
    code = stage_coder()
    cv, thresholds = cross_validate(examples, settings, code)
    report(f"{FOLDS}-fold cross-validation on train ({thresholds}): {json.dumps(cv)}")
    detector = train(examples, settings, thresholds)
    out.parent.mkdir(parents=True, exist_ok=True)
    detector.save(out)
    report(f"model: {out} ({len(detector.vocabulary)} features, {out.stat().st_size} bytes)")
    result: dict[str, Any] = {"cv": cv, "thresholds": [thresholds.first, thresholds.other]}
    dev_path = gold / "dev.jsonl" if gold.is_dir() else None
    if dev_path is not None and dev_path.is_file():
        dev = parsed(dev_path, pipeline, cache)
        result["dev"] = score_examples(dev, [code(detector, e) for e in dev])
        report(f"dev ({len(dev)} articles): {json.dumps(result['dev'])}")
    return result
