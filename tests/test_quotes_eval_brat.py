"""`tidings eval --format brat` on a tiny brat folder written here, and on PolNeAR if present."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.config import PipelineConfig
from tidings.eval import brat

TEXT = (
    '"The port stays shut until the storm passes," Governor Elena Mora said.\n\n'
    "Harbour officials said the ships would wait offshore.\n\n"
    'The "storm season" has started early, and "a long night" awaits.\n'
)


def _span(text: str, fragment: str) -> tuple[int, int]:
    start = text.index(fragment)
    return start, start + len(fragment)


def _ann(text: str, relations: list[tuple[str, str, str]]) -> str:
    lines, t = [], 0
    for e, (content, source, cue) in enumerate(relations, start=1):
        ids = []
        for label, fragment in (("Content", content), ("Source", source), ("Cue", cue)):
            t += 1
            start, end = _span(text, fragment)
            lines.append(f"T{t}\t{label} {start} {end}\t{fragment}")
            ids.append(f"{label}:T{t}")
        lines.append(f"E{e}\tAttribution:T{t} " + " ".join(ids))
    return "\n".join(lines) + "\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "harbour.txt").write_text(TEXT, encoding="utf-8")
    gold = _ann(
        TEXT,
        [
            ('"The port stays shut until the storm passes,"', "Governor Elena Mora", "said"),
            ("the ships would wait offshore", "Harbour officials", "said"),
        ],
    )
    (tmp_path / "attributions" / "harbour_a1.ann").write_text(gold, encoding="utf-8")
    # a second annotator's file: ignored, the first by name is the gold
    (tmp_path / "attributions" / "harbour_b2.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_read_gold_marks_direct_relations(folder: Path) -> None:
    ((_, text, ann),) = brat.documents(folder)
    assert ann.name == "harbour_a1.ann"
    gold = brat.read_gold(ann, text)
    assert [g.direct for g in gold] == [True, False]
    assert text[gold[0].source[0][0] : gold[0].source[0][1]] == "Governor Elena Mora"


def test_scores_and_summary_shape(folder: Path) -> None:
    report = brat.run(folder, PipelineConfig(), baseline="textacy")
    summary = report.summary
    assert summary["n_docs"] == 1
    assert set(summary["direct"]) == {"p", "r", "f1", "speaker_accuracy"}
    assert summary["direct"]["f1"] == 1.0  # scare quotes are not attributions
    assert summary["all"]["r"] == 1.0
    assert summary["all"]["speaker_accuracy"] == 1.0
    assert summary["textacy"]["direct"]["r"] == 1.0
    assert summary["textacy"]["all"]["r"] == 0.5  # textacy has no reported speech


def test_textacy_refusing_a_document_counts_as_nothing(folder: Path) -> None:
    unbalanced = '"The port stays shut until the storm passes, Governor Elena Mora said.\n'
    (folder / "text" / "harbour.txt").write_text(unbalanced, encoding="utf-8")
    gold = _ann(unbalanced, [("The port stays shut", "Governor Elena Mora", "said")])
    (folder / "attributions" / "harbour_a1.ann").write_text(gold, encoding="utf-8")
    report = brat.run(folder, PipelineConfig(), baseline="textacy")
    assert report.summary["textacy"]["all"]["r"] == 0.0


def test_unknown_baseline_is_refused(folder: Path) -> None:
    with pytest.raises(ValueError, match="unknown baseline"):
        brat.run(folder, PipelineConfig(), baseline="citron")


@pytest.mark.shared
def test_polnear_dev_does_not_regress(shared: Path) -> None:
    """A guard a little below the measured scores (README), not the issue's targets."""
    summary = brat.run(shared / "gold" / "polnear-dev", PipelineConfig()).summary
    assert summary["n_docs"] == 84
    assert summary["direct"]["f1"] >= 0.90
    assert summary["direct"]["speaker_accuracy"] >= 0.93
    assert summary["all"]["f1"] >= 0.71
