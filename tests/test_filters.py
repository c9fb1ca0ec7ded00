"""One filter language: every filter gives the same rows from the library, the REST API and the
command line, on one real store; bad names and values are refused the same way everywhere."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import serve_data
import tidings
from tidings.analysis.incremental_dedup import update
from tidings.cli import app
from tidings.model import Actor, Article
from tidings.serve import create_app
from tidings.store import Store
from tidings.store.query import FILTERS, FilterError

FIRST = "<the value of the first row>"  # a value known only once the store exists (a hash)
TALKS = serve_data.talks().id
SHELLING = serve_data.shelling().id

#: (table, filter, value): every filter of every table the surfaces list, with a value that
#: selects some of the rows of ``serve_data``.
CASES: list[tuple[str, str, Any]] = [
    ("events", "actor", "RUS"),
    ("events", "actor", "Lavrov"),  # a surname: the name contains it
    ("events", "actor", "China"),  # a country's name
    ("events", "since", "2024-04-01"),
    ("events", "until", "2024-04-30"),
    ("events", "outlet", "Northline"),
    ("events", "text", "sanctions"),
    ("events", "article_id", TALKS),
    ("events", "source", "USA"),
    ("events", "target", "IRN"),
    ("events", "dyad", "UKRMIL,RUSMIL"),
    ("events", "type", "ASSAULT"),
    ("events", "cameo", "19"),
    ("events", "quad_class", 4),
    ("events", "factuality", "negated"),
    ("events", "min_confidence", 0.75),
    ("quotes", "actor", "Rustem Umerov"),
    ("quotes", "since", "2024-04-01"),
    ("quotes", "until", "2024-04-30"),
    ("quotes", "outlet", "Tidewire"),
    ("quotes", "text", "answer"),
    ("quotes", "article_id", SHELLING),
    ("quotes", "kind", "indirect"),
    ("articles", "actor", "IRN"),
    ("articles", "since", "2024-04-01"),
    ("articles", "until", "2024-04-30"),
    ("articles", "outlet", "Tidewire"),
    ("articles", "text", "sanctions"),
    ("articles", "article_id", TALKS),
    ("actors", "actor", "RUS"),
    ("actors", "since", "2024-04-01"),
    ("actors", "until", "2024-04-30"),
    ("actors", "outlet", "Northline"),
    ("actors", "text", "Lavrov"),
    ("actors", "article_id", TALKS),
    ("actors", "country", "RUS"),
    ("actors", "sector", "MIL"),
    ("clusters", "since", "2024-04-01"),
    ("clusters", "until", "2024-04-30"),
    ("clusters", "outlet", "Tidewire"),
    ("clusters", "article_id", TALKS),
    ("clusters", "kind", "quote"),
    ("clusters", "cluster_id", FIRST),
    ("clusters", "label", "CONSULT"),
    ("clusters", "min_mentions", 1),
]
#: Cases whose value selects every row of this small store (every cluster has one mention; the
#: actors listing counts the mentions that match, so it keeps actors with fewer mentions).
SELECT_ALL = {("clusters", "min_mentions"), ("actors", "since"), ("actors", "until")}
#: The tables the command line lists (``tidings articles``, ``events``, ``quotes``).
CLI_TABLES = {"articles", "events", "quotes"}


def key(table: str, row: dict[str, Any]) -> tuple:
    """What identifies a row of ``table`` in every surface's output."""
    if table == "articles":
        return (row["id"],)
    if table == "actors":
        return (row["name"], row["code"], row["mentions"])
    if table == "clusters":
        return (row["cluster_id"], row["article_id"], row["annotation_id"])
    return (row["article_id"], row["id"])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filters") / "filters.duckdb"
    with Store(path) as store:
        for article in serve_data.articles():
            store.write(article)
        update(store)  # stored clusters, for /clusters
    return path


@pytest.fixture(scope="module")
def client(db: Path):
    with TestClient(create_app(db)) as test_client:
        yield test_client


def test_every_filter_has_a_case() -> None:
    covered = {(table, name) for table, name, _ in CASES}
    for table in ("events", "quotes", "articles", "actors", "clusters"):
        for name in FILTERS[table].model_fields:
            assert (table, name) in covered, f"no case for the {table} filter {name!r}"


