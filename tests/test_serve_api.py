"""The REST service through a real HTTP client against a real store file."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import schemathesis
import spacy
import uvicorn
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import serve_data
from tidings.pipeline import Pipeline, PipelineConfig
from tidings.serve import UnsafeConfiguration, WritePolicy, create_app, write_policy
from tidings.store import Store

TOKEN = "test-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def light_pipeline() -> Pipeline:
    """A real Pipeline on a blank English model: exercises the HTTP path without model loads."""
    return Pipeline(PipelineConfig(stages=()), nlp_model=spacy.blank("en"))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "api.duckdb"
    with Store(path) as store:
        for article in serve_data.articles():
            store.write(article)
    return path


@pytest.fixture
def client(store_path: Path):
    app = create_app(
        store_path, policy=WritePolicy(enabled=True, token=TOKEN), pipeline_factory=light_pipeline
    )
    with TestClient(app) as test_client:
        yield test_client


def test_event_filters(client: TestClient) -> None:
    def total(**params) -> int:
        response = client.get("/events", params=params)
        assert response.status_code == 200, response.text
        return response.json()["total"]

    assert total() == 7
    assert total(actor="RUS") == 5
    assert total(type="ASSAULT", factuality="negated") == 1
    assert total(quad_class=[3, 4]) == 5
    assert total(dyad="UKRMIL,RUSMIL") == 1
    assert total(source="USA", target="IRN") == 1
    assert total(since="2024-04-01", until="2024-04-30") == 3
    assert total(outlet="Northline") == 3
    assert total(text="sanctions") == 1
    assert total(cameo="19") == 2
    item = client.get("/events", params={"type": "CONSULT"}).json()["items"][0]
    assert item["source"] == "RUSGOV" and item["target"] == "CHNGOV"
    assert item["trigger_text"] == "met" and item["published"] == "2024-03-04"


def test_pagination_covers_every_row_once(client: TestClient) -> None:
    seen: list[tuple[str, str]] = []
    for offset in range(0, 8, 3):
        page = client.get("/events", params={"limit": 3, "offset": offset}).json()
        assert page["total"] == 7 and page["limit"] == 3 and page["offset"] == offset
        seen += [(e["article_id"], e["id"]) for e in page["items"]]
    assert len(seen) == len(set(seen)) == 7
    assert client.get("/events", params={"limit": 0}).json()["items"] == []


def test_other_read_endpoints(client: TestClient) -> None:
    articles = client.get("/articles", params={"outlet": "Tidewire"}).json()
    assert articles["total"] == 2 and "text" not in articles["items"][0]
    talks = serve_data.talks()
    full = client.get(f"/articles/{talks.id}").json()
    assert full["text"] == talks.text and full["quotes"][0]["speaker"]["text"] == "Lavrov"
    quotes = client.get("/quotes", params={"actor": "Rustem Umerov"}).json()
    assert quotes["total"] == 1 and quotes["items"][0]["kind"] == "direct"
    actors = client.get("/actors", params={"country": "RUS"}).json()["items"]
    assert {a["code"] for a in actors} == {"RUSGOV", "RUSMIL"}
    dyads = client.get("/dyads", params={"level": "actor", "quad_class": 4}).json()["items"]
    assert {(d["source"], d["target"]) for d in dyads} == {
        ("UKRMIL", "RUSMIL"),
        ("RUSGOV", None),
        ("USAGOV", "IRNBUS"),
    }
    agg = client.get("/aggregates", params={"by": "month", "measures": ["count"]}).json()
    assert [r["count"] for r in agg["items"]] == [2, 3, 2]
    stats = client.get("/stats").json()
    assert stats["counts"]["events"] == 7 and stats["first"] == "2024-03-04"


def test_errors_are_json(client: TestClient) -> None:
    missing = client.get("/articles/ffffffffffffffff")
    assert missing.status_code == 404 and "no article" in missing.json()["detail"]
    assert client.get("/no/such/path").json() == {"detail": "Not Found"}
    for params in (
        {"since": "yesterday"},
        {"quad_class": 9},
        {"limit": -1},
        {"limit": 5000},
        {"factuality": "certain"},
        {"dyad": "RUS"},
        {"cameo": "drop table"},
    ):
        response = client.get("/events", params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"] == "application/json"
        assert response.json()["detail"]
    bad_group = client.get("/aggregates", params={"by": "colour"})
    assert bad_group.status_code == 422


def test_writes_need_the_token(client: TestClient) -> None:
    body = {"text": "ATHENS, March 27 - Greece and Turkey agreed to resume talks."}
    assert client.post("/articles", json=body).status_code == 401
    wrong = client.post("/articles", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert client.delete(f"/articles/{serve_data.talks().id}").status_code == 401
    assert client.get("/events").json()["total"] == 7


def test_post_codes_and_stores_an_article(client: TestClient) -> None:
    body = {
        "text": "ATHENS, March 27 - Greece and Turkey agreed to resume talks on Friday.",
        "published": "2024-03-27",
        "source": "https://example.org/athens",
    }
    response = client.post("/articles", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    coded = response.json()
    assert coded["stored"] is True and coded["published"] == "2024-03-27"
    assert coded["dateline_place"] == "Athens" and coded["schema_version"] == 1
    stored = client.get(f"/articles/{coded['id']}").json()
    assert stored["text"] == body["text"] and stored["source"] == body["source"]
    assert client.get("/articles").json()["total"] == 4
    assert client.delete(f"/articles/{coded['id']}", headers=AUTH).json() == {
        "deleted": coded["id"]
    }
    assert client.get("/articles").json()["total"] == 3
    dry = client.post("/articles", json={**body, "store": False}, headers=AUTH)
    assert dry.status_code == 201 and dry.json()["stored"] is False
    assert client.get("/articles").json()["total"] == 3


def test_post_reads_html_pages(client: TestClient) -> None:
    page = (
        "<html><head><title>Talks resume | Harbour Post</title></head><body>"
        "<nav>Home | World | Subscribe</nav><article><h1>Talks resume</h1>"
        "<p>ANKARA, June 3 (Harbour Post) - Turkish and Greek diplomats met in Ankara on "
        "Monday to resume talks on maritime borders, officials said.</p>"
        "<p>Both sides agreed to meet again next month.</p></article></body></html>"
    )
    body = {"html": page, "published": "2024-06-03", "store": False}
    response = client.post("/articles", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    coded = response.json()
    assert "diplomats met in Ankara" in coded["text"] and "Subscribe" not in coded["text"]
    assert coded["published"] == "2024-06-03"
    empty = client.post("/articles", json={"html": "<html><body></body></html>"}, headers=AUTH)
    assert empty.status_code == 422 and "HTML page" in empty.json()["detail"]


def test_malformed_bodies_are_422(client: TestClient) -> None:
    for body in (
        {},
        {"text": ""},
        {"text": "x", "colour": "red"},
        {"text": 5},
        [],
        {"text": "x", "html": "<p>x</p>"},
    ):
        assert client.post("/articles", json=body, headers=AUTH).status_code == 422, body
    broken = client.post(
        "/articles",
        content=b'{"text": ',
        headers={**AUTH, "content-type": "application/json"},
    )
    assert broken.status_code == 422


def test_oversized_bodies_are_413(client: TestClient) -> None:
    big = b'{"text": "' + b"x" * 2_100_000 + b'"}'
    declared = client.post(
        "/articles", content=big, headers={**AUTH, "content-type": "application/json"}
    )
    assert declared.status_code == 413 and "too large" in declared.json()["detail"]

    def chunks():
        yield b'{"text": "'
        for _ in range(25):
            yield b"x" * 100_000

    streamed = client.post(
        "/articles", content=chunks(), headers={**AUTH, "content-type": "application/json"}
    )
    assert streamed.status_code == 413


def test_read_only_server_refuses_writes(store_path: Path) -> None:
    with TestClient(create_app(store_path)) as client:
        response = client.post("/articles", json={"text": "x"}, headers=AUTH)
        assert response.status_code == 403 and "read-only" in response.json()["detail"]
        assert client.get("/events").json()["total"] == 7


def test_write_policy() -> None:
    with pytest.raises(UnsafeConfiguration, match="without a token"):
        write_policy("0.0.0.0", write=True, token=None)
    policy, generated = write_policy("127.0.0.1", write=True, token=None)
    assert generated and policy.enabled and len(policy.token) >= 24
    policy, generated = write_policy("0.0.0.0", write=True, token="secret")
    assert not generated and policy.allows("Bearer secret") and not policy.allows("Bearer x")
    assert not policy.allows("Basic secret") and not policy.allows(None)
    policy, _ = write_policy("::1", write=False, token=None)
    assert not policy.enabled


def test_generated_requests_never_cause_a_server_error(store_path: Path) -> None:
    """A few hundred schema-derived requests, most of them malformed: never a 500."""
    app = create_app(
        store_path, policy=WritePolicy(enabled=True, token=TOKEN), pipeline_factory=light_pipeline
    )
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.label for op in operations} >= {"GET /events", "POST /articles"}
    modes = (schemathesis.GenerationMode.NEGATIVE, schemathesis.GenerationMode.POSITIVE)
    cases = st.one_of([op.as_strategy(generation_mode=mode) for op in operations for mode in modes])
    statuses: list[int] = []

    @settings(
        max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(case=cases, authorised=st.booleans())
    def call(case, authorised: bool) -> None:
        response = case.call(headers=AUTH if authorised else None)
        statuses.append(response.status_code)
        assert response.status_code < 500, (case.method, case.path, response.text)
        [content_type] = response.headers["content-type"]  # schemathesis: name -> values
        assert content_type.startswith(("application/json", "text/html")), content_type

    call()
    assert len(statuses) >= 200
    assert any(400 <= s < 500 for s in statuses) and any(s < 300 for s in statuses)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _running_server(store_path: Path) -> Iterator[str]:
    """uvicorn serving the store on a real loopback socket, as `tidings serve` runs it; yields
    its base URL."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(store_path), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_real_server_on_loopback(store_path: Path) -> None:
    """uvicorn on a real socket, as `tidings serve` runs it."""
    with _running_server(store_path) as url, httpx.Client(base_url=url) as http:
        assert http.get("/events", params={"actor": "IRN"}).json()["total"] == 2
        assert http.get("/openapi.json").json()["info"]["title"] == "tidings"
        assert http.get("/docs").status_code == 200


