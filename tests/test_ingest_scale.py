"""Coding at scale: identical results in 1 process, 2 processes and on Dask; re-runs skip work;
a run killed with SIGKILL and restarted loses and duplicates nothing."""

from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tidings.pipeline import DEFAULT_STAGES, STAGES, PipelineConfig
from tidings.read.files import read_inputs
from tidings.scale import make_executor
from tidings.scale.executors import DaskCluster
from tidings.scale.run import code_all
from tidings.store import Store

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["Nairobi", "Lima", "Hanoi", "Oslo", "Dakar", "Quito", "Riga", "Accra"]
VERBS = ["met", "criticised", "telephoned", "accused", "praised", "threatened"]


def stages_on_this_branch() -> tuple[str, ...]:
    """The default stages whose modules exist (all of them once every stage has landed)."""
    found = []
    for name in DEFAULT_STAGES:
        try:
            importlib.import_module(STAGES[name])
        except ModuleNotFoundError:
            continue
        found.append(name)
    return tuple(found)


CONFIG = PipelineConfig(stages=stages_on_this_branch())


def write_corpus(folder: Path, n: int) -> Path:
    """``n`` short, distinct reports (our own sentences) plus a few bad inputs."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        place, verb = PLACES[i % len(PLACES)], VERBS[i % len(VERBS)]
        (folder / f"r{i:03d}.txt").write_text(
            f"Report number {i}\n\n{place.upper()}, May {1 + i % 28} (Example) - The foreign "
            f"minister {verb} the ambassador of a neighbouring state on Monday, officials said, "
            f"after {i + 2} days of talks in {place}.\n\n"
            f'"We expect progress," the minister told reporters in {place}.\n',
            encoding="utf-8",
        )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "r999-copy.txt").write_text((folder / "r000.txt").read_text(), encoding="utf-8")
    (folder / "de.txt").write_text(
        "Die Außenminister beider Länder trafen sich am Montag in Wien zu weiteren Gesprächen.",
        encoding="utf-8",
    )
    return folder


def snapshot(db: Path) -> tuple[list[tuple], list[dict]]:
    """Input rows in write order, and every stored article as tidings JSON (sorted by id)."""
    with Store(db, read_only=True) as store:
        inputs = store.inputs().to_pylist()
        ids = sorted(
            row["article_id"]
            for row in store.sql("SELECT id AS article_id FROM articles").to_pylist()
        )
        articles = [store.article(i).to_dict() for i in ids]
    rows = [(r["source"], r["status"], r["reason"], r["article_id"]) for r in inputs]
    return rows, articles


def run(folder: Path, db: Path, executor) -> object:
    try:
        with Store(db) as store:
            return code_all(read_inputs([folder]), store, executor, batch_size=4)
    finally:
        executor.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 24)


@pytest.fixture(scope="module")
def single(corpus: Path, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("one") / "one.duckdb"
    run(corpus, db, make_executor(CONFIG))
    return db


def test_every_input_gets_a_status_row(single: Path, corpus: Path):
    rows, articles = snapshot(single)
    by_name = {Path(source).name: (status, reason) for source, status, reason, _ in rows}
    assert len(rows) == len(list(corpus.iterdir()))
    assert by_name["empty.txt"][0] == "failed" and "empty" in by_name["empty.txt"][1]
    assert by_name["binary.txt"][0] == "failed"
    assert by_name["r999-copy.txt"] == ("unchanged", f"same text as {corpus / 'r000.txt'}")
    assert by_name["de.txt"][0] == "skipped" and "German" in by_name["de.txt"][1]
    assert len(articles) == 24


def test_two_processes_store_exactly_what_one_process_stores(single: Path, corpus: Path, tmp_path):
    db = tmp_path / "two.duckdb"
    run(corpus, db, make_executor(CONFIG, workers=2))
    assert strip_times(snapshot(db)) == strip_times(snapshot(single))


def test_dask_cluster_stores_the_same_and_leaves_queryable_parquet(single, corpus, tmp_path):
    from distributed import LocalCluster

    out = tmp_path / "parquet"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        run(corpus, tmp_path / "dask.duckdb", DaskCluster(CONFIG, cluster.scheduler_address, out))
    assert strip_times(snapshot(tmp_path / "dask.duckdb")) == strip_times(snapshot(single))
    # 25 articles sent (24 English, 1 German, skipped by the worker) in batches of 4
    assert len(list((out / "articles").glob("part-*.parquet"))) == 7
    table = pq.read_table(out / "articles")
    assert sorted(table.column("id").to_pylist()) == sorted(a["id"] for a in snapshot(single)[1])
    with Store(tmp_path / "dask.duckdb", read_only=True) as store:
        stored = store.sql("SELECT count(*) AS n FROM events").to_pylist()[0]["n"]
    assert pq.read_table(out / "events").num_rows == stored


def test_a_second_run_codes_nothing(single: Path, corpus: Path, tmp_path):
    db = tmp_path / "again.duckdb"
    db.write_bytes(single.read_bytes())
    summary = run(corpus, db, make_executor(CONFIG))
    assert summary.coded == [] and len(summary.unchanged) == 25  # 24 + the duplicate file


KILLABLE = """
import sys
from pathlib import Path
from tidings.config import PipelineConfig
from tidings.read.files import read_inputs
from tidings.scale import make_executor
from tidings.scale.run import code_all
from tidings.store import Store

