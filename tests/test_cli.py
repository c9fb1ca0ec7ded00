"""The `tidings` command against a real DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from tidings.cli import app, sample_corpus

REPORT = """India Urges Nepal to Resume Border Talks
2021-04-16

NEW DELHI, April 16 (PTI) - India urged Nepal on Thursday to resume border talks after a \
week of tension, officials said.

"We want the boundary question settled through dialogue," Prime Minister Narendra Modi said.
"""

runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "call.txt").write_text(REPORT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    (folder / "latin1.txt").write_bytes("Bogot\u00e1 talks".encode("latin-1"))
    return folder


def rows(db: Path, table: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"select count(*) from {table}").fetchone()[0]


def test_code_reports_bad_files_and_codes_the_good_one(corpus: Path, tmp_path: Path):
    db = tmp_path / "t.duckdb"
    result = invoke("code", str(corpus), "--db", str(db))
    assert result.exit_code == 1  # some inputs failed
    assert "2 coded" in result.output  # call.txt, and latin1.txt in its detected encoding
    for name, reason in [("empty.txt", "empty"), ("binary.txt", "binary")]:
        line = next(line for line in result.output.splitlines() if name in line)
        assert "failed" in line and reason in line
    assert rows(db, "articles") == 2


def test_coding_twice_keeps_one_copy_of_each_row(corpus: Path, tmp_path: Path):
    db = tmp_path / "t.duckdb"
    good = corpus / "call.txt"
    invoke("code", str(good), "--db", str(db))
    tables = ["articles", "mentions", "timexes", "quotes", "events"]
    first = {t: rows(db, t) for t in tables}
    assert first["articles"] == 1 and first["mentions"] > 0
    assert "1 unchanged" in invoke("code", str(good), "--db", str(db)).output
    invoke("code", str(good), "--db", str(db), "--force")
    assert {t: rows(db, t) for t in tables} == first


def test_missing_path_is_named(tmp_path: Path):
    result = invoke("code", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "t.duckdb"))
    assert result.exit_code == 1
    assert "nope.txt" in result.output and "no such file" in result.output


def test_events_quotes_show_and_export(corpus: Path, tmp_path: Path):
    db = tmp_path / "t.duckdb"
    invoke("code", str(corpus / "call.txt"), "--db", str(db))
    listed = invoke("events", "--db", str(db), "--json")
    events = [json.loads(line) for line in listed.output.splitlines() if line.startswith("{")]
    assert events, listed.output
    assert all(e["article_id"] for e in events)
    quotes = invoke("quotes", "--db", str(db), "--json").output
    assert "boundary question" in quotes
    with duckdb.connect(str(db), read_only=True) as con:
        article_id = con.execute("select id from articles").fetchone()[0]
    shown = invoke("show", article_id[:8], "--db", str(db)).output
    assert "India Urges Nepal" in shown and "Modi" in shown
    out = tmp_path / "export"
    assert invoke("export", str(out), "--db", str(db), "--format", "jsonl").exit_code == 0
    assert any(out.glob("events*.jsonl")) or (out.parent / "export").exists()


def test_eval_on_the_sample_corpus_prints_json_scores():
    result = invoke("eval", str(sample_corpus()), "--format", "tidings", "--json")
    summary = json.loads(result.stdout)  # only the JSON on standard output (the table: stderr)
    assert set(summary) >= {"timex", "quotes", "events", "actors"}
    assert summary["n_docs"] >= 10
    assert summary["timex"]["f1"] > 0.5


def test_eval_on_the_seed(shared: Path):
    result = invoke("eval", str(shared / "seed"), "--format", "tidings", "--json")
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert summary["events"]["not_events_emitted"] == 0
    assert summary["actors"]["recall"] > 0.5


def test_code_the_seed_article(shared: Path, tmp_path: Path):
    db = tmp_path / "seed.duckdb"
    seed = shared / "seed" / "000_5ac32bcfc2f299f0.txt"
    invoke("code", str(seed), "--db", str(db))
    with duckdb.connect(str(db), read_only=True) as con:
        title, outlet, published = con.execute(
            "select title, outlet, published from articles"
        ).fetchone()
    assert title in seed.read_text(encoding="utf-8") and "North Korea" in title
    assert outlet == "EIRNS"
    assert str(published) == "2017-09-08"
