"""End-to-end: the dashboard in Debian's headless chromium, driven by Playwright.

Skipped (with the reason) when the ``playwright`` package or a chromium binary is missing; the
project's set-up installs both (``apt-get install chromium``; pip ``playwright``, never a
downloaded browser). Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

import serve_data
from tidings.cli import sample_corpus
from tidings.read.files import read_paths
from tidings.scale.executors import InProcess
from tidings.scale.run import code_all
from tidings.serve import create_app
from tidings.store import Store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    configured = os.environ.get("TIDINGS_CHROMIUM")
    if configured:
        return configured
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    executable = chromium_path()
    if not executable:
        pytest.skip("no chromium binary (apt-get install chromium); browser tests skipped")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


def serve_store(path: Path) -> Iterator[str]:
    """Run the dashboard over the store at ``path`` on a free loopback port; yield its URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hand-annotated articles of ``serve_data``."""
    path = tmp_path_factory.mktemp("browser") / "dashboard.duckdb"
    with Store(path) as store:
        for article in serve_data.articles():
            store.write(article)
    yield from serve_store(path)


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Iterator[str]:
    """The bundled sample corpus, coded by the full pipeline."""
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    with Store(path) as store:
        summary = code_all(read_paths([sample_corpus()]), store, InProcess(pipeline.config))
    assert summary.coded and not summary.failed, summary.failed
    yield from serve_store(path)


def test_filter_then_open_the_evidence_of_an_event(browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(f"{server}/dashboard/")
    page.wait_for_selector("body[data-ready=overview]")
    assert page.locator("#events tbody tr").count() == 7
    assert page.locator("#network-svg path.edge").count() >= 4
    assert page.locator("#timeline-svg rect.bar").count() >= 3
    assert "3 articles" in page.locator("#stats").inner_text()

    # filter: material conflict events of type ASSAULT
    page.select_option("#filters select[name=type]", "ASSAULT")
    page.select_option("#filters select[name=quad_class]", "4")
    page.click("#apply")
    page.wait_for_function("document.querySelectorAll('#events tbody tr').length === 2")
    assert page.locator("#events-count").inner_text() == "(2)"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-overview.png"), full_page=True)

    # follow the evidence link of the shelling to the article view
    page.click("#events tbody a.evidence:has-text('shelled')")
    page.wait_for_selector("body[data-ready=article]")
    assert page.locator("mark.trigger.selected").inner_text().startswith("shelled")
    assert page.locator("#article-events li.selected strong").inner_text() == "ASSAULT"
    assert page.locator("mark.ent.participant").count() == 2  # its source and target

    quote = page.locator("mark.quote", has_text="We will answer")  # label follows "answer"
    assert quote.count() == 1
    quote_id = quote.get_attribute("data-quote")
    speaker = page.locator(f"mark.speaker[data-quote='{quote_id}']")
    assert speaker.inner_text().startswith("Rustem Umerov")
    assert "Rustem Umerov" in speaker.get_attribute("title")
    assert page.locator("#article-quotes .quote-speaker").inner_text() == "Rustem Umerov"
    # time expressions and actors are highlighted too, with their codes as labels
    assert page.locator("mark.timex", has_text="Tuesday").count() == 1
    assert "UKRMIL" in page.locator("mark.ent", has_text="Ukrainian forces").inner_text()
    page.screenshot(path=str(ARTIFACTS / "dashboard-article.png"), full_page=True)

    assert not errors, errors
    assert all(url.startswith(server) or url.startswith("data:") for url in requests), requests
    page.close()


def test_api_docs_render_offline(browser, server: str) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server}/docs")
    page.wait_for_selector("text=/events", timeout=15000)
    assert page.locator(".opblock").count() >= 8  # one block per endpoint
    assert all(url.startswith(server) or url.startswith("data:") for url in requests), requests
    page.close()


def test_network_edge_filters_the_dyad(browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/dashboard/")
    page.wait_for_selector("body[data-ready=overview]")
    edge = page.locator("#network-svg path.edge[data-source='USA'][data-target='IRN']")
    edge.dispatch_event("click")  # a curved stroke: its box centre is not on the line
    page.wait_for_function("document.querySelectorAll('#events tbody tr').length === 1")
    row = page.locator("#events tbody tr")
    assert "SANCTION" in row.inner_text()
    assert page.locator("#filters input[name=source]").input_value() == "USA"
    page.close()


def test_sample_corpus_quote_and_speaker_in_the_article_view(browser, sample_server: str) -> None:
    """The sample corpus as the pipeline codes it: filter by a day, open an event's evidence,
    find a direct quote of that article highlighted with its speaker."""
    quotes = httpx.get(f"{sample_server}/quotes", params={"kind": "direct", "limit": 1000})
    with_events = {
        e["article_id"]
        for e in httpx.get(f"{sample_server}/events", params={"limit": 1000}).json()["items"]
    }
    attributed = [
        q for q in quotes.json()["items"] if q["speaker_text"] and q["article_id"] in with_events
    ]
    assert attributed, "the pipeline found no attributed direct quote in an article with events"
    quote = attributed[0]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{sample_server}/dashboard/")
    page.wait_for_selector("body[data-ready=overview]")
    day = quote["published"]
    page.fill("#filters input[name=since]", day)
    page.fill("#filters input[name=until]", day)
    page.click("#apply")
    page.wait_for_function(
        "[...document.querySelectorAll('#events tbody tr td:first-child')]"
        f".every((cell) => cell.textContent === '{day}')"
    )
    page.click(f"#events tbody tr[data-article='{quote['article_id']}'] a.evidence >> nth=0")
    page.wait_for_selector("body[data-ready=article]")
    assert page.locator("mark.trigger.selected").count() == 1
    assert page.locator(f"mark.quote[data-quote='{quote['id']}']").count() >= 1
    speaker = page.locator(f"mark.speaker[data-quote='{quote['id']}']")
    assert speaker.count() >= 1
    assert speaker.first.inner_text().startswith(quote["speaker_text"])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-sample-article.png"), full_page=True)
    page.close()


def test_map_shows_the_sample_corpus_places_and_follows_the_filters(
    browser, sample_server: str
) -> None:
    """Event places as circles on the shipped world outline, re-drawn with the filters."""
    everywhere = httpx.get(f"{sample_server}/places", params={"limit": 1000}).json()["items"]
    consult = httpx.get(f"{sample_server}/places", params={"type": "CONSULT"}).json()["items"]
    assert everywhere and consult and len(consult) < len(everywhere)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{sample_server}/dashboard/")
    page.wait_for_selector("body[data-ready=overview]")
    assert page.locator("#map-svg path.land").count() == 1
    circles = page.locator("#map-svg circle.place")
    assert circles.count() == len(everywhere)
    busiest = everywhere[0]
    top = page.locator(f"#map-svg circle.place[data-place='{busiest['name']}']")
    assert top.get_attribute("data-count") == str(busiest["count"])
    assert float(top.get_attribute("cx")) == pytest.approx(busiest["longitude"])
    assert float(top.get_attribute("cy")) == pytest.approx(-busiest["latitude"])
    page.select_option("#filters select[name=type]", "CONSULT")
    page.click("#apply")
    page.wait_for_function(
        f"document.querySelectorAll('#map-svg circle.place').length === {len(consult)}"
    )
    shown = {c.get_attribute("data-place") for c in circles.all()}
    assert shown == {p["name"] for p in consult}
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#map-panel").screenshot(path=str(ARTIFACTS / "dashboard-map.png"))
    assert all(url.startswith(sample_server) or url.startswith("data:") for url in requests)
    page.close()


def test_the_month_axis_is_continuous(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/dashboard/")
    page.wait_for_selector("body[data-ready=overview]")
    months = page.evaluate(
        "continuousMonths([{month: '2016-11'}, {month: '2017-03'}]).map((r) => r.month)"
    )
    assert months == ["2016-11", "2016-12", "2017-01", "2017-02", "2017-03"]
    shown = page.locator("#timeline-svg").get_attribute("data-months").split()
    assert shown == ["2024-03", "2024-04", "2024-05"]
    page.close()
