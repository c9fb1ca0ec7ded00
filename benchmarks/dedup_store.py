"""Time ``tidings dedup`` against a store: a first run, a run after new reports, an idle run.

    PYTHONPATH=src python benchmarks/dedup_store.py [--events 2000] [--new 20] [--seed 7]

Writes a temporary store of synthetic one-sentence articles (each real meeting between two of 40
countries on one of 200 days reported by 1-5 outlets), then times
:func:`tidings.analysis.incremental_dedup.update` three times: clustering everything,
clustering ``--new`` further reports, and a run over the unchanged store.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from tidings.analysis.incremental_dedup import update
from tidings.model import Actor, Article, Event, Participant
from tidings.store import Store

COUNTRIES = [f"C{i:02d}" for i in range(40)]


def report(rng: random.Random, meeting: tuple[str, str, date], outlet: str, n: int) -> Article:
    source, target, day = meeting
    text = f"Officials of {source} met their {target} counterparts on {day.isoformat()} for talks."
    article = Article(
        text=text, id=f"a{n:07d}", outlet=outlet, published=day + timedelta(rng.randint(0, 1))
    )
    trigger = text.index("met")
    article.events.append(
        Event(
            id="e1",
            type="CONSULT",
            trigger=article.span(trigger, trigger + 3),
            sentence=article.span(0, len(text)),
            sources=[_participant(article, source)],
            targets=[_participant(article, target)],
            date=day.isoformat(),
            date_source="text",
            date_granularity="day",
        )
    )
    return article


def _participant(article: Article, country: str) -> Participant:
    start = article.text.index(country)
    return Participant(start, start + len(country), country, actor=Actor(country, country, "GOV"))


def reports(rng: random.Random, count: int, first: int) -> list[Article]:
    articles: list[Article] = []
    while len(articles) < count:
        source, target = rng.sample(COUNTRIES, 2)
        meeting = (source, target, date(2017, 1, 1) + timedelta(rng.randrange(200)))
        for _ in range(min(rng.randint(1, 5), count - len(articles))):
            articles.append(
                report(rng, meeting, f"outlet{rng.randrange(20)}", first + len(articles))
            )
    return articles


def timed(store: Store, label: str) -> None:
    began = time.perf_counter()
    done, _ = update(store)
    print(
        f"{label}: {time.perf_counter() - began:.2f} s for {done.mentions:,} mentions "
        f"({done.added:,} new, {done.clusters_written:,} clusters written)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--new", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "b.duckdb") as store:
        store.write_many(reports(rng, args.events, 0))
        timed(store, "first run")
        store.write_many(reports(rng, args.new, args.events))
        timed(store, "new reports")
        timed(store, "unchanged store")


if __name__ == "__main__":
    main()
