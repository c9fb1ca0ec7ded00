"""Store benchmark: cost of writing coded articles and of typical queries and exports.

    PYTHONPATH=src python benchmarks/store.py --articles 500

Writes synthetic Articles (see ``load.py``) one transaction each, as ``tidings code`` does, then
times filtered event queries, an aggregate and the Parquet and GDELT exports. Prints one JSON
object with wall-clock and CPU milliseconds (CPU time is what the store costs regardless of how
busy the machine is).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from load import synthetic_article
from tidings.store import Store


def timed(action, repeat: int = 1) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        action()
    return {
        "wall_ms": round(1000 * (time.perf_counter() - wall) / repeat, 2),
        "cpu_ms": round(1000 * (time.process_time() - cpu) / repeat, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(11)
    articles = [synthetic_article(rng, n) for n in range(args.articles)]
    report: dict[str, object] = {"articles": args.articles}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        with Store(db) as store:
            pending = iter(articles)
            report["write_per_article"] = timed(lambda: store.write(next(pending)), len(articles))
            report["rewrite_per_article"] = timed(lambda: store.write(articles[0]), 20)
        with Store(Path(tmp) / "bulk.duckdb") as store:
            batches = iter([articles[i : i + 16] for i in range(0, len(articles), 16)])
            n_batches = (len(articles) + 15) // 16
            bulk = timed(lambda: store.write_many(next(batches)), n_batches)
            report["write_many_16_per_article"] = {
                k: round(v * n_batches / len(articles), 2) for k, v in bulk.items()
            }
        with Store(db) as store:
            report["events"] = store.counts()["events"]
        with Store(db, read_only=True) as store:
            report["query_actor_page"] = timed(
                lambda: store.page("events", limit=50, actor="RUS"), 20
            )
            report["query_dyad_type"] = timed(
                lambda: store.events(dyad="USA,IRN", type="SANCTION", limit=50), 20
            )
            report["aggregate_dyad_month"] = timed(lambda: store.aggregate(), 10)
            report["export_parquet"] = timed(lambda: store.export("parquet", Path(tmp) / "pq"))
            report["export_gdelt"] = timed(lambda: store.export("gdelt", Path(tmp) / "g.tsv"))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
