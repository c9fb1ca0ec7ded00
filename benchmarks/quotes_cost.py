"""What the quotes stage adds to the spaCy parse: time both over the same texts.

    PYTHONPATH=src python benchmarks/quotes_cost.py [FOLDER_OF_TXT ...] [--repeat N]

Without a folder it uses the packaged sample corpus. Each ``*.txt`` under the folders is parsed
once with ``nlp.pipe`` (timed), then the quotes stage runs over the parsed docs ``--repeat``
times (best run kept). Prints words/s of the parse, the stage's time, and its share of the
parse time.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tidings import nlp as nlp_loader
from tidings.model import Article
from tidings.pipeline import PipelineConfig
from tidings.quotes.stage import create

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "tidings" / "data" / "sample"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[SAMPLE])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    texts = [
        p.read_text(encoding="utf-8")
        for folder in args.folders
        for p in sorted(folder.rglob("*.txt"))
    ]
    if not texts:
        raise SystemExit(f"no .txt files under {', '.join(map(str, args.folders))}")
    nlp = nlp_loader.load()
    stage = create(PipelineConfig(stages=("quotes",)))
    articles = [Article(text=t) for t in texts]
    words = sum(len(t.split()) for t in texts)

    started = time.perf_counter()
    docs = list(nlp.pipe((a.analysed_text for a in articles), batch_size=32))
    parse_seconds = time.perf_counter() - started

    stage_seconds = float("inf")
    quotes = 0
    for _ in range(args.repeat):
        for article in articles:
            article.quotes.clear()
        started = time.perf_counter()
        for article, doc in zip(articles, docs, strict=True):
            stage(article, doc)
        stage_seconds = min(stage_seconds, time.perf_counter() - started)
        quotes = sum(len(a.quotes) for a in articles)

    print(f"texts {len(texts)}, words {words}, quotes {quotes}")
    print(f"spaCy parse   {parse_seconds:8.2f} s  ({words / parse_seconds:,.0f} words/s)")
    print(f"quotes stage  {stage_seconds:8.3f} s  ({words / stage_seconds:,.0f} words/s)")
    print(f"stage / parse {stage_seconds / parse_seconds:8.1%}")


if __name__ == "__main__":
    main()
