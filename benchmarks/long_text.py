"""Time and memory of coding one long text: is the cost per word flat as the text grows?

    python benchmarks/long_text.py [--words 10000,100000,1000000] [--profile N]

For each size, one text of that many words is made from the bundled sample corpus (the bodies of
its fictional reports one after another, paragraphs kept, repeated as needed; nothing from
``../shared``) and coded as ``tidings code`` codes one input (read, parse, every stage, store),
each size in a fresh process with the model loaded before the clock starts. Prints a table
(seconds, words per second, seconds per 1,000 words relative to the smallest size, peak RSS of
the process) and a JSON last line ``{"sizes": [...], "max_ratio": ..., "max_rss_mb": ...}``.
The bound: every size within 1.5x the smallest size's time per word, every peak under 700 MB.

``--profile N`` codes one text of N words under cProfile instead and prints the 25 most
expensive functions by cumulative time (for finding what grows faster than the text).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tidings.cli import sample_corpus
from tidings.config import PipelineConfig
from tidings.read.files import read_inputs

SIZES = (10_000, 100_000, 1_000_000)
RATIO_BOUND = 1.5
RSS_BOUND_MB = 700


def long_text(words: int) -> str:
    """About ``words`` words of news copy from the sample corpus, bodies one after another."""
    bodies = []
    for result in read_inputs([sample_corpus()], include=["*.txt"]):
        article = result.article
        if article is not None:
            start = article.title_span.end if article.title_span else 0
            bodies.append(article.text[start:].strip())
    paragraphs: list[str] = []
    count = 0
    while count < words:
        for body in bodies:
            for paragraph in body.split("\n"):
                if paragraph.strip() and count < words:
                    paragraphs.append(paragraph.strip())
                    count += len(paragraph.split())
    return "Long report\n2021-03-04\n\n" + "\n\n".join(paragraphs) + "\n"


def code_one(path: Path, db: Path) -> dict[str, float]:
    """Code the file at ``path`` into ``db`` as ``tidings code`` does; time it after loading."""
    from tidings.read.files import ReadOptions
    from tidings.scale.executors import InProcess
    from tidings.scale.run import code_all
    from tidings.scale.worker import warm_up
    from tidings.store import Store

    config = PipelineConfig()
    warm_up(config)
    options = ReadOptions(max_bytes=path.stat().st_size + 1)
    with Store(db) as store:
        started = time.perf_counter()
        summary = code_all(read_inputs([str(path)], options), store, InProcess(config))
        seconds = time.perf_counter() - started
        counts = store.counts()
    if len(summary.coded) != 1:
        raise SystemExit(f"the text was not coded: {summary}")
    return {"seconds": seconds, **{k: v for k, v in counts.items() if k != "inputs"}}


def child(words: int, folder: Path) -> None:
    path = folder / f"long_{words}.txt"
    path.write_text(long_text(words), encoding="utf-8")
    result = code_one(path, folder / f"long_{words}.duckdb")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"words": words, **result, "peak_rss_mb": round(peak, 1)}))


def profile(words: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(long_text(words), encoding="utf-8")
        profiler = cProfile.Profile()
        profiler.enable()
        code_one(path, Path(tmp) / "long.duckdb")
        profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", default=",".join(map(str, SIZES)))
    parser.add_argument("--profile", type=int, default=0, help="profile one text of N words")
    parser.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.folder)
        return
    if args.profile:
        profile(args.profile)
        return
    rows = []
    print(f"{'words':>10} {'seconds':>9} {'words/s':>9} {'per word vs first':>18} {'peak RSS':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for words in (int(w) for w in args.words.split(",")):
            command = [sys.executable, __file__, "--child", str(words), "--folder", tmp]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise SystemExit(f"{words} words failed:\n{done.stderr[-3000:]}")
            row = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(row)
            per_word = [r["seconds"] / r["words"] for r in (rows[0], row)]
            row["ratio"] = round(per_word[1] / per_word[0], 2)
            rate = row["words"] / row["seconds"]
            print(
                f"{row['words']:>10,} {row['seconds']:>9.1f} {rate:>9,.0f} "
                f"{row['ratio']:>17.2f}x {row['peak_rss_mb']:>6.0f} MB",
                flush=True,
            )
    max_ratio = max(row["ratio"] for row in rows)
    max_rss = max(row["peak_rss_mb"] for row in rows)
    met = max_ratio <= RATIO_BOUND and max_rss < RSS_BOUND_MB
    print(json.dumps({"sizes": rows, "max_ratio": max_ratio, "max_rss_mb": max_rss, "met": met}))


if __name__ == "__main__":
    main()
