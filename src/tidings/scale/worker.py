"""The unit of work every executor runs: code one batch of read articles in this process.

The same function serves a single process, a pool of processes and Dask workers, which is why
results are identical whichever runs them. The pipeline is built once per process (per
configuration) and kept in a module-level cache, so a worker loads the spaCy model only once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tidings.model import Article
from tidings.pipeline import Pipeline, PipelineConfig, Progress
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


def code_batch(
    articles: list[Article], config: PipelineConfig, progress: Progress | None = None
) -> list[Outcome]:
    """Language check, parse (long texts in pieces) and annotate; one Outcome per article.

    What a stage cannot read costs that expression or that stage's annotations, never the
    article (:mod:`tidings.isolation`); ``progress`` is told of each coded piece.
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
    # Strings the batch adds to spaCy's vocabulary are freed when it ends, so a long run's
    # memory stays flat; the annotated Articles hold plain Python values only.
    with pipeline.nlp.memory_zone():
        coded = pipeline.process((articles[i] for i in to_parse), progress=progress)
        for i, article in zip(to_parse, coded, strict=True):
            outcomes[i] = Outcome("coded", article)
    return [o for o in outcomes if o is not None]


def _body(article: Article) -> str:
    """The analysed text without the blanked-out title and boilerplate."""
    return " ".join(article.analysed_text.split())