_BATCH = """
import sys
sys.path[:0] = {paths!r}
import serve_data
from tidings.model import content_id
from tidings.store import Store
with Store(sys.argv[1]) as store:
    for n in range(20):
        article = serve_data.shelling()
        article.text += " " + "Calm returned." * (n + 1)  # offsets kept, a new article id
        article.id = content_id(article.text)
        store.write(article)
        store.record_input(f"batch-{{n}}.txt", "coded", article_id=article.id)
"""


def test_server_keeps_answering_while_a_batch_codes_into_its_store(
    store_path: Path, tmp_path: Path
) -> None:
    """`tidings serve` and a coding batch on one DuckDB file: no errors, no lost writes."""
    script = tmp_path / "batch.py"
    script.write_text(_BATCH.format(paths=[str(Path(__file__).parent), *sys.path]))
    with _running_server(store_path) as url, httpx.Client(base_url=url, timeout=60) as http:
        batch = subprocess.Popen(
            [sys.executable, str(script), str(store_path)], text=True, stderr=subprocess.PIPE
        )
        totals = []
        while batch.poll() is None:
            response = http.get("/events", params={"actor": "UKR"})
            assert response.status_code == 200, response.text
            totals.append(response.json()["total"])
        assert batch.returncode == 0, batch.stderr.read()
        final = http.get("/events", params={"actor": "UKR"}).json()["total"]
    assert totals and totals == sorted(totals)  # never a half-written article
    assert final == 2 + 20 * 2  # each shelling report has two UKR events


