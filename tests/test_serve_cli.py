"""`tidings export` and `tidings serve` from the command line."""

from __future__ import annotations

import csv
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

import serve_data
from tidings.cli import app
from tidings.store import Store
from tidings.store.export import GDELT_COLUMNS

runner = CliRunner()


def flat(output: str) -> str:
    """Console output with Rich's line wrapping undone."""
    return " ".join(output.split())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.duckdb"
    with Store(path) as store:
        for article in serve_data.articles():
            store.write(article)
    return path


def test_export_event_formats_with_filters(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    result = runner.invoke(app, ["export", str(out), "--db", str(db), "--format", "gdelt"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.open(newline=""), delimiter="\t"))
    assert tuple(rows[0]) == GDELT_COLUMNS and len(rows) > 1
    plover = tmp_path / "plover.jsonl"
    args = ["export", str(plover), "--db", str(db), "--format", "plover", "--actor", "IRN"]
    assert runner.invoke(app, args).exit_code == 0
    records = [json.loads(line) for line in plover.read_text().splitlines()]
    assert sorted(r["event"] for r in records) == ["DISAPPROVE", "SANCTION"]
    bad = runner.invoke(app, ["export", str(tmp_path / "x"), "--db", str(db), "--format", "xls"])
    assert bad.exit_code == 2 and "unknown export format" in flat(bad.output)


def test_serve_refuses_unsafe_configurations(db: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TIDINGS_TOKEN"}
    exposed = runner.invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0"], env=env)
    assert exposed.exit_code == 2 and "without a token" in flat(exposed.output)
    missing = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb"), "--read-only"])
    assert missing.exit_code == 2 and "no such store" in flat(missing.output)


def test_serve_runs_and_guards_writes_with_its_token(db: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "TIDINGS_TOKEN"}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    command = [sys.executable, "-c", "from tidings.cli import app; app()"]
    command += ["serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        output = b""
        deadline = time.monotonic() + 30
        while b"write token" not in output:
            assert time.monotonic() < deadline, output
            output += server.stdout.readline()
        token = re.search(rb"write token[^:]*: (\S+)", output).group(1).decode()
        base = f"http://127.0.0.1:{port}"
        while True:
            try:
                events = httpx.get(f"{base}/events", params={"actor": "UKR"})
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert events.json()["total"] == 2
        article = f"{base}/articles/{serve_data.sanctions().id}"
        assert httpx.delete(article).status_code == 401
        deleted = httpx.delete(article, headers={"Authorization": f"Bearer {token}"})
        assert deleted.status_code == 200
        assert httpx.get(f"{base}/events").json()["total"] == 5
    finally:
        server.terminate()
        server.wait(timeout=10)
