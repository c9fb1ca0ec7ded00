"""Time the deduplication of synthetic event mentions (default 100,000) and check its accuracy.

    PYTHONPATH=src python benchmarks/dedup_speed.py [--mentions 100000] [--seed 7]

Synthetic world: real events (type, source and target actors, day) spread over a year between 60
countries, each reported by 1-10 outlets. A report may drop the target (10%), give only the
dateline instead of the date (20%) or a month (5%), name no actor at all (3%), and words its
sentence with a shared core plus its own words, and uses one of four trigger words. Prints the
wall and CPU time to cluster (mentions only: no spaCy), the clusters found, and B-cubed against
the synthetic truth.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from tidings.analysis.dedup import (
    ActorKey,
    DedupConfig,
    Deduplicator,
    EventMention,
    content_words,
    when,
)
from tidings.eval.clusters import bcubed
from tidings.events.ontology import load as load_ontology

TYPES = sorted(load_ontology().types)
SECTORS = (None, "GOV", "GOV", "MIL", "LEG", "OPP", "CVL", "BUS")
OUTLETS = [f"outlet{i:02d}" for i in range(40)]


def synthesise(n_mentions: int, seed: int, config: DedupConfig) -> tuple[list, dict]:
    """Mentions of random real events, and the true event of each mention."""
    rng = random.Random(seed)
    countries = [f"C{i:02d}" for i in range(60)]
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = sorted({"".join(rng.choices(letters, k=7)) for _ in range(5000)})
    start = date(2017, 1, 1)
    mentions: list[EventMention] = []
    truth: dict[tuple[str, int, int], int] = {}
    event_no = 0
    while len(mentions) < n_mentions:
        event_no += 1
        type_ = rng.choice(TYPES)
        source = ActorKey(rng.choice(countries), rng.choice(SECTORS), None)
        target = ActorKey(rng.choice(countries), rng.choice(SECTORS), None)
        day = start + timedelta(days=rng.randrange(365))
        core = rng.sample(vocabulary, 6)
        triggers = [f"{type_.lower()}{k}" for k in range(4)]  # outlets vary the verb or noun
        for _ in range(min(rng.randint(1, 10), n_mentions - len(mentions))):
            published = day + timedelta(days=rng.choice((0, 1, 1, 2)))
            roll = rng.random()
            if roll < 0.2:
                value, source_kind = None, "dateline"
            elif roll < 0.25:
                value, source_kind = day.isoformat()[:7], "text"
            else:
                value, source_kind = day.isoformat(), "text"
            anonymous = rng.random() < 0.03
            words = core[: rng.randint(3, 6)] + rng.sample(vocabulary, 6)
            article_id = f"a{len(mentions):07d}"
            mention = EventMention(
                article_id=article_id,
                start=10,
                end=16,
                sentence_start=0,
                sentence_end=120,
                type=type_,
                outlet=rng.choice(OUTLETS),
                published=published,
                event_id="e1",
                date=value,
                when=when(value, source_kind, published, config),
                sources=frozenset() if anonymous else frozenset({source}),
                targets=frozenset() if anonymous or rng.random() < 0.1 else frozenset({target}),
                place=None,
                negated=False,
                trigger_word=triggers[0] if rng.random() < 0.6 else rng.choice(triggers),
                words=content_words(" ".join(words)),
            )
            mentions.append(mention)
            truth[mention.key] = event_no
    rng.shuffle(mentions)
    return mentions, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    config = DedupConfig.load()
    mentions, truth = synthesise(args.mentions, args.seed, config)
    dedup = Deduplicator(config)
    began, began_cpu = time.perf_counter(), time.process_time()
    dedup.add_events(mentions)
    elapsed, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    clusters = dedup.event_clusters()
    predicted = {m.key: c.id for c in clusters for m in c.mentions}
    scores = bcubed(predicted, truth)
    print(
        f"{len(mentions):,} mentions of {len(set(truth.values())):,} events -> "
        f"{len(clusters):,} clusters in {elapsed:.1f} s ({cpu:.1f} s CPU) "
        f"({len(mentions) / elapsed:,.0f} mentions/s); B-cubed {scores}"
    )


if __name__ == "__main__":
    main()
