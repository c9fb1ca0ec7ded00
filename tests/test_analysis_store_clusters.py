"""Deduplicated clusters kept in a real DuckDB store, clustered incrementally across runs."""

from __future__ import annotations

import csv
import random
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from analysis_helpers import call_report, korea_report
from store_v3 import write_old_store
from tidings.analysis.brief import Selection, build
from tidings.analysis.dedup import Deduplicator
from tidings.analysis.incremental_dedup import assignments, cluster_table, update
from tidings.cli import app
from tidings.model import Article
from tidings.store import Store, StoreOutdated
from tidings.store.schema import SCHEMAS


def three_reports() -> list[Article]:
    return [
        call_report("Xinhua", "2017-09-07", 0),
        call_report("Reuters", "2017-09-08", 1),
        call_report("TASS", "2017-09-08", 2),
    ]


def event_rows(store: Store) -> list[dict]:
    return store.clusters(kind="event").to_pylist()


def assignment(store: Store) -> dict[tuple[str, str, str], str]:
    return {
        (r["kind"], r["article_id"], r["annotation_id"]): r["cluster_id"]
        for r in store.clusters().to_pylist()
    }


def test_three_outlets_reports_become_one_stored_cluster_of_three(tmp_path: Path) -> None:
    with Store(tmp_path / "t.duckdb") as store:
        store.write_many(three_reports())
        done, _ = update(store)
        rows = event_rows(store)
    assert done.added == 3 and done.clusters_written == 1
    assert len(rows) == 3 and len({r["cluster_id"] for r in rows}) == 1
    assert {r["mention_count"] for r in rows} == {3}
    assert rows[0]["outlets"] == ["Reuters", "TASS", "Xinhua"]
    assert {r["first_outlet"] for r in rows} == {"Xinhua"}
    assert {r["label"] for r in rows} == {"CONSULT"} and {r["date"] for r in rows} == {"2017-09-07"}
    assert {(r["article_id"], r["annotation_id"]) for r in rows} == {
        (a.id, "e1") for a in three_reports()
    }


def test_a_later_report_joins_the_stored_cluster_and_a_rerun_changes_nothing(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "t.duckdb") as store:
        store.write_many(three_reports())
        update(store)
        [cluster_id] = {r["cluster_id"] for r in event_rows(store)}
        store.write(call_report("AP", "2017-09-09", 1))
        done, _ = update(store)
        rows = event_rows(store)
        assert done.added == 1 and done.clusters_written == 1 and done.clusters_dropped == 0
        assert {r["cluster_id"] for r in rows} == {cluster_id}
        assert {r["mention_count"] for r in rows} == {4} and len(rows) == 4
        stamps = store.sql("SELECT DISTINCT clustered_at FROM clusters").num_rows
        again, _ = update(store)
        assert (again.added, again.written, again.clusters_written) == (0, 0, 0)
        assert store.sql("SELECT DISTINCT clustered_at FROM clusters").num_rows == stamps


def test_incremental_runs_equal_a_clustering_from_scratch(tmp_path: Path) -> None:
    articles = [
        *three_reports(),
        call_report("AP", "2017-09-09", 1),
        call_report("Reuters", "2017-10-09", 1, day="2017-10-08"),
        korea_report("Reuters"),
        korea_report("TASS", "2017-09-09"),
    ]
    random.Random(7).shuffle(articles)
    with Store(tmp_path / "steps.duckdb") as store:
        for start in range(0, len(articles), 2):  # two articles per run
            store.write_many(articles[start : start + 2])
            update(store)
        stepwise = store.clusters().drop_columns(["clustered_at"]).sort_by(_ORDER)
    with Store(tmp_path / "once.duckdb") as store:
        store.write_many(reversed(articles))
        update(store)
        once = store.clusters().drop_columns(["clustered_at"]).sort_by(_ORDER)
    dedup = Deduplicator()
    dedup.add_articles(articles)
    scratch = cluster_table([*dedup.event_clusters(), *dedup.quote_clusters()])
    scratch = scratch.drop_columns(["clustered_at"]).sort_by(_ORDER)
    assert stepwise.to_pylist() == once.to_pylist() == scratch.to_pylist()
    # one row per event and attributed quote (every quote here names its speaker)
    assert stepwise.num_rows == sum(len(a.events) + len(a.quotes) for a in articles)
    # the two Korea reports share their clusters; the two call stories stay apart
    assert len(set(stepwise.column("cluster_id").to_pylist())) < stepwise.num_rows


_ORDER = [("kind", "ascending"), ("article_id", "ascending"), ("annotation_id", "ascending")]


def test_recoding_an_article_leaves_no_stale_cluster_rows(tmp_path: Path) -> None:
    reports = three_reports()
    with Store(tmp_path / "t.duckdb") as store:
        store.write_many(reports)
        update(store)
        # TASS re-coded without its event: the cluster drops at once, in the same transaction
        store.write(replace(reports[2], events=[]))
        assert event_rows(store) == []
        done, _ = update(store)
        rows = event_rows(store)
        assert done.added == 2
        assert {r["mention_count"] for r in rows} == {2} and len(rows) == 2
        assert reports[2].id not in {r["article_id"] for r in rows}
        assert {tuple(r["outlets"]) for r in rows} == {("Reuters", "Xinhua")}
        # deleting an article drops its clusters too
        assert store.delete(reports[0].id)
        assert event_rows(store) == []
        update(store)
        [row] = event_rows(store)
        assert (row["article_id"], row["mention_count"]) == (reports[1].id, 1)
        stale = store.sql(
            "SELECT count(*) AS n FROM clusters c WHERE NOT EXISTS (SELECT 1 FROM events e "
            "WHERE e.article_id = c.article_id AND e.id = c.annotation_id) AND c.kind = 'event'"
        )
        assert stale.column("n").to_pylist() == [0]


