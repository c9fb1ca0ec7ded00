"""``tidings eval --format brat``: quotes and attribution against PolNeAR-style brat standoff.

The folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (``Content``,
``Source`` and ``Cue`` spans, ``E`` lines linking them as one attribution relation). Where a
text has several annotators' files, the first by name is the gold.

A predicted attribution is the union of the tidings quotes that share one cue (a split quote
``"X," he said, "Y."`` is one relation, as in the gold); scare quotes are not attributions. It
matches a gold relation when the character Jaccard of their contents is at least 0.5 (one to
one, best first). Its speaker is right when the predicted speaker words overlap the gold
``Source`` span, or the predicted speaker actor is the actor of a mention in that span (same
person). Reported twice: **direct** (gold content holds a quotation mark; predictions that
contain a direct or partial quote) and **all** relations.

``baseline="textacy"`` runs textacy's ``extract.triples.direct_quotations`` over the same spaCy
parses; a document it refuses (odd number of quotation marks) counts as producing nothing.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Doc

from tidings.eval import Report
from tidings.model import Actor, Article, Quote
from tidings.pipeline import Pipeline, PipelineConfig

JACCARD = 0.5
QUOTE_MARKS = frozenset('"“”„«»')
STAGES = ("actors", "quotes")


@dataclass
class Relation:
    """One attribution relation: content characters and the speaker, gold or predicted."""

    content: frozenset[int]
    source: list[tuple[int, int]] = field(default_factory=list)
    direct: bool = False
    speaker_actor: Actor | None = None


@dataclass
class Tally:
    """Counts for one system over one subset."""

    pred: int = 0
    gold: int = 0
    pred_matched: int = 0
    gold_matched: int = 0
    with_source: int = 0  # matched gold relations that name a source
    speaker_right: int = 0

    def summary(self) -> dict[str, float]:
        """P, R, F1 and speaker accuracy. Within a subset the matched predictions and matched
        gold relations can differ in number (a direct prediction may match reported gold)."""
        p = self.pred_matched / self.pred if self.pred else 0.0
        r = self.gold_matched / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        accuracy = self.speaker_right / self.with_source if self.with_source else 0.0
        return {
            "p": round(p, 4),
            "r": round(r, 4),
            "f1": round(f1, 4),
            "speaker_accuracy": round(accuracy, 4),
        }


def read_gold(ann_path: Path, text: str) -> list[Relation]:
    """The attribution relations of one ``.ann`` file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for number, line in enumerate(ann_path.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split("\t")
        try:
            if parts[0].startswith("T"):
                label, ranges = parts[1].split(" ", 1)
                fragments = [tuple(map(int, r.split())) for r in ranges.split(";")]
                spans[parts[0]] = (label, fragments)  # type: ignore[assignment]
            elif parts[0].startswith("E"):
                relations.append(dict(arg.split(":", 1) for arg in parts[1].split()[1:]))
        except (IndexError, ValueError) as err:
            raise ValueError(f"{ann_path}:{number}: unreadable brat line {line!r}") from err
    gold = []
    for args in relations:
        content = spans.get(args.get("Content", ""))
        if content is None:
            continue
        chars = frozenset(i for start, end in content[1] for i in range(start, end))
        source = spans.get(args.get("Source", ""))
        gold.append(
            Relation(
                content=chars,
                source=source[1] if source else [],
                direct=any(text[i] in QUOTE_MARKS for i in chars),
            )
        )
    return gold


def documents(path: Path) -> Iterator[tuple[str, str, Path]]:
    """``(name, text, gold .ann)`` for every text with an annotation file."""
    text_dir, ann_dir = path / "text", path / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(f"{path}: expected text/ and attributions/ folders (brat)")
    for text_path in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{text_path.stem}*.ann"))
        anns = [a for a in anns if a.stem == text_path.stem or a.stem[len(text_path.stem)] == "_"]
        if anns:
            yield text_path.stem, text_path.read_text(encoding="utf-8"), anns[0]


def predicted(article: Article) -> list[Relation]:
    """tidings quotes grouped into attribution relations (one per cue)."""
    groups: dict[tuple[int, int] | str, list[Quote]] = {}
    for quote in article.quotes:
        if quote.kind == "scare":
            continue
        key = (quote.cue.start, quote.cue.end) if quote.cue else quote.id
        groups.setdefault(key, []).append(quote)
    relations = []
    for quotes in groups.values():
        chars = frozenset(i for q in quotes for i in range(q.start, q.end))
        speaker = next((q for q in quotes if q.speaker), None)
        relations.append(
            Relation(
                content=chars,
                source=[(speaker.speaker.start, speaker.speaker.end)] if speaker else [],
                direct=any(q.kind in ("direct", "partial") for q in quotes),
                speaker_actor=speaker.speaker_actor if speaker else None,
            )
        )
    return relations


def textacy_relations(doc: Doc) -> list[Relation]:
    """textacy's direct quotations as relations (none when it refuses the document)."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return []
    groups: dict[tuple[int, int], Relation] = {}
    for triple in triples:
        content = frozenset(range(triple.content.start_char, triple.content.end_char))
        key = (triple.cue[0].idx, triple.cue[-1].idx + len(triple.cue[-1]))
        source = [(t.idx, t.idx + len(t)) for t in triple.speaker]
        if key in groups:
            groups[key].content |= content
        else:
            groups[key] = Relation(content=content, source=source, direct=True)
    return list(groups.values())


def score(
    gold: list[Relation], pred: list[Relation], article: Article, tallies: dict[str, Tally]
) -> None:
    """Match one document's relations and add the counts to the ``direct``/``all`` tallies."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            union = len(g.content | p.content)
            jaccard = len(g.content & p.content) / union if union else 0.0
            if jaccard >= JACCARD:
                pairs.append((jaccard, gi, pi))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    for subset, tally in tallies.items():
        keep_gold = [i for i, g in enumerate(gold) if subset == "all" or g.direct]
        keep_pred = [i for i, p in enumerate(pred) if subset == "all" or p.direct]
        tally.gold += len(keep_gold)
        tally.pred += len(keep_pred)
        tally.pred_matched += sum(1 for i in keep_pred if i in used)
        for gi in keep_gold:
            if gi not in matched:
                continue
            tally.gold_matched += 1
            g, p = gold[gi], pred[matched[gi]]
            if g.source:
                tally.with_source += 1
                tally.speaker_right += speaker_right(g, p, article)


def speaker_right(gold: Relation, pred: Relation, article: Article) -> bool:
    """The predicted speaker overlaps the gold source, or is the same resolved actor."""
    if any(ps < ge and gs < pe for ps, pe in pred.source for gs, ge in gold.source):
        return True
    actor = pred.speaker_actor
    if actor is None:
        return False
    for start, end in gold.source:
        for mention in article.mentions_in(start, end):
            if mention.actor is not None and _same_actor(mention.actor, actor):
                return True
    return False


def _same_actor(a: Actor, b: Actor) -> bool:
    if a.kb_id and b.kb_id:
        return a.kb_id == b.kb_id
    return a.name.lower() == b.name.lower()


def run(path: Path, config: PipelineConfig, baseline: str | None = None) -> Report:
    """Score the quotes stage (and optionally textacy) on a brat attribution folder."""
    if baseline not in (None, "textacy"):
        raise ValueError(f"unknown baseline {baseline!r} for brat; known: textacy")
    stages = tuple(s for s in STAGES if s == "quotes" or _stage_available(s))
    pipeline = Pipeline(replace(config, stages=stages))
    systems = ["tidings"] + ([baseline] if baseline else [])
    tallies = {name: {"direct": Tally(), "all": Tally()} for name in systems}
    docs = list(documents(path))
    articles = (Article(text=text, source=name) for name, text, _ in docs)
    for (_, text, ann), article in zip(docs, articles, strict=True):
        doc = next(pipeline.parse([article.analysed_text]))
        pipeline.annotate(article, doc)
        gold = read_gold(ann, text)
        score(gold, predicted(article), article, tallies["tidings"])
        if baseline:
            score(gold, textacy_relations(doc), article, tallies[baseline])
    summaries = {
        name: {subset: t.summary() for subset, t in subsets.items()}
        for name, subsets in tallies.items()
    }
    rows = []
    for name, subsets in summaries.items():
        for subset, s in subsets.items():
            t = tallies[name][subset]
            rows.append(
                [name, subset, t.gold, t.pred, s["p"], s["r"], s["f1"], s["speaker_accuracy"]]
            )
    summary: dict = {**summaries["tidings"], "n_docs": len(docs)}
    if baseline:
        summary[baseline] = summaries[baseline]
    return Report(
        title=f"Attribution (brat) on {path}",
        headers=["system", "subset", "gold", "predicted", "P", "R", "F1", "speaker acc."],
        rows=rows,
        summary=summary,
        notes=[
            f"stages run: {', '.join(stages)}; content match: character Jaccard >= {JACCARD}",
            "direct = gold content holds a quotation mark",
        ],
    )


def _stage_available(name: str) -> bool:
    module = f"tidings.{name}.stage"
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False
