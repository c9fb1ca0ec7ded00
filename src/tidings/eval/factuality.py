"""Score event factuality against UW/MEANTIME-style data (``tidings eval --format factuality``).

Each JSONL line is ``{"text", "targets": [{"span1": [start, end], "label": -3..3}]}`` where the
text is whitespace-tokenised and spans index those tokens. The text is parsed on exactly those
tokens, each target's head word gets a label from :func:`tidings.events.factuality.assess` (the
same function the events stage uses), and the label is put on the -3..3 scale with the ``scale``
table of ``data/events/factuality.yaml`` (fitted on the train files with :func:`fit_scale`).
Reports mean absolute error and Pearson r, beside the all-factual floor (+3 for every target).
``PATH`` is a ``.jsonl`` file or a folder of them.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from tidings import nlp as nlp_models
from tidings.config import PipelineConfig
from tidings.eval import Report
from tidings.events.factuality import assess, load_cues, load_scale

FLOOR = 3.0  # the all-factual prediction


def predictions(path: Path, nlp: Language) -> Iterator[tuple[str, float, str]]:
    """(predicted label, gold score, target word) for every target in the file(s)."""
    files = sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
    cues = load_cues()
    lines = [
        json.loads(line)
        for file in files
        for line in file.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    docs = nlp.pipe(Doc(nlp.vocab, words=item["text"].split()) for item in lines)
    for item, doc in zip(lines, docs, strict=True):
        for target in item["targets"]:
            start, end = target["span1"]
            if not 0 <= start < end <= len(doc):
                raise ValueError(f"target span {target['span1']} outside {item['text'][:60]!r}")
            token = doc[start:end].root
            yield assess(token, cues), float(target["label"]), token.text


def fit_scale(path: Path, nlp: Language) -> dict[str, float]:
    """The median gold score of each predicted label (the MAE-optimal constant per label)."""
    by_label: dict[str, list[float]] = defaultdict(list)
    for label, gold, _ in predictions(path, nlp):
        by_label[label].append(gold)
    return {label: round(statistics.median(v), 2) for label, v in sorted(by_label.items())}


def run(path: Path, config: PipelineConfig, baseline: str | None = None) -> Report:
    if baseline:
        raise ValueError("--format factuality has no baseline (the all-factual floor is reported)")
    nlp = nlp_models.load(config.model)
    scale = load_scale()
    predicted: list[float] = []
    gold: list[float] = []
    per_label: dict[str, list[float]] = defaultdict(list)
    for label, score, _ in predictions(path, nlp):
        predicted.append(scale[label])
        gold.append(score)
        per_label[label].append(score)
    if not gold:
        raise ValueError(f"{path}: no factuality targets found")
    n = len(gold)
    mae = sum(abs(p - g) for p, g in zip(predicted, gold, strict=True)) / n
    floor_mae = sum(abs(FLOOR - g) for g in gold) / n
    summary = {
        "mae": round(mae, 4),
        "pearson": round(_pearson(predicted, gold), 4),
        "n": n,
        "floor": {"mae": round(floor_mae, 4), "pearson": 0.0},
    }
    rows = [
        [label, len(v), scale[label], round(statistics.mean(v), 2)]
        for label, v in sorted(per_label.items())
    ]
    return Report(
        title=f"Factuality: {path}",
        headers=["predicted label", "targets", "scale value", "mean gold"],
        rows=rows,
        summary=summary,
        notes=[f"all-factual floor: MAE {summary['floor']['mae']} (Pearson undefined, 0)"],
    )


def _pearson(xs: list[float], ys: list[float]) -> float:
    if len(set(xs)) < 2 or len(set(ys)) < 2:
        return 0.0
    return statistics.correlation(xs, ys)
