"""Memory and size of the store alone: coded articles replayed into a fresh store.

    python benchmarks/store_memory.py [--n 5000] [--coded /tmp/tidings-coded.jsonl]

Codes the bundled sample corpus and ``../shared/corpus/news-dev`` (when present) once with the
full pipeline and keeps the coded Articles as JSON Lines in ``--coded`` (reused when it exists).
Then, in a fresh process without spaCy, writes ``--n`` distinct copies of them (each copy's text
ends with a closing line, so it has its own id) in batches of 16, as ``tidings code`` does, and
prints the process's peak RSS after every 640 articles, the store's size per article after
``close()`` (a checkpointed file), and a JSON last line. Isolates what the store costs from the
parse, which :mod:`benchmarks.throughput` measures together.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from tidings.model import Article, content_id

ROOT = Path(__file__).resolve().parents[1]
NEWS_DEV = ROOT.parent / "shared" / "corpus" / "news-dev"
BATCH = 16
REPORT_EVERY = 640


def code_corpus(path: Path) -> None:
    """Code the sample corpus (and news-dev) once; one Article JSON per line."""
    from tidings.cli import sample_corpus
    from tidings.pipeline import Pipeline, PipelineConfig
    from tidings.read.files import read_inputs

    sources = [sample_corpus()] + ([NEWS_DEV] if NEWS_DEV.is_dir() else [])
    articles = [r.article for r in read_inputs(sources, include=["*.txt"]) if r.article]
    pipeline = Pipeline(PipelineConfig())
    with path.open("w", encoding="utf-8") as out:
        for article in pipeline.process(articles):
            out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")


def copy_of(article: Article, copy: int) -> Article:
    if not copy:
        return article
    text = article.text + f"\n\nCopy {copy}."
    return replace(article, text=text, id=content_id(text))


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def replay(coded: Path, n: int, db: Path) -> dict:
    from tidings.store import Store

    base = [Article.from_dict(json.loads(line)) for line in coded.open(encoding="utf-8")]
    report: dict = {"articles": n, "base_articles": len(base), "rss_start_mb": peak_mb()}
    started = time.perf_counter()
    peaks = []
    with Store(db) as store:
        for first in range(0, n, BATCH):
            last = min(first + BATCH, n)
            store.write_many(
                [copy_of(base[i % len(base)], i // len(base)) for i in range(first, last)]
            )
            if last % REPORT_EVERY < BATCH or last == n:
                peaks.append((last, peak_mb()))
                print(f"{last} articles: peak RSS {peaks[-1][1]} MB", file=sys.stderr, flush=True)
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())
    return {
        **report,
        "seconds": round(time.perf_counter() - started, 1),
        "peaks_mb": peaks,
        "peak_rss_mb": peak_mb(),
        "store_mb": round(size / 2**20, 1),
        "store_kb_per_article": round(size / 1024 / n, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--coded", type=Path, default=Path("/tmp/tidings-coded.jsonl"))
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.db:
        print(json.dumps(replay(args.coded, args.n, args.db)))
        return
    if not args.coded.exists():
        code_corpus(args.coded)
    with tempfile.TemporaryDirectory(prefix="tidings-store-memory-") as tmp:
        command = [sys.executable, __file__, "--n", str(args.n), "--coded", str(args.coded)]
        out = subprocess.run(
            [*command, "--db", str(Path(tmp) / "replay.duckdb")],
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
    print(out.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
