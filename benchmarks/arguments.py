"""Event arguments in isolation: sources and targets of gold triggers with gold types.

For every event of an event-sentences file (``../shared/spec/EVENT-SENTENCES.md``) the script
locates the gold trigger in tidings' parse of the article, makes it a trigger of the gold PLOVER
type, and asks the events stage for its sides, as it would for a trigger it detected itself. It
reports what share of gold events is kept (at least one coded side) and gets the right source and
target codes, as the spec's triple match counts them (a side gold leaves empty matches anything;
otherwise one shared code suffices), and, stricter, with a side present exactly where gold has
one. Detection and typing play no part, so the figure is the arguments' own.

    python benchmarks/arguments.py ../shared/gold/event-sentences/train.jsonl [--cache DIR] [-v]

``--cache`` keeps the parsed articles (with the actors, time and quotes annotations) on disk,
so that a second run only re-runs the events stage's argument finding.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin

from tidings.events.mentions import MentionIndex, side_code
from tidings.events.stage import EventStage, create
from tidings.model import Article, Participant
from tidings.pipeline import Pipeline, PipelineConfig
from tidings.read.files import read_paths

UPSTREAM = ("actors", "quotes")  # what the events stage reads (dates come after it)


def load_sentences(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The file's sentences, grouped by article."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_doc[row["doc"]].append(row)
    return by_doc


def parsed_articles(
    folder: Path, docs: list[str], cache: Path | None
) -> tuple[list[Article], list[Doc]]:
    """The articles read, parsed and annotated by the stages before ``events``."""
    pipeline = Pipeline(PipelineConfig(stages=UPSTREAM))
    key = hashlib.sha1("\n".join(docs).encode()).hexdigest()[:16]
    stored = cache / f"arguments-{key}.pkl" if cache is not None else None
    if stored is not None and stored.exists():
        dicts, blob = pickle.loads(stored.read_bytes())
        parsed = list(DocBin().from_bytes(blob).get_docs(pipeline.nlp.vocab))
        return [Article.from_dict(d) for d in dicts], parsed
    paths = [folder / f"{doc}.txt" for doc in docs]
    articles = [r.article for r in read_paths(paths) if r.article is not None]
    if len(articles) != len(docs):
        raise SystemExit(f"read {len(articles)} of {len(docs)} articles in {folder}")
    parsed = list(pipeline.parse(a.analysed_text for a in articles))
    for article, doc in zip(articles, parsed, strict=True):
        pipeline.annotate(article, doc)
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        docbin = DocBin(docs=parsed, store_user_data=True)
        stored.write_bytes(pickle.dumps(([a.to_dict() for a in articles], docbin.to_bytes())))
    return articles, parsed


def side_codes(participants: list[Participant]) -> set[str]:
    """The country (or IGO/NGO) codes of one side, as the event-sentences gold writes them."""
    return {code for p in participants if (code := side_code(p.actor)) is not None}


def judge(gold: dict[str, Any], sources: set[str], targets: set[str], kept: bool) -> dict:
    """How one gold event's sides compare with the predicted codes."""
    gold_sources = {a["code"] for a in gold["source"]}
    gold_targets = {a["code"] for a in gold["target"]}
    source_ok = not gold_sources or bool(sources & gold_sources)
    target_ok = not gold_targets or bool(targets & gold_targets)
    return {
        "kept": kept,
        "source": kept and source_ok,
        "target": kept and target_ok,
        "both": kept and source_ok and target_ok,
        "strict": kept
        and bool(sources) == bool(gold_sources)
        and bool(targets) == bool(gold_targets)
        and source_ok
        and target_ok,
        "same_both_sides": kept and bool(sources) and sources == targets,
    }


def score_article(
    stage: EventStage, article: Article, doc: Doc, rows: list[dict], optional: bool
) -> list[tuple[dict, dict, str]]:
    """(gold event, judgement, description) for each gold event of the article's sentences."""
    index = MentionIndex(article, doc)
    out = []
    for row in rows:
        for gold in row["events"]:
            if gold["optional"] and not optional:
                continue
            at = row["text"].find(gold["trigger"])
            span = doc.char_span(
                row["start"] + at, row["start"] + at + len(gold["trigger"]), "expand"
            )
            if at < 0 or span is None or not len(span):
                out.append((gold, judge(gold, set(), set(), False), "trigger not found"))
                continue
            trigger = stage.detector.typed(span.root, gold["event"][0], index)
            event = stage.code(article, index, trigger)
            sources = side_codes(event.sources) if event is not None else set()
            targets = side_codes(event.targets) if event is not None else set()
            verdict = judge(gold, sources, targets, event is not None)
            said = f"{'+'.join(sorted(sources)) or '-'} -> {'+'.join(sorted(targets)) or '-'}"
            out.append((gold, verdict, f"{row['id']} {gold['trigger']!r}: {said}"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="an event-sentences .jsonl file")
    parser.add_argument("--cache", type=Path, help="folder for the parsed articles")
    parser.add_argument("--optional", action="store_true", help="score optional events too")
    parser.add_argument("-v", action="store_true", help="list the events with a wrong side")
    args = parser.parse_args()
    by_doc = load_sentences(args.path)
    articles, docs = parsed_articles(args.path.parent / "articles", list(by_doc), args.cache)
    stage = create(PipelineConfig())
    totals: Counter[str] = Counter()
    per_type: dict[str, Counter[str]] = defaultdict(Counter)
    for article, doc, rows in zip(articles, docs, by_doc.values(), strict=True):
        for gold, verdict, said in score_article(stage, article, doc, rows, args.optional):
            totals["n"] += 1
            per_type[gold["event"][0]]["n"] += 1
            for key, ok in verdict.items():
                totals[key] += ok
                per_type[gold["event"][0]][key] += ok
            if args.v and not verdict["both"]:
                print(f"  {said}  gold {_gold_sides(gold)}")
    n = totals["n"]
    for name, counts in sorted(per_type.items()):
        print(
            f"{name:<10} {counts['n']:>5}  kept {counts['kept'] / counts['n']:.3f}  "
            f"right sides {counts['both'] / counts['n']:.3f}"
        )
    summary = {key: round(totals[key] / n, 4) for key in totals if key != "n"}
    print(json.dumps({"n_events": n, **summary}))


def _gold_sides(gold: dict[str, Any]) -> str:
    sources = "+".join(a["code"] for a in gold["source"]) or "-"
    targets = "+".join(a["code"] for a in gold["target"]) or "-"
    return f"{sources} -> {targets}"


if __name__ == "__main__":
    main()
