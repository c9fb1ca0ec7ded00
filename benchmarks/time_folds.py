"""Folded TimeML figures for the time stage: is a rule change better across the documents?

    python benchmarks/time_folds.py ../shared/gold/timeml-dev [--folds 5] [--save FILE]
                                    [--compare FILE] [--cache DIR]

Scores the time stage (TempEval-3 task A scoring, as ``tidings eval --format timeml``) on each
corpus of the folder (TimeBank, AQUAINT: the sub-folders) and on ``--folds`` folds of its
documents (sorted by path, dealt round-robin so that every fold mixes sources). ``--save``
writes the figures; ``--compare`` prints the change against saved figures per split and how
many folds it helps or hurts: a rule change is kept only if it helps across folds, not on the
pooled score alone. Parses are cached in ``--cache`` (default: a folder under the system's
temporary directory), so that a re-run after a rule change takes seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
from pathlib import Path

from spacy.tokens import Doc, DocBin

from tidings.eval.timeml import Tally, TimeMLDocument, Timex, read_tml, tml_files
from tidings.pipeline import Pipeline, PipelineConfig
from tidings.time.stage import TimeStage

MEASURES = ("relaxed_f1", "strict_f1", "value_f1")


def parses(documents: list[TimeMLDocument], cache: Path) -> list[Doc]:
    """spaCy parses of the documents, from the cache when the texts are unchanged."""
    pipeline = Pipeline(PipelineConfig(stages=()))
    digest = hashlib.sha1("".join(d.text for d in documents).encode()).hexdigest()[:16]
    path = cache / f"timeml-{pipeline.nlp.meta['name']}-{digest}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(pipeline.nlp.vocab))
    docs = list(pipeline.parse(d.text for d in documents))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs).to_disk(path)
    return docs


def splits(documents: list[TimeMLDocument], root: Path, folds: int) -> dict[str, list[int]]:
    """Document indices of each corpus (first folder under ``root``) and of each fold."""
    named: dict[str, list[int]] = {}
    for index, document in enumerate(documents):
        parts = document.path.relative_to(root).parts
        named.setdefault(parts[0] if len(parts) > 1 else root.name, []).append(index)
    for fold in range(folds):
        named[f"fold {fold + 1}"] = list(range(fold, len(documents), folds))
    named["all"] = list(range(len(documents)))
    return named


def figures(tally: Tally) -> dict[str, float]:
    summary = tally.summary()
    return {
        "relaxed_f1": summary["relaxed"]["f1"],
        "strict_f1": summary["strict"]["f1"],
        "value_f1": summary["value_f1"],
        "n_gold": summary["n_gold"],
    }


def score(root: Path, folds: int, cache: Path) -> dict[str, dict[str, float]]:
    documents = [read_tml(p) for p in tml_files(root)]
    docs = parses(documents, cache)
    stage = TimeStage()
    predicted = [
        [Timex(t.start, t.end, t.type, t.value) for t in stage.tag(d.text, d.dct, doc)]
        for d, doc in zip(documents, docs, strict=True)
    ]
    result = {}
    for name, indices in splits(documents, root, folds).items():
        tally = Tally()
        for index in indices:
            tally.add(documents[index], predicted[index])
        result[name] = figures(tally)
    return result


def print_table(result: dict[str, dict[str, float]], before: dict | None) -> None:
    print(f"{'split':<10} {'gold':>5}  " + "  ".join(f"{m:>16}" for m in MEASURES))
    for name, row in result.items():
        cells = []
        for measure in MEASURES:
            cell = f"{row[measure]:.4f}"
            if before and name in before:
                cell += f" ({row[measure] - before[name][measure]:+.4f})"
            cells.append(f"{cell:>16}")
        print(f"{name:<10} {row['n_gold']:>5}  " + "  ".join(cells))


def verdict(result: dict[str, dict[str, float]], before: dict) -> dict[str, dict[str, int]]:
    """Per measure: in how many folds the change helps and in how many it hurts."""
    fold_names = [name for name in result if name.startswith("fold ") and name in before]
    counts = {}
    for measure in MEASURES:
        deltas = [result[n][measure] - before[n][measure] for n in fold_names]
        counts[measure] = {
            "helps": sum(d > 1e-9 for d in deltas),
            "hurts": sum(d < -1e-9 for d in deltas),
            "folds": len(deltas),
        }
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="folder of .tml files (e.g. timeml-dev)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--save", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--compare", type=Path, help="JSON figures saved before a change")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "tidings")
    args = parser.parse_args()
    result = score(args.gold, args.folds, args.cache)
    before = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else None
    print_table(result, before)
    summary: dict = {"splits": result}
    if before:
        summary["verdict"] = verdict(result, before)
        for measure, count in summary["verdict"].items():
            print(
                f"{measure}: helps in {count['helps']} of {count['folds']} folds, "
                f"hurts in {count['hurts']}"
            )
    if args.save:
        args.save.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