def test_write_clusters_refuses_rows_of_unknown_events(tmp_path: Path) -> None:
    dedup = Deduplicator()
    dedup.add_articles(three_reports())
    with Store(tmp_path / "t.duckdb") as store:
        store.write(three_reports()[0])
        with pytest.raises(ValueError, match="2 cluster rows name events or quotes"):
            store.write_clusters(cluster_table(dedup.event_clusters()))
        assert store.counts()["clusters"] == 0
        # the others stored, one of them re-coded without its event: only that row is refused
        store.write_many([three_reports()[2], replace(three_reports()[1], events=[])])
        with pytest.raises(ValueError, match="1 cluster rows"):
            store.write_clusters(cluster_table(dedup.event_clusters()))


def test_cluster_filters_and_pages(tmp_path: Path) -> None:
    with Store(tmp_path / "t.duckdb") as store:
        store.write_many([*three_reports(), call_report("AP", "2017-10-09", 1, day="2017-10-08")])
        update(store)
        assert store.count("clusters", kind="event", min_mentions=3) == 3
        assert store.count("clusters", kind="event", since="2017-10-01") == 1
        assert store.clusters(outlet="TASS").column("mention_count").to_pylist() == [3]
        page, total = store.page("clusters", limit=2, offset=0, kind="event")
        assert (page.num_rows, total) == (2, 4)


def test_an_older_store_gains_the_clusters_table_when_opened_for_writing(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    write_old_store(db, three_reports(), version=2)
    with Store(db, read_only=True) as store, pytest.raises(StoreOutdated, match="tidings upgrade"):
        store.clusters()
    with Store(db) as store:
        update(store)
        assert store.clusters().schema.names == SCHEMAS["clusters"].names
        assert store.count("clusters") == 3


def test_tidings_dedup_stores_clusters_and_exports(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        store.write_many(three_reports())
    out = tmp_path / "clusters.csv"
    first = CliRunner().invoke(app, ["dedup", "--db", str(db), "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert "3 new mentions, 1 cluster written" in first.output
    with out.open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 3
    second = CliRunner().invoke(app, ["dedup", "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert "0 new mentions, 0 clusters written" in second.output
    with Store(db, read_only=True) as store:
        assert store.count("clusters", kind="event") == 3


def test_the_rest_api_pages_and_filters_stored_clusters(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from tidings.serve.app import create_app

    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        store.write_many([*three_reports(), call_report("AP", "2017-10-09", 1, day="2017-10-08")])
        update(store)
    with TestClient(create_app(db)) as client:
        first = client.get("/clusters", params={"kind": "event", "limit": 3}).json()
        assert (first["total"], len(first["items"])) == (4, 3)
        rest = client.get("/clusters", params={"kind": "event", "limit": 3, "offset": 3}).json()
        items = first["items"] + rest["items"]
        assert len({(i["article_id"], i["annotation_id"]) for i in items}) == 4
        big = client.get("/clusters", params={"min_mentions": 2}).json()["items"]
        assert {i["mention_count"] for i in big} == {3}
        assert big[0]["outlets"] == ["Reuters", "TASS", "Xinhua"]
        assert big[0]["first_published"] == "2017-09-07"
        assert client.get("/clusters", params={"since": "2017-10-01"}).json()["total"] == 1
        assert client.get("/clusters", params={"kind": "nonsense"}).status_code == 422


def test_the_brief_uses_stored_clusters_and_falls_back_without_them(tmp_path: Path) -> None:
    reports = three_reports()
    selection = Selection(topic="Merkel")
    with Store(tmp_path / "t.duckdb") as store:
        store.write_many(reports)
        assert assignments(store) == {}
        update(store)
        stored = assignments(store, [a.id for a in reports])
    [event] = build(reports, selection, stored=stored).events
    assert (event.cluster_id, event.mention_count) == (next(iter(stored.values())), 3)
    # the brief follows the stored assignment, whatever it is
    apart = {key: f"ev-{key[1]}" for key in stored}
    assert sorted(e.mention_count for e in build(reports, selection, stored=apart).events) == [
        1,
        1,
        1,
    ]
    # a mention without a stored cluster (coded after the last run): cluster on the fly
    partial = dict(list(apart.items())[:2])
    [fresh] = build(reports, selection, stored=partial).events
    assert fresh.mention_count == 3


def test_tidings_brief_reads_the_stored_clusters(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        store.write_many(three_reports())
        update(store)

    def brief() -> str:
        out = tmp_path / "brief"
        command = ["brief", "--topic", "Merkel", "--db", str(db), "--out", str(out)]
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 0, result.output
        return (tmp_path / "brief.md").read_text(encoding="utf-8")

    assert "| 3 | Reuters, TASS, Xinhua |" in brief()
    con = duckdb.connect(str(db))  # split the stored cluster: the brief must follow the store
    con.execute("UPDATE clusters SET cluster_id = 'ev-' || article_id")
    con.close()
    split = brief()
    assert "| 3 | Reuters, TASS, Xinhua |" not in split
    assert all(f"| 1 | {outlet} |" in split for outlet in ("Reuters", "TASS", "Xinhua"))
