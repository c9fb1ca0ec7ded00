"""Coding at scale: one process, a pool of processes, or a Dask cluster, with identical results.

:func:`make_executor` picks the executor from the ``code`` command's options;
:func:`tidings.scale.run.code_all` drives any of them.
"""

from __future__ import annotations

from pathlib import Path

from tidings.config import PipelineConfig
from tidings.pipeline import Progress
from tidings.scale.executors import DaskCluster, Executor, InProcess, Processes


def make_executor(
    config: PipelineConfig,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    out: Path = Path("tidings-parquet"),
    progress: Progress | None = None,
) -> Executor:
    """A Dask executor when ``scheduler`` is given, else ``workers`` processes, else this one
    (which tells ``progress`` of each coded piece of a long article)."""
    if workers < 1:
        raise ValueError(f"--workers must be at least 1, not {workers}")
    if scheduler:
        return DaskCluster(config, scheduler, out)
    if workers > 1:
        return Processes(config, workers)
    return InProcess(config, progress)
