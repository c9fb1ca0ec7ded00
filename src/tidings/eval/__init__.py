"""Evaluation against gold corpora: one module per gold format, shared metrics and reports.

Each format module provides ``run(path, config, baseline=None) -> Report``. The CLI prints the
report's table and, with ``--json``, its ``summary`` as one JSON object on the last line.
"""

from __future__ import annotations

import importlib
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


def run(fmt: str, path: Path, config: PipelineConfig, baseline: str | None = None) -> Report:
    """Evaluate with the module registered for ``fmt``."""
    try:
        module_path = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown gold format {fmt!r}; known: {', '.join(FORMATS)}") from None
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    return importlib.import_module(module_path).run(path, config, baseline=baseline)
