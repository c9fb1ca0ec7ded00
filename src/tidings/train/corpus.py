"""Sentence-gold articles parsed once and cached on disk, so cross-validation is cheap.

Each article of a sentence gold (``eval/sentences.py``) is read, parsed and annotated by every
stage that comes before ``events`` (actors, time, quotes); the Docs are kept in a spaCy
``DocBin`` and the Articles as JSON under a cache folder, keyed by the gold file, its size and
modification time, the spaCy model and the stages, so that a change to any of them re-parses.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin

from tidings.eval.sentences import GoldDocument, load, read_article
from tidings.model import Article
from tidings.pipeline import Pipeline

#: The stages whose annotations the events stage reads.
BEFORE_EVENTS = ("actors", "time", "quotes")


@dataclass(slots=True)
class Example:
    """One gold article with its parse and the annotations made before the events stage."""

    gold: GoldDocument
    article: Article
    doc: Doc


def parsed(gold_path: Path, pipeline: Pipeline, cache: Path | None) -> list[Example]:
    """The examples of a sentence-gold file, from the cache when it is there and current."""
    documents = load(gold_path)
    key = _key(gold_path, pipeline)
    folder = cache / key if cache is not None else None
    if folder is not None and (folder / "articles.jsonl").is_file():
        return _read(folder, documents, pipeline)
    examples = list(_annotate(documents, pipeline))
    if folder is not None:
        _write(folder, examples)
    return examples


def _annotate(documents: list[GoldDocument], pipeline: Pipeline) -> Iterator[Example]:
    articles = [read_article(doc) for doc in documents]
    stages = [s for s in pipeline.stages if s.name in BEFORE_EVENTS]
    docs = pipeline.parse(a.analysed_text for a in articles)
    for gold, article, doc in zip(documents, articles, docs, strict=True):
        article.clear_annotations()
        for stage in stages:
            try:
                stage(article, doc)
            except Exception as err:  # one stage's bug must not stop a training run
                print(f"warning: {gold.doc}: {stage.name} stage failed ({err!r})", file=sys.stderr)
        yield Example(gold, article, doc)


def _key(gold_path: Path, pipeline: Pipeline) -> str:
    stat = gold_path.stat()
    parts = [
        str(gold_path.resolve()),
        str(stat.st_size),
        str(stat.st_mtime_ns),
        pipeline.nlp.meta.get("name", ""),
        pipeline.nlp.meta.get("version", ""),
        *BEFORE_EVENTS,
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _write(folder: Path, examples: list[Example]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    DocBin(docs=[e.doc for e in examples], store_user_data=False).to_disk(folder / "docs.spacy")
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as out:
        for example in examples:
            out.write(json.dumps(example.article.to_dict()) + "\n")


def _read(folder: Path, documents: list[GoldDocument], pipeline: Pipeline) -> list[Example]:
    docs = list(DocBin().from_disk(folder / "docs.spacy").get_docs(pipeline.nlp.vocab))
    lines = (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    articles = [Article.from_dict(json.loads(line)) for line in lines]
    if not len(docs) == len(articles) == len(documents):
        raise ValueError(f"{folder}: cache does not match its gold file; delete it")
    return [Example(g, a, d) for g, a, d in zip(documents, articles, docs, strict=True)]
