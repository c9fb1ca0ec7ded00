"""Compare event-detector designs by k-fold cross-validation over a sentence gold's train set.

    python benchmarks/detector_designs.py ../shared/gold/event-sentences [--cache .cache/train]

Designs, each scored on detection and type with ``eval/sentences.py``'s scorer (folds by
article, thresholds chosen on out-of-fold predictions, as ``tidings train events`` does):

- ``token``: the shipped design (``events/detect.py``): a multinomial logistic regression over
  each candidate trigger's words, dependency context, coded actors around it and lexicon
  features; the trigger is the candidate itself;
- ``sentence``: one-vs-rest logistic regressions over the whole sentence (lemma unigrams and
  bigrams, the lexicon features of its candidates, how many coded actors it names); it says
  which types a sentence reports but not where, so it would still need a trigger locator.

Only detection and type are compared (the triple needs a trigger for the argument rules).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from itertools import pairwise
from pathlib import Path

import numpy as np

from tidings.events.detect import Features, coded_tokens, load_petrarch, matrix
from tidings.events.ontology import load as load_ontology
from tidings.model import Article, Event, Span
from tidings.pipeline import Pipeline, PipelineConfig
from tidings.train import events as training
from tidings.train.corpus import BEFORE_EVENTS, Example, parsed

LEXICAL = ("lex:", "lex_obj:", "lex_prep:", "pv:", "pp:")


def token_design(examples: list[Example], settings: training.Settings) -> dict:
    def bare(detector, example: Example) -> Article:
        article = Article.from_dict(example.article.to_dict())
        for d in detector.detect(article, example.doc):
            t = d.token
            span = Span(t.idx, t.idx + len(t), t.text)
            article.events.append(Event("", d.type, span, span))
        return article

    summary, thresholds = training.cross_validate(examples, settings, bare)
    return {"thresholds": [thresholds.first, thresholds.other], **summary}


def _sentence_rows(examples: list[Example], features: Features):
    rows, labels, where = [], [], []
    for number, example in enumerate(examples):
        coded = coded_tokens(example.article, example.doc)
        for sentence in example.gold.sentences:
            span = example.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is None:
                continue
            lemmas = [t.lemma_.lower() for t in span if t.is_alpha]
            row = {f"u:{w}" for w in lemmas} | {f"b:{a}|{b}" for a, b in pairwise(lemmas)}
            for token, candidate in features.of_sentence(span, coded):
                row |= {f for f in candidate if f.startswith(LEXICAL)}
                row |= {f"{token.pos_}:{f}" for f in candidate if f.startswith("obj:")}
            row.add(f"actors:{min(sum(1 for t in span if t.i in coded), 4)}")
            rows.append(sorted(row))
            labels.append({e.types[0] for e in sentence.events})
            where.append((number, sentence))
    return rows, labels, where


def sentence_design(examples: list[Example], settings: training.Settings) -> dict:
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from threadpoolctl import threadpool_limits

    features = Features(load_ontology(), load_petrarch())
    rows, labels, where = _sentence_rows(examples, features)
    types = sorted({t for ls in labels for t in ls})
    y = np.array([[t in ls for t in types] for ls in labels], dtype=int)
    articles = np.array([n for n, _ in where])
    probs = np.zeros(y.shape)
    for held in training.folds(len(examples), training.FOLDS, settings.seed):
        test = np.isin(articles, held)
        counts = Counter(f for i in np.flatnonzero(~test) for f in rows[i])
        vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= 2))}
        features_matrix = matrix(rows, vocabulary)
        model = OneVsRestClassifier(LogisticRegression(C=settings.c, max_iter=300, tol=1e-3))
        with threadpool_limits(1):
            model.fit(features_matrix[~test], y[~test])
            probs[test] = model.predict_proba(features_matrix[test])
    best = None
    for threshold in training.THRESHOLDS:
        coded = _coded(examples, where, probs >= threshold, types)
        summary = training.score_examples(examples, coded)
        if best is None or summary["type"]["f1"] > best["type"]["f1"]:
            best = {"threshold": threshold, **summary}
    return best


def _coded(examples, where, predicted, types) -> list[Article]:
    articles = [Article(text=e.article.text, id=e.article.id) for e in examples]
    for (number, sentence), row in zip(where, predicted, strict=True):
        for type_, on in zip(types, row, strict=True):
            if on:
                span = Span(sentence.start, sentence.start + 1, sentence.text[:1])
                articles[number].events.append(Event("", type_, span, span))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="folder with train.jsonl")
    parser.add_argument("--cache", type=Path, default=None, help="folder for cached parses")
    parser.add_argument("--designs", default="token,sentence")
    args = parser.parse_args()
    pipeline = Pipeline(PipelineConfig(stages=BEFORE_EVENTS))
    examples = parsed(args.gold / "train.jsonl", pipeline, args.cache)
    settings = training.Settings()
    designs = {"token": token_design, "sentence": sentence_design}
    for name in args.designs.split(","):
        print(name, json.dumps(designs[name](examples, settings)), flush=True)


if __name__ == "__main__":
    main()
