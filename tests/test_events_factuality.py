"""Factuality labels from the parse, and the factuality and PLOVER evaluations."""

from __future__ import annotations

import json

import pytest

from tidings import nlp as nlp_models
from tidings.config import PipelineConfig
from tidings.eval import factuality as factuality_eval
from tidings.eval.plover import load_records
from tidings.events.factuality import assess, load_scale


@pytest.fixture(scope="module")
def label():
    nlp = nlp_models.load()

    def run(text: str, word: str) -> str:
        doc = nlp(text)
        return assess(next(t for t in doc if t.text == word))

    return run


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The army attacked the village.", "attacked", "asserted"),
        ("The army never attacked the village.", "attacked", "negated"),
        ("The army refused to attack the village.", "attack", "negated"),
        ("The army may attack the village.", "attack", "possible"),
        ("The army will attack the village.", "attack", "future"),
        ("If the army attacks the village, we will leave.", "attacks", "hypothetical"),
        ("The rebels threatened to attack the village.", "attack", "hypothetical"),
        ("The council urged the army to withdraw.", "withdraw", "proposed"),
        ("There were no talks this week.", "talks", "negated"),
        ("A war is not inevitable.", "war", "negated"),
        ("The proposed embargo worries traders.", "embargo", "proposed"),
    ],
)
def test_factuality_labels(label, text, word, expected):
    assert label(text, word) == expected


def test_scale_orders_the_labels():
    scale = load_scale()
    assert scale["asserted"] == 3.0
    assert scale["negated"] < scale["hypothetical"] < scale["future"] < scale["asserted"]


def test_factuality_eval_reports_mae_pearson_and_floor(tmp_path):
    lines = [
        {"text": "The talks ended on Friday .", "targets": [{"span1": [1, 2], "label": 3.0}]},
        {"text": "They did not sign the deal .", "targets": [{"span1": [3, 4], "label": -3.0}]},
        {"text": "She may visit Paris .", "targets": [{"span1": [2, 3], "label": 1.0}]},
    ]
    path = tmp_path / "toy.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    summary = factuality_eval.run(path, PipelineConfig()).summary
    assert summary["n"] == 3
    assert summary["floor"]["mae"] == pytest.approx((0 + 6 + 2) / 3, abs=1e-3)
    assert summary["mae"] < summary["floor"]["mae"]
    assert summary["pearson"] > 0.9


def test_plover_records_skip_documents_and_rename_old_types(tmp_path):
    records = [
        {"id": "d", "event": "DOCUMENT", "comment": "header"},
        {"id": "a", "event": "DEMAND", "text": "X demanded Y leave.", "date": "2001-02-03",
         "source": [{"code": "AAA"}], "target": None},
        {"id": "b", "event": "FIGHT", "text": "X shelled Y.", "source": [{"code": "AAA"}],
         "target": "diplomatic"},
    ]  # fmt: skip
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    loaded = load_records(path)
    assert [(r.id, r.event, r.targets) for r in loaded] == [
        ("a", "REQUEST", set()),
        ("b", "ASSAULT", set()),
    ]
    assert str(loaded[0].published) == "2001-02-03"


def test_plover_records_read_cameo_country_codes_as_iso(tmp_path):
    records = [
        {"id": "a", "event": "CONSULT", "text": "X met Y.", "source": [{"code": "ITL"}],
         "target": [{"code": "JAP"}, {"code": "FRA"}]},
    ]  # fmt: skip
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    (record,) = load_records(path)
    assert (record.sources, record.targets) == ({"ITA"}, {"JPN", "FRA"})


def test_uw_dev_factuality_targets(shared):
    summary = factuality_eval.run(
        shared / "gold" / "factuality-dev" / "UW" / "dev.jsonl", PipelineConfig()
    ).summary
    assert summary["mae"] <= 0.60
    assert summary["pearson"] >= 0.5
