"""Sentence-level event scoring (``tidings eval --format sentences``) on tidings' own fixture."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tidings.eval import sentences
from tidings.eval.sentences import GoldEvent, GoldSentence, Tally, score_sentence, summarise
from tidings.model import Actor, Event, Participant, Span
from tidings.pipeline import Pipeline

FIXTURE = Path(__file__).parent / "data" / "event-sentences"


def _event(type_: str, sources: list[str], targets: list[str], at: int = 0, **kw) -> Event:
    def side(codes: list[str]) -> list[Participant]:
        return [Participant(0, 1, c, actor=Actor(c, country=c)) for c in codes]

    return Event(
        id="e", type=type_, trigger=Span(at, at + 1, "x"), sentence=Span(0, 50, "s"),
        sources=side(sources), targets=side(targets), **kw,
    )  # fmt: skip


def _gold(types: list[str], src: list[str], tgt: list[str], optional: bool = False, **kw):
    return GoldEvent(tuple(types), "x", frozenset(src), frozenset(tgt),
                     kw.get("factuality", "asserted"), optional)  # fmt: skip


def _score(golds: list[GoldEvent], predicted: list[Event]) -> dict:
    tally = Tally()
    score_sentence(GoldSentence("s#1", 0, 50, "s" * 50, golds), predicted, tally)
    return summarise(tally)


def test_a_match_needs_an_acceptable_type_and_shared_codes_on_each_named_side() -> None:
    gold = [_gold(["AGREE", "COOPERATE"], ["RUS", "CHN"], [])]
    assert _score(gold, [_event("COOPERATE", ["CHN"], ["USA"])])["triple"]["f1"] == 1.0
    wrong_side = _score(gold, [_event("AGREE", ["USA"], [])])
    assert wrong_side["triple"]["f1"] == 0.0 and wrong_side["type"]["f1"] == 1.0
    wrong_type = _score(gold, [_event("CONSULT", ["RUS"], [])])
    assert wrong_type["detection"]["f1"] == 1.0 and wrong_type["type"]["p"] == 0.0


def test_optional_events_are_neither_rewarded_nor_penalised() -> None:
    golds = [_gold(["ACCUSE"], ["GRC"], ["TUR"]), _gold(["CONSULT"], ["GRC"], [], optional=True)]
    summary = _score(golds, [_event("ACCUSE", ["GRC"], ["TUR"]), _event("CONSULT", ["GRC"], [])])
    assert summary["triple"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert summary["type"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    only_optional = _score([golds[1]], [_event("CONSULT", ["GRC"], [])])
    assert only_optional["detection"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
    assert only_optional["n_events"] == 0


def test_each_gold_event_is_matched_once_and_factuality_is_scored_on_matches() -> None:
    gold = [_gold(["REQUEST"], ["FRA"], ["ISR", "LBN"], factuality="proposed")]
    twice = [
        _event("REQUEST", ["FRA"], ["LBN"], at=1, factuality="proposed"),
        _event("REQUEST", ["FRA"], ["ISR"], at=5),
    ]
    summary = _score(gold, twice)
    assert summary["triple"] == {"p": 0.5, "r": 1.0, "f1": 0.6667}
    assert summary["factuality_accuracy"] == 1.0


def test_a_sentence_without_events_counts_false_alarms() -> None:
    summary = _score([], [_event("ASSAULT", ["ISR"], ["LBN"])])
    assert summary["detection"]["p"] == 0.0 and summary["n_sentences"] == 1


def test_gold_loads_per_document_and_checks_offsets(tmp_path: Path) -> None:
    docs = sentences.load(FIXTURE / "train.jsonl")
    assert len(docs) == 5 and all(d.sentences for d in docs)
    assert sentences.read_article(docs[0]).text.startswith("Neighbours talk")
    shutil.copytree(FIXTURE / "articles", tmp_path / "articles")
    rows = [json.loads(line) for line in (FIXTURE / "dev.jsonl").read_text().splitlines()]
    rows[0]["start"] += 1
    (tmp_path / "dev.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    (broken,) = sentences.load(tmp_path / "dev.jsonl")
    with pytest.raises(ValueError, match="gold offsets"):
        sentences.read_article(broken)


def test_the_full_pipeline_is_scored_sentence_by_sentence(pipeline: Pipeline) -> None:
    report = sentences.run(FIXTURE / "dev.jsonl", pipeline.config)
    assert report.summary["n_sentences"] == 4 and report.summary["n_events"] == 2
    assert report.summary["triple"]["r"] >= 0.5  # the two firm events are plain ones
    assert report.rows[-1][0] == "all"
