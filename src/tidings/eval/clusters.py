"""Cross-article event clusters (``../shared/spec/CLUSTER-FORMAT.md``): B-cubed of the dedup.

Gold is a CSV of event mentions, one per row, in one of two shapes:

* the shared format: ``article, evidence, cluster, event`` (``evidence`` a verbatim substring);
* the project's own offsets format: ``article, start, end, cluster, event`` (character offsets
  into the article file, no text), as written by ``benchmarks/build_cluster_gold.py``.

``article`` is a file name relative to the CSV's folder. Every article is coded with the full
pipeline and its events deduplicated; a predicted mention aligns to a gold row of its article when
its trigger lies inside the row's evidence span (each row takes the first such mention by offset,
each mention serves one row). B-cubed is computed over the aligned mentions.

Baselines (``--baseline``): ``singletons`` (no deduplication: every report counts, as in raw event
data) and ``oracle`` (deduplication of gold-aligned mentions with the gold event types, actors
and dates from the pipeline: the clustering itself, free of detection errors).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from tidings.analysis.dedup import DedupConfig, Deduplicator, EventMention, event_mentions
from tidings.eval import Report, prf
from tidings.model import Article, Event, Participant, Quote, Span
from tidings.pipeline import Pipeline, PipelineConfig
from tidings.read.files import read_file

GOLD_FILE = "clusters.gold.csv"
BASELINES = ("singletons", "oracle")


@dataclass(frozen=True)
class GoldMention:
    """One gold row: an event mention's evidence span in an article file, and its cluster."""

    article: str  # file name relative to the gold CSV's folder
    start: int
    end: int
    cluster: str
    event: str


@dataclass(frozen=True)
class Scores:
    b3: dict[str, float]
    coverage: float
    dup_ratio: float
    gold_dup_ratio: float
    n_rows: int
    n_aligned: int