@pytest.mark.parametrize(("table", "name", "value"), CASES, ids=lambda v: str(v)[:20])
def test_same_rows_from_library_api_and_cli(
    db: Path, client: TestClient, table: str, name: str, value: Any
) -> None:
    with tidings.open_store(db) as store:
        every_row = getattr(store, table)().to_pylist()
        everything = [key(table, r) for r in every_row]
        value = every_row[0][name] if value == FIRST else value
        library = [key(table, r) for r in getattr(store, table)(**{name: value}).to_pylist()]
    assert library, f"{table} {name}={value!r} selects nothing"
    if (table, name) not in SELECT_ALL:
        assert len(library) < len(everything), f"{table} {name}={value!r} selects everything"
    response = client.get(f"/{table}", params={name: value, "limit": 1000})
    assert response.status_code == 200, response.text
    assert [key(table, r) for r in response.json()["items"]] == library
    if table in CLI_TABLES:
        option = "--" + name.replace("_", "-")
        result = CliRunner().invoke(app, [table, "--db", str(db), option, str(value), "--json"])
        assert result.exit_code == 0, result.output
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert [key(table, r) for r in rows] == library


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "CONSLUT"}, "did you mean 'CONSULT'"),
        ({"factuality": "maybe"}, "unknown factuality 'maybe'"),
        ({"quad_class": 7}, "quad_class"),
        ({"since": "yesterday"}, "not an ISO date"),
    ],
)
def test_bad_values_are_refused_alike(
    db: Path, client: TestClient, params: dict[str, Any], message: str
) -> None:
    with tidings.open_store(db) as store, pytest.raises(FilterError, match=message):
        store.events(**params)
    response = client.get("/events", params=params)
    assert response.status_code == 422 and message in response.json()["detail"]
    [(name, value)] = params.items()
    option = "--" + name.replace("_", "-")
    result = CliRunner().invoke(app, ["events", "--db", str(db), option, str(value)])
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output and result.output.count("\n") <= 2


def test_unknown_filter_names_are_refused(db: Path, client: TestClient) -> None:
    with tidings.open_store(db) as store, pytest.raises(FilterError, match="did you mean 'type'"):
        store.events(event_type="CONSULT")
    for path, params in [("/quotes", {"speaker": "Lavrov"}), ("/events", {"colour": "red"})]:
        response = client.get(path, params=params)
        assert response.status_code == 422, response.text
        assert "unknown parameter" in response.json()["detail"]


def test_the_openapi_schema_names_the_filters_of_each_table(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for table in ("events", "quotes", "articles", "actors", "clusters"):
        names = {p["name"] for p in paths[f"/{table}"]["get"]["parameters"]}
        assert names == {*FILTERS[table].model_fields, "limit", "offset"}, table


def test_an_actor_filter_matches_what_a_mention_was_called(tmp_path: Path) -> None:
    text = "ANKARA, May 2, 2024 - The Kremlin rejected a proposal from Ankara on Thursday."
    kremlin = serve_data.mention(text, "The Kremlin", "m1", serve_data.RUS_GOV, kind="metonym")
    ankara = serve_data.mention(text, "Ankara", "m2", Actor("Turkey", "TUR", "GOV"))
    rejected = serve_data.event(
        text, "e1", "REJECT", "rejected", [kremlin], [ankara], cameo="120", quad_class=3
    )
    article = Article(text, mentions=[kremlin, ankara], events=[rejected])
    with Store(tmp_path / "alias.duckdb") as store:
        store.write(article)
        for value in ("the kremlin", "RUS", "Russia", "rusgov"):
            assert store.events(actor=value).num_rows == 1, value
        assert store.events(source="Ankara").num_rows == 0
        assert store.events(target="ankara").num_rows == 1


def test_date_filters_take_periods(db: Path, client: TestClient) -> None:
    """`since`/`until` take a day or a period: a month from its first to its last day."""
    with tidings.open_store(db) as store:
        by_month = store.events(since="2024-04", until="2024-04").to_pylist()
        by_day = store.events(since="2024-04-01", until="2024-04-30").to_pylist()
    assert by_month == by_day and len(by_month) == 3
    answer = client.get("/events", params={"since": "2024-04", "until": "2024-04"}).json()
    assert answer["total"] == 3
