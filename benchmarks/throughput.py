"""Throughput and memory of coding at scale: bare spaCy parse vs the tidings pipeline.

    python benchmarks/throughput.py [--n 500] [--modes bare,full,two_proc,dask,rerun]
                                    [--stages actors,time,...] [--workers 2]

Builds a corpus of ``--n`` articles from the bundled sample corpus and ``../shared/corpus/
news-dev`` (when present), repeated as needed (each copy made distinct by a closing line, so that
no copy is skipped as a duplicate), written as text files. Then, each mode in a fresh process
(model loading excluded from the timings, reading and store writes included):

* ``bare``: ``nlp.pipe`` over the same analysed texts, nothing else;
* ``full``: ``tidings code`` in one process (read, language check, parse, stages, store);
* ``two_proc``: the same with ``--workers``; ``dask``: on a local Dask cluster of ``--workers``;
* ``rerun``: ``full`` again over the unchanged corpus into the store it filled.

Prints a table (articles/s, words/s, CPU time, peak RSS of the mode's own process and of its
largest worker process) and a JSON last line
``{"bare_wps", "full_wps", "ratio", "two_proc_wps", "dask_wps", "peak_rss_mb", ...}``, where
``ratio`` is full/bare by wall-clock time and ``ratio_cpu`` the same by CPU time (trustworthy when
other work shares the machine), and ``peak_rss_mb`` is the largest peak of any one process (RSS
is per process: the processes of a mode are not added up).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tidings.chunking import pipe_chunked
from tidings.cli import sample_corpus
from tidings.pipeline import DEFAULT_STAGES, PipelineConfig
from tidings.read.files import read_inputs

ROOT = Path(__file__).resolve().parents[1]
NEWS_DEV = ROOT.parent / "shared" / "corpus" / "news-dev"
MODES = ("bare", "full", "two_proc", "dask", "rerun")
BATCH = 32  # spaCy batch size of Pipeline.parse, used for the bare parse too


def build_corpus(folder: Path, n: int) -> None:
    """``n`` distinct article files made from the sample corpus and news-dev."""
    sources = [sample_corpus()] + ([NEWS_DEV] if NEWS_DEV.is_dir() else [])
    articles = [r.article for r in read_inputs(sources, include=["*.txt"]) if r.article]
    for i in range(n):
        article = articles[i % len(articles)]
        copy = i // len(articles)
        text = article.text + (f"\n\nCopy {copy}." if copy else "")
        (folder / f"a{i:06d}.txt").write_text(text, encoding="utf-8")


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mb() -> dict[str, float | None]:
    """Peak resident set of this process and of its largest finished child (a pool or Dask
    worker; None when it had none), and the larger of the two, in MB (Linux reports KiB).
    ``ru_maxrss`` is each process's own high-water mark, so no process's figure includes another's.
    """
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "peak_rss_mb": round(max(own, children), 1),
        "parent_rss_mb": round(own, 1),
        "workers_rss_mb": round(children, 1) if children else None,
    }


def run_mode(mode: str, corpus: Path, db: Path, config: PipelineConfig, workers: int) -> dict:
    """Time one mode in this process; return seconds, articles and words."""
    from tidings.pipeline import Pipeline
    from tidings.scale.executors import DaskCluster, InProcess, Processes
    from tidings.scale.run import code_all
    from tidings.scale.worker import warm_up
    from tidings.store import Store

    if mode == "bare":
        nlp = Pipeline(PipelineConfig(model=config.model, stages=())).nlp
        texts = [r.article.analysed_text for r in read_inputs([corpus]) if r.article]
        list(nlp.pipe(texts[:8]))
        started, cpu = time.perf_counter(), cpu_seconds()
        words = sum(
            sum(1 for t in doc if not (t.is_space or t.is_punct))
            for doc in pipe_chunked(nlp, texts, batch_size=BATCH)  # batched as Pipeline.parse
        )
        return {
            "seconds": time.perf_counter() - started,
            "cpu_seconds": cpu_seconds() - cpu,
            "articles": len(texts),
            "words": words,
        }

    cluster = None
    if mode in {"full", "rerun"}:
        executor = InProcess(config)
        warm_up(config)
    elif mode == "two_proc":
        executor = Processes(config, workers)
        for warm in [executor.pool.submit(time.sleep, 0.5) for _ in range(workers)]:
            warm.result()  # every worker has loaded the model
    else:
        from distributed import LocalCluster

        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        executor = DaskCluster(config, cluster.scheduler_address, db.with_suffix(".parquet"))
        executor.client.run(warm_up, config)
    try:
        with Store(db) as store:
            started, cpu = time.perf_counter(), cpu_seconds()
            summary = code_all(read_inputs([corpus]), store, executor)
            seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    finally:
        executor.close()
        if cluster is not None:
            cluster.close()
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,  # this process only: the workers' time is not in it
        "articles": len(summary.coded) + len(summary.unchanged),
        "coded": len(summary.coded),
        "failed": len(summary.failed),
        "skipped": len(summary.skipped),
    }


def child(args: argparse.Namespace) -> None:
    config = PipelineConfig(stages=tuple(s for s in args.stages.split(",") if s))
    result = run_mode(args.child, args.corpus, args.db, config, args.workers)
    print(json.dumps({**result, **peak_rss_mb()}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="articles in the corpus")
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--stages", default=",".join(DEFAULT_STAGES), help="'' = parse only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    modes = [m for m in args.modes.split(",") if m]
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="tidings-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        build_corpus(corpus, args.n)
        for mode in modes:
            db = Path(tmp) / ("full.duckdb" if mode == "rerun" else f"{mode}.duckdb")
            command = [sys.executable, __file__, "--child", mode, "--corpus", str(corpus)]
            command += ["--db", str(db), "--stages", args.stages, "--workers", str(args.workers)]
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            results[mode] = json.loads(out.strip().splitlines()[-1])
            print(f"{mode}: {results[mode]}", file=sys.stderr, flush=True)
    words = results.get("bare", {}).get("words")
    print(f"{args.n} articles; stages: {args.stages or '(none: parse only)'}")
    print(
        f"{'mode':<10}{'seconds':>9}{'articles/s':>12}{'words/s':>10}"
        f"{'CPU s (parent)':>16}{'peak RSS MB: parent':>21}{'worker':>8}"
    )
    for mode, r in results.items():
        wps = f"{words / r['seconds']:,.0f}" if words else "-"
        aps = r["articles"] / r["seconds"]
        print(
            f"{mode:<10}{r['seconds']:>9.2f}{aps:>12.1f}{wps:>10}"
            f"{r['cpu_seconds']:>16.2f}{r['parent_rss_mb']:>21.0f}"
            f"{r['workers_rss_mb'] or 0:>8.0f}"
        )

    def wps(mode: str) -> float | None:
        return round(words / results[mode]["seconds"]) if words and mode in results else None

    summary = {
        "bare_wps": wps("bare"),
        "full_wps": wps("full"),
        "ratio": round(wps("full") / wps("bare"), 3) if wps("full") and wps("bare") else None,
        "ratio_cpu": (  # the same ratio by CPU time: robust to a machine shared with others
            round(results["bare"]["cpu_seconds"] / results["full"]["cpu_seconds"], 3)
            if "bare" in results and "full" in results
            else None
        ),
        "two_proc_wps": wps("two_proc"),
        "dask_wps": wps("dask"),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in results.values()),
        "two_proc_speedup": (
            round(wps("two_proc") / wps("full"), 3) if wps("two_proc") and wps("full") else None
        ),
        "rerun_ratio": (
            round(results["rerun"]["seconds"] / results["full"]["seconds"], 4)
            if "rerun" in results and "full" in results
            else None
        ),
        "articles": args.n,
        "words": words,
        "stages": args.stages,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
