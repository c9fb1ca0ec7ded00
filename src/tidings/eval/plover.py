"""Score event coding against PLOVER gold-standard records (``tidings eval --format plover``).

The gold file is a JSON list of records, each one sentence (``text``) with one gold ``event``
type and ``source``/``target`` lists of ``{"code": ...}`` (``target`` may also be null or a
string, both meaning no target). ``DOCUMENT`` records are skipped; the older type names are mapped
(DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT), and so are the few
CAMEO country codes that differ from ISO 3166 (ITL, JAP, VTN). Each sentence is coded on its own
with the record's ``date`` as publication date.

A record's prediction is its *main* event: the one whose trigger is highest in the dependency
tree (first in the text on ties). Reported:

- ``type_accuracy``: main type = gold type, over records with any predicted event;
- ``type_recall``: the same over all records;
- ``triple``: a prediction is right when its type equals the gold type, its source countries are
  among the gold sources and its target countries among the gold targets (both empty counts as
  agreement); precision over records with a prediction, recall over all records;
- ``source_accuracy`` / ``target_accuracy``: over records with a prediction, the predicted and gold
  country sets share a code (or are both empty);
- ``no_event_rate``: records for which nothing is predicted.

A reciprocal event (tidings lists each party as the other's target: "China and Russia held
talks") is scored the PLOVER way, with every party as actor and no recipient.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from tidings.eval import Report, prf
from tidings.events.mentions import side_code
from tidings.model import Article, Event
from tidings.pipeline import Pipeline, PipelineConfig

#: Type names of older PLOVER releases and their current equivalents.
RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
#: Country codes of the CAMEO actor dictionaries that differ from the ISO 3166 codes PLOVER (and
#: tidings) use for the same country; gold records are read with the ISO code.
CAMEO_COUNTRIES = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM"}


@dataclass
class Record:
    id: str
    text: str
    published: date | None
    event: str
    sources: set[str]
    targets: set[str]


def load_records(path: Path) -> list[Record]:
    """The scorable records of a PLOVER gold file (DOCUMENT records skipped)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of PLOVER records")
    records = []
    for raw in data:
        event = str(raw.get("event", "")).upper()
        if event == "DOCUMENT" or not raw.get("text"):
            continue
        when = raw.get("date")
        records.append(
            Record(
                id=str(raw.get("id", len(records))),
                text=raw["text"],
                published=date.fromisoformat(when) if when else None,
                event=RENAMED.get(event, event),
                sources=_gold_codes(raw.get("source")),
                targets=_gold_codes(raw.get("target")),
            )
        )
    return records


def _gold_codes(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()  # null or a bare string: no target given
    codes = {str(a["code"]) for a in actors if isinstance(a, dict) and a.get("code")}
    return {CAMEO_COUNTRIES.get(code, code) for code in codes}


def _countries(event: Event, side: str) -> set[str]:
    return {code for p in getattr(event, side) if (code := side_code(p.actor)) is not None}


def main_event(article: Article, doc: Doc) -> Event | None:
    """The event whose trigger is highest in the parse (the sentence's main predication)."""

    def depth(event: Event) -> tuple[int, int]:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        token = span[0] if span is not None and len(span) else None
        return (sum(1 for _ in token.ancestors) if token is not None else 99, event.trigger.start)

    return min(article.events, key=depth, default=None)


def run(path: Path, config: PipelineConfig, baseline: str | None = None) -> Report:
    if baseline:
        raise ValueError("--format plover has no baseline")
    records = load_records(path)
    if not records:
        raise ValueError(f"{path}: no PLOVER records to score")
    pipeline = Pipeline(config)
    articles = [
        Article(text=r.text, published=r.published, date_source="metadata") for r in records
    ]
    docs = pipeline.parse(a.analysed_text for a in articles)
    per_type: dict[str, Counter[str]] = {}
    totals: Counter[str] = Counter()
    notes = []
    for record, article, doc in zip(records, articles, docs, strict=False):
        pipeline.annotate(article, doc)
        verdict, note = judge(record, main_event(article, doc))
        for counts in (per_type.setdefault(record.event, Counter()), totals):
            counts["n"] += 1
            counts.update(key for key, ok in verdict.items() if ok)
        if note:
            notes.append(f"{record.id}: {note}")
    return _report(path, per_type, totals, notes)


def judge(record: Record, event: Event | None) -> tuple[dict[str, bool], str]:
    """Which parts of a record the main event gets right, and a note on what it got wrong."""
    if event is None:
        return {"none": True}, f"no event (gold {record.event})"
    sources, targets = _countries(event, "sources"), _countries(event, "targets")
    if targets == sources and len(sources) > 1:
        targets = set()  # a reciprocal act: PLOVER lists every party as actor, no recipient
    verdict = {
        "pred": True,
        "type": event.type == record.event,
        "source": bool(sources & record.sources) or not (sources or record.sources),
        "target": bool(targets & record.targets) or not (targets or record.targets),
    }
    verdict["triple"] = (
        verdict["type"]
        and bool(sources) == bool(record.sources)
        and sources <= record.sources
        and bool(targets) == bool(record.targets)
        and targets <= record.targets
    )
    if verdict["triple"]:
        return verdict, ""
    note = (
        f"predicted {'+'.join(sorted(sources)) or '-'} {event.type} "
        f"{'+'.join(sorted(targets)) or '-'} ({event.trigger.text!r}), gold "
        f"{'+'.join(sorted(record.sources)) or '-'} {record.event} "
        f"{'+'.join(sorted(record.targets)) or '-'}"
    )
    return verdict, note


def _report(
    path: Path, per_type: dict[str, Counter[str]], totals: Counter[str], notes: list[str]
) -> Report:
    n, predicted = totals["n"], totals["pred"]
    summary = {
        "type_accuracy": _ratio(totals["type"], predicted),
        "type_recall": _ratio(totals["type"], n),
        "triple": prf(totals["triple"], predicted, n),
        "source_accuracy": _ratio(totals["source"], predicted),
        "target_accuracy": _ratio(totals["target"], predicted),
        "no_event_rate": _ratio(totals["none"], n),
        "n": n,
    }
    rows = [
        [
            name,
            c["n"],
            c["pred"],
            _ratio(c["type"], c["pred"]),
            _ratio(c["type"], c["n"]),
            _ratio(c["triple"], c["n"]),
        ]
        for name, c in sorted(per_type.items())
    ]
    rows.append(
        [
            "all",
            n,
            predicted,
            summary["type_accuracy"],
            summary["type_recall"],
            summary["triple"]["r"],
        ]
    )
    return Report(
        title=f"PLOVER events: {path.name}",
        headers=["gold type", "records", "predicted", "type acc", "type recall", "triple recall"],
        rows=rows,
        summary=summary,
        notes=notes,
    )


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0
