"""`tidings quotes` lists reported speech; directives, topics and scare quotes only when asked."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tidings.cli import app

REPORT = """Harbour Talks Stall
2022-03-02

The port authority urged the unions to end the strike. The mayor criticised the so-called \
"harbour peace" plan.

"We will not sign this agreement," union leader Petra Lind said on Tuesday.
"""

runner = CliRunner()


def listed(db: Path, *options: str) -> list[dict]:
    result = runner.invoke(app, ["quotes", "--db", str(db), "--json", *options])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]


def test_quotes_lists_speech_and_other_kinds_on_request(tmp_path: Path) -> None:
    text = tmp_path / "talks.txt"
    text.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "t.duckdb"
    assert runner.invoke(app, ["code", str(text), "--db", str(db)]).exit_code == 0

    assert {row["kind"] for row in listed(db)} == {"direct"}
    assert [row["text"] for row in listed(db, "--kind", "scare")] == ["harbour peace"]
    asked = listed(db, "--kind", "directive", "--kind", "topic")
    assert {row["kind"] for row in asked} == {"directive", "topic"}
    assert any("end the strike" in row["text"] for row in asked)


def test_an_unknown_kind_is_an_error(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    text = tmp_path / "talks.txt"
    text.write_text(REPORT, encoding="utf-8")
    runner.invoke(app, ["code", str(text), "--db", str(db)])
    result = runner.invoke(app, ["quotes", "--db", str(db), "--kind", "scary"])
    assert result.exit_code == 2
    assert "unknown quote kind 'scary' (did you mean 'scare'?)" in result.output
