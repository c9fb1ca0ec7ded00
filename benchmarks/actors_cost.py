"""What the actors stage costs, as a share of the spaCy parse it runs on.

    PYTHONPATH=src python benchmarks/actors_cost.py [FOLDER ...] [--limit N] [--repeat N]

Reads the articles in the folders (default: ``../shared/corpus/news-dev`` when present, else the
bundled sample corpus), parses them once with spaCy (timed), then times the actors stage alone
over the parsed documents (``--repeat`` times, averaged). The one-off cost of building the stage
(knowledge base, surface index, gazetteer) is reported separately. Last line: JSON
``{"articles", "words", "parse_s", "parse_wps", "build_s", "actors_s", "share_of_parse",
"mentions", "places"}``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from tidings.actors.stage import create
from tidings.cli import sample_corpus
from tidings.pipeline import Pipeline, PipelineConfig
from tidings.read.files import read_paths

NEWS_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news-dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="at most N articles (0 = all)")
    parser.add_argument("--repeat", type=int, default=3, help="actors timing repetitions")
    args = parser.parse_args()
    folders = args.folders or [NEWS_DEV if NEWS_DEV.is_dir() else sample_corpus()]
    articles = [r.article for r in read_paths(folders) if r.article is not None]
    if args.limit:
        articles = articles[: args.limit]
    config = PipelineConfig(stages=())
    pipeline = Pipeline(config)
    texts = [a.analysed_text for a in articles]
    list(pipeline.parse(texts[:4]))  # warm up
    started = time.perf_counter()
    docs = list(pipeline.parse(texts))
    parse_s = time.perf_counter() - started
    words = sum(sum(1 for t in doc if not t.is_space and not t.is_punct) for doc in docs)

    started = time.perf_counter()
    stage = create(config)
    build_s = time.perf_counter() - started
    for article, doc in zip(articles[:4], docs, strict=False):  # warm up
        stage(article, doc)
    started = time.perf_counter()
    for _ in range(args.repeat):
        for article, doc in zip(articles, docs, strict=True):
            stage(article, doc)
    actors_s = (time.perf_counter() - started) / args.repeat
    summary = {
        "articles": len(articles),
        "words": words,
        "parse_s": round(parse_s, 3),
        "parse_wps": round(words / parse_s),
        "build_s": round(build_s, 3),
        "actors_s": round(actors_s, 3),
        "share_of_parse": round(actors_s / parse_s, 4),
        "mentions": sum(len(a.mentions) for a in articles),
        "places": sum(len(a.places) for a in articles),
    }
    print(
        f"{len(articles)} articles, {words} words; spaCy parse {parse_s:.2f} s "
        f"({summary['parse_wps']:,} words/s)"
    )
    print(f"actors stage: {actors_s:.3f} s = {actors_s / parse_s:.1%} of the parse")
    print(f"one-off build of the stage (knowledge base + gazetteer): {build_s:.2f} s")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
