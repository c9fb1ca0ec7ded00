"""Evaluation against gold corpora: one module per gold format, shared metrics and reports.

Each format module provides ``run(path, config, baseline=None) -> Report``; one that sets
``SEVERAL_BASELINES = True`` takes a list of baseline names and scores them side by side. The
CLI prints the report's table and, with ``--json``, its ``summary`` as one JSON object on the
last line.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.config import PipelineConfig

#: ``tidings eval --format NAME`` -> module providing ``run``.
FORMATS: dict[str, str] = {
    "tidings": "tidings.eval.article_gold",
    "timeml": "tidings.eval.timeml",
    "brat": "tidings.eval.brat",
    "plover": "tidings.eval.plover",
    "factuality": "tidings.eval.factuality",
    "html": "tidings.eval.html",
    "clusters": "tidings.eval.clusters",
}


@dataclass
class Report:
    """What an evaluation prints: a titled table and the machine-readable summary."""

    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def run(
    fmt: str, path: Path, config: PipelineConfig, baseline: str | Sequence[str] | None = None
) -> Report:
    """Evaluate with the module registered for ``fmt`` (and one baseline, or several where the
    format scores several side by side)."""
    try:
        module_path = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown gold format {fmt!r}; known: {', '.join(FORMATS)}") from None
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    module = importlib.import_module(module_path)
    names = [baseline] if isinstance(baseline, str) else list(baseline or ())
    if len(names) > 1 and not getattr(module, "SEVERAL_BASELINES", False):
        raise ValueError(f"--format {fmt} scores one baseline at a time")
    if getattr(module, "SEVERAL_BASELINES", False):
        return module.run(path, config, baseline=names)
    return module.run(path, config, baseline=names[0] if names else None)
