"""List the quotes stage's attribution errors on a brat (PolNeAR-style) folder, with context.

Usage::

    PYTHONPATH=src python benchmarks/quotes_errors.py ../shared/gold/polnear-dev [--all]
        [--cache /tmp/quotes-cache] [--doc NAME]

Prints, per document, the gold relations with no matching prediction (FN), the predictions with
no matching gold (FP, with the best-overlapping gold and its Jaccard, so a boundary error shows
as an FN/FP pair) and matched relations with a wrong speaker (SPK). Only direct relations unless
``--all``. The spaCy parses and the actors stage output are cached (``--cache``) so that a
change to the quotes stage re-runs in seconds.
"""

from __future__ import annotations

import argparse
import copy
import pickle
from pathlib import Path

from spacy.tokens import Doc, DocBin

from tidings.eval.brat import (
    JACCARD,
    Relation,
    Tally,
    documents,
    predicted,
    read_gold,
    score,
    speaker_right,
)
from tidings.model import Article
from tidings.pipeline import Pipeline, PipelineConfig, create_stage


def _load(path: Path, cache: Path | None) -> list[tuple[str, str, Path, Article, Doc]]:
    docs = list(documents(path))
    pipeline = Pipeline(PipelineConfig(stages=("actors",)))
    if cache is not None and (cache / "docs.bin").exists():
        bin_ = DocBin().from_disk(cache / "docs.bin")
        parsed = list(bin_.get_docs(pipeline.nlp.vocab))
        articles = pickle.loads((cache / "articles.pkl").read_bytes())
    else:
        articles, parsed = [], []
        for name, text, _ in docs:
            article = Article(text=text, source=name)
            doc = next(pipeline.parse([article.analysed_text]))
            pipeline.annotate(article, doc)
            articles.append(article)
            parsed.append(doc)
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
            DocBin(store_user_data=True, docs=parsed).to_disk(cache / "docs.bin")
            (cache / "articles.pkl").write_bytes(pickle.dumps(articles))
    return [
        (name, text, ann, article, doc)
        for (name, text, ann), article, doc in zip(docs, articles, parsed, strict=True)
    ]


def _show(text: str, chars: frozenset[int], width: int = 60) -> str:
    if not chars:
        return "<empty>"
    start, end = min(chars), max(chars) + 1
    before = text[max(0, start - width) : start].replace("\n", " ¶ ")
    after = text[end : end + width].replace("\n", " ¶ ")
    inner = "".join(text[i] if i in chars else "·" for i in range(start, end)).replace("\n", " ¶ ")
    return f"…{before}[[{inner}]]{after}…"


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--all", action="store_true", help="all relations, not only direct")
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--doc", default=None, help="only documents whose name holds this")
    args = parser.parse_args()
    quotes = create_stage("quotes", PipelineConfig())
    counts = {"FN": 0, "FP": 0, "SPK": 0}
    tallies = {"direct": Tally(), "all": Tally()}
    for name, text, ann, cached, doc in _load(args.path, args.cache):
        if args.doc and args.doc not in name:
            continue
        article = copy.deepcopy(cached)
        quotes(article, doc)
        gold = read_gold(ann, text)
        pred = predicted(article)
        score(gold, pred, article, tallies)
        lines = _errors(text, gold, pred, article, args.all, counts)
        if lines:
            print(f"=== {name}")
            print("\n".join(lines))
    print(counts)
    print({subset: tally.summary() for subset, tally in tallies.items()})


def _errors(
    text: str,
    gold: list[Relation],
    pred: list[Relation],
    article: Article,
    everything: bool,
    counts: dict[str, int],
) -> list[str]:
    pairs = sorted(
        (
            (_jaccard(g.content, p.content), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
        ),
        reverse=True,
    )
    matched: dict[int, int] = {}
    used: set[int] = set()
    for jaccard, gi, pi in pairs:
        if jaccard >= JACCARD and gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    lines = []
    for gi, g in enumerate(gold):
        if not (everything or g.direct):
            continue
        src = " / ".join(text[s:e] for s, e in g.source)
        if gi not in matched:
            counts["FN"] += 1
            best = _closest(g.content, pred)
            lines.append(f"FN  src={src!r}\n    gold {_show(text, g.content)}")
            if best[1] is not None and best[0] > 0:
                lines.append(f"    best pred J={best[0]:.2f} {_show(text, best[1].content)}")
        elif g.source and not speaker_right(g, pred[matched[gi]], article):
            counts["SPK"] += 1
            p = pred[matched[gi]]
            got = " / ".join(text[s:e] for s, e in p.source)
            actor = p.speaker_actor.name if p.speaker_actor else None
            lines.append(
                f"SPK gold={src!r} pred={got!r} actor={actor!r}\n    {_show(text, g.content)}"
            )
    for pi, p in enumerate(pred):
        if pi in used or not (everything or p.direct):
            continue
        counts["FP"] += 1
        got = " / ".join(text[s:e] for s, e in p.source)
        best = _closest(p.content, gold)
        lines.append(f"FP  spk={got!r}\n    pred {_show(text, p.content)}")
        if best[1] is not None and best[0] > 0:
            lines.append(f"    best gold J={best[0]:.2f} {_show(text, best[1].content)}")
    return lines


def _closest(content: frozenset[int], others: list[Relation]) -> tuple[float, Relation | None]:
    """The best character Jaccard of ``content`` against the contents of ``others``, and which."""
    return max(
        ((_jaccard(content, o.content), o) for o in others), default=(0.0, None), key=lambda x: x[0]
    )


if __name__ == "__main__":
    main()
