"""Score events against sentence-level gold (``tidings eval PATH --format sentences``).

The gold is a JSON-lines file of sentences (format: ``spec/EVENT-SENTENCES.md`` beside the
shared data): every sentence of an article with its PLOVER events, or none. ``PATH`` is such a
``.jsonl`` file or a folder of them; the articles are read from ``articles/<doc>.txt`` beside
the gold files, coded with the full pipeline, and each predicted event is assigned to the gold
sentence that holds its trigger (by character offsets into the article text).

Per sentence, predictions are matched greedily to the *firm* (non-optional) gold events. A
prediction matches a gold event when its type is one of the gold's acceptable types and, on each
side where gold names actors, its codes share at least one code with gold's (a joint event
matches on any of its parties). A prediction left over that would match an *optional* gold event
is neither rewarded nor penalised. Reported:

- ``detection``: sentences with a predicted event vs. sentences with a firm gold event (a
  sentence whose gold events are all optional counts for neither side);
- ``type``: (sentence, type) pairs, actors ignored;
- ``triple``: full matches (the headline figure);
- ``factuality_accuracy`` over the triple matches; ``n_sentences``; ``n_events`` (firm).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tidings.eval import Report, prf
from tidings.model import Article, Event
from tidings.pipeline import Pipeline, PipelineConfig
from tidings.read.files import read_file

ARTICLES = "articles"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event: its acceptable types (preferred first) and coded sides."""

    types: tuple[str, ...]
    trigger: str
    sources: frozenset[str]
    targets: frozenset[str]
    factuality: str
    optional: bool


@dataclass(slots=True)
class GoldSentence:
    id: str
    start: int
    end: int
    text: str
    events: list[GoldEvent]

    @property
    def firm(self) -> list[GoldEvent]:
        return [e for e in self.events if not e.optional]

    @property
    def scored(self) -> bool:
        """Whether the sentence counts for detection (not one whose events are all optional)."""
        return bool(self.firm) or not self.events


@dataclass(slots=True)
class GoldDocument:
    """An article of the gold and its sentences, in text order."""

    doc: str
    path: Path
    published: date | None
    sentences: list[GoldSentence] = field(default_factory=list)


def load(path: Path) -> list[GoldDocument]:
    """The gold documents of a ``.jsonl`` file or of every ``.jsonl`` file in a folder."""
    files = [path] if path.is_file() else sorted(path.glob("*.jsonl"))
    if not files:
        raise ValueError(f"{path}: no .jsonl sentence gold found")
    documents: dict[str, GoldDocument] = {}
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                doc = documents.get(raw["doc"]) or _document(raw, file.parent / ARTICLES)
                doc.sentences.append(_sentence(raw))
            except (KeyError, TypeError, ValueError) as err:
                raise ValueError(f"{file}:{number}: not a sentence gold record ({err})") from err
            documents[doc.doc] = doc
    for doc in documents.values():
        doc.sentences.sort(key=lambda s: s.start)
    return list(documents.values())


def _document(raw: dict[str, Any], folder: Path) -> GoldDocument:
    when = raw.get("date")
    return GoldDocument(
        doc=raw["doc"],
        path=folder / f"{raw['doc']}.txt",
        published=date.fromisoformat(when) if when else None,
    )


def _sentence(raw: dict[str, Any]) -> GoldSentence:
    events = [
        GoldEvent(
            types=tuple(e["event"]),
            trigger=e.get("trigger") or "",
            sources=_codes(e.get("source")),
            targets=_codes(e.get("target")),
            factuality=e.get("factuality") or "asserted",
            optional=bool(e.get("optional")),
        )
        for e in raw["events"]
    ]
    return GoldSentence(raw["id"], int(raw["start"]), int(raw["end"]), raw["text"], events)


def _codes(actors: Any) -> frozenset[str]:
    if not isinstance(actors, list):
        return frozenset()
    return frozenset(str(a["code"]) for a in actors if isinstance(a, dict) and a.get("code"))


def read_article(doc: GoldDocument) -> Article:
    """The article of a gold document, checked against the gold's sentence offsets."""
    if not doc.path.is_file():
        raise FileNotFoundError(f"{doc.path}: article of {doc.doc} not found")
    result = read_file(doc.path, metadata_date=doc.published)
    if result.article is None:
        raise ValueError(f"{doc.path}: {result.reason}")
    article = result.article
    for sentence in doc.sentences:
        if article.text[sentence.start : sentence.end] != sentence.text:
            raise ValueError(
                f"{sentence.id}: gold offsets {sentence.start}-{sentence.end} do not hold its "
                f"text in {doc.path}"
            )
    return article


def run(path: Path, config: PipelineConfig, baseline: str | None = None) -> Report:
    if baseline:
        raise ValueError("--format sentences has no baseline")
    documents = load(path)
    pipeline = Pipeline(config)
    articles = pipeline.process(read_article(doc) for doc in documents)
    return score(zip(documents, articles, strict=True), title=f"event sentences: {path.name}")


# -- scoring ------------------------------------------------------------------------------


def assign(sentences: Sequence[GoldSentence], events: Iterable[Event]) -> list[list[Event]]:
    """The predicted events of each sentence (by trigger offset); others are left out."""
    found: list[list[Event]] = [[] for _ in sentences]
    for event in events:
        for i, sentence in enumerate(sentences):
            if sentence.start <= event.trigger.start < sentence.end:
                found[i].append(event)
                break
    return found


def countries(event: Event, side: str) -> frozenset[str]:
    """The codes of one side of a predicted event (countries, ``IGO``, ``NGO``)."""
    return frozenset(p.actor.country for p in getattr(event, side) if p.actor and p.actor.country)


