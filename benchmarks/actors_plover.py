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
also uses CAMEO-only codes such as ``ITL``, ``JAP``, ``IMG``), and a JSON summary line.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pycountry

from tidings.model import Article, Mention
from tidings.pipeline import Pipeline, PipelineConfig

ISO3 = {c.alpha_3 for c in pycountry.countries} | {"IGO"}


def gold_actors(record: dict[str, Any]) -> list[dict[str, str]]:
    actors = []
    for role in ("source", "target"):
        value = record.get(role)
        if isinstance(value, dict):
            value = [value]
        if isinstance(value, list):
            actors.extend(a for a in value if isinstance(a, dict) and a.get("actorText"))
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
    total = found = agree = iso_found = iso_agree = 0
    for record, article in zip(records, pipeline.process(articles), strict=True):
        for gold in gold_actors(record):
            total += 1
            mention = best_mention(article.mentions, actor_spans(article.text, gold["actorText"]))
            if mention is None:
                if args.verbose:
                    print(f"MISS  {gold['actorText']!r} ({gold.get('code')}) in {record['id']}")
                continue
            found += 1
            ok = mention.actor.country == gold.get("code")
            agree += ok
            if gold.get("code") in ISO3:
                iso_found += 1
                iso_agree += ok
            if args.verbose and not ok:
                print(
                    f"WRONG {gold['actorText']!r}: gold {gold.get('code')}, tidings "
                    f"{mention.actor.code} via {mention.text!r} ({mention.why})"
                )
    summary = {
        "gold_actors": total,
        "found": found,
        "recall": round(found / total, 4) if total else 0.0,
        "agreement": round(agree / found, 4) if found else 0.0,
        "agreement_iso_gold": round(iso_agree / iso_found, 4) if iso_found else 0.0,
    }
    print(f"gold actors {total}, found with a country {found} (recall {summary['recall']:.1%})")
    print(f"country agreement on found actors: {agree}/{found} = {summary['agreement']:.1%}")
    print(
        f"agreement where gold is ISO3/IGO: {iso_agree}/{iso_found} "
        f"= {summary['agreement_iso_gold']:.1%}"
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
