"""Write the cluster gold in the project's own format: file name, offsets, cluster id (no text).

    PYTHONPATH=src python benchmarks/build_cluster_gold.py \
        [../shared/corpus/clusters-dev/clusters.gold.csv] [benchmarks/data/clusters-dev-offsets.csv]

The shared gold quotes each mention's evidence verbatim; news text must not enter the project,
so the evidence is located in the article file and only its character offsets are kept. Article
paths are written relative to the output file, so `tidings eval OUT --format clusters` finds them.
"""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

from tidings.eval.clusters import read_gold

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "corpus" / "clusters-dev" / "clusters.gold.csv"
DEFAULT_OUT = ROOT / "benchmarks" / "data" / "clusters-dev-offsets.csv"


def main(gold: Path = DEFAULT_GOLD, out: Path = DEFAULT_OUT) -> None:
    rows = read_gold(gold)
    here = os.path.abspath(out.parent)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article", "start", "end", "cluster", "event"])
        for row in rows:
            article = Path(os.path.relpath(os.path.abspath(gold.parent / row.article), here))
            writer.writerow([article.as_posix(), row.start, row.end, row.cluster, row.event])
    print(f"wrote {len(rows)} mentions of {len({r.cluster for r in rows})} events to {out}")


if __name__ == "__main__":
    main(*(Path(arg) for arg in sys.argv[1:3]))
