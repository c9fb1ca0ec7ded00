"""TimeML evaluation: reading .tml files and TempEval-3 style scoring; the seed gold."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tidings.config import PipelineConfig
from tidings.eval.timeml import Tally, Timex, match, read_tml, run
from time_helpers import tag

TML = "\n".join(
    [
        '<?xml version="1.0" ?>',
        "<TimeML>",
        "<DOCID>demo</DOCID>",
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2003-04-11" '
        'functionInDocument="CREATION_TIME">04/11/03</TIMEX3></DCT>',
        "<TEXT>",
        'The ministers <EVENT eid="e1" class="OCCURRENCE">met</EVENT> '
        '<TIMEX3 tid="t1" type="DATE" value="2003-04-10">yesterday</TIMEX3> &amp; agreed '
        'to meet again <TIMEX3 tid="t2" type="DATE" value="2003-05">next month</TIMEX3>.',
        "</TEXT>",
        "</TimeML>",
    ]
)


def write_tml(folder: Path) -> Path:
    path = folder / "demo.tml"
    path.write_text(TML, encoding="utf-8")
    return path


def test_read_tml_strips_tags_and_keeps_offsets(tmp_path: Path) -> None:
    document = read_tml(write_tml(tmp_path))
    assert document.dct == date(2003, 4, 11)
    assert "&" in document.text and "<" not in document.text
    assert [document.text[g.start : g.end] for g in document.gold] == ["yesterday", "next month"]
    assert [g.value for g in document.gold] == ["2003-04-10", "2003-05"]


def test_matching_is_one_to_one_by_overlap() -> None:
    gold = [Timex(0, 9, "DATE", "a"), Timex(20, 30, "DATE", "b")]
    predicted = [Timex(0, 4, "DATE", "a"), Timex(5, 9, "DATE", "x"), Timex(40, 45, "DATE", "c")]
    assert match(gold, predicted) == [(gold[0], predicted[0])]


def test_value_f1_is_value_accuracy_times_relaxed_f1(tmp_path: Path) -> None:
    document = read_tml(write_tml(tmp_path))
    tally = Tally()
    yesterday, next_month = document.gold
    wrong = Timex(next_month.start, next_month.end - 2, "DATE", "2003-06")
    tally.add(document, [yesterday, wrong])
    summary = tally.summary()
    assert summary["relaxed"]["f1"] == 1.0
    assert summary["strict"]["f1"] == 0.5
    assert summary["value_f1"] == 0.5
    assert any("gold 2003-05 got 2003-06" in line for line in tally.errors)


def test_run_scores_the_time_stage(tmp_path: Path) -> None:
    report = run(write_tml(tmp_path), PipelineConfig())
    assert report.summary["relaxed"]["f1"] == 1.0
    assert report.summary["value_f1"] == 1.0
    assert report.summary["n_docs"] == 1
    json.dumps(report.summary)


def test_seed_timexes_all_right(shared: Path) -> None:
    seed = shared / "seed"
    gold = json.loads((seed / "000_5ac32bcfc2f299f0.gold.json").read_text(encoding="utf-8"))
    text = (seed / gold["article"]).read_text(encoding="utf-8")
    found = {(t.start, t.value) for t in tag(text, date.fromisoformat(gold["published"]))}
    for timex in gold["timexes"]:
        start = -1
        for _ in range(timex["occurrence"]):
            start = text.index(timex["text"], start + 1)
        assert (start, timex["value"]) in found, timex


def test_timeml_dev_sample(shared: Path) -> None:
    sample = shared / "gold" / "timeml-dev" / "AQUAINT" / "APW19980807.0261.tml"
    report = run(sample, PipelineConfig())
    assert report.summary["relaxed"]["f1"] >= 0.5
