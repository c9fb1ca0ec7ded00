"""The store follows the data model: a field added to ``Event`` reaches the store, the Parquet and
CSV exports and the REST rows with no other file edited."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

import serve_data
from tidings import model
from tidings.model import Article, Event, Quote
from tidings.serve import create_app
from tidings.store import Store
from tidings.store.schema import SCHEMAS


@dataclass(slots=True)
class RatedEvent(Event):
    """``Event`` with one more field, as a developer would add it to ``model.py``."""

    salience: float | None = None


def rated(article: Article, salience: float) -> Article:
    article.events = [
        RatedEvent(**{f.name: getattr(e, f.name) for f in fields(Event)}, salience=salience)
        for e in article.events
    ]
    return article


@pytest.fixture
def model_with_a_new_event_field(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "Event", RatedEvent)


@pytest.mark.usefixtures("model_with_a_new_event_field")
def test_a_new_event_field_reaches_store_exports_and_api(tmp_path: Path) -> None:
    article = rated(serve_data.talks(), 0.75)
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        store.write(article)
        assert store.article(article.id) == article
        assert store.events().column("salience").to_pylist() == [0.75, 0.75]
        store.export("parquet", tmp_path / "pq")
        store.export("csv", tmp_path / "csv")
    assert pq.read_table(tmp_path / "pq" / "events.parquet").column("salience").to_pylist() == [
        0.75,
        0.75,
    ]
    csv_rows = pcsv.read_csv(tmp_path / "csv" / "events.csv")
    assert csv_rows.column("salience").to_pylist() == [0.75, 0.75]
    with TestClient(create_app(db)) as client:
        items = client.get("/events").json()["items"]
        assert [item["salience"] for item in items] == [0.75, 0.75]
        assert client.get(f"/articles/{article.id}").json()["events"][0]["salience"] == 0.75


def test_a_store_gains_the_new_field_when_opened_for_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "t.duckdb"
    before = serve_data.talks()
    with Store(db) as store:
        store.write(before)
    monkeypatch.setattr(model, "Event", RatedEvent)
    with Store(db) as store:
        old = store.article(before.id)
        assert [e.salience for e in old.events] == [None, None]  # the field's default
        later = rated(serve_data.shelling(), 0.5)
        store.write(later)
        assert set(store.events(article_id=later.id).column("salience").to_pylist()) == {0.5}
        assert set(store.events(article_id=before.id).column("salience").to_pylist()) == {None}


@dataclass(slots=True)
class ClashingQuote(Quote):
    speaker_name: str = ""  # the column of the resolved speaker's name already


def test_a_field_that_clashes_with_a_column_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "Quote", ClashingQuote)
    with pytest.raises(TypeError, match="speaker_name"):
        SCHEMAS["quotes"]
