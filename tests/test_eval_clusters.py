"""Scoring of cross-article event clusters (B-cubed, alignment, duplicate ratios)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis_helpers import MERKEL, RUSSIA, XI, Coder, call_report
from tidings.analysis.dedup import DedupConfig
from tidings.eval.clusters import (
    GoldMention,
    align,
    bcubed,
    cluster_mentions,
    diagnose,
    oracle_mentions,
    read_gold,
    score,
)
from tidings.model import Actor

ROOT = Path(__file__).resolve().parents[1]
JAPAN = Actor("Japan", "JPN")


def test_bcubed_of_known_clusterings() -> None:
    gold = {1: "a", 2: "a", 3: "b"}
    assert bcubed({1: "x", 2: "x", 3: "y"}, gold)["f1"] == 1.0
    merged = bcubed({1: "x", 2: "x", 3: "x"}, gold)  # everything in one cluster
    assert merged["r"] == 1.0 and merged["p"] == pytest.approx((2 / 3 * 2 + 1 / 3) / 3, abs=1e-4)
    split = bcubed({1: "x", 2: "y", 3: "z"}, gold)  # every mention alone
    assert split["p"] == 1.0 and split["r"] == pytest.approx((0.5 + 0.5 + 1) / 3, abs=1e-4)


def test_align_and_score_three_reports_of_one_call() -> None:
    articles = {
        "a.txt": call_report("Xinhua", "2017-09-07", 0),
        "b.txt": call_report("Reuters", "2017-09-08", 1),
        "c.txt": call_report("TASS", "2017-09-08", 2),
    }
    rows = [
        GoldMention(name, 0, len(article.text), "call", "CONSULT")
        for name, article in articles.items()
    ]
    rows.append(GoldMention("a.txt", 0, 5, "nothing-predicted", "AGREE"))
    aligned = align(rows, articles)
    assert sorted(aligned) == [0, 1, 2]  # the last row has no trigger inside it
    config = DedupConfig.load()
    result = score(rows, cluster_mentions(articles, aligned, config))
    assert result.b3 == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert result.coverage == 0.75 and result.dup_ratio == 3.0 and result.gold_dup_ratio == 3.0
    oracle = oracle_mentions(rows, articles, aligned, config)
    assert len(oracle) == 4 and oracle[0].type == "CONSULT"


def test_offsets_gold_matches_the_shared_gold(shared: Path) -> None:
    shared_rows = read_gold(shared / "corpus" / "clusters-dev" / "clusters.gold.csv")
    ours = read_gold(ROOT / "benchmarks" / "data" / "clusters-dev-offsets.csv")
    assert [(r.start, r.end, r.cluster) for r in ours] == [
        (r.start, r.end, r.cluster) for r in shared_rows
    ]


def test_diagnose_names_merged_and_split_clusters() -> None:
    rows = [GoldMention("a.txt", i, i + 1, gold, "ACCUSE") for i, gold in enumerate("xxy")]
    notes = diagnose(rows, {0: "p1", 1: "p2", 2: "p2"})
    assert notes == ["merged p2: x, y", "split x into 2: a.txt:0-1 | a.txt:1-2"]


def test_held_out_offsets_gold_points_into_its_articles(shared: Path) -> None:
    rows = read_gold(ROOT / "benchmarks" / "data" / "basil-2015-03-31-offsets.csv")
    assert len(rows) == 29 and len({r.cluster for r in rows}) == 14
    folder = ROOT / "benchmarks" / "data"
    for row in rows:
        text = (folder / row.article).read_text(encoding="utf-8")
        assert 0 <= row.start < row.end <= len(text)
        assert text[row.start].isalnum() or text[row.start] in "“\"'"


def test_repeated_evidence_takes_the_next_occurrence(tmp_path: Path) -> None:
    text = "Vote held\n2020-01-02\n\nThe house voted. Then the senate voted. The house voted.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "clusters.gold.csv").write_text(
        "article,evidence,cluster,event\n"
        "a.txt,The house voted,x,AGREE\n"
        "a.txt,The house voted,y,AGREE\n",
        encoding="utf-8",
    )
    first, second = read_gold(tmp_path / "clusters.gold.csv")
    assert first.start == text.index("The house voted") and second.start == text.rindex("The house")
    (tmp_path / "clusters.gold.csv").write_text(
        "article,evidence,cluster,event\na.txt,The senate voted,x,AGREE\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="evidence not found"):
        read_gold(tmp_path / "clusters.gold.csv")


def test_oracle_statement_is_sourced_to_its_speaker() -> None:
    """An unaligned gold row over a quote takes the quote's speaker as source, not the first
    actor its words name; the addressee is no target."""
    text = '"Moscow is wrong about Japan," Xi Jinping told Angela Merkel on Monday.'
    coder = Coder(text, "AP", "2017-09-05")
    coder.mention("Moscow", RUSSIA)
    coder.mention("Japan", JAPAN)
    coder.mention("Xi Jinping", XI)
    coder.mention("Angela Merkel", MERKEL)
    quote = coder.quote("Moscow is wrong about Japan,", XI, "Xi Jinping", cue="told")
    quote.addressee = coder.span("Angela Merkel")  # told to her, not about her
    articles = {"a.txt": coder.article}
    rows = [GoldMention("a.txt", 0, len(coder.article.text), "xi-faults-russia", "ACCUSE")]
    [mention] = oracle_mentions(rows, articles, {}, DedupConfig.load()).values()
    assert {a.surname for a in mention.sources} == {"jinping"}
    assert {a.country for a in mention.targets} == {"RUS", "JPN"}
