"""Code a stream of inputs into the store with any executor, in input order, crash-safely.

The parent process reads, skips what the store already holds (same content hash), sends the
rest in batches to the executor and writes outcomes back in the order the inputs came, so a
run with N processes or on Dask stores exactly what a single process stores. The articles of a
batch are written in one store transaction (all or none), and input status rows follow in bulk;
after a kill at any moment, a restart finds the written articles unchanged, records their
inputs, and codes only the rest: nothing is lost and nothing is stored twice. Memory stays
flat: at most ``executor.window`` batches are in flight.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice

from tidings.model import Article
from tidings.read import ReadResult
from tidings.scale.executors import Executor, Pending
from tidings.scale.worker import Outcome
from tidings.store import Store

DoneCallback = Callable[[ReadResult, str], None]
#: Inputs looked up in the store with one query.
LOOKUP_CHUNK = 256
#: Status rows are written to the store in groups of this many (and at the end).
STATUS_CHUNK = 256

Decided = tuple[ReadResult, str, str]


@dataclass
class RunSummary:
    """What a run did with its inputs."""

    coded: list[str] = field(default_factory=list)  # article ids
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: Expressions that a stage could not read and skipped in coded articles (see
    #: :mod:`tidings.isolation`), by stage.
    skipped_expressions: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return len(self.coded) + len(self.unchanged) + len(self.skipped) + len(self.failed)


@dataclass
class _Segment:
    """Inputs in order: those decided on reading, and those waiting for a coded batch."""

    items: list[Decided | ReadResult] = field(default_factory=list)
    batch: list[Article] = field(default_factory=list)
    pending: Pending | None = None


def code_all(
    results: Iterable[ReadResult],
    store: Store,
    executor: Executor,
    *,
    force: bool = False,
    batch_size: int = 16,
    on_done: DoneCallback | None = None,
) -> RunSummary:
    """Code every read article with ``executor``; account for every input in the summary."""
    summary = RunSummary()
    in_flight: deque[_Segment] = deque()
    segment = _Segment()
    seen: dict[str, str] = {}  # article id -> source that first brought it in this run
    statuses: list[tuple[str, str, str, str | None]] = []

    def finish(result: ReadResult, status: str, reason: str = "") -> None:
        article_id = result.article.id if result.article else None
        statuses.append((result.source, status, reason, article_id))
        if len(statuses) >= STATUS_CHUNK:
            store.record_inputs(statuses)
            statuses.clear()
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

    def flush(done: _Segment) -> None:
        try:
            outcomes = done.pending.result() if done.pending else []
        except Exception as err:  # the executor lost the batch (worker crash): say so per input
            reason = f"worker error: {type(err).__name__}: {err}"
            outcomes = [Outcome("failed", reason=reason)] * len(done.batch)
        coded_articles = [o.article for o in outcomes if o.status == "coded" and o.article]
        for article in coded_articles:
            summary.skipped_expressions.update(s.stage for s in article.skipped_expressions)
        store.write_many(coded_articles)
        coded = iter(outcomes)
        for item in done.items:
            if isinstance(item, tuple):
                finish(*item)
            else:
                outcome = next(coded)
                finish(item, outcome.status, outcome.reason)

    def submit() -> None:
        nonlocal segment
        if segment.batch:
            segment.pending = executor.submit(segment.batch)
        in_flight.append(segment)
        segment = _Segment()
        while len(in_flight) > executor.window:
            flush(in_flight.popleft())

    stream = iter(results)
    while chunk := list(islice(stream, LOOKUP_CHUNK)):
        stored = set() if force else store.existing(r.article.id for r in chunk if r.article)
        for result in chunk:
            article = result.article
            decided: Decided | None = None
            if result.status != "read" or article is None:
                decided = (result, result.status, result.reason)
            elif article.id in seen:
                decided = (result, "unchanged", f"same text as {seen[article.id]}")
            elif article.id in stored:
                decided = (result, "unchanged", "")
            if decided is None:
                seen[article.id] = result.source
                segment.items.append(result)
                segment.batch.append(article)
                if len(segment.batch) >= batch_size:
                    submit()
            elif segment.batch or in_flight:
                segment.items.append(decided)  # wait for the inputs before it
            else:
                finish(*decided)
    submit()
    while in_flight:
        flush(in_flight.popleft())
    store.record_inputs(statuses)
    return summary
