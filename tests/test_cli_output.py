"""What the command prints: complete machine output, honest tables, one-line errors, help texts,
and the commands that find articles (``articles``, ``show``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import serve_data
import tidings.cli_output
from tidings.cli import app
from tidings.store import Store

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.duckdb"
    with Store(path) as store:
        for article in serve_data.articles():
            store.write(article)
    return path


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_json_streams_every_row_unless_limited(db: Path) -> None:
    with Store(db, read_only=True) as store:
        stored = store.counts()["events"]
    lines = run("events", "--db", db, "--json").stdout.splitlines()
    assert len(lines) == stored == 7
    assert all(json.loads(line)["article_id"] for line in lines)
    assert len(run("events", "--db", db, "--json", "--limit", 2).stdout.splitlines()) == 2


def test_events_piped_to_wc_counts_every_stored_event(db: Path) -> None:
    """`tidings events --json | wc -l` in a real shell pipe equals the stored event count."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = f"{sys.executable} -m tidings.cli events --db {db} --json | wc -l"
    out = subprocess.run(command, shell=True, capture_output=True, text=True, env=env, check=True)
    assert int(out.stdout.strip()) == 7, out.stderr


def test_piped_tables_are_complete_tab_separated_values(db: Path) -> None:
    result = run("quotes", "--db", db)
    header, *rows = result.stdout.splitlines()
    assert header.split("\t") == [
        "published", "speaker_name", "speaker_country", "kind", "text", "article_id",
    ]  # fmt: skip
    assert len(rows) == 3 and all(len(row.split("\t")) == 6 for row in rows)
    assert any("We will answer every strike," in row for row in rows)  # never cut or wrapped


def test_terminal_tables_say_how_many_rows_they_leave_out(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tidings.cli_output, "on_terminal", lambda stream=None: True)
    monkeypatch.setattr(tidings.cli_output, "TERMINAL_ROWS", 4)
    flat = " ".join(run("events", "--db", db).output.split())
    assert "Events: 4 of 7 (use --limit to see more)" in flat
    flat = " ".join(run("events", "--db", db, "--limit", 10).output.split())
    assert "Events: 7" in flat and " of " not in flat.split("Events: 7")[1][:5]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--limit", "-1"], "--limit"),
        (["events", "--quad-class", "9"], "quad_class"),
        (["events", "--type", "CONSLUT"], "did you mean 'CONSULT'"),
        (["events", "--since", "2024-02-30"], "not an ISO date"),
        (["articles", "--until", "soon"], "not an ISO date"),
        (["show", "no-such-article"], "no article 'no-such-article'"),
    ],
)
def test_bad_input_gets_one_line_and_no_traceback(db: Path, args: list[str], message: str) -> None:
    result = run(*args, "--db", db)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith(("error", "Error"))]
    assert len(errors) == 1, result.output


def test_a_bug_is_one_line_unless_debug(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self, **filters):
        raise KeyError("no such column")

    monkeypatch.setattr(Store, "events", broken)
    result = run("events", "--db", db, "--json")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "error: KeyError" in result.output and "--debug" in result.output
    debug = runner.invoke(app, ["--debug", "events", "--db", str(db), "--json"])
    assert debug.exit_code == 1 and "Traceback" in debug.output


def test_version_and_help_texts() -> None:
    from importlib.metadata import version

    assert run("--version").stdout.strip() == f"tidings {version('tidings')}"
    events = run("events", "--help").stdout
    assert "--json " in events and "<bool>" not in events
    assert "dateparser" in run("eval", "--help").stdout  # --baseline lists its choices
    exported = " ".join(run("export", "--help").stdout.split())
    assert "JSON Lines" in exported and "GDELT" in exported
    model = " ".join(run("code", "--help").stdout.split())
    assert "else copy" not in model and ".md" in model


def test_articles_lists_ids_titles_dates_and_sources(db: Path) -> None:
    header, *rows = run("articles", "--db", db).stdout.splitlines()
    assert header.split("\t")[:5] == ["id", "published", "outlet", "title", "source"]
    talks = serve_data.talks()
    assert any(row.startswith(talks.id) and "Lavrov and Wang hold talks" in row for row in rows)
    assert len(run("articles", "--db", db, "--outlet", "Tidewire").stdout.splitlines()) == 3


def test_show_finds_an_article_by_id_prefix_file_name_or_path(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    talks = serve_data.talks()
    for ref in (talks.id, talks.id[:6], talks.source, Path(talks.source).stem):
        result = run("show", ref, "--db", db)
        assert result.exit_code == 0, (ref, result.output)
        assert "Lavrov and Wang hold talks" in result.stdout
    local = tmp_path / "reports" / "harbour.txt"
    local.parent.mkdir()
    local.write_text("ATHENS, May 3 - Greek and Turkish ministers met in Athens.", "utf-8")
    with Store(db) as store:
        article = serve_data.talks()
        article.text += " More."
        article.id, article.source = "feedc0de00000001", str(local.resolve())
        store.write(article)
    monkeypatch.chdir(tmp_path)
    for ref in ("reports/harbour.txt", str(local), "harbour.txt"):
        result = run("show", ref, "--db", db)
        assert result.exit_code == 0 and "feedc0de00000001" in result.stdout, ref


def test_show_says_which_articles_an_ambiguous_reference_names(db: Path) -> None:
    with Store(db) as store:
        for n in range(2):
            article = serve_data.talks()
            article.text += f" Version {n}."
            article.id, article.source = f"abcd{n}0000000000", f"desk{n}/same.txt"
            store.write(article)
    result = run("show", "same.txt", "--db", db)
    assert result.exit_code == 2 and "names 2 articles" in result.output


def test_folders_say_what_they_skip_and_read_markdown(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "photo.png").write_bytes(b"\x89PNG")
    (folder / ".hidden.txt").write_text("x", "utf-8")
    from tidings.read.files import scan

    found = scan([folder])
    assert found.inputs == []
    [line] = found.skipped_summary()
    assert line.startswith(f"3 files in {folder} skipped") and "scan.pdf" in line
    (folder / "note.md").write_text("Ministers met in Athens on Friday.", "utf-8")
    (folder / "WIRE").write_text("Ministers met in Rome on Friday.", "utf-8")
    assert [Path(p).name for p in scan([folder]).inputs] == ["WIRE", "note.md"]


def test_plurals_are_counted_words() -> None:
    from tidings.cli_output import plural

    assert plural(1, "article") == "1 article" and plural(2, "article") == "2 articles"
    assert plural(0, "input") == "0 inputs"
