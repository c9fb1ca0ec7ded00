"""Score the pipeline against article gold files (``../shared/spec/GOLD-FORMAT.md``).

Every ``NAME.gold.json`` under the path names its article file; the article is read with the
gold ``published`` date as metadata, coded, and compared with the gold timexes, quotes, events,
``not_events`` and actor mentions. Scores are micro-averaged over all articles.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tidings.eval import Report, prf
from tidings.events.mentions import side_code
from tidings.layout import paragraphs
from tidings.model import SPEECH_KINDS, Article, Event, Quote, Span
from tidings.pipeline import Pipeline, PipelineConfig
from tidings.read.files import read_file

PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "their", "its"]
)


@dataclass
class GoldArticle:
    path: Path
    gold: dict[str, Any]
    article: Article


@dataclass
class Tally:
    """Counts summed over articles, plus readable notes on each miss and false alarm."""

    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def __getitem__(self, key: str) -> int:
        return self.counts.get(key, 0)


def load_gold(path: Path) -> list[GoldArticle]:
    """Gold files under ``path`` (a folder, searched recursively, or one ``.gold.json``)."""
    gold_files = [path] if path.is_file() else sorted(path.rglob("*.gold.json"))
    loaded = []
    for gold_path in gold_files:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = gold_path.parent / gold["article"]
        published = date.fromisoformat(gold["published"]) if gold.get("published") else None
        # The gold date is given as metadata, as a feed or web page would give it.
        result = read_file(text_path, metadata_date=published)
        if result.article is None:
            raise ValueError(f"{text_path}: {result.reason}")
        loaded.append(GoldArticle(gold_path, gold, result.article))
    return loaded


def run(path: Path, config: PipelineConfig, baseline: str | None = None) -> Report:
    if baseline:
        raise ValueError("the tidings gold format has no baseline")
    items = load_gold(path)
    if not items:
        raise ValueError(f"{path}: no *.gold.json files found")
    pipeline = Pipeline(config)
    for item, coded in zip(items, pipeline.process(i.article for i in items), strict=True):
        item.article = coded
    return score(items)


def score(items: list[GoldArticle]) -> Report:
    """Compare coded articles with their gold; build the report."""
    tally = Tally()
    for item in items:
        name = item.path.name
        _score_timexes(item, tally, name)
        _score_quotes(item, tally, name)
        _score_events(item, tally, name)
        _score_actors(item, tally, name)

    timex = prf(tally["timex_tp"], tally["timex_pred"], tally["timex_gold"])
    timex["value_accuracy"] = _ratio(tally["timex_value_ok"], tally["timex_tp"])
    quotes = prf(tally["quote_tp"], tally["quote_pred"], tally["quote_gold"])
    quotes["speaker_accuracy"] = _ratio(tally["quote_speaker_ok"], tally["quote_tp"])
    events = prf(tally["event_tp"], tally["event_pred"], tally["event_gold"])
    events["date_accuracy"] = _ratio(tally["event_date_ok"], tally["event_dated"])
    events["not_events_emitted"] = tally["not_events_emitted"]
    actors = {
        "recall": _ratio(tally["actor_found"], tally["actor_gold"]),
        "country_accuracy": _ratio(tally["actor_ok"], tally["actor_found"]),
    }
    summary = {
        "timex": timex,
        "quotes": quotes,
        "events": events,
        "actors": actors,
        "n_docs": len(items),
    }
    rows = [
        ["timex", timex["p"], timex["r"], timex["f1"], f"value accuracy {timex['value_accuracy']}"],
        [
            "quotes",
            quotes["p"],
            quotes["r"],
            quotes["f1"],
            f"speaker accuracy {quotes['speaker_accuracy']}",
        ],
        [
            "events",
            events["p"],
            events["r"],
            events["f1"],
            f"not_events emitted {events['not_events_emitted']}, "
            f"date accuracy {events['date_accuracy']}",
        ],
        ["actors", "", actors["recall"], "", f"country accuracy {actors['country_accuracy']}"],
    ]
    return Report(
        title=f"tidings gold: {len(items)} article(s)",
        headers=["what", "P", "R", "F1", "also"],
        rows=rows,
        summary=summary,
        notes=tally.notes,
    )


# -- timexes -----------------------------------------------------------------------------


def _score_timexes(item: GoldArticle, tally: Tally, name: str) -> None:
    text = item.article.text
    gold = []
    for g in item.gold.get("timexes", []):
        start = _nth(text, g["text"], g.get("occurrence", 1))
        if start is None:
            tally.notes.append(f"{name}: gold timex {g['text']!r} not found in the article")
            continue
        gold.append((Span(start, start + len(g["text"]), g["text"]), g["value"]))
    predicted = list(item.article.timexes)
    tally.add("timex_gold", len(gold))
    tally.add("timex_pred", len(predicted))
    used: set[int] = set()
    for span, value in gold:
        match = next(
            (i for i, t in enumerate(predicted) if i not in used and t.overlaps(span)), None
        )
        if match is None:
            tally.notes.append(f"{name}: timex missed {span.text!r} ({value})")
            continue
        used.add(match)
        tally.add("timex_tp")
        if predicted[match].value == value:
            tally.add("timex_value_ok")
        else:
            tally.notes.append(
                f"{name}: timex {span.text!r} value {predicted[match].value!r}, gold {value!r}"
            )
    for i, t in enumerate(predicted):
        if i not in used:
            tally.notes.append(f"{name}: timex false alarm {t.text!r} ({t.value})")


# -- quotes ------------------------------------------------------------------------------


def _score_quotes(item: GoldArticle, tally: Tally, name: str) -> None:
    article = item.article
    # directives, topics and scare quotes are not reported speech
    predicted = [q for q in article.quotes if q.kind in SPEECH_KINDS]
    gold = []
    for g in item.gold.get("quotes", []):
        spans = _all(article.text, g["text"])
        if not spans:
            tally.notes.append(f"{name}: gold quote {g['text'][:40]!r} not found in the article")
            continue
        gold.append((spans, g))
    tally.add("quote_gold", sum(1 for _, g in gold if not g.get("optional")))
    matched_gold: set[int] = set()
    for quote in predicted:
        hit = _match_quote(article.text, quote, gold, matched_gold)
        if hit is None or not gold[hit][1].get("optional"):
            tally.add("quote_pred")  # a quote matching optional gold is neither true nor false
        if hit is None:
            tally.notes.append(f"{name}: quote false alarm {quote.text[:60]!r}")
            continue
        matched_gold.add(hit)
        g = gold[hit][1]
        if g.get("optional"):
            continue
        tally.add("quote_tp")
        said = _speaker_name(quote)
        if said and _same_person(said, g["speaker"]):
            tally.add("quote_speaker_ok")
        else:
            tally.notes.append(
                f"{name}: quote {g['text'][:40]!r} speaker {said!r}, gold {g['speaker']!r}"
            )
    for i, (_, g) in enumerate(gold):
        if i not in matched_gold and not g.get("optional"):
            tally.notes.append(f"{name}: quote missed {g['text'][:60]!r} ({g['speaker']})")


def _match_quote(
    text: str, quote: Quote, gold: list[tuple[list[Span], dict]], taken: set[int]
) -> int | None:
    for i, (spans, _) in enumerate(gold):
        if i in taken:
            continue
        for span in spans:
            if quote.contains(span):
                return i
            paragraph = _paragraph(text, span.start)
            overlap = min(quote.end, span.end) - max(quote.start, span.start)
            shorter = min(quote.end - quote.start, span.end - span.start)
            if paragraph.contains(quote) and overlap > 0 and overlap >= shorter / 2:
                return i
    return None


def _speaker_name(quote: Quote) -> str | None:
    if quote.speaker_actor is not None:
        return quote.speaker_actor.name
    if quote.speaker is not None and quote.speaker.text.lower() not in PRONOUNS:
        return quote.speaker.text
    return None


def _same_person(predicted: str, gold: str) -> bool:
    """Same canonical name, or a surname match ("Mr. Putin" ~ "Vladimir Putin")."""
    a, b = _name_words(predicted), _name_words(gold)
    if not a or not b:
        return False
    return a == b or a[-1] == b[-1]


def _name_words(name: str) -> list[str]:
    words = re.sub(r"[^\w\s]", " ", name.lower()).split()
    return [w for w in words if w not in {"the", "mr", "mrs", "ms", "dr"}]


# -- events ------------------------------------------------------------------------------


def _codes(participants: list) -> set[str]:
    return {code for p in participants if (code := side_code(p.actor)) is not None}


def _event_matches(event: Event, gold: dict[str, Any], *, check_date: bool = False) -> bool:
    sources, targets = _codes(event.sources), _codes(event.targets)
    gold_sources, gold_targets = set(gold.get("source", [])), set(gold.get("target", []))
    if not targets and len(sources) > 1 and gold_targets == gold_sources:
        targets = sources  # parties acting together, which the gold writes as each other's targets
    if bool(sources) != bool(gold_sources) or not sources <= gold_sources:
        return False
    if bool(targets) != bool(gold_targets) or not targets <= gold_targets:
        return False
    if event.type not in gold.get("event", []):
        return False
    if gold.get("factuality") and event.factuality != gold["factuality"]:
        return False
    return not (check_date and gold.get("date") and event.date != gold["date"])


def _describe(event: Event) -> str:
    src = "+".join(sorted(_codes(event.sources))) or "-"
    tgt = "+".join(sorted(_codes(event.targets))) or "-"
    return f"{src} {event.type} {tgt} [{event.factuality}] {event.trigger.text!r}"


def _score_events(item: GoldArticle, tally: Tally, name: str) -> None:
    gold = item.gold.get("events", [])
    required = [g for g in gold if not g.get("optional")]
    tally.add("event_gold", len(required))
    taken: set[int] = set()
    for event in item.article.events:
        for g in item.gold.get("not_events", []):
            if _event_matches(event, g, check_date=True):
                tally.add("not_events_emitted")
                tally.notes.append(f"{name}: NOT-EVENT emitted {_describe(event)}: {g['why']}")
        # prefer an unmatched required gold event, then an optional one
        order = sorted(range(len(gold)), key=lambda i: bool(gold[i].get("optional")))
        hit = next((i for i in order if i not in taken and _event_matches(event, gold[i])), None)
        if hit is None:
            tally.add("event_pred")
            tally.notes.append(f"{name}: event false alarm {_describe(event)}")
            continue
        taken.add(hit)
        if gold[hit].get("optional"):
            continue
        tally.add("event_pred")
        tally.add("event_tp")
        if gold[hit].get("date"):
            tally.add("event_dated")
            if event.date == gold[hit]["date"]:
                tally.add("event_date_ok")
            else:
                tally.notes.append(
                    f"{name}: event {_describe(event)} date {event.date}, gold {gold[hit]['date']}"
                )
    for i, g in enumerate(gold):
        if i not in taken and not g.get("optional"):
            tally.notes.append(
                f"{name}: event missed {g['source']} {g['event']} {g['target']}: "
                f"{g.get('evidence', '')[:60]!r}"
            )


# -- actors ------------------------------------------------------------------------------


def _score_actors(item: GoldArticle, tally: Tally, name: str) -> None:
    article = item.article
    excluded = article.excluded
    for g in item.gold.get("actors", []):
        tally.add("actor_gold")
        occurrences = [
            s for s in _all(article.text, g["text"]) if not any(x.contains(s) for x in excluded)
        ]
        found = None
        for span in occurrences:
            overlapping = article.mentions_in(span.start, span.end)
            exact = [m for m in overlapping if (m.start, m.end) == (span.start, span.end)]
            if exact or overlapping:
                found = (exact or overlapping)[0]
                break
        if found is None:
            tally.notes.append(f"{name}: actor missed {g['text']!r}")
            continue
        tally.add("actor_found")
        actor = found.actor
        country_ok = actor is not None and actor.country == g.get("actor")
        sector_ok = not g.get("sector") or (actor is not None and actor.sector == g["sector"])
        if country_ok and sector_ok:
            tally.add("actor_ok")
        else:
            code = f"{actor.country}/{actor.sector}" if actor else None
            tally.notes.append(
                f"{name}: actor {g['text']!r} coded {code}, gold {g.get('actor')}/{g.get('sector')}"
            )


# -- helpers -----------------------------------------------------------------------------


def _nth(text: str, needle: str, n: int) -> int | None:
    """Start of the n-th (1-based) raw substring match of ``needle`` in ``text``."""
    pos = -1
    for _ in range(n):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return None
    return pos


def _all(text: str, needle: str) -> list[Span]:
    return [Span(m.start(), m.end(), needle) for m in re.finditer(re.escape(needle), text)]


def _paragraph(text: str, offset: int) -> Span:
    """The paragraph (:func:`tidings.layout.paragraphs`) holding ``offset``."""
    for start, end in paragraphs(text):
        if start <= offset < end:
            return Span(start, end, text[start:end])
    return Span(offset, offset, "")


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0
