"""``tidings eval --format timeml``: score the time stage on TimeML ``.tml`` files.

Reads TimeBank / AQUAINT / TempEval-3 style files: the text inside ``<TEXT>`` with its
``<TIMEX3>`` annotations is the gold, and the document creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``) is handed to the pipeline as the article's date and not
scored. Scoring follows the TempEval-3 task A scorer (``evaluate_entities.py``): a system
expression matches a gold one when they overlap (*relaxed*) and *strict* when the spans are
identical; attribute accuracy is counted over relaxed matches, and the value (or type) F1 is
that accuracy times the relaxed F1.

Baselines are scored by the same code in the same run, side by side (``baseline`` takes one
name or several): ``heideltime`` runs HeidelTime 2.2.1 over the same text as news against the
creation time (see :mod:`tidings.eval.heideltime`); ``dateparser`` runs
``dateparser.search.search_dates`` with the creation time as its ``RELATIVE_BASE``. A baseline
that cannot run here is reported unavailable with the reason, never scored as zeros.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from tidings.eval import Report, prf
from tidings.model import Article
from tidings.pipeline import Pipeline, PipelineConfig

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
BASELINES = ("heideltime", "dateparser")
#: ``tidings eval`` may pass several ``--baseline`` names to this format.
SEVERAL_BASELINES = True


class Unavailable(RuntimeError):
    """A baseline cannot run here; the message says why and what to install."""


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression as scored: character span, TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass
class TimeMLDocument:
    """One ``.tml`` file: its text (tags removed), creation date and gold expressions."""

    path: Path
    text: str
    dct: date | None
    gold: list[Timex]


@dataclass
class Tally:
    """Counts summed over documents for one system."""

    n_gold: int = 0
    n_pred: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    type: int = 0
    errors: list[str] = field(default_factory=list)  # readable, one per miss or wrong value
    failed_documents: int = 0  # documents the system could not process (scored as empty)

    def add(self, document: TimeMLDocument, predicted: list[Timex]) -> None:
        self.n_gold += len(document.gold)
        self.n_pred += len(predicted)
        name, text = document.path.name, document.text
        pairs = match(document.gold, predicted)
        for gold, pred in pairs:
            self.relaxed += 1
            self.strict += (gold.start, gold.end) == (pred.start, pred.end)
            self.value += gold.value == pred.value
            self.type += gold.type == pred.type
            if gold.value != pred.value:
                self.errors.append(
                    f"{name}: value {text[gold.start : gold.end]!r} gold {gold.value} "
                    f"got {pred.value} ({text[pred.start : pred.end]!r})"
                )
        found = {id(g) for g, _ in pairs}
        used = {id(p) for _, p in pairs}
        self.errors.extend(
            f"{name}: missed {text[g.start : g.end]!r} ({g.type} {g.value})"
            for g in document.gold
            if id(g) not in found
        )
        self.errors.extend(
            f"{name}: false alarm {text[p.start : p.end]!r} ({p.type} {p.value})"
            for p in predicted
            if id(p) not in used
        )

    def summary(self) -> dict:
        relaxed = prf(self.relaxed, self.n_pred, self.n_gold)
        strict = prf(self.strict, self.n_pred, self.n_gold)
        value_accuracy = self.value / self.relaxed if self.relaxed else 0.0
        type_accuracy = self.type / self.relaxed if self.relaxed else 0.0
        return {
            "relaxed": relaxed,
            "strict": strict,
            "value_f1": round(value_accuracy * relaxed["f1"], 4),
            "value_accuracy": round(value_accuracy, 4),
            "type_accuracy": round(type_accuracy, 4),
            "type_f1": round(type_accuracy * relaxed["f1"], 4),
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "failed_documents": self.failed_documents,
        }


def read_tml(path: Path) -> TimeMLDocument:
    """Parse one TimeML file into text, creation date and gold TIMEX3 spans."""
    raw = path.read_text(encoding="utf-8")
    dct: date | None = None
    for match in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attrs = dict(ATTRIBUTE.findall(match.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            dct = date.fromisoformat(attrs["value"][:10])
            break
    body_match = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.DOTALL)
    if body_match is None:
        raise ValueError(f"{path}: no <TEXT> element")
    body = body_match.group(1)
    parts: list[str] = []
    length = 0
    gold: list[Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    for tag in TAG.finditer(body):
        chunk = html.unescape(body[position : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(ATTRIBUTE.findall(tag.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            open_timex = None
            if attrs.get("functionInDocument") == "CREATION_TIME":
                continue
            gold.append(Timex(start, length, attrs.get("type", ""), attrs.get("value", "")))
    parts.append(html.unescape(body[position:]))
    return TimeMLDocument(path=path, text="".join(parts), dct=dct, gold=gold)


def match(gold: list[Timex], predicted: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one relaxed matching: each gold expression takes the unused system expression
    that overlaps it most (ties: the earliest)."""
    pairs = []
    used: set[int] = set()
    for g in gold:
        best, best_overlap = None, 0
        for i, p in enumerate(predicted):
            if i in used:
                continue
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, predicted[best]))
    return pairs


def tml_files(path: Path) -> list[Path]:
    files = [path] if path.is_file() else sorted(path.rglob("*.tml"))
    if not files:
        raise FileNotFoundError(f"{path}: no .tml files")
    return files


