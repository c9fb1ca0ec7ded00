"""What the events stage costs, as a share of the spaCy parse it runs on.

    python benchmarks/events_cost.py [FOLDER ...] [--repeat N]

Reads every article in the folders (default: the bundled sample corpus), parses them once with
spaCy (timed), runs the stages the events stage depends on (actors, quotes) untimed so that it
sees real mentions and quotes, then times the events stage alone. Prints a line of text and a
JSON line ``{"articles", "words", "parse_s", "events_s", "share_of_parse", "events"}``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from tidings.cli import sample_corpus
from tidings.pipeline import Pipeline, PipelineConfig
from tidings.read.files import read_paths

UPSTREAM = ("actors", "quotes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="timing repetitions of the stage")
    args = parser.parse_args()
    folders = args.folders or [sample_corpus()]
    articles = [r.article for r in read_paths(folders) if r.article is not None]
    pipeline = Pipeline(PipelineConfig(stages=(*UPSTREAM, "events")))
    *upstream, events = pipeline.stages
    texts = [a.analysed_text for a in articles]
    list(pipeline.parse(texts[:4]))  # warm up
    started = time.perf_counter()
    docs = list(pipeline.parse(texts))
    parse_s = time.perf_counter() - started
    words = sum(sum(1 for t in doc if not t.is_space and not t.is_punct) for doc in docs)

    events_s = 0.0
    found = 0
    for _ in range(args.repeat):
        for article, doc in zip(articles, docs, strict=True):
            article.clear_annotations()
            for stage in upstream:
                stage(article, doc)
            t0 = time.perf_counter()
            events(article, doc)
            events_s += time.perf_counter() - t0
            found += len(article.events)
    events_s /= args.repeat
    share = events_s / parse_s
    print(
        f"{len(articles)} articles, {words} words: spaCy parse {parse_s:.2f} s, "
        f"events stage {events_s:.3f} s = {share:.1%} of the parse ({found // args.repeat} events)"
    )
    print(
        json.dumps(
            {
                "articles": len(articles),
                "words": words,
                "parse_s": round(parse_s, 3),
                "events_s": round(events_s, 4),
                "share_of_parse": round(share, 4),
                "events": found // args.repeat,
            }
        )
    )


if __name__ == "__main__":
    main()
