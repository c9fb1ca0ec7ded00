"""One expression a stage cannot read costs that expression, never the article."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tidings.cli import app
from tidings.config import PipelineConfig
from tidings.model import Article
from tidings.read import ReadResult
from tidings.scale.executors import InProcess
from tidings.scale.run import code_all
from tidings.store import Store
from tidings.time.normalise import Normaliser

TEXT = (
    "MOSCOW, March 4 - Russia's foreign minister met his Chinese counterpart on Tuesday in "
    "Beijing, the ministry said. On March 3, 2021, the two sides agreed to hold further talks."
)


def _read(text: str, name: str) -> ReadResult:
    return ReadResult(name, "read", article=Article(text=text, published=date(2021, 3, 4)))


@pytest.fixture
def tuesday_breaks_the_time_stage(monkeypatch):
    """A normaliser bug that only one expression ("Tuesday") triggers."""
    original = Normaliser.__call__

    def broken(self, kind, type_, match, context):
        if match.group(0).strip().endswith("Tuesday"):
            raise ValueError("not a number: 'Tuesday'")
        return original(self, kind, type_, match, context)

    monkeypatch.setattr(Normaliser, "__call__", broken)


def test_an_expression_error_is_counted_and_the_article_stored(
    tmp_path, tuesday_breaks_the_time_stage, caplog
) -> None:
    with Store(tmp_path / "t.duckdb") as store:
        summary = code_all([_read(TEXT, "wire.txt")], store, InProcess(PipelineConfig()))
        assert [len(summary.coded), len(summary.failed)] == [1, 0]
        assert summary.skipped_expressions == {"time": 1}
        (article_id,) = summary.coded
        assert store.existing([article_id]) == {article_id}
        stored = store.article(article_id)
    skipped = stored.skipped_expressions
    assert [(s.stage, s.text) for s in skipped] == [("time", "Tuesday")]
    assert "not a number" in skipped[0].error
    assert "Tuesday" in caplog.text and "time stage skipped" in caplog.text
    values = [t.value for t in stored.timexes]
    assert "2021-03-03" in values  # the other expressions were read
    assert stored.mentions  # and the other stages ran


def test_a_whole_stage_error_leaves_the_other_stages_annotations(pipeline, monkeypatch) -> None:
    quotes = next(s for s in pipeline.stages if s.name == "quotes")

    def fail(self, article, doc):
        raise RuntimeError("quotes stage bug")

    monkeypatch.setattr(type(quotes), "__call__", fail)
    article = pipeline(Article(text=TEXT, published=date(2021, 3, 4)))
    assert article.quotes == []
    assert article.mentions and article.timexes
    (skip,) = article.skipped_expressions
    assert (skip.stage, skip.start, skip.end) == ("quotes", 0, 0)
    assert "quotes stage bug" in skip.error


# -- fuzz: odd numbers, units, dates and punctuation through every stage ----------------------

NUMBERS = ["26.85", "1,000,000.5", "-3", "0.5", "½", "2e5", "3/4", "007", "1.2.3", "12,5", "٣"]
UNITS = ["seconds", "minutes", "km", "%", "per cent", "hours", "days", "years", "mph", "$"]
DATES = [
    "Feb. 29, 2019",
    "2017-02-30",
    "32/13/2020",
    "the 1990s",
    "Q5 2017",
    "March 0",
    "on Tuesday",
    "two minutes 26.85 seconds",
    "10:61 p.m.",
    "the year 0",
    "next Sept.",
]
PUNCTUATION = ['"', "“", "”", "'", "‘", "—", "–", "...", "(", ")", ":", ";", "?!", "\n\n", "\n"]
WORDS = ["Russia", "President Ivanova", "said", "the minister", "China", "attacked", "talks", "he"]

piece = st.sampled_from(NUMBERS + UNITS + DATES + PUNCTUATION + WORDS)
odd_text = st.lists(piece, min_size=1, max_size=40).map(" ".join)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.lists(odd_text, min_size=1, max_size=4))
def test_every_odd_article_is_coded_and_stored(pipeline, tmp_path_factory, texts) -> None:
    articles = [
        Article(text=f"Report {i}. {text}", published=date(2020, 2, 29))
        for i, text in enumerate(texts)
    ]
    coded = list(pipeline.process(articles))
    assert [a.id for a in coded] == [a.id for a in articles]
    for article in coded:
        for skip in article.skipped_expressions:
            assert skip.text == article.text[skip.start : skip.end]
    with Store(tmp_path_factory.mktemp("fuzz") / "f.duckdb") as store:
        store.write_many(coded)
        assert store.existing(a.id for a in articles) == {a.id for a in articles}


def test_the_run_summary_counts_skipped_expressions(tmp_path, tuesday_breaks_the_time_stage):
    source = tmp_path / "wire.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["code", str(source), "--db", str(tmp_path / "t.duckdb"), "--date", "2021-03-04"]
    )
    assert result.exit_code == 0, result.output
    assert "1 coded" in result.output
    assert "1 expression skipped" in result.output and "1 by time" in result.output
