"""`tidings code` options for batches: --format, --fields, stdin, globs, --workers, --max-bytes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tidings.cli import app
from tidings.store import Store

RECORDS = [
    {
        "body": "KYIV, June 3 (Example) - The defence minister met his Polish counterpart on "
        "Tuesday and asked for more air defence systems, officials said.",
        "headline": "Ministers meet in Kyiv",
        "day": "2023-06-03",
    },
    {"headline": "a record without its text"},
    {
        "body": "Thousands of farmers marched through the capital on Friday to protest against "
        "new import rules, and police said the march was peaceful.",
        "headline": "Farmers march",
    },
]


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=False)


def test_jsonl_from_stdin_with_field_names(tmp_path: Path):
    db = tmp_path / "t.duckdb"
    lines = [json.dumps(r) for r in RECORDS] + ["{broken"]
    result = invoke(
        "code", "-", "--format", "jsonl", "--fields", "text=body,title=headline,date=day",
        "--db", str(db), stdin="\n".join(lines) + "\n",
    )  # fmt: skip
    assert result.exit_code == 1  # two records failed
    assert "2 coded" in result.output and "2 failed" in result.output
    assert "<stdin>:4" in result.output and "broken JSON" in result.output
    with Store(db, read_only=True) as store:
        titles = sorted(store.articles().column("title").to_pylist())
        assert titles == ["Farmers march", "Ministers meet in Kyiv"]
        assert store.counts()["inputs"] == 4


def test_folder_globs_workers_and_size_limit(tmp_path: Path):
    folder = tmp_path / "in"
    (folder / "drafts").mkdir(parents=True)
    for i, record in enumerate(r for r in RECORDS if "body" in r):
        (folder / f"{i}.txt").write_text(f"{record['headline']}\n\n{record['body']}\n")
    (folder / "drafts" / "x.txt").write_text("A draft that must not be coded at all, by anyone.")
    (folder / "big.txt").write_text("word " * 400)
    db = tmp_path / "t.duckdb"
    args = ["code", str(folder), "--db", str(db), "--exclude", "drafts/*", "--max-bytes", "1000"]
    result = invoke(*args, "--workers", "2")
    assert "2 coded" in result.output and "1 failed" in result.output
    assert "big.txt" in result.output and "too large" in result.output
    assert "x.txt" not in result.output
    again = invoke(*args)
    assert "0 coded, 2 unchanged" in again.output


def test_bad_options_are_reported(tmp_path: Path):
    result = invoke("code", str(tmp_path), "--format", "pdf", "--db", str(tmp_path / "t.db"))
    assert result.exit_code == 2 and "unknown format" in result.output
    result = invoke("code", str(tmp_path), "--fields", "body", "--db", str(tmp_path / "t.db"))
    assert result.exit_code == 2 and "bad field mapping" in result.output