def matches(event: Event, gold: GoldEvent, *, typed_only: bool = False) -> bool:
    """Whether a predicted event matches a gold one (type, and sides where gold has them)."""
    if event.type not in gold.types:
        return False
    if typed_only:
        return True
    sides = (("sources", gold.sources), ("targets", gold.targets))
    return all(not codes or countries(event, side) & codes for side, codes in sides)


@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)
    by_type: dict[str, Counter[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, key: str, n: int = 1, type_: str | None = None) -> None:
        self.counts[key] += n
        if type_ is not None:
            self.by_type.setdefault(type_, Counter())[key] += n


def score_sentence(sentence: GoldSentence, predicted: list[Event], tally: Tally) -> None:
    """Add one sentence's detection, type and triple counts (and notes) to the tally."""
    firm, optional = sentence.firm, [e for e in sentence.events if e.optional]
    tally.add("sentences")
    tally.add("events", len(firm))
    if sentence.scored:
        tally.add("detect_gold", bool(firm))
        tally.add("detect_pred", bool(predicted))
        tally.add("detect_tp", bool(firm) and bool(predicted))
    _score_types(sentence, predicted, tally)
    matched, spare = _greedy(predicted, firm, typed_only=False)
    for event, gold in matched:
        tally.add("triple_tp", type_=gold.types[0])
        tally.add("factuality_ok", event.factuality == gold.factuality)
    false_alarms = [e for e in spare if not any(matches(e, g) for g in optional)]
    tally.add("triple_pred", len(matched) + len(false_alarms))
    for gold in firm:
        tally.add("triple_gold", type_=gold.types[0])
    hit = {id(g) for _, g in matched}
    for gold in firm:
        if id(gold) not in hit:
            tally.notes.append(
                f"{sentence.id}: missed {_gold_text(gold)} ({gold.trigger!r}); "
                f"predicted {', '.join(_event_text(e) for e in predicted) or 'nothing'}"
            )
    for event in false_alarms:
        tally.notes.append(f"{sentence.id}: false alarm {_event_text(event)}")


def _score_types(sentence: GoldSentence, predicted: list[Event], tally: Tally) -> None:
    """(sentence, type) pairs: each distinct gold type list once, each predicted type once."""
    gold_units = list({g.types: g for g in sentence.firm}.values())
    types = sorted({e.type for e in predicted})
    matched = 0
    open_units = list(gold_units)
    for type_ in types:
        unit = next((g for g in open_units if type_ in g.types), None)
        if unit is not None:
            open_units.remove(unit)
            matched += 1
            tally.add("type_tp", type_=type_)
        elif any(type_ in g.types for g in sentence.events):
            continue  # the type of an optional event (or a second reading of a matched one)
        tally.add("type_pred", type_=type_)
    for unit in gold_units:
        tally.add("type_gold", type_=unit.types[0])


def _greedy(
    predicted: list[Event], gold: list[GoldEvent], *, typed_only: bool
) -> tuple[list[tuple[Event, GoldEvent]], list[Event]]:
    """Match each prediction, in text order, to the first unmatched gold event it fits."""
    open_gold = list(gold)
    matched, spare = [], []
    for event in sorted(predicted, key=lambda e: e.trigger.start):
        found = next((g for g in open_gold if matches(event, g, typed_only=typed_only)), None)
        if found is None:
            spare.append(event)
        else:
            open_gold.remove(found)
            matched.append((event, found))
    return matched, spare


def _gold_text(gold: GoldEvent) -> str:
    return (
        f"{'+'.join(sorted(gold.sources)) or '-'} {'/'.join(gold.types)} "
        f"{'+'.join(sorted(gold.targets)) or '-'}"
    )


def _event_text(event: Event) -> str:
    return (
        f"{'+'.join(sorted(countries(event, 'sources'))) or '-'} {event.type} "
        f"{'+'.join(sorted(countries(event, 'targets'))) or '-'} ({event.trigger.text!r})"
    )


def summarise(tally: Tally) -> dict[str, Any]:
    c = tally.counts
    return {
        "detection": prf(c["detect_tp"], c["detect_pred"], c["detect_gold"]),
        "type": prf(c["type_tp"], c["type_pred"], c["type_gold"]),
        "triple": prf(c["triple_tp"], c["triple_pred"], c["triple_gold"]),
        "factuality_accuracy": round(c["factuality_ok"] / c["triple_tp"], 4)
        if c["triple_tp"]
        else 0.0,
        "n_sentences": c["sentences"],
        "n_events": c["events"],
    }


def score(coded: Iterable[tuple[GoldDocument, Article]], title: str = "event sentences") -> Report:
    """Score coded articles against their gold documents."""
    tally = Tally()
    for doc, article in coded:
        for sentence, predicted in zip(
            doc.sentences, assign(doc.sentences, article.events), strict=True
        ):
            score_sentence(sentence, predicted, tally)
    summary = summarise(tally)
    rows = []
    for type_, c in sorted(tally.by_type.items()):
        typed = prf(c["type_tp"], c["type_pred"], c["type_gold"])
        rows.append(
            [
                type_,
                c["type_gold"],
                c["type_pred"],
                typed["p"],
                typed["r"],
                prf(c["triple_tp"], 0, c["triple_gold"])["r"],
            ]
        )
    rows.append(
        [
            "all",
            tally.counts["type_gold"],
            tally.counts["type_pred"],
            summary["type"]["p"],
            summary["type"]["r"],
            summary["triple"]["r"],
        ]
    )
    return Report(
        title=title,
        headers=["type", "gold (sentence, type)", "predicted", "type P", "type R", "triple R"],
        rows=rows,
        summary=summary,
        notes=tally.notes,
    )