if __name__ == "__main__":
    config = PipelineConfig(stages={stages!r})
    executor = make_executor(config, workers={workers})
    with Store(Path(sys.argv[2])) as store:
        code_all(read_inputs([sys.argv[1]]), store, executor, batch_size=2)
    executor.close()
"""


#: Long enough a run (about 5 s of coding) to be caught and killed mid-way.
BIG = 200


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("big"), BIG)


@pytest.fixture(scope="module")
def big_single(big_corpus: Path, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("big-one") / "one.duckdb"
    run(big_corpus, db, make_executor(CONFIG))
    return db


@pytest.mark.parametrize("workers", [1])
def test_kill_9_mid_run_then_restart_loses_and_duplicates_nothing(
    big_single, big_corpus, tmp_path, workers
):
    db = tmp_path / "killed.duckdb"
    script = tmp_path / "code.py"
    script.write_text(KILLABLE.format(stages=CONFIG.stages, workers=workers))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, str(script), str(big_corpus), str(db)]
    child = subprocess.Popen(command, env=env, start_new_session=True)
    try:
        coded = wait_for_articles(db, at_least=6, timeout=120)
    finally:
        os.killpg(child.pid, signal.SIGKILL)  # the run and its worker processes, mid-way
        child.wait()
    assert coded < BIG, "the run finished before it could be killed"
    subprocess.run(command, env=env, check=True, timeout=300)
    rows, articles = snapshot(db)
    reference_rows, reference_articles = snapshot(big_single)
    assert sorted(source for source, *_ in rows) == sorted(source for source, *_ in reference_rows)
    assert strip_times(([], articles)) == strip_times(([], reference_articles))
    with Store(db, read_only=True) as store:
        for table in ("articles", "mentions", "timexes", "quotes", "events", "inputs"):
            key = {"inputs": "source", "articles": "id"}.get(table, "(article_id, id)")
            n, distinct = (
                store.sql(f"SELECT count(*), count(DISTINCT {key}) FROM {table}")
                .to_pylist()[0]
                .values()
            )
            assert n == distinct, f"duplicate rows in {table}"


def wait_for_articles(db: Path, *, at_least: int, timeout: float) -> int:
    """Poll the store (through its reader gate) until ``at_least`` articles are stored."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if db.exists():
            try:
                with Store(db, read_only=True, lock_timeout=5) as store:
                    n = store.counts()["articles"]
            except Exception:  # the file is being created
                n = 0
            if n >= at_least:
                return n
        time.sleep(0.05)
    raise AssertionError(f"no {at_least} articles stored in {timeout}s")


def strip_times(snap: tuple[list[tuple], list[dict]]) -> tuple[list[tuple], str]:
    rows, articles = snap
    return rows, json.dumps(articles, sort_keys=True)
