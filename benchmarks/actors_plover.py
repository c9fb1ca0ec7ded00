"""Country agreement of the actors stage with PLOVER gold-standard records.

Each PLOVER record has a one-sentence ``text`` and ``source``/``target`` actors with their
``actorText`` and ``code`` (country). For every gold actor we look for tidings mentions
overlapping the actor text; the gold actor is *found* when a mention with a country overlaps it,
and *agrees* when that country equals the gold code. Among several overlapping mentions the one
naming a person or body (role/nominal) is preferred over a modifier ("British" in "British
Defence Secretary Tom King"), then the longest.

    PYTHONPATH=src python benchmarks/actors_plover.py ../shared/gold/plover-gsr-dev.json [-v]

Prints recall (gold actors found with a country), agreement (found actors whose country equals
gold), the same agreement restricted to gold codes that are ISO 3166 alpha-3 or IGO (the GSR
also uses CAMEO-only codes such as ``ITL``, ``JAP``, ``IMG``), source and target accuracy
separately, and a JSON summary line.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pycountry

from tidings.model import Article, Mention
from tidings.pipeline import Pipeline, PipelineConfig

ISO3 = {c.alpha_3 for c in pycountry.countries} | {"IGO"}


def gold_actors(record: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """(side, actor) for every gold source and target actor with a text."""
    actors = []
    for side in ("source", "target"):
        value = record.get(side)
        if isinstance(value, dict):
            value = [value]
        if isinstance(value, list):
            actors.extend((side, a) for a in value if isinstance(a, dict) and a.get("actorText"))
    return actors


def actor_spans(text: str, actor_text: str) -> list[tuple[int, int]]:
    """Where the gold actor text is in the sentence ("U.S. ... negotiators" gives two pieces)."""
    spans = []
    for piece in re.split(r"\s*\.\.\.\s*", actor_text):
        piece = piece.strip()
        if not piece:
            continue
        for match in re.finditer(re.escape(piece), text, flags=re.IGNORECASE):
            spans.append((match.start(), match.end()))
    return spans


def best_mention(mentions: list[Mention], spans: list[tuple[int, int]]) -> Mention | None:
    overlapping = [
        m
        for m in mentions
        if m.actor is not None
        and m.actor.country
        and any(m.start < end and start < m.end for start, end in spans)
    ]
    if not overlapping:
        return None
    return max(
        overlapping,
        key=lambda m: (m.kind in {"role", "nominal"} or m.actor.kind == "person", m.end - m.start),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    records = [r for r in json.loads(args.gold.read_text()) if r.get("text")]
    pipeline = Pipeline(PipelineConfig(stages=("actors",)))
    articles = [
        Article(text=r["text"], published=date.fromisoformat(r["date"]) if r.get("date") else None)
        for r in records
    ]
    tally: Counter[str] = Counter()
    for record, article in zip(records, pipeline.process(articles), strict=True):
        for side, gold in gold_actors(record):
            tally["total"] += 1
            tally[f"{side}_total"] += 1
            mention = best_mention(article.mentions, actor_spans(article.text, gold["actorText"]))
            if mention is None:
                if args.verbose:
                    print(f"MISS  {gold['actorText']!r} ({gold.get('code')}) in {record['id']}")
                continue
            ok = mention.actor.country == gold.get("code")
            tally.update({"found": 1, f"{side}_found": 1, "agree": ok, f"{side}_agree": ok})
            if gold.get("code") in ISO3:
                tally.update({"iso_found": 1, "iso_agree": ok})
            if args.verbose and not ok:
                print(
                    f"WRONG {side} {gold['actorText']!r}: gold {gold.get('code')}, tidings "
                    f"{mention.actor.code} via {mention.text!r} ({mention.why})"
                )
    summary = {
        "gold_actors": tally["total"],
        "found": tally["found"],
        "recall": _ratio(tally["found"], tally["total"]),
        "agreement": _ratio(tally["agree"], tally["found"]),
        "agreement_iso_gold": _ratio(tally["iso_agree"], tally["iso_found"]),
    }
    for side in ("source", "target"):
        summary[f"{side}_recall"] = _ratio(tally[f"{side}_found"], tally[f"{side}_total"])
        summary[f"{side}_accuracy"] = _ratio(tally[f"{side}_agree"], tally[f"{side}_found"])
    print(f"gold actors {tally['total']}, found with a country {tally['found']} "
          f"(recall {summary['recall']:.1%})")  # fmt: skip
    print(f"country agreement on found actors: {tally['agree']}/{tally['found']} "
          f"= {summary['agreement']:.1%}")  # fmt: skip
    print(f"agreement where gold is ISO3/IGO: {tally['iso_agree']}/{tally['iso_found']} "
          f"= {summary['agreement_iso_gold']:.1%}")  # fmt: skip
    for side in ("source", "target"):
        accuracy, recall = summary[f"{side}_accuracy"], summary[f"{side}_recall"]
        print(f"{side}: accuracy {accuracy:.1%} of {tally[f'{side}_found']} found "
              f"(recall {recall:.1%})")  # fmt: skip
    print(json.dumps(summary))


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


if __name__ == "__main__":
    main()