def tidings_predictions(
    documents: list[TimeMLDocument], config: PipelineConfig
) -> Iterable[list[Timex]]:
    """Run only the stages the time stage needs (it reads the parse for tense)."""
    pipeline = Pipeline(PipelineConfig(model=config.model, stages=("time",)))
    articles = (Article(text=d.text, published=d.dct, source=str(d.path)) for d in documents)
    for article in pipeline.process(articles):
        yield [Timex(t.start, t.end, t.type, t.value) for t in article.timexes]


def dateparser_predictor() -> Callable[[TimeMLDocument], list[Timex]]:
    """``search_dates`` with the creation time as relative base; each found string is parsed
    again with ``DateDataParser`` to learn its granularity (day, month, year, time)."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    def predict(document: TimeMLDocument) -> list[Timex]:
        if document.dct is None:
            base = datetime.now()
        else:
            base = datetime(document.dct.year, document.dct.month, document.dct.day)
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
        found = search_dates(document.text, languages=["en"], settings=settings) or []
        parser = DateDataParser(languages=["en"], settings=settings)
        timexes, position = [], 0
        for surface, moment in found:
            start = document.text.find(surface, position)
            if start < 0:
                continue
            position = start + len(surface)
            period = parser.get_date_data(surface).period or "day"
            value = {
                "year": f"{moment.year:04d}",
                "month": f"{moment.year:04d}-{moment.month:02d}",
                "week": "{:04d}-W{:02d}".format(*moment.isocalendar()[:2]),
                "time": moment.strftime("%Y-%m-%dT%H:%M"),
            }.get(period, moment.date().isoformat())
            kind = "TIME" if period == "time" else "DATE"
            timexes.append(Timex(start, position, kind, value))
        return timexes

    return predict


def baseline_predictions(
    name: str, documents: list[TimeMLDocument]
) -> tuple[list[list[Timex] | None], list[str]]:
    """A baseline's expressions for each document (None where it failed on one) and notes.
    Raises :class:`Unavailable` when the baseline cannot run."""
    from tidings.eval import heideltime

    if name == "dateparser":
        try:
            predict = dateparser_predictor()
        except ImportError as err:
            raise Unavailable(
                f"dateparser is not installed ({err}); pip install 'tidings[baselines]'"
            ) from err
        return [predict(document) for document in documents], []
    result = heideltime.tag([(document.text, document.dct) for document in documents])
    return result.timexes, result.failures


def score_baseline(name: str, documents: list[TimeMLDocument]) -> Tally | str:
    """The baseline's tally, or the reason it could not run."""
    try:
        predictions, failures = baseline_predictions(name, documents)
    except Unavailable as err:
        return str(err)
    tally = Tally(failed_documents=len(failures))
    tally.errors.extend(failures)
    for document, predicted in zip(documents, predictions, strict=True):
        tally.add(document, predicted or [])
    return tally


HEADERS = [
    "system",
    "relaxed P",
    "relaxed R",
    "relaxed F1",
    "strict F1",
    "value F1",
    "value acc",
    "type acc",
]


def _row(name: str, result: Tally | str) -> list:
    if isinstance(result, str):
        return [name, f"unavailable: {result}", *[""] * (len(HEADERS) - 2)]
    s = result.summary()
    return [
        name,
        s["relaxed"]["p"],
        s["relaxed"]["r"],
        s["relaxed"]["f1"],
        s["strict"]["f1"],
        s["value_f1"],
        s["value_accuracy"],
        s["type_accuracy"],
    ]


def _baseline_summary(name: str, result: Tally | str) -> dict:
    if isinstance(result, str):
        return {"name": name, "available": False, "reason": result}
    return {"name": name, "available": True, **result.summary()}


def _baseline_names(baseline: str | Sequence[str] | None) -> list[str]:
    names = [baseline] if isinstance(baseline, str) else list(baseline or ())
    unknown = [name for name in names if name not in BASELINES]
    if unknown:
        raise ValueError(f"unknown timeml baseline {unknown[0]!r}; known: {', '.join(BASELINES)}")
    return list(dict.fromkeys(names))


def run(path: Path, config: PipelineConfig, baseline: str | Sequence[str] | None = None) -> Report:
    """Score the time stage, and any baselines side by side, on the ``.tml`` files under
    ``path``. A baseline that cannot run is reported unavailable, with the reason."""
    names = _baseline_names(baseline)
    documents = [read_tml(p) for p in tml_files(path)]
    tidings = Tally()
    for document, predicted in zip(documents, tidings_predictions(documents, config), strict=True):
        tidings.add(document, predicted)
    baselines = {name: score_baseline(name, documents) for name in names}
    report = Report(
        title=f"TimeML TIMEX3 (TempEval-3 task A scoring) on {path}",
        headers=HEADERS,
        rows=[_row("tidings", tidings)] + [_row(n, r) for n, r in baselines.items()],
    )
    summary = tidings.summary()
    summary["n_docs"] = len(documents)
    if baselines:
        summary["baselines"] = {n: _baseline_summary(n, r) for n, r in baselines.items()}
    report.summary = summary
    report.notes.append(
        f"{len(documents)} documents, {summary['n_gold']} gold TIMEX3 (creation times excluded); "
        "value F1 = value accuracy over relaxed matches x relaxed F1, as in TempEval-3."
    )
    for name, result in baselines.items():
        if isinstance(result, Tally) and result.failed_documents:
            report.notes.append(
                f"{name} failed on {result.failed_documents} documents (scored as finding nothing)"
            )
    report.notes.extend(tidings.errors)
    return report
