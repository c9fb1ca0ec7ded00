"""What the time and dating stages cost, as a share of the spaCy parse they run on.

    python benchmarks/time_cost.py [FOLDER ...] [--repeat N]

Reads every article in the folders (``.tml`` TimeML files are read as their text with the
creation time as date; other files with the plain-text reader; default: the bundled sample
corpus), parses them once with spaCy (timed), then times the ``time`` stage and the ``dating``
stage (over whatever quotes and events the installed stages produce, run untimed). Prints a line
of text and a JSON line ``{"articles", "words", "parse_s", "time_s", "dating_s",
"time_share_of_parse", "dating_share_of_parse", "timexes"}``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from pathlib import Path

from tidings.cli import sample_corpus
from tidings.eval.timeml import read_tml
from tidings.model import Article
from tidings.pipeline import STAGES, Pipeline, PipelineConfig
from tidings.read.files import read_paths


def load_articles(folders: list[Path]) -> list[Article]:
    articles = []
    for folder in folders:
        tml = [folder] if folder.suffix == ".tml" else sorted(folder.rglob("*.tml"))
        for path in tml:
            document = read_tml(path)
            articles.append(Article(text=document.text, published=document.dct))
        if not tml:
            articles += [r.article for r in read_paths([folder]) if r.article is not None]
    return articles


def installed(module: str) -> bool:
    """Is the stage module present (stages land on separate branches)?"""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="timing repetitions of the stages")
    args = parser.parse_args()
    articles = load_articles(args.folders or [sample_corpus()])
    upstream = tuple(name for name in ("actors", "quotes", "events") if installed(STAGES[name]))
    pipeline = Pipeline(PipelineConfig(stages=("time", *upstream, "dating")))
    time_stage, *upstream_stages, dating = pipeline.stages
    texts = [a.analysed_text for a in articles]
    list(pipeline.parse(texts[:4]))  # warm up
    started = time.perf_counter()
    docs = list(pipeline.parse(texts))
    parse_s = time.perf_counter() - started
    words = sum(sum(1 for t in doc if not t.is_space and not t.is_punct) for doc in docs)

    time_s = dating_s = 0.0
    timexes = 0
    for _ in range(args.repeat):
        for article, doc in zip(articles, docs, strict=True):
            article.clear_annotations()
            t0 = time.perf_counter()
            time_stage(article, doc)
            time_s += time.perf_counter() - t0
            for stage in upstream_stages:
                stage(article, doc)
            t0 = time.perf_counter()
            dating(article, doc)
            dating_s += time.perf_counter() - t0
            timexes += len(article.timexes)
    time_s, dating_s, timexes = time_s / args.repeat, dating_s / args.repeat, timexes // args.repeat
    print(
        f"{len(articles)} articles, {words} words; spaCy parse {parse_s:.2f} s "
        f"({words / parse_s:,.0f} words/s); time stage {time_s:.3f} s "
        f"({time_s / parse_s:.1%} of the parse), dating {dating_s:.3f} s "
        f"({dating_s / parse_s:.1%}; upstream stages: {', '.join(upstream) or 'none'})"
    )
    print(
        json.dumps(
            {
                "articles": len(articles),
                "words": words,
                "parse_s": round(parse_s, 3),
                "time_s": round(time_s, 4),
                "dating_s": round(dating_s, 4),
                "time_share_of_parse": round(time_s / parse_s, 4),
                "dating_share_of_parse": round(dating_s / parse_s, 4),
                "timexes": timexes,
            }
        )
    )


if __name__ == "__main__":
    main()
