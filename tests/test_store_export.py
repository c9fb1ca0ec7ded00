"""Exports: Parquet round trip, CSV/JSONL tables, PLOVER records and the GDELT-style TSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

import serve_data
import tidings
from tidings.analysis.incremental_dedup import update
from tidings.model import Place, SkippedExpression, content_id
from tidings.store import Store
from tidings.store.export import GDELT_COLUMNS
from tidings.store.schema import SCHEMAS
from tidings.store.tone import tone


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "t.duckdb"
    articles = serve_data.articles()
    monday = serve_data.at(articles[0].text, "Monday")
    articles[0].skipped_expressions.append(
        SkippedExpression(monday.start, monday.end, monday.text, stage="time", error="ValueError")
    )
    with Store(path) as store:
        for article in articles:
            store.write(article)
        store.record_input("talks.txt", "coded", article_id=serve_data.talks().id)
        update(store)
    return path


def test_parquet_round_trip_equals_the_store(store_path: Path, tmp_path: Path) -> None:
    with tidings.open_store(store_path) as s:
        written = s.export("parquet", tmp_path / "out")
        assert sorted(p.name for p in written) == sorted(f"{t}.parquet" for t in SCHEMAS)
        for table in SCHEMAS:
            key = {
                "articles": ["id"],
                "inputs": ["source"],
                "clusters": ["kind", "article_id", "annotation_id"],
                "skipped_expressions": ["article_id", "start"],
            }.get(table, ["article_id", "id"])
            order = [(k, "ascending") for k in key]
            stored = s.sql(f"SELECT * FROM {table}").sort_by(order)
            exported = pq.read_table(tmp_path / "out" / f"{table}.parquet").sort_by(order)
            assert exported.column_names == stored.column_names
            assert exported.num_rows == stored.num_rows > 0
            # equal values (timestamps compare as instants: 'UTC' and 'Etc/UTC' are one zone)
            assert exported.to_pylist() == stored.to_pylist(), table


def test_csv_and_jsonl_tables(store_path: Path, tmp_path: Path) -> None:
    with tidings.open_store(store_path) as s:
        s.export("csv", tmp_path / "csv")
        s.export("jsonl", tmp_path / "jsonl")
    with (tmp_path / "csv" / "events.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == SCHEMAS["events"].names
    agree = next(r for r in rows if r["type"] == "AGREE")
    assert [p["code"] for p in json.loads(agree["sources"])] == ["CHNGOV", "RUSGOV"]
    lines = (tmp_path / "jsonl" / "quotes.jsonl").read_text().splitlines()
    quotes = [json.loads(line) for line in lines]
    assert {q["speaker_name"] for q in quotes} == {"Sergei Lavrov", "Rustem Umerov", "Iran"}


def test_plover_records(store_path: Path, tmp_path: Path) -> None:
    with tidings.open_store(store_path) as s:
        [path] = s.export("plover", tmp_path / "events.jsonl", type="CONSULT")
    [record] = [json.loads(line) for line in path.read_text().splitlines()]
    article = serve_data.talks()
    assert record["event"] == "CONSULT" and record["mode"] == "visit"
    assert record["source"][0]["actorText"] == "Sergei Lavrov"
    assert (record["source"][0]["code"], record["source"][0]["sector"]) == ("RUS", "GOV")
    assert record["target"][0]["name"] == "Wang Yi"
    assert record["eventText"] == "met" and "Moscow on Monday" in record["text"]
    start, end = record["offsets"]["trigger"]
    assert article.text[start:end] == "met"
    assert record["date"] == "2024-03-04" and record["publication"] == "Tidewire"
    assert record["id"] == f"{article.id}-e1"


def test_gdelt_tsv_has_the_documented_columns(store_path: Path, tmp_path: Path) -> None:
    with tidings.open_store(store_path) as s:
        [path] = s.export("gdelt", tmp_path / "gdelt")
    with path.open(newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader)
        rows = [dict(zip(header, r, strict=True)) for r in reader]
    assert tuple(header) == GDELT_COLUMNS and len(header) == 61
    consult = next(r for r in rows if r["EventCode"] == "043")
    assert consult["SQLDATE"] == "20240304" and consult["MonthYear"] == "202403"
    assert (consult["Actor1Code"], consult["Actor2Code"]) == ("RUSGOV", "CHNGOV")
    assert consult["Actor1Name"] == "SERGEI LAVROV" and consult["Actor1CountryCode"] == "RUS"
    assert consult["EventBaseCode"] == "043" and consult["EventRootCode"] == "04"
    assert consult["QuadClass"] == "1" and float(consult["GoldsteinScale"]) == 2.8
    assert consult["ActionGeo_FullName"] == "Moscow" and consult["ActionGeo_Type"] == "4"
    assert consult["ActionGeo_FeatureID"] == "524901"
    assert consult["SOURCEURL"] == "talks.txt" and consult["IsRootEvent"] == "1"
    assert (consult["NumMentions"], consult["NumArticles"]) == ("1", "1")
    # the AGREE event with two sources and no target: one row per source
    agree = [r for r in rows if r["EventCode"] == "057"]
    assert sorted(r["Actor1Code"] for r in agree) == ["CHNGOV", "RUSGOV"]
    assert all(r["Actor2Code"] == "" for r in agree)
    # the threat is in the second paragraph: not a root event; the shelling leads its article
    threat = next(r for r in rows if r["EventCode"] == "138")
    assert threat["IsRootEvent"] == "0"
    assert next(r for r in rows if r["EventCode"] == "195")["IsRootEvent"] == "1"


def test_gdelt_collapses_the_same_event_from_several_articles(tmp_path: Path) -> None:
    first = serve_data.sanctions()
    second = serve_data.sanctions()
    second.text += " Oil prices rose."  # offsets unchanged, another article id
    second.id = content_id(second.text)
    second.outlet = "Northline"
    second.source = "other.txt"
    with Store(tmp_path / "s.duckdb") as store:
        store.write(first)
        store.write(second)
        [path] = store.export("gdelt", tmp_path / "g.tsv")
    rows = list(csv.DictReader(path.open(newline=""), delimiter="\t"))
    sanction = [r for r in rows if r["EventCode"] == "163"]
    assert len(sanction) == 1
    assert (sanction[0]["NumArticles"], sanction[0]["NumSources"]) == ("2", "2")


def test_unknown_format_and_misplaced_filters(store_path: Path, tmp_path: Path) -> None:
    with tidings.open_store(store_path) as s:
        with pytest.raises(ValueError, match="unknown export format"):
            s.export("xlsx", tmp_path / "x")
        with pytest.raises(ValueError, match="filters apply"):
            s.export("csv", tmp_path / "x", actor="RUS")


def _csv_column_types(folder: Path) -> dict[str, dict[str, str]]:
    package = json.loads((folder / "datapackage.json").read_text())
    return {
        r["name"]: {f["name"]: f["type"] for f in r["schema"]["fields"]}
        for r in package["resources"]
    }


def test_csv_codes_stay_text_with_the_datapackage(store_path: Path, tmp_path: Path) -> None:
    with tidings.open_store(store_path) as s:
        written = s.export("csv", tmp_path / "csv")
    assert tmp_path / "csv" / "datapackage.json" in written
    types = _csv_column_types(tmp_path / "csv")
    assert list(types["events"]) == SCHEMAS["events"].names
    assert (types["events"]["cameo"], types["events"]["quad_class"]) == ("string", "integer")
    text_columns = [name for name, kind in types["events"].items() if kind == "string"]
    options = pcsv.ConvertOptions(column_types={name: pa.string() for name in text_columns})
    events = pcsv.read_csv(tmp_path / "csv" / "events.csv", convert_options=options)
    assert "043" in events.column("cameo").to_pylist()  # CONSULT: not 43
    raw = (tmp_path / "csv" / "events.csv").read_text()
    assert '"043"' in raw  # quoted, for readers that honour quotes (DuckDB, spreadsheets)
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(tmp_path / "csv" / "events.csv", dtype=dict.fromkeys(text_columns, str))
    assert "043" in frame["cameo"].tolist()


def test_gdelt_action_place_falls_back_to_the_dateline(tmp_path: Path) -> None:
    article = serve_data.talks()
    dateline = serve_data.at(article.text, "MOSCOW")
    article.places.append(
        Place(
            dateline.start,
            dateline.end,
            dateline.text,
            id="p2",
            name="Moscow",
            country="RUS",
            latitude=55.75,
            longitude=37.62,
            geonames_id=524901,
            feature="city",
        )
    )
    unplaced = serve_data.sanctions()  # a dateline place name but no resolved place in it
    with Store(tmp_path / "s.duckdb") as store:
        store.write_many([article, unplaced])
        [path] = store.export("gdelt", tmp_path / "g.tsv")
    rows = list(csv.DictReader(path.open(newline=""), delimiter="\t"))
    agree = [r for r in rows if r["EventCode"] == "057"]  # no place of its own
    assert agree and all(r["ActionGeo_FullName"] == "Moscow" for r in agree)
    assert all(r["ActionGeo_Lat"] == "55.75" and r["ActionGeo_CountryCode"] == "RUS" for r in agree)
    sanction = next(r for r in rows if r["EventCode"] == "163")
    assert sanction["ActionGeo_FullName"] == ""


def test_gdelt_avg_tone_averages_its_articles(tmp_path: Path) -> None:
    first = serve_data.sanctions()
    second = serve_data.sanctions()
    second.text += " Officials praised the welcome, peaceful and constructive agreement."
    second.id = content_id(second.text)
    second.outlet = "Northline"
    with Store(tmp_path / "s.duckdb") as store:
        store.write_many([first, second])
        [path] = store.export("gdelt", tmp_path / "g.tsv")
    [row] = [
        r for r in csv.DictReader(path.open(newline=""), delimiter="\t") if r["EventCode"] == "163"
    ]
    expected = (tone(first.text) + tone(second.text)) / 2
    assert float(row["AvgTone"]) == pytest.approx(expected, abs=1e-3)
    assert tone(second.text) > tone(first.text)


def test_tone_scale() -> None:
    assert tone("The talks were a great success and both sides were delighted.") > 20
    assert tone("The attack killed civilians and destroyed homes in a brutal assault.") < -20
    assert tone("The committee met on Tuesday.") == 0
