"""Code a stream of inputs into the store with any executor, in input order, crash-safely.

The parent process reads, skips what the store already holds (same content hash), sends the
rest in batches to the executor and writes outcomes back in the order the inputs came, so a
run with N processes or on Dask stores exactly what a single process stores. Each article is
written in its own store transaction followed by its input's status row; after a kill at any
moment, a restart finds the written articles unchanged and codes only the rest. Memory stays
flat: at most ``executor.window`` batches are in flight.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tidings.model import Article
from tidings.read import ReadResult
from tidings.runner import RunSummary
from tidings.scale.executors import Executor, Pending
from tidings.scale.worker import Outcome
from tidings.store import Store

DoneCallback = Callable[[ReadResult, str], None]


@dataclass
class _Segment:
    """Inputs in order: those decided on reading, and those waiting for a coded batch."""

    items: list[tuple[ReadResult, str, str] | ReadResult] = field(default_factory=list)
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

    def finish(result: ReadResult, status: str, reason: str = "") -> None:
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

    def flush(done: _Segment) -> None:
        try:
            outcomes = iter(done.pending.result() if done.pending else [])
        except Exception as err:  # the executor lost the batch (worker crash): say so per input
            reason = f"worker error: {type(err).__name__}: {err}"
            outcomes = iter([Outcome("failed", reason=reason)] * len(done.batch))
        for item in done.items:
            if isinstance(item, tuple):
                finish(*item)
                continue
            outcome = next(outcomes)
            if outcome.status == "coded" and outcome.article is not None:
                store.write(outcome.article)
            finish(item, outcome.status, outcome.reason)

    def submit() -> None:
        nonlocal segment
        if segment.batch:
            segment.pending = executor.submit(segment.batch)
        in_flight.append(segment)
        segment = _Segment()
        while len(in_flight) > executor.window:
            flush(in_flight.popleft())

    for result in results:
        article = result.article
        decided: tuple[ReadResult, str, str] | None = None
        if result.status != "read" or article is None:
            decided = (result, result.status, result.reason)
        elif article.id in seen:
            decided = (result, "unchanged", f"same text as {seen[article.id]}")
        elif not force and store.has(article.id):
            decided = (result, "unchanged", "")
        if decided is not None:
            if segment.batch or in_flight:
                segment.items.append(decided)  # wait for the inputs before it
            else:
                finish(*decided)
        else:
            seen[article.id] = result.source
            segment.items.append(result)
            segment.batch.append(article)
            if len(segment.batch) >= batch_size:
                submit()
    submit()
    while in_flight:
        flush(in_flight.popleft())
    return summary
