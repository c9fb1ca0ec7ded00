"""The README's tour runs as written (``scripts/tour.sh``: demo.sh, then every tour line).

It codes the sample corpus and starts a server, so it runs in CI (``CI`` set, as ``.ci/run``
does) or when ``TIDINGS_TOUR=1`` asks for it, and is skipped with that reason otherwise.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(
    not (os.environ.get("CI") or os.environ.get("TIDINGS_TOUR")),
    reason="the README tour takes a minute or two: set TIDINGS_TOUR=1 (CI runs it)",
)
def test_the_readme_tour_runs_as_written() -> None:
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "tour.sh")],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "the tour ran as written" in result.stdout
    assert "ok: tidings serve" in result.stdout and "ok: the Python example" in result.stdout


def test_the_tour_block_names_only_commands_that_exist() -> None:
    """Cheap check of the README itself: every tour line is a tidings command (or the venv)."""
    from typer.main import get_command

    from tidings.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- tour -->")[1].split("<!-- /tour -->")[0]
    lines = [line for line in block.splitlines() if line and not line.startswith("```")]
    commands = set(get_command(app).commands)  # type: ignore[attr-defined]
    for line in lines[1:]:
        words = line.split()
        assert words[0] == "tidings" and words[1] in commands, line
    assert lines[0] == "source .venv/bin/activate"
