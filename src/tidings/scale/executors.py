"""Where batches are coded: this process, a pool of local processes, or a Dask cluster.

All three run :func:`tidings.scale.worker.code_batch` on the same batches and hand back the
outcomes in submission order, so the store receives identical rows whichever is used.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Protocol

from tidings.config import PipelineConfig
from tidings.model import Article
from tidings.pipeline import Progress
from tidings.scale.worker import Outcome, code_batch, warm_up
from tidings.store.schema import now


class Pending(Protocol):
    def result(self) -> list[Outcome]: ...


class Executor(Protocol):
    """Accepts batches, returns handles whose ``result()`` are the batch's outcomes."""

    #: How many batches may be in flight before the caller waits for the oldest.
    window: int

    def submit(self, batch: list[Article]) -> Pending: ...

    def close(self) -> None: ...


class _Done:
    def __init__(self, outcomes: list[Outcome]):
        self._outcomes = outcomes

    def result(self) -> list[Outcome]:
        return self._outcomes


class InProcess:
    """Code each batch right away in this process."""

    window = 1

    def __init__(self, config: PipelineConfig, progress: Progress | None = None):
        self.config = config
        self.progress = progress  # told of each coded piece of an article

    def submit(self, batch: list[Article]) -> Pending:
        return _Done(code_batch(batch, self.config, self.progress))

    def close(self) -> None:
        pass


class Processes:
    """``workers`` spawned processes, each loading the pipeline once."""

    def __init__(self, config: PipelineConfig, workers: int):
        self.config = config
        self.workers = workers
        self.window = 2 * workers  # keep every worker busy while the parent writes
        self.pool = self._new_pool()

    def submit(self, batch: list[Article]) -> Pending:
        try:
            return self.pool.submit(code_batch, batch, self.config)
        except BrokenProcessPool:  # a worker died (killed, out of memory): start afresh
            self.pool.shutdown(cancel_futures=True)
            self.pool = self._new_pool()
            return self.pool.submit(code_batch, batch, self.config)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=warm_up,
            initargs=(self.config,),
        )


class DaskCluster:
    """Batches coded on a Dask distributed cluster; each writes Parquet parts in ``out_dir``.

    ``out_dir`` must be reachable by the workers and this process (a local folder for a local
    cluster, shared storage for a real one). The parts, in the store's table layout (see
    :mod:`tidings.scale.parquet`), are the run's partitioned output: the store loads each batch
    from them as it completes, in submission order, and they can be queried in place.
    """

    def __init__(
        self,
        config: PipelineConfig,
        address: str,
        out_dir: Path,
    ):
        from distributed import Client

        self.config = config
        self.out_dir = out_dir
        self.client = Client(address)
        self.window = 2 * max(1, len(self.client.scheduler_info()["workers"]))
        self.run_id = now().strftime("%Y%m%dT%H%M%S%f")  # parts of earlier runs are kept
        self._parts = 0

    def submit(self, batch: list[Article]) -> Pending:
        from tidings.scale.parquet import code_batch_to_parquet

        part = f"part-{self.run_id}-{self._parts:06d}"
        self._parts += 1
        future = self.client.submit(
            code_batch_to_parquet,
            batch,
            self.config,
            str(self.out_dir),
            part,
            pure=False,
        )
        return _FromParquet(future)

    def close(self) -> None:
        self.client.close()


class _FromParquet:
    def __init__(self, future: Future[list[Outcome]]):
        self.future = future

    def result(self) -> list[Outcome]:
        from tidings.scale.parquet import attach_articles

        return attach_articles(self.future.result())
