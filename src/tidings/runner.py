"""Code a stream of inputs into the store: read -> parse -> stages -> write, one article at a time.

Every input ends with a status row in the store (``coded``, ``unchanged``, ``skipped`` or
``failed`` with the reason), so nothing is ever dropped silently. An article already in the store
(same content hash) is not coded again unless ``force`` is set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from tidings.model import Article
from tidings.pipeline import Pipeline
from tidings.read import ReadResult
from tidings.store import Store


@dataclass
class RunSummary:
    """What a run did with its inputs."""

    coded: list[str] = field(default_factory=list)  # article ids
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.coded) + len(self.unchanged) + len(self.skipped) + len(self.failed)


def code_inputs(
    results: Iterable[ReadResult],
    pipeline: Pipeline,
    store: Store,
    *,
    force: bool = False,
    batch_size: int = 16,
    on_done: Callable[[ReadResult, str], None] | None = None,
) -> RunSummary:
    """Code every read article into ``store``; account for every input in the summary."""
    summary = RunSummary()

    def done(result: ReadResult, status: str, reason: str = "") -> None:
        article_id = result.article.id if result.article else None
        store.record_input(result.source, status, reason, article_id)
        if status == "coded":
            summary.coded.append(article_id or "")
        elif status == "unchanged":
            summary.unchanged.append(article_id or "")
        elif status == "skipped":
            summary.skipped.append((result.source, reason))
        else:
            summary.failed.append((result.source, reason))
        if on_done:
            on_done(result, status)

    for batch in _batches(results, batch_size):
        to_code: list[ReadResult] = []
        for result in batch:
            if result.status != "read" or result.article is None:
                done(result, result.status, result.reason)
            elif not force and store.has(result.article.id):
                done(result, "unchanged")
            else:
                to_code.append(result)
        for result, outcome in zip(to_code, _annotate(pipeline, to_code), strict=True):
            if isinstance(outcome, Article):
                store.write(outcome)
                done(result, "coded")
            else:
                done(result, "failed", outcome)
    return summary


def _annotate(pipeline: Pipeline, results: list[ReadResult]) -> Iterator[Article | str]:
    """Annotated articles, or the error message for an article a stage failed on."""
    articles = [r.article for r in results if r.article is not None]
    docs = pipeline.parse((a.analysed_text for a in articles), batch_size=len(articles) or 1)
    for article, doc in zip(articles, docs, strict=True):
        try:
            yield pipeline.annotate(article, doc)
        except Exception as err:  # one bad article must not stop the batch
            yield f"pipeline error: {type(err).__name__}: {err}"


def _batches(items: Iterable[ReadResult], size: int) -> Iterator[list[ReadResult]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
