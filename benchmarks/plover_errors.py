"""Error classes of the events stage on PLOVER gold-standard records.

Codes every record of a PLOVER gold file (as ``tidings eval --format plover`` does) and groups
the records whose main event is not a correct triple: no event at all, wrong type, missing or
wrong source, missing or wrong target. With ``-v`` it prints each record's sentence with every
predicted event, for reading the errors of one class.

    PYTHONPATH=src python benchmarks/plover_errors.py ../shared/gold/plover-gsr-dev.json [-v]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from tidings.eval.plover import Record, load_records, main_event
from tidings.model import Article, Event
from tidings.pipeline import Pipeline, PipelineConfig


def _countries(event: Event, side: str) -> set[str]:
    return {p.actor.country for p in getattr(event, side) if p.actor and p.actor.country}


def classify(record: Record, event: Event | None) -> str:
    """The first error class a record falls in ("ok" for a correct triple)."""
    if event is None:
        return "no event"
    if event.type != record.event:
        return f"wrong type ({record.event} as {event.type})"
    sources, targets = _countries(event, "sources"), _countries(event, "targets")
    if targets == sources and len(sources) > 1:
        targets = set()
    if not sources and record.sources:
        return "source missing"
    if not sources <= record.sources or (sources and not record.sources):
        return "source wrong"
    if not targets and record.targets:
        return "target missing"
    if targets and not record.targets:
        return "target extra"
    if not targets <= record.targets:
        return "target wrong"
    return "ok"


def _describe(event: Event) -> str:
    def side(ps) -> str:
        return "+".join(f"{p.actor.code}" for p in ps if p.actor) or "-"

    return (
        f"{side(event.sources)} {event.type}/{event.cameo} {side(event.targets)} "
        f"[{event.trigger.text}] {event.factuality}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    records = load_records(args.gold)
    pipeline = Pipeline(PipelineConfig())
    articles = [
        Article(text=r.text, published=r.published, date_source="metadata") for r in records
    ]
    docs = pipeline.parse(a.analysed_text for a in articles)
    groups: dict[str, list[str]] = defaultdict(list)
    for record, article, doc in zip(records, articles, docs, strict=True):
        pipeline.annotate(article, doc)
        event = main_event(article, doc)
        kind = classify(record, event)
        gold = (
            f"{'+'.join(sorted(record.sources)) or '-'} {record.event} "
            f"{'+'.join(sorted(record.targets)) or '-'}"
        )
        lines = [f"{record.id}: gold {gold}", f"    {record.text}"]
        lines += [f"    -> {_describe(e)}" for e in article.events]
        mentions = ", ".join(f"{m.text}={m.actor.code}" for m in article.mentions if m.actor)
        lines.append(f"    mentions: {mentions}")
        groups[kind].append("\n".join(lines))
    counts = Counter({k: len(v) for k, v in groups.items()})
    for kind, n in counts.most_common():
        print(f"{n:4d}  {kind}")
        if args.verbose and kind != "ok":
            for text in groups[kind]:
                print(text)
    print(json.dumps(dict(counts.most_common())))


if __name__ == "__main__":
    main()