def test_articles_show_a_local_source_by_its_file_name(tmp_path: Path) -> None:
    path = tmp_path / "paths.duckdb"
    article = serve_data.talks()
    article.source = "/home/analyst/wires/2024/talks.txt"
    with Store(path) as store:
        store.write(article)
        store.write(serve_data.sanctions())  # its source is relative: shown as given
    with TestClient(create_app(path)) as client:
        listed = {a["id"]: a["source"] for a in client.get("/articles").json()["items"]}
        assert listed[article.id] == "talks.txt"
        assert listed[serve_data.sanctions().id] == serve_data.sanctions().source
        assert client.get(f"/articles/{article.id}").json()["source"] == "talks.txt"
        event = client.get("/events", params={"article_id": article.id}).json()["items"][0]
        assert event["article_source"] == "talks.txt"
    with TestClient(create_app(path, full_paths=True)) as client:
        full = client.get(f"/articles/{article.id}").json()
        assert full["source"] == "/home/analyst/wires/2024/talks.txt"


def test_an_internal_error_is_a_logged_500_not_a_422(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args, **kwargs):
        raise ValueError("a bug, not the client's fault")

    monkeypatch.setattr(Store, "page", broken)
    with TestClient(create_app(store_path), raise_server_exceptions=False) as client:
        response = client.get("/events")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error: ValueError"}
    assert "GET /events failed" in caplog.text and "a bug" in caplog.text
