"""The embedded store against a real DuckDB file: writes, replacement, round trip, query API."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from datetime import date
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import serve_data
import tidings
from store_v3 import CODED_AT, write_old_store
from tidings.cli import app
from tidings.model import Article
from tidings.serve import create_app
from tidings.store import LockTimeout, Store, StoreError, StoreOutdated
from tidings.store.schema import STORE_VERSION


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "t.duckdb"
    with Store(path) as store:
        for article in serve_data.articles():
            store.write(article)
    return path


def test_round_trip_is_exact(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        for article in serve_data.articles():
            store.write(article)
            assert store.article(article.id) == article
            assert store.article(article.id).to_dict() == article.to_dict()
        assert store.article("no-such-id") is None


def test_rewriting_an_article_replaces_its_rows(tmp_path: Path) -> None:
    article = serve_data.talks()
    with Store(tmp_path / "s.duckdb") as store:
        store.write(article)
        first = store.counts()
        store.write(article)
        assert store.counts() == first
        assert first == {
            "articles": 1,
            "mentions": 5,
            "places": 1,
            "timexes": 1,
            "quotes": 1,
            "events": 2,
            "skipped_expressions": 0,
            "inputs": 0,
            "clusters": 0,
        }
        article.events.pop()
        store.write(article)
        assert store.counts()["events"] == 1
        assert store.article(article.id).events == article.events


def test_has_and_prefix_lookup(store_path: Path) -> None:
    article = serve_data.shelling()
    with Store(store_path, read_only=True) as store:
        assert store.has(article.id)
        assert not store.has("0" * 16)
        assert store.article(article.id[:8]) == article
        assert store.article(article.id[:2]) is None  # too short to be a prefix


def test_rows_keep_offsets_and_article_ids(store_path: Path) -> None:
    with Store(store_path, read_only=True) as store:
        texts = {a["id"]: a for a in store.articles(with_text=True).to_pylist()}
        for table in ("mentions", "places", "timexes", "quotes"):
            rows = store.sql(f'SELECT article_id, start, "end", text FROM {table}').to_pylist()
            assert rows
            for row in rows:
                assert texts[row["article_id"]]["text"][row["start"] : row["end"]] == row["text"]
        for event in store.events().to_pylist():
            text = texts[event["article_id"]]["text"]
            assert text[event["trigger_start"] : event["trigger_end"]] == event["trigger_text"]
            assert event["sentence_text"] in text
            for p in event["sources"] + event["targets"]:
                assert text[p["start"] : p["end"]] == p["text"]


def test_events_sides_and_lists(store_path: Path) -> None:
    with tidings.open_store(store_path) as store:
        agree = store.events(type="AGREE").to_pylist()
    assert len(agree) == 1
    row = agree[0]
    assert [p["code"] for p in row["sources"]] == ["CHNGOV", "RUSGOV"]
    assert row["source"] == "CHNGOV+RUSGOV"
    assert row["targets"] == [] and row["target"] == ""
    assert row["day"] == date(2024, 3, 4)  # month-only date: falls back to publication day


def test_input_status_latest_wins(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.record_input("a.txt", "failed", "not UTF-8")
        store.record_input("a.txt", "coded", article_id="abc")
        store.record_input("b.txt", "skipped", "empty file")
        rows = {r["source"]: r for r in store.inputs().to_pylist()}
        assert store.counts()["inputs"] == 2
        assert rows["a.txt"]["status"] == "coded" and rows["a.txt"]["article_id"] == "abc"
        assert rows["a.txt"]["updated_at"] is not None
        assert [r["source"] for r in store.inputs("skipped").to_pylist()] == ["b.txt"]
        with pytest.raises(ValueError, match="unknown input status"):
            store.record_input("c.txt", "lost")


def test_read_only_and_version_checks(tmp_path: Path, store_path: Path) -> None:
    with pytest.raises(StoreError, match="no tidings store"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    with Store(store_path, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.write(serve_data.talks())
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE events (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a tidings store"):
        Store(other, read_only=True)
    with pytest.raises(StoreError, match="not a tidings store"):
        Store(other)
    con = duckdb.connect(str(store_path))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'store_version'")
    con.close()
    with pytest.raises(StoreError, match="another tidings version"):
        Store(store_path, read_only=True)


def test_failed_write_rolls_back(tmp_path: Path) -> None:
    good = serve_data.talks()
    with Store(tmp_path / "s.duckdb") as store:
        store.write(good)
        bad = serve_data.talks()
        bad.events[0].goldstein = "not a number"  # type: ignore[assignment]
        with pytest.raises(Exception):  # noqa: B017 - pyarrow rejects the row
            store.write(bad)
        assert store.article(good.id) == good


def test_filters(store_path: Path) -> None:
    with tidings.open_store(store_path) as s:
        assert s.events().num_rows == 7
        assert {e["type"] for e in s.events(actor="RUS").to_pylist()} == {
            "CONSULT",
            "AGREE",
            "ASSAULT",
            "THREATEN",
        }
        assert s.events(source="UKRMIL", target="RUS").num_rows == 1
        assert s.events(dyad="RUSGOV,CHNGOV").to_pylist()[0]["trigger_text"] == "met"
        assert s.events(dyad=("Sergei Lavrov", "wang yi")).num_rows == 1
        assert s.events(actor="rusgov").num_rows == s.events(actor="RUSGOV").num_rows == 3
        assert s.events(quad_class=4).num_rows == 3
        assert s.events(quad_class=[3, 4], factuality="asserted").num_rows == 3
        assert s.events(factuality="negated").to_pylist()[0]["trigger_text"] == "attacked"
        assert s.events(since="2024-04-01", until="2024-04-30").num_rows == 3
        assert s.events(since="2024-04", until="2024-04").num_rows == 3  # a month, both ends
        assert s.events(outlet="tidewire").num_rows == 4
        assert s.events(text="national currencies").to_pylist()[0]["type"] == "AGREE"
        assert s.events(cameo="19").num_rows == 2
        assert s.events(min_confidence=0.75).num_rows == 6
        assert s.events(limit=2, offset=6).num_rows == 1
        assert s.articles(outlet="Northline").num_rows == 1
        assert s.articles(actor="IRN").num_rows == 1
        assert s.articles(text="sanctions").num_rows == 1
        quotes = s.quotes(actor="Sergei Lavrov").to_pylist()
        assert [q["speaker_text"] for q in quotes] == ["Lavrov"]
        assert s.quotes(kind="indirect").num_rows == 1
        actors = s.actors(country="RUS").to_pylist()
        assert {a["code"] for a in actors} == {"RUSGOV", "RUSMIL"}
        top = s.actors(limit=1).to_pylist()[0]
        assert (top["name"], top["mentions"], top["articles"]) == ("Russia", 2, 2)
        with pytest.raises(ValueError, match="ISO date"):
            s.events(since="last week")
        with pytest.raises(ValueError, match="dyad"):
            s.events(dyad="RUS")
        with pytest.raises(ValueError, match="unknown filter 'colour'"):
            s.events(colour="red")


def test_filter_values_are_parameters_not_sql(store_path: Path) -> None:
    with tidings.open_store(store_path) as s:
        assert s.events(actor="RUS' OR 1=1 --").num_rows == 0
        assert s.events(text="'; DROP TABLE events; --").num_rows == 0
        assert s.counts()["events"] == 7


def test_aggregate(store_path: Path) -> None:
    with tidings.open_store(store_path) as s:
        rows = s.aggregate(by=["dyad", "month"], measures=["count", "goldstein"]).to_pylist()
        by_key = {(r["source"], r["target"], r["month"]): r for r in rows}
        assert by_key[("RUSGOV", "CHNGOV", "2024-03")] == {
            "source": "RUSGOV",
            "target": "CHNGOV",
            "month": "2024-03",
            "count": 1,
            "goldstein": 2.8,
        }
        # the AGREE event with two sources and no target counts once per source
        assert by_key[("CHNGOV", None, "2024-03")]["count"] == 1
        assert by_key[("RUSGOV", None, "2024-03")]["goldstein"] == 8.0
        months = s.aggregate(by="month", measures=["count", "articles", "material_conflict"])
        assert months.to_pylist() == [
            {"month": "2024-03", "count": 2, "articles": 1, "material_conflict": 0},
            {"month": "2024-04", "count": 3, "articles": 1, "material_conflict": 2},
            {"month": "2024-05", "count": 2, "articles": 1, "material_conflict": 1},
        ]
        assert s.aggregate(by=[], measures=["count"]).to_pylist() == [{"count": 7}]
        quads = s.aggregate(by=["quad_class"], measures=["count"], actor="IRN").to_pylist()
        assert quads == [{"quad_class": 3, "count": 1}, {"quad_class": 4, "count": 1}]
        with pytest.raises(ValueError, match="cannot group by"):
            s.aggregate(by=["colour"])
        with pytest.raises(ValueError, match="unknown measure"):
            s.aggregate(measures=["sum(1); drop table events"])


def test_arrow_results_convert_to_pandas_like_consumers(store_path: Path) -> None:
    with tidings.open_store(store_path) as s:
        table = s.events()
    assert table.schema.field("goldstein").type == "double"
    assert table.column("type").to_pylist().count("ASSAULT") == 2


# -- sharing one file between processes --------------------------------------------------------

_WRITES = 8

_WRITER = textwrap.dedent(
    """
    import sys, time
    sys.path[:0] = {paths!r}
    import serve_data
    from tidings.store import Store
    store = Store(sys.argv[1], hold_seconds=0.2)
    for n in range({writes}):
        store.write(serve_data.sanctions())
        store.record_input(f"batch-{{n}}.txt", "coded", article_id="x")
        time.sleep(0.3)  # longer than hold_seconds: the file is released between writes
    store.close()
    """
)


def test_server_reads_while_a_batch_writes(tmp_path: Path, store_path: Path) -> None:
    """A reader in this process and a writer process take turns; nobody fails or corrupts.

    Counted, not timed: the reader keeps reading until the writer has made all its writes,
    and must have seen the batch part-way through at least once.
    """
    tests = str(Path(__file__).parent)
    script = tmp_path / "writer.py"
    script.write_text(_WRITER.format(paths=[tests, *sys.path], writes=_WRITES))
    writer = subprocess.Popen(
        [sys.executable, str(script), str(store_path)], text=True, stderr=subprocess.PIPE
    )
    inputs_seen: set[int] = set()
    reader = tidings.open_store(store_path)
    try:
        while writer.poll() is None:
            assert reader.events().num_rows == 7
            inputs_seen.add(reader.counts()["inputs"])
    finally:
        reader.close()
    assert writer.wait(timeout=120) == 0, writer.stderr.read()
    assert inputs_seen & set(range(1, _WRITES)), f"never read mid-batch: {sorted(inputs_seen)}"
    with Store(store_path, read_only=True) as store:
        counts = store.counts()
    assert counts["articles"] == 3 and counts["events"] == 7
    assert counts["inputs"] == _WRITES


def test_threads_share_the_reader_and_writer_waits(store_path: Path) -> None:
    store = Store(store_path, hold_seconds=0)
    errors: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(20):
                assert store.events().num_rows == 7
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for _ in range(5):
        store.write(serve_data.shelling())
    for thread in threads:
        thread.join()
    store.close()
    assert not errors


def test_lock_timeout_is_a_clear_error(store_path: Path) -> None:
    writer = Store(store_path, hold_seconds=60)
    writer.write(serve_data.talks())  # keeps the file for up to a minute
    try:
        with pytest.raises(LockTimeout, match="busy"):
            Store(store_path, read_only=True, lock_timeout=0.2)
    finally:
        writer.close()
    assert Store(store_path, read_only=True).has(serve_data.talks().id)


def test_article_model_is_unchanged_by_storage(store_path: Path) -> None:
    with tidings.open_store(store_path) as s:
        stored = s.article(serve_data.talks().id)
    assert isinstance(stored, Article)
    assert stored.analysed_text.startswith(" " * 10)  # the excluded title stays excluded


def test_a_version_3_store_upgrades_in_place(tmp_path: Path) -> None:
    db = tmp_path / "v3.duckdb"
    articles = serve_data.articles()
    write_old_store(db, articles, version=3)
    con = duckdb.connect(str(db))
    con.execute(
        "INSERT INTO clusters (kind, article_id, annotation_id, cluster_id) VALUES (?, ?, ?, ?)",
        ["event", articles[0].id, articles[0].events[0].id, "c1"],
    )
    con.execute("INSERT INTO inputs VALUES ('a.txt', 'coded', '', ?, NULL)", [articles[0].id])
    con.close()
    with Store(db) as store:
        for article in articles:
            assert store.article(article.id) == article
        counts = store.counts()
        assert (counts["clusters"], counts["inputs"]) == (1, 1)
        assert counts["events"] == sum(len(a.events) for a in articles)
        coded_at = store.sql("SELECT DISTINCT coded_at FROM articles").column(0).to_pylist()
        assert coded_at == [CODED_AT]
        assert "document" not in store.sql("FROM articles LIMIT 0").schema.names
        assert store.events(actor="RUSGOV").num_rows == 3
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT value FROM meta WHERE key = 'store_version'").fetchall() == [
        (str(STORE_VERSION),)
    ]
    con.close()


def test_a_read_only_server_reports_an_old_store(tmp_path: Path) -> None:
    db = tmp_path / "v3.duckdb"
    write_old_store(db, serve_data.articles(), version=3)
    with TestClient(create_app(db)) as client:
        response = client.get("/events")
        assert response.status_code == 503
        detail = response.json()["detail"]
        assert "version 3" in detail and f"tidings upgrade --db {db}" in detail
    with Store(db, read_only=True) as store, pytest.raises(StoreOutdated):
        store.article(serve_data.talks().id)


def test_tidings_upgrade_command(tmp_path: Path) -> None:
    db = tmp_path / "v3.duckdb"
    write_old_store(db, serve_data.articles(), version=3)
    result = CliRunner().invoke(app, ["upgrade", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"version {STORE_VERSION}" in result.output
    with Store(db, read_only=True) as store:
        assert store.article(serve_data.talks().id) == serve_data.talks()
