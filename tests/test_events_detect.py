"""The trained event detector: its lexicon features, the shipped model, reproducible training."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tidings.events import detect
from tidings.model import Article
from tidings.pipeline import Pipeline
from tidings.train import petrarch

FIXTURE = Path(__file__).parent / "data" / "event-sentences"

#: A dictionary in PETRARCH2's layout, written for this test.
DICTIONARY = """\
&FOOD
+FOOD
+RICE

####### VERB PATTERNS #######

---  SEND   [070]  ---
SEND {SENT SENDING }
+HAND_OVER [084]
- * &FOOD                                   [073]         # SEND
- * TROOPS (TO BORDER)                      [152:152]     # SEND
- * GREETINGS                               [---]         # SEND

---  PRAISE   [---]  ---
PRAISE  # a comment
- * {PEACE EFFORTS}                         [:051]        # PRAISE
"""
TABLE = """\
05: SUPPORT
051: SUPPORT,  , diplomatic # Praise or endorse
07: AID
073: AID,   ,   humanitarian # Provide humanitarian aid
08: RETREAT
084: RETREAT,   ,  # Return, release
15: MOBILIZE
"""


def test_petrarch_dictionary_converts_to_readable_files(tmp_path: Path) -> None:
    (tmp_path / "CAMEO.txt").write_text(DICTIONARY)
    (tmp_path / "LICENSE").write_text("MIT notice")
    (tmp_path / "table.txt").write_text(TABLE)
    counts = petrarch.convert(tmp_path / "CAMEO.txt", tmp_path / "table.txt", tmp_path / "out")
    assert counts == {"verbs": 3, "patterns": 3, "synsets": 1}
    verbs = (tmp_path / "out" / "petrarch2_verbs.tsv").read_text().splitlines()
    assert "send\tsend\t070\tAID" in verbs and "hand over\tsend\t084\tRETREAT" in verbs
    assert "praise\tpraise\t\t" in verbs  # a block without a code gives its verbs none
    patterns = (tmp_path / "out" / "petrarch2_patterns.tsv").read_text().splitlines()
    assert patterns[1:] == [
        "send\t* &food\t073\tAID",
        "send\t* troops to border\t152\tMOBILIZE",  # 15 is the most specific row for 152
        "praise\t* peace efforts\t051\tSUPPORT",  # ':051' is the code with its sides swapped
    ]
    assert "MIT notice" in (tmp_path / "out" / "PETRARCH2-LICENSE.txt").read_text()


def test_shipped_lexicon_and_model_load_without_shared_data() -> None:
    verbs = detect.load_petrarch().verbs
    assert any(plover == "ASSAULT" for _, _, plover in verbs["bomb"])
    detector = detect.load()
    assert set(detector.classes) >= {detect.NONE, "ACCUSE", "ASSAULT", "CONSULT", "REQUEST"}
    assert detector.weights.shape == (len(detector.vocabulary), len(detector.classes))
    assert 0.0 < detector.thresholds.first <= detector.thresholds.other < 1.0


def _detections(pipeline: Pipeline, text: str) -> list[tuple[str, str]]:
    article = Article(text=text)
    doc = next(pipeline.parse([text]))
    pipeline.annotate(article, doc)
    return [(d.token.text, d.type) for d in detect.load().detect(article, doc)]


def test_detections_name_the_trigger_and_its_type(pipeline: Pipeline) -> None:
    text = (
        "Greece accused Turkey of violating its airspace. The weather was mild on Monday. "
        "Israeli aircraft bombed villages in southern Lebanon."
    )
    found = _detections(pipeline, text)
    assert ("accused", "ACCUSE") in found and ("bombed", "ASSAULT") in found
    assert not [word for word, _ in found if word in ("weather", "mild")]


def test_training_is_reproducible_with_a_fixed_seed(pipeline: Pipeline) -> None:
    from tidings.train import events
    from tidings.train.corpus import parsed

    examples = parsed(FIXTURE / "train.jsonl", pipeline, cache=None)
    thresholds = detect.Thresholds(0.3, 0.5)
    settings = events.Settings(min_count=1, thresholds=thresholds)
    runs = [events.cross_validate(examples, settings, events.stage_coder(), k=5) for _ in "ab"]
    assert runs[0] == runs[1]
    first, second = (events.train(examples, settings, thresholds) for _ in "ab")
    assert first.vocabulary == second.vocabulary
    assert np.array_equal(first.weights, second.weights)
    assert "l:accuse" in first.vocabulary
