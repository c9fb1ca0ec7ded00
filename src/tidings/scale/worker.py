"""The unit of work every executor runs: code one batch of read articles in this process.

The same function serves a single process, a pool of processes and Dask workers, which is why
results are identical whichever runs them. The pipeline is built once per process (per
configuration) and kept in a module-level cache, so a worker loads the spaCy model only once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tidings.model import Article
from tidings.pipeline import Pipeline, PipelineConfig
from tidings.read.language import detector, identify

Status = Literal["coded", "skipped", "failed"]
_pipelines: dict[str, Pipeline] = {}


@dataclass
class Outcome:
    """What became of one article: coded (with the annotated Article), skipped or failed."""

    status: Status
    article: Article | None = None
    reason: str = ""


def pipeline_for(config: PipelineConfig) -> Pipeline:
    """This process's pipeline for ``config`` (built on first use)."""
    key = repr(config)
    if key not in _pipelines:
        _pipelines[key] = Pipeline(config)
    return _pipelines[key]


def warm_up(config: PipelineConfig) -> None:
    """Load the pipeline (and the language detector) now, not inside the first batch."""
    pipeline_for(config)
    # Plain English never reaches the detector, so load its models (lazily loaded) now.
    detector().compute_language_confidence_values("warm up the language detector")


def code_batch(articles: list[Article], config: PipelineConfig) -> list[Outcome]:
    """Language check, parse (long texts in chunks) and annotate; one Outcome per article.

    An error in one article is that article's ``failed`` outcome; the others are unaffected.
    """
    pipeline = pipeline_for(config)
    outcomes: list[Outcome | None] = [None] * len(articles)
    to_parse: list[int] = []
    for i, article in enumerate(articles):
        body = _body(article)
        if not body.strip():
            outcomes[i] = Outcome("skipped", reason="no text to analyse (only title/boilerplate)")
            continue
        verdict = identify(body)
        article.language = verdict.code if verdict.code != "und" else article.language
        if not verdict.english:
            outcomes[i] = Outcome(
                "skipped",
                reason=f"language is {verdict.name} ({verdict.code}, "
                f"confidence {verdict.confidence:.2f}), not English",
            )
            continue
        to_parse.append(i)
    texts = (articles[i].analysed_text for i in to_parse)
    # Strings the batch adds to spaCy's vocabulary are freed when it ends, so a long run's
    # memory stays flat; the annotated Articles hold plain Python values only.
    with pipeline.nlp.memory_zone():
        for i, doc in zip(to_parse, pipeline.parse(texts), strict=True):
            try:
                outcomes[i] = Outcome("coded", pipeline.annotate(articles[i], doc))
            except Exception as err:  # one bad article must not stop the batch
                reason = f"pipeline error: {type(err).__name__}: {err}"
                outcomes[i] = Outcome("failed", reason=reason)
    return [o for o in outcomes if o is not None]


def _body(article: Article) -> str:
    """The analysed text without the blanked-out title and boilerplate."""
    return " ".join(article.analysed_text.split())
