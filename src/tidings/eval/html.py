"""``tidings eval --format html DIR``: main-text extraction quality of the HTML reader.

For every ``NAME.html`` with a ``NAME.gold.txt`` beside it (line 1 title, line 2 ISO date, a
blank line, then the body), the page is read with :func:`tidings.read.html.read_html` and the
extracted body (the article text after the title line) is compared with the gold body as bags
of lower-cased word tokens: precision, recall and F1, micro-averaged over all words (the
article-extraction-benchmark convention) and macro-averaged over pages. Title and date are
scored by exact match where the gold has them.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from tidings.config import PipelineConfig
from tidings.eval import Report, prf
from tidings.read.html import read_html

_WORD = re.compile(r"\w+")


def words(text: str) -> Counter[str]:
    """Bag of lower-cased word tokens."""
    return Counter(_WORD.findall(text.lower()))


def run(path: Path, config: PipelineConfig, baseline: str | None = None) -> Report:
    """Score every page in ``path`` (a folder, or one ``.html`` file)."""
    pages = [path] if path.is_file() else sorted(path.glob("*.html"))
    pairs = [(p, p.with_name(p.name[: -len(".html")] + ".gold.txt")) for p in pages]
    pairs = [(page, gold) for page, gold in pairs if gold.is_file()]
    if not pairs:
        raise FileNotFoundError(f"{path}: no NAME.html with NAME.gold.txt beside it")
    report = Report(
        title=f"HTML main text vs gold ({len(pairs)} pages)",
        headers=["page", "p", "r", "f1", "title", "date"],
    )
    tp = n_pred = n_gold = 0
    f1s: list[float] = []
    titles = [0, 0]  # correct, scored
    dates = [0, 0]
    for page, gold_path in pairs:
        gold_title, gold_date, gold_body = _gold(gold_path.read_text(encoding="utf-8"))
        result = read_html(page.read_bytes(), str(page))
        article = result.article
        body = article.text[article.title_span.end :] if article and article.title_span else ""
        if article and not article.title_span:
            body = article.text
        pred, gold = words(body), words(gold_body)
        page_tp = sum((pred & gold).values())
        scores = prf(page_tp, sum(pred.values()), sum(gold.values()))
        tp, n_pred, n_gold = tp + page_tp, n_pred + sum(pred.values()), n_gold + sum(gold.values())
        f1s.append(scores["f1"])
        title_ok = _mark(titles, gold_title, article.title if article else None)
        published = article.published if article else None
        date_ok = _mark(dates, gold_date, published.isoformat() if published else None)
        if result.status != "read":
            report.notes.append(f"{page.name}: {result.status}: {result.reason}")
        report.rows.append([page.stem, scores["p"], scores["r"], scores["f1"], title_ok, date_ok])
    micro = prf(tp, n_pred, n_gold)
    report.summary = {
        **micro,
        "macro_f1": round(sum(f1s) / len(f1s), 4),
        "pages": len(pairs),
        "title_accuracy": round(titles[0] / titles[1], 4) if titles[1] else None,
        "date_accuracy": round(dates[0] / dates[1], 4) if dates[1] else None,
    }
    report.rows.append(["micro (all words)", micro["p"], micro["r"], micro["f1"], "", ""])
    if baseline:
        report.notes.append(f"baseline {baseline!r} ignored: the html format has no baselines")
    return report


def _gold(text: str) -> tuple[str, str, str]:
    """(title, ISO date, body) of a gold file; missing parts are empty strings."""
    lines = text.split("\n")
    title = lines[0].strip() if lines else ""
    gold_date = lines[1].strip() if len(lines) > 1 else ""
    return title, gold_date, "\n".join(lines[3:])


def _mark(tally: list[int], gold: str, predicted: str | None) -> str:
    """Count an exact-match comparison; '' when the gold has no value."""
    if not gold:
        return ""
    tally[1] += 1
    correct = " ".join((predicted or "").split()) == " ".join(gold.split())
    tally[0] += correct
    return "yes" if correct else "no"
