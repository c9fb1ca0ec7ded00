"""What each tidings stage costs, as a share of the spaCy parse it runs on.

    python benchmarks/stage_cost.py [FOLDER ...] [--repeat N]

Reads every article in the folders (default: the bundled sample corpus), parses them once with
spaCy (timed), then times each stage over the parsed documents. Prints a table and a JSON line
``{"parse_s", "words", "parse_wps", "stages": {name: {"seconds", "share_of_parse"}}}``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from tidings.cli import sample_corpus
from tidings.pipeline import Pipeline, PipelineConfig
from tidings.read.files import read_paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=1, help="stage timing repetitions")
    args = parser.parse_args()
    folders = args.folders or [sample_corpus()]
    articles = [r.article for r in read_paths(folders) if r.article is not None]
    pipeline = Pipeline(PipelineConfig())
    texts = [a.analysed_text for a in articles]
    pipeline.parse(texts[:4])  # warm up
    started = time.perf_counter()
    docs = list(pipeline.parse(texts))
    parse_s = time.perf_counter() - started
    words = sum(sum(1 for t in doc if not t.is_space and not t.is_punct) for doc in docs)

    cost = dict.fromkeys((stage.name for stage in pipeline.stages), 0.0)
    for _ in range(args.repeat):
        for article, doc in zip(articles, docs, strict=True):
            article.clear_annotations()
            for stage in pipeline.stages:
                t0 = time.perf_counter()
                stage(article, doc)
                cost[stage.name] += time.perf_counter() - t0
    stages = {
        name: {
            "seconds": round(s / args.repeat, 3),
            "share_of_parse": round(s / args.repeat / parse_s, 4),
        }
        for name, s in cost.items()
    }
    print(
        f"{len(articles)} articles, {words} words; spaCy parse {parse_s:.2f} s "
        f"({words / parse_s:,.0f} words/s)"
    )
    for name, row in stages.items():
        print(f"  {name:<8} {row['seconds']:>7.3f} s  {row['share_of_parse']:>7.1%} of the parse")
    print(
        json.dumps(
            {
                "parse_s": round(parse_s, 3),
                "words": words,
                "parse_wps": round(words / parse_s),
                "stages": stages,
            }
        )
    )


if __name__ == "__main__":
    main()