def bcubed(
    predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]
) -> dict[str, float]:
    """B-cubed precision, recall and F1 over the items both clusterings hold."""
    items = [item for item in gold if item in predicted]
    if not items:
        return prf(0, 0, 0)
    pred_members: dict[Hashable, set[Hashable]] = defaultdict(set)
    gold_members: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item in items:
        pred_members[predicted[item]].add(item)
        gold_members[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        same_pred, same_gold = pred_members[predicted[item]], gold_members[gold[item]]
        both = len(same_pred & same_gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    p, r = precision / len(items), recall / len(items)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def read_gold(path: Path) -> list[GoldMention]:
    """Gold rows of either CSV shape, with evidence located in the article files."""
    folder = path.parent
    texts: dict[str, str] = {}
    seen: dict[tuple[str, str], int] = defaultdict(int)  # a repeated evidence: its next occurrence
    rows = []
    with path.open(newline="", encoding="utf-8") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            name = row["article"]
            if "start" in row and row.get("start"):
                start, end = int(row["start"]), int(row["end"])
            else:
                if name not in texts:
                    texts[name] = _article_text(folder / name)
                evidence = row["evidence"]
                start = -1
                for _ in range(seen[(name, evidence)] + 1):
                    start = texts[name].find(evidence, start + 1)
                    if start < 0:
                        raise ValueError(f"{path}:{line_no}: evidence not found in {name}")
                seen[(name, evidence)] += 1
                end = start + len(evidence)
            rows.append(GoldMention(name, start, end, row["cluster"], row.get("event", "")))
    return rows


def _article_text(path: Path) -> str:
    result = read_file(path)
    if result.article is None:
        raise ValueError(f"{path}: {result.reason}")
    return result.article.text


def read_articles(folder: Path, names: list[str]) -> dict[str, Article]:
    """The gold's articles; the outlet defaults to the file-name prefix (``nyt_...`` -> nyt)."""
    articles = {}
    for name in names:
        result = read_file(folder / name)
        if result.article is None:
            raise ValueError(f"{folder / name}: {result.reason}")
        article = result.article
        article.outlet = article.outlet or name.split("_", 1)[0]
        articles[name] = article
    return articles


def align(rows: list[GoldMention], articles: Mapping[str, Article]) -> dict[int, tuple[str, Event]]:
    """Gold row index -> (article name, the predicted event aligned to it)."""
    aligned: dict[int, tuple[str, Event]] = {}
    used: set[tuple[str, str]] = set()
    order = sorted(range(len(rows)), key=lambda i: (rows[i].article, rows[i].start, rows[i].end))
    for i in order:
        row = rows[i]
        events = sorted(articles[row.article].events, key=lambda e: e.trigger.start)
        for event in events:
            inside = row.start <= event.trigger.start and event.trigger.end <= row.end
            if inside and (row.article, event.id) not in used:
                used.add((row.article, event.id))
                aligned[i] = (row.article, event)
                break
    return aligned


def score(rows: list[GoldMention], predicted_cluster: Mapping[int, str]) -> Scores:
    """B-cubed, coverage and duplicate ratios over the aligned rows (the keys of the mapping)."""
    gold = {i: rows[i].cluster for i in predicted_cluster}
    n = len(predicted_cluster)
    predicted_clusters = len(set(predicted_cluster.values()))
    return Scores(
        b3=bcubed(predicted_cluster, gold),
        coverage=round(n / len(rows), 4) if rows else 0.0,
        dup_ratio=round(n / predicted_clusters, 4) if predicted_clusters else 0.0,
        gold_dup_ratio=round(n / len(set(gold.values())), 4) if gold else 0.0,
        n_rows=len(rows),
        n_aligned=n,
    )


def diagnose(rows: list[GoldMention], predicted_cluster: Mapping[int, str]) -> list[str]:
    """Readable errors: predicted clusters that merge gold clusters, gold clusters split apart."""
    by_predicted: dict[str, list[int]] = defaultdict(list)
    by_gold: dict[str, list[int]] = defaultdict(list)
    for i, cluster in predicted_cluster.items():
        by_predicted[cluster].append(i)
        by_gold[rows[i].cluster].append(i)

    def where(i: int) -> str:
        return f"{rows[i].article}:{rows[i].start}-{rows[i].end}"

    notes = []
    for cluster, members in sorted(by_predicted.items()):
        golds = sorted({rows[i].cluster for i in members})
        if len(golds) > 1:
            notes.append(f"merged {cluster}: {', '.join(golds)}")
    for gold, members in sorted(by_gold.items()):
        parts = defaultdict(list)
        for i in members:
            parts[predicted_cluster[i]].append(where(i))
        if len(parts) > 1:
            groups = " | ".join(", ".join(p) for p in parts.values())
            notes.append(f"split {gold} into {len(parts)}: {groups}")
    return notes


def cluster_mentions(
    articles: Mapping[str, Article], aligned: Mapping[int, tuple[str, Event]], config: DedupConfig
) -> dict[int, str]:
    """Deduplicate every event of the articles; the cluster id of each aligned row's event."""
    dedup = Deduplicator(config)
    dedup.add_articles(articles.values())
    return {
        i: dedup.event_cluster_id(articles[name].id, event.trigger.start, event.trigger.end)
        for i, (name, event) in aligned.items()
    }


def oracle_mentions(
    rows: list[GoldMention],
    articles: Mapping[str, Article],
    aligned: Mapping[int, tuple[str, Event]],
    config: DedupConfig,
) -> dict[int, EventMention]:
    """One mention per gold row: the gold type and span, the pipeline's actors and date.

    A row with an aligned predicted event keeps that event's participants and date; otherwise the
    actors mentioned in the evidence are its participants (the first as source, as English
    clauses open with the subject; for a statement, the speaker of the quote, with neither
    speaker nor addressee among the targets) and the date is the article's.
    """
    mentions = {}
    for i, row in enumerate(rows):
        article = articles[row.article]
        evidence = article.span(row.start, row.end)
        if i in aligned:
            base = aligned[i][1]
            event = replace(base, type=row.event, trigger=evidence, sentence=evidence)
        else:
            actors = [m for m in article.mentions_in(row.start, row.end) if m.actor]
            participants = [Participant(m.start, m.end, m.text, m.id, m.actor) for m in actors]
            quote = _quote(article, row.start, row.end)
            if quote is not None:
                speaker = _speaker(article, quote)
                besides = [s for s in (quote.speaker, quote.addressee) if s is not None]
                participants = [speaker] + [
                    p for p in participants if not any(_overlap(p, s) for s in besides)
                ]
            event = Event(
                id=f"gold{i}",
                type=row.event,
                trigger=evidence,
                sentence=evidence,
                sources=participants[:1],
                targets=participants[1:],
            )
        shell = replace(article, events=[event])
        [mentions[i]] = event_mentions(shell, config)
    return mentions


def _quote(article: Article, start: int, end: int) -> Quote | None:
    """The first quote with a resolved speaker that overlaps ``start:end``."""
    for quote in sorted(article.quotes, key=lambda q: q.start):
        if quote.start < end and start < quote.end and quote.speaker_actor is not None:
            return quote
    return None


def _speaker(article: Article, quote: Quote) -> Participant:
    """A statement's source is who made it, not the first actor its words name."""
    span = quote.speaker or article.span(quote.start, quote.start)
    return Participant(span.start, span.end, span.text, quote.speaker_mention, quote.speaker_actor)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def run(path: Path, config: PipelineConfig, baseline: str | None = None) -> Report:
    """Code the gold's articles, deduplicate, align and score (plus an optional baseline)."""
    if baseline is not None and baseline not in BASELINES:
        raise ValueError(f"unknown baseline {baseline!r} for clusters; known: {BASELINES}")
    gold_path = path / GOLD_FILE if path.is_dir() else path
    if not gold_path.is_file():
        raise FileNotFoundError(f"{gold_path}: no such file")
    rows = read_gold(gold_path)
    names = sorted({row.article for row in rows})
    articles = read_articles(gold_path.parent, names)
    pipeline = Pipeline(config)
    for article in articles.values():
        pipeline(article)
    dedup_config = DedupConfig.load()
    aligned = align(rows, articles)
    predicted = cluster_mentions(articles, aligned, dedup_config)
    results = {"tidings": score(rows, predicted)}
    if baseline == "singletons":
        results["singletons"] = score(rows, {i: str(i) for i in aligned})
    elif baseline == "oracle":
        oracle = oracle_mentions(rows, articles, aligned, dedup_config)
        dedup = Deduplicator(dedup_config)
        dedup.add_events(oracle.values())
        clusters = {i: dedup.event_cluster_id(*m.key) for i, m in oracle.items()}
        results["oracle mentions"] = score(rows, clusters)
    main = results["tidings"]
    return Report(
        title=f"Event clusters: {gold_path} ({len(names)} articles, {len(rows)} gold mentions)",
        headers=["system", "B3 P", "B3 R", "B3 F1", "coverage", "dup ratio", "gold dup", "aligned"],
        rows=[
            [
                name,
                s.b3["p"],
                s.b3["r"],
                s.b3["f1"],
                s.coverage,
                s.dup_ratio,
                s.gold_dup_ratio,
                f"{s.n_aligned}/{s.n_rows}",
            ]
            for name, s in results.items()
        ],
        notes=diagnose(rows, predicted),
        summary={
            "b3": main.b3,
            "coverage": main.coverage,
            "dup_ratio": main.dup_ratio,
            "gold_dup_ratio": main.gold_dup_ratio,
            "n_rows": main.n_rows,
        },
    )
